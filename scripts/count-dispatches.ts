// Counts the GPU dispatches of one training step for each model in both kernel modes ('stock':
// tfjs as shipped, 'own': this project's kernels), on Dawn (npm `webgpu`) in Node: the SwiftShader
// adapter on a machine without a GPU, the GPU's where there is one. Dispatches are counted, not
// timed (src/tools/stepDispatches.ts), so the numbers hold for any adapter.
//
//   npm run count:dispatches -- [--model alexnet-mini,alexnet] [--batch 2]

import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { installKernels } from '../src/kernels/installKernels';
import { MODEL_NAMES, type ModelName } from '../src/protocol';
import { selectBackend } from '../src/runtime/backendSelection';
import { countTrainingStepDispatches } from '../src/tools/stepDispatches';
import { swiftShaderEnv } from './lib/dawnEnv';

const CHILD_FLAG = 'ALEXNET_COUNT_DISPATCHES_CHILD';

function parseOptions(): { models: ModelName[]; batch: number } {
  const { values } = parseArgs({
    options: {
      model: { type: 'string', default: MODEL_NAMES.join(',') },
      batch: { type: 'string', default: '2' },
    },
  });
  const models = values.model.split(',').map((m) => m.trim());
  const unknown = models.filter((m) => !(MODEL_NAMES as readonly string[]).includes(m));
  if (unknown.length > 0)
    throw new Error(`Unknown model ${unknown.join(', ')}: use ${MODEL_NAMES.join(', ')}.`);
  const batch = Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1)
    throw new Error(`--batch must be a positive integer, got ${values.batch}.`);
  return { models: models as ModelName[], batch };
}

async function count(): Promise<void> {
  const { models, batch } = parseOptions();
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu: create([]) },
    configurable: true,
  });
  tf.enableProdMode();
  const { info } = await selectBackend('webgpu', 'stock');
  const adapter = info.adapter;
  console.log(
    `Adapter: ${[adapter?.vendor, adapter?.architecture, adapter?.description].filter(Boolean).join(' / ')}${info.isSoftware ? ' (software)' : ''}`,
  );
  console.log('| model | batch | stock dispatches | own dispatches | own / stock |');
  for (const model of models) {
    installKernels('webgpu', 'stock');
    const stock = await countTrainingStepDispatches(model, batch);
    installKernels('webgpu', 'own');
    const own = await countTrainingStepDispatches(model, batch);
    console.log(`| ${model} | ${batch} | ${stock} | ${own} | ${(own / stock).toFixed(2)} |`);
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
