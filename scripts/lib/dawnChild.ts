// Node scripts that use WebGPU through Dawn, outside vitest: Dawn reads LD_LIBRARY_PATH once, at
// process start, so a script re-runs itself in a child with the driver environment in place
// (dawnEnv.ts's dawnRespawnEnv). Where the environment is already settled (ALEXNET_DAWN_ENV: the GPU
// kit's run.sh sets it, and so does the first re-spawn) or the machine has a GPU, it runs as it is.

import { spawn } from 'node:child_process';
import { DAWN_ENV_MARKER, dawnRespawnEnv, swiftShaderEnv } from './dawnEnv';

/**
 * The environment to re-run this script with, or null to go on in this process. `adapter`
 * 'software' forces SwiftShader (unless the environment is already settled), 'gpu' the environment
 * as it is; undefined decides as dawnRespawnEnv does.
 */
export function dawnChildEnv(adapter?: 'gpu' | 'software'): NodeJS.ProcessEnv | null {
  if (adapter === 'gpu') return null;
  if (adapter === 'software' && !process.env[DAWN_ENV_MARKER]) {
    return { ...swiftShaderEnv(), [DAWN_ENV_MARKER]: 'swiftshader' };
  }
  return dawnRespawnEnv();
}

/**
 * Re-runs the current script (same Node flags, so tsx's loader too, same arguments) with `env`.
 * Resolves with the child's exit code; SIGINT/SIGTERM are passed on. `killAfterMs` ends a child
 * that overstays its time (it should stop on its own, see --budget).
 */
export function runDawnChild(env: NodeJS.ProcessEnv, killAfterMs?: number): Promise<number> {
  const script = process.argv[1];
  if (!script) throw new Error('No script path in process.argv.');
  const child = spawn(process.execPath, [...process.execArgv, script, ...process.argv.slice(2)], {
    env,
    stdio: 'inherit',
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const timer =
    killAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          console.error('The script overstayed its budget: stopping it.');
          child.kill('SIGTERM');
        }, killAfterMs);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}
