// The first steps of a run of the app's Trainer, written down so that PyTorch can replay them from
// the same weights on the same batches (scripts/reference/twin_torch.py): the initial weights, the
// images each step takes, the loss of each batch just before its step, the learning rate of every
// step of the run, the weights after the steps, and what the app's test evaluation says of them.
//
// The steps are the Trainer's own (its stepRunner, on its epoch-1 shuffle), not a copy of them. Only
// recipes without random draws inside a step can be replayed: dropout masks and augmentation come
// from each framework's own generator, so a trace refuses them.

import * as tf from '@tensorflow/tfjs';
import type { Engine, EngineData } from '../../src/engine/engine';
import { forward, toModelInput } from '../../src/model/models';
import { NUM_CLASSES, stepScalars, type BackendInfo, type TrainConfig } from '../../src/protocol';
import { evaluate } from '../../src/training/evaluate';
import { smoothedCrossEntropy } from '../../src/training/trainingStep';

export interface TracedTensor {
  /** tfjs's layout: conv kernels [kh, kw, in, out], dense kernels [in, out]. */
  shape: number[];
  data: number[];
}

export interface TwinTrace {
  config: TrainConfig;
  /** The backend and kernels that ran the steps (the adapter, on WebGPU). */
  backend: BackendInfo;
  /** Adam's epsilon on this backend (tfjs's, 1e-7 on the CPU; PyTorch's default is 1e-8). */
  epsilon: number;
  stepsPerEpoch: number;
  /** The training images of the traced steps, step after step, batchSize each. */
  indices: number[];
  /** Each traced step's batch loss under the weights just before that step. */
  losses: number[];
  /** The learning rate of every step of the whole run, as the trainer hands it to Adam. */
  learningRates: number[];
  initialWeights: Record<string, TracedTensor>;
  finalWeights: Record<string, TracedTensor>;
  /** The app's test evaluation of the final weights, on config.testImages images. */
  test: { accuracy: number; loss: number };
}

export class TraceError extends Error {
  override name = 'TraceError';
}

/** Why `config` cannot be replayed step for step, or null when it can. */
export function unreplayable(config: TrainConfig): string | null {
  if (config.dropout > 0) return `dropout ${config.dropout} draws masks (pass --dropout 0)`;
  if (config.flips || config.shifts) return 'augmentation draws flips and shifts';
  return null;
}

/** Read with data(), not dataSync(): on WebGPU in Node a synchronous read needs a canvas. */
async function readWeights(model: tf.LayersModel): Promise<Record<string, TracedTensor>> {
  const out: Record<string, TracedTensor> = {};
  for (const w of model.weights) {
    const t = w.read();
    out[w.originalName] = { shape: t.shape, data: Array.from(await t.data()) };
  }
  return out;
}

/** Runs `steps` steps of a fresh Trainer for `config` on `data` and traces them. */
export async function traceRun(
  engine: Engine,
  config: TrainConfig,
  data: EngineData,
  steps: number,
): Promise<TwinTrace> {
  const refused = unreplayable(config);
  if (refused) throw new TraceError(`This recipe cannot be replayed: ${refused}.`);
  const trainer = engine.createTrainer(config, data);
  const sets = engine.gpuData(data);
  const { stepsPerEpoch } = trainer.plan;
  if (!Number.isInteger(steps) || steps < 1 || steps > stepsPerEpoch) {
    trainer.dispose();
    throw new TraceError(`Steps must be 1 to ${stepsPerEpoch} (one epoch), got ${steps}.`);
  }
  const runner = trainer.stepRunner();
  try {
    const indices = Array.from(trainer.epochIndices(1).subarray(0, steps * config.batchSize));
    const initialWeights = await readWeights(trainer.model);
    const losses: number[] = [];
    for (let step = 0; step < steps; step++) {
      const rows = indices.slice(step * config.batchSize, (step + 1) * config.batchSize);
      const loss = tf.tidy(() => {
        const { images, labels } = sets.train.gather(tf.tensor1d(rows, 'int32'));
        const logits = forward(trainer.model, trainer.spec, toModelInput(images, trainer.spec), {
          training: false,
          kernels: engine.kernels,
        });
        const oneHot = tf.oneHot(labels, NUM_CLASSES);
        return smoothedCrossEntropy(oneHot, logits, config.labelSmoothing);
      });
      losses.push((await loss.data())[0]!);
      loss.dispose();
      runner.step();
    }
    const total = stepsPerEpoch * config.epochs;
    const learningRates = Array.from(
      { length: total },
      (_, step) => stepScalars(config, step, total).learningRate,
    );
    const evaluation = await evaluate(
      trainer.model,
      trainer.spec,
      sets.test,
      config.testImages,
      config.batchSize,
      { shouldStop: () => false, yieldControl: () => Promise.resolve() },
      engine.kernels,
    );
    if (!evaluation) throw new TraceError('The evaluation stopped.');
    return {
      config,
      backend: engine.info,
      epsilon: tf.backend().epsilon(),
      stepsPerEpoch,
      indices,
      losses,
      learningRates,
      initialWeights,
      finalWeights: await readWeights(trainer.model),
      test: { accuracy: evaluation.accuracy, loss: evaluation.loss },
    };
  } finally {
    runner.dispose();
    trainer.dispose();
  }
}
