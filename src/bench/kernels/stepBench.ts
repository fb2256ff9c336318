// A whole training step, stock vs own: the app's own step (training/trainingStep.ts trainStep, on a
// batch gathered from the GPU-side image set as the trainer does), timed, and its GPU dispatches
// counted.

import * as tf from '@tensorflow/tfjs';
import { installKernels, type KernelMode } from '../../kernels/installKernels';
import { MODEL_SPECS } from '../../model/architecture';
import { buildModel, trainableVariables } from '../../model/models';
import type { ModelName } from '../../protocol';
import type { DispatchRecorder } from '../../testing/dispatchRecorder';
import { syntheticImages } from '../../testing/syntheticImages';
import { GpuImageSet } from '../../training/gpuImages';
import { GpuAccumulators, trainStep } from '../../training/trainingStep';
import type { KernelBenchStep } from './kernelBenchTypes';
import { gpuIdle, timeAlternating } from './timing';

export interface StepBenchOptions {
  device: GPUDevice;
  model: ModelName;
  batch: number;
  reps: number;
  /** See AlternatingOptions.rowSeconds. */
  rowSeconds: number;
  recorder: DispatchRecorder;
  shouldStop: () => boolean;
}

const MODES: readonly KernelMode[] = ['stock', 'own'];

export async function benchStep(options: StepBenchOptions): Promise<KernelBenchStep> {
  const { device, model: name, batch, reps, rowSeconds, recorder, shouldStop } = options;
  const spec = MODEL_SPECS[name];
  const model = buildModel(name, 1);
  const optimizer = tf.train.adam(0.001);
  const variables = trainableVariables(model);
  const sums = new GpuAccumulators();
  const images = GpuImageSet.upload(syntheticImages(batch));
  const indices = tf.range(0, batch, 1, 'int32');
  let dropoutSeed = 1;
  const step = () => {
    tf.tidy(() => {
      trainStep(model, spec, optimizer, variables, images.gather(indices), dropoutSeed++, sums);
    });
    return [];
  };
  const result: KernelBenchStep = {
    model: name,
    batch,
    stockMs: null,
    ownMs: null,
    stockCpuMs: null,
    ownCpuMs: null,
    calls: 0,
    stockDispatches: null,
    ownDispatches: null,
  };
  try {
    const { times, calls, warmupTimed } = await timeAlternating(
      device,
      MODES,
      (mode) => installKernels('webgpu', mode),
      step,
      { reps, rowSeconds, shouldStop },
    );
    result.calls = calls;
    if (warmupTimed) result.note = 'a step over --row-seconds: its warm-up was its timed step';
    result.stockMs = times.stock?.wallMs ?? null;
    result.ownMs = times.own?.wallMs ?? null;
    result.stockCpuMs = times.stock?.cpuMs ?? null;
    result.ownCpuMs = times.own?.cpuMs ?? null;
    if (result.stockMs === null || result.ownMs === null) result.note = 'not measured: out of time';
    // The timed steps moved on from the first one: count the dispatches of a later, regular step.
    // Counted on a step after the warm-up, when Adam's moments exist.
    for (const mode of MODES) {
      if (shouldStop()) break;
      installKernels('webgpu', mode);
      recorder.reset();
      step();
      await gpuIdle(device);
      result[mode === 'stock' ? 'stockDispatches' : 'ownDispatches'] = recorder.count;
    }
  } catch (error) {
    result.note = `failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    installKernels('webgpu', 'own');
    indices.dispose();
    images.dispose();
    sums.dispose();
    optimizer.dispose();
    model.dispose();
  }
  return result;
}
