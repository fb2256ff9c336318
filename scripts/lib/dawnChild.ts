// Node scripts that use WebGPU through Dawn re-run themselves in a child process with the driver
// environment in place (Dawn reads LD_LIBRARY_PATH once, at process start; see dawnEnv.ts).

import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { swiftShaderEnv } from './dawnEnv';

const CHILD_MARK = 'ALEXNET_DAWN_CHILD';

/** True inside the child that runDawnChild started. */
export function isDawnChild(): boolean {
  return process.env[CHILD_MARK] === '1';
}

/** A Linux GPU shows up as a DRM render node or an NVIDIA device node. */
export function machineHasGpu(): boolean {
  if (existsSync('/dev/nvidia0')) return true;
  try {
    return readdirSync('/dev/dri').some((name) => name.startsWith('renderD'));
  } catch {
    return false;
  }
}

/**
 * Re-runs the current script (same Node flags, so tsx's loader too, same arguments) in a child:
 * with SwiftShader's environment when `software`, else with the environment as it is (a machine
 * with a GPU has its Vulkan driver on the default paths, or a GPU kit sets VK_ICD_FILENAMES).
 * Resolves with the child's exit code; SIGINT/SIGTERM are passed on. `killAfterMs` ends a child
 * that overstays its time (it should stop on its own, see --budget).
 */
export function runDawnChild(opts: { software: boolean; killAfterMs?: number }): Promise<number> {
  const env = { ...(opts.software ? swiftShaderEnv() : process.env), [CHILD_MARK]: '1' };
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
    opts.killAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          console.error('The benchmark overstayed its budget: stopping it.');
          child.kill('SIGTERM');
        }, opts.killAfterMs);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}
