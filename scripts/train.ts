// npm run train -- [--model alexnet] [--epochs 5] [--batch 128] [--lr 0.001] [--train 60000]
//                  [--test 10000] [--seed 42] [--augment] [--backend webgpu|cpu] [--kernels own|stock]
//                  [--data DIR] [--out FILE.json] [--max-steps N] [--budget SECONDS]
//
// The app's Trainer without a browser: WebGPU through Dawn (the machine's GPU when it has one,
// else Chromium's SwiftShader), or tfjs's CPU backend. Options and their defaults: train/options.ts.
// Exit codes: 0 finished (or stopped by --budget / --max-steps), 1 failed, 2 bad options,
// 130 interrupted (Ctrl-C).

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dawnRespawnEnv } from './lib/dawnEnv';
import { defaultDataDirs } from './train/loadData';
import { OptionError, USAGE, parseTrainOptions, type TrainOptions } from './train/options';
import { ProgressPrinter } from './train/progressPrinter';
import type { TrainReport } from './train/report';
import { runTraining } from './train/runTraining';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function parseOrExit(): TrainOptions {
  try {
    const command = parseTrainOptions(process.argv.slice(2));
    if (command.kind === 'help') {
      console.log(USAGE);
      process.exit(0);
    }
    return command.options;
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    console.error(`npm run train: ${error.message}\nSee npm run train -- --help.`);
    process.exit(2);
  }
}

/** Dawn reads LD_LIBRARY_PATH at process start: run again in a child that has SwiftShader's. */
function respawn(env: NodeJS.ProcessEnv): void {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env,
    stdio: 'inherit',
  });
  // Ctrl-C reaches the child directly (same process group): this process only waits for it.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
}

async function main(options: TrainOptions): Promise<void> {
  const printer = new ProgressPrinter(process.stdout);
  let stopRequestedAt: number | undefined;
  let report: TrainReport | undefined;
  process.on('SIGINT', () => {
    // One Ctrl-C can arrive twice: from the terminal and relayed by npm. Only a later one counts.
    if (stopRequestedAt !== undefined && performance.now() - stopRequestedAt > 1000) {
      printer.log('Interrupted again: quitting now.');
      if (report) {
        report.content.status = 'stopped';
        report.write();
      }
      process.exit(130);
    }
    if (stopRequestedAt !== undefined) return;
    stopRequestedAt = performance.now();
    printer.log('Stopping after this step (Ctrl-C again to quit at once)...');
  });
  const outcome = await runTraining(options, {
    printer,
    dataFallbacks: defaultDataDirs(repoRoot),
    stopRequested: () => stopRequestedAt !== undefined,
    onReport: (r) => (report = r),
  });
  if (options.out) printer.log(`Wrote ${options.out}`);
  const codes = { finished: 0, budget: 0, 'max-steps': 0, stopped: 130, failed: 1, running: 1 };
  process.exit(codes[outcome.status]);
}

const options = parseOrExit();
const childEnv = options.backend === 'webgpu' ? dawnRespawnEnv() : null;
if (childEnv) respawn(childEnv);
else await main(options);
