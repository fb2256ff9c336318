// npm run twin -- --model alexnet-mini --preset beat-the-reference --seed 1 --max-steps 100 --out trace.json
//
// Traces the first --max-steps steps of the app's Trainer (twin/traceRun.ts) for PyTorch to replay:
// python3 scripts/reference/twin_torch.py trace.json. Takes `npm run train`'s options, but runs on
// tfjs's CPU backend unless given --backend webgpu (Dawn: the GPU, else SwiftShader, re-run with its
// environment as `npm run train` does); --max-steps (at most one epoch) and --out are required, and
// the recipe must draw nothing inside a step (no dropout, no augmentation). Exit codes: 0 written,
// 1 failed, 2 bad options.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { DataError } from '../src/data/manifest';
import { Engine } from '../src/engine/engine';
import { dawnChildEnv, runDawnChild } from './lib/dawnChild';
import { installDawn } from './lib/dawnNode';
import { defaultDataDirs, loadData } from './train/loadData';
import { OptionError, parseTrainOptions, type TrainOptions } from './train/options';
import { TraceError, traceRun } from './twin/traceRun';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function parseOrExit(): TrainOptions & { maxSteps: number; out: string } {
  try {
    const command = parseTrainOptions(['--backend', 'cpu', ...process.argv.slice(2)]);
    if (command.kind === 'help')
      throw new OptionError('see the comment at the top of scripts/twin.ts');
    const { options } = command;
    if (options.maxSteps === undefined || options.out === undefined) {
      throw new OptionError('--max-steps N and --out FILE.json are required.');
    }
    return { ...options, maxSteps: options.maxSteps, out: options.out };
  } catch (error) {
    if (!(error instanceof OptionError)) throw error;
    console.error(`npm run twin: ${error.message}`);
    process.exit(2);
  }
}

const options = parseOrExit();
const childEnv = options.backend === 'webgpu' ? dawnChildEnv() : null;
if (childEnv) process.exit(await runDawnChild(childEnv));
if (options.backend === 'webgpu') await installDawn();
tf.enableProdMode();
const engine = await Engine.start({ backend: options.backend, kernels: options.kernels });
console.log(`Backend: ${engine.info.name}, ${engine.kernels} kernels`);
try {
  const { config } = options;
  const data = loadData(
    options.dataDir,
    { train: config.trainImages, test: config.testImages },
    defaultDataDirs(repoRoot),
  );
  console.log(`Tracing ${options.maxSteps} steps of ${config.model}, seed ${config.seed}...`);
  const trace = await traceRun(engine, config, data, options.maxSteps);
  writeFileSync(options.out, JSON.stringify(trace));
  console.log(`Wrote ${options.out}: losses ${trace.losses[0]} ... ${trace.losses.at(-1)}`);
} catch (error) {
  // No data where it looked (as `npm run train` says it), or a recipe or step count it cannot trace.
  if (!(error instanceof DataError || error instanceof TraceError)) throw error;
  console.error(`npm run twin: ${error.message}`);
  process.exitCode = error instanceof DataError ? 1 : 2;
} finally {
  engine.dispose();
}
