// Counts the GPU dispatches of one training step for each model in both kernel modes ('stock':
// tfjs as shipped, 'own': this project's kernels), on Dawn (npm `webgpu`) in Node: the SwiftShader
// adapter on a machine without a GPU, the GPU's where there is one. Dispatches are counted, not
// timed (src/tools/stepDispatches.ts), so the numbers hold for any adapter, but for the core's
// split-K sums: a product splits its reduction (one more dispatch) by the adapter's policy and the
// batch (src/kernels/webgpu/core/coreGeometry.ts). The last column estimates the own count for a
// hardware adapter at --plan-batch (default 128, where a step on SwiftShader takes many minutes):
// the count measured here, less this adapter's core dispatches at --batch, plus the GPU policy's at
// --plan-batch, both from the planner the kernels use.
//
//   npm run count:dispatches -- [--model alexnet-mini,alexnet] [--batch 2] [--plan-batch 128]

import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { installKernels } from '../src/kernels/installKernels';
import {
  GPU_SPLIT_POLICY,
  planCore,
  type SplitPolicy,
} from '../src/kernels/webgpu/core/coreGeometry';
import { splitPolicyFor } from '../src/kernels/webgpu/core/runMatMulCore';
import { layerProducts } from '../src/tools/kernelChecks/layerProducts';
import { MODEL_NAMES, type ModelName } from '../src/protocol';
import { selectBackend } from '../src/runtime/backendSelection';
import { installDawnGpu } from '../src/tools/dawnGpu';
import { countTrainingStepDispatches } from '../src/tools/stepDispatches';
import { swiftShaderEnv } from './lib/dawnEnv';

const CHILD_FLAG = 'ALEXNET_COUNT_DISPATCHES_CHILD';

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive integer, got ${value}.`);
  return n;
}

function parseOptions(): { models: ModelName[]; batch: number; planBatch: number } {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: MODEL_NAMES.join(',') },
      batch: { type: 'string', default: '2' },
      'plan-batch': { type: 'string', default: '128' },
    },
  });
  const models = values.model.split(',').map((m) => m.trim());
  const unknown = models.filter((m) => !(MODEL_NAMES as readonly string[]).includes(m));
  if (unknown.length > 0)
    throw new Error(`Unknown model ${unknown.join(', ')}: use ${MODEL_NAMES.join(', ')}.`);
  return {
    models: models as ModelName[],
    batch: positive(values.batch, 'batch'),
    planBatch: positive(values['plan-batch'], 'plan-batch'),
  };
}

/** The core's dispatches in a training step: one per product, two where it splits. */
function coreDispatches(model: ModelName, batch: number, policy: SplitPolicy): number {
  return layerProducts(model, batch)
    .filter((p) => p.inTraining)
    .reduce((sum, p) => sum + (planCore(p.problem, policy)?.dispatches ?? 1), 0);
}

async function count(): Promise<void> {
  const { models, batch, planBatch } = parseOptions();
  await installDawnGpu();
  tf.enableProdMode();
  const { info } = await selectBackend('webgpu', 'stock');
  const adapter = info.adapter;
  console.log(
    `Adapter: ${[adapter?.vendor, adapter?.architecture, adapter?.description].filter(Boolean).join(' / ')}${info.isSoftware ? ' (software)' : ''}`,
  );
  const policy = splitPolicyFor(tf.backend() as WebGPUBackend);
  console.log(
    `| model | batch | stock dispatches | own dispatches | own / stock | own at batch ${planBatch} on a GPU (planned) |`,
  );
  for (const model of models) {
    installKernels('webgpu', 'stock');
    const stock = await countTrainingStepDispatches(model, batch, 'stock');
    installKernels('webgpu', 'own');
    const own = await countTrainingStepDispatches(model, batch, 'own');
    const planned =
      own -
      coreDispatches(model, batch, policy) +
      coreDispatches(model, planBatch, GPU_SPLIT_POLICY);
    console.log(
      `| ${model} | ${batch} | ${stock} | ${own} | ${(own / stock).toFixed(2)} | ${planned} |`,
    );
  }
}

// Dawn reads its library path when the process starts: run the count in a child that has it.
if (process.env[CHILD_FLAG]) {
  await count();
} else {
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    env: { ...swiftShaderEnv(), [CHILD_FLAG]: '1' },
    stdio: 'inherit',
  });
  process.exitCode = child.status ?? 1;
}
