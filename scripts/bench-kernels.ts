// npm run bench:kernels -- [--model alexnet] [--batch 8] [--reps 3] [--steps alexnet-mini,alexnet|none]
//                          [--step-batch N | alexnet-mini=32,alexnet=2] [--ops filterGradient,...]
//                          [--own-only] [--row-seconds 120] [--budget SECONDS] [--out FILE]
//                          [--gpu | --software]
//
// Stock tfjs kernels vs this project's own ones, on WebGPU in Node (Dawn): per layer of the model,
// ms per call of each operation (median of --reps timed calls after a warm-up call each, stock and
// own taking turns; a row starts no new round after --row-seconds), the own kernels'
// work at batch 128 (planned for a hardware adapter), GPU ms from timestamp queries where the
// adapter has them, and whole training steps (timed warm) with their GPU dispatches counted. --own-only
// times only the ops an own kernel computes. Ops: forward conv (alone and with bias + ReLU), input
// gradient (also against tfjs's matmul-based program) and filter gradient, the dense
// products, bias + ReLU (forward and both gradients), dropout (forward and gradient), one Adam
// update of the layer's weights. Uses the hardware adapter when the machine has a GPU (or --gpu),
// else SwiftShader (re-running itself with its environment unless ALEXNET_DAWN_ENV says it is
// settled, as in the GPU kit). --budget stops cleanly when the time is up, keeping what was measured. It
// reports; it never asserts timings.

import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
// A static import: the GPU kit's bundle gives a dynamic import of tfjs (CommonJS) no named exports.
import * as tf from '@tensorflow/tfjs';
import { dirname } from 'node:path';
import { formatKernelBench } from '../src/bench/kernels/formatKernelBench';
import type { KernelBenchReport } from '../src/bench/kernels/kernelBenchTypes';
import { benchOps } from '../src/bench/kernels/opBench';
import { benchStep } from '../src/bench/kernels/stepBench';
import { dawnChildEnv, runDawnChild } from './lib/dawnChild';
import { installDawn } from './lib/dawnNode';
import { isUsageError, parseKernelBenchArgs } from './lib/kernelBenchArgs';

function parse() {
  try {
    return parseKernelBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!isUsageError(error)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

const args = parse();

const childEnv = dawnChildEnv(args.adapter);
if (childEnv) {
  // The child stops itself at the budget; this only ends one stuck in a single long call.
  const grace = args.budgetSeconds === undefined ? undefined : (args.budgetSeconds + 120) * 1000;
  process.exit(await runDawnChild(childEnv, grace));
}

await installDawn();
// The app's engine on Dawn: the same backend selection and kernels as the worker and npm run train.
const { Engine } = await import('../src/engine/engine');
tf.enableProdMode();

const started = Date.now();
const deadline = args.budgetSeconds === undefined ? Infinity : started + args.budgetSeconds * 1000;
const report: KernelBenchReport = {
  date: new Date().toISOString(),
  adapter: {
    vendor: '',
    architecture: '',
    device: '',
    description: '',
    isSoftware: false,
    cpu: '',
  },
  reps: args.reps,
  rowSeconds: args.rowSeconds,
  rows: [],
  steps: [],
};
const shouldStop = () => {
  if (Date.now() <= deadline) return false;
  report.stoppedEarly ??= `the ${args.budgetSeconds} s budget ran out`;
  return true;
};
const save = () => {
  if (!args.out) return;
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify(report, null, 2) + '\n');
};

const engine = await Engine.start({ backend: 'webgpu', kernels: 'own' });
const { info, device } = engine;
if (!device || !info.adapter) throw new Error('No WebGPU device from Dawn.');
const cpu = cpus();
const { vendor, architecture, device: deviceName, description } = info.adapter;
report.adapter = {
  vendor,
  architecture,
  device: deviceName,
  description,
  isSoftware: info.isSoftware,
  cpu: `${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
};
console.log(
  `Adapter: ${info.adapter.description || info.adapter.vendor} ` +
    `(${info.adapter.architecture}${info.isSoftware ? ', software' : ''}); own kernels: ` +
    `${info.kernels.own.join(', ') || 'none'}; CPU: ${report.adapter.cpu}`,
);
// Written now and after every row, so a run stopped from outside keeps what it measured.
save();

// Whole steps first: they are what a short budget (the GPU kit's) must not miss.
for (const { model, batch } of args.steps) {
  if (shouldStop()) break;
  console.log(`  training step: ${model}, batch ${batch} ...`);
  const step = await benchStep({
    engine,
    model,
    batch,
    reps: args.reps,
    rowSeconds: args.rowSeconds,
    shouldStop,
  });
  report.steps.push(step);
  save();
}

for (const model of args.models) {
  await benchOps({
    device,
    model,
    batch: args.batch,
    reps: args.reps,
    rowSeconds: args.rowSeconds,
    ownOnly: args.ownOnly,
    ...(args.ops ? { ops: args.ops } : {}),
    shouldStop,
    onRow: (row) => {
      report.rows.push(row);
      const own = row.ownMs === null ? '—' : row.ownMs.toFixed(1);
      console.log(
        `  ${row.model} ${row.layer} ${row.op}: stock ${row.stockMs?.toFixed(1) ?? '—'} ms, own ${own} ms` +
          (row.note ? ` (${row.note})` : ''),
      );
      save();
    },
  });
}

shouldStop();

console.log('\n' + formatKernelBench(report));
save();
if (args.out) console.log(`\nWrote ${args.out}`);
engine.dispose();
process.exit(0);
