// A whole training step, stock vs own: the app's own step (training/trainingStep.ts trainStep, on a
// batch gathered from the GPU-side image set as the trainer does, with the optimizer the trainer's
// createAdam gives in each kernel mode), timed, and its GPU dispatches counted (main's counter,
// src/tools/dispatchCounter.ts, as npm run count:dispatches does).

import * as tf from '@tensorflow/tfjs';
import { createAdam } from '../../kernels/fusedAdam';
import { installKernels } from '../../kernels/installKernels';
import type { KernelMode } from '../../protocol';
import { MODEL_SPECS } from '../../model/architecture';
import { buildModel, trainableVariables } from '../../model/models';
import type { ModelName } from '../../protocol';
import { startDispatchCounter } from '../../tools/dispatchCounter';
import { syntheticImages } from '../../tools/syntheticImages';
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
  shouldStop: () => boolean;
}

const MODES: readonly KernelMode[] = ['stock', 'own'];

export async function benchStep(options: StepBenchOptions): Promise<KernelBenchStep> {
  const { device, model: name, batch, reps, rowSeconds, shouldStop } = options;
  const spec = MODEL_SPECS[name];
  const model = buildModel(name, 1);
  const variables = trainableVariables(model);
  const sums = new GpuAccumulators();
  const images = GpuImageSet.upload(syntheticImages(batch));
  const indices = tf.range(0, batch, 1, 'int32');
  // Each mode its own optimizer (fused Adam where the own kernel is installed), as the trainer
  // makes it; both train the same variables, taking turns.
  const optimizers = new Map<KernelMode, tf.Optimizer>();
  const steps = new Map<KernelMode, { calls: number; dispatches: number }>();
  let mode: KernelMode = 'own';
  const setMode = (next: KernelMode) => {
    installKernels('webgpu', next);
    mode = next;
    if (!optimizers.has(mode)) optimizers.set(mode, createAdam(0.001));
  };
  let dropoutSeed = 1;
  const step = () => {
    const optimizer = optimizers.get(mode)!;
    const counter = startDispatchCounter();
    try {
      tf.tidy(() => {
        trainStep(model, spec, optimizer, variables, images.gather(indices), dropoutSeed++, sums);
      });
    } finally {
      counter.stop();
    }
    const calls = (steps.get(mode)?.calls ?? 0) + 1;
    steps.set(mode, { calls, dispatches: counter.count });
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
    const { times, calls, warmupTimed } = await timeAlternating(device, MODES, setMode, step, {
      reps,
      rowSeconds,
      shouldStop,
    });
    result.calls = calls;
    if (warmupTimed) result.note = 'a step over --row-seconds: its warm-up was its timed step';
    result.stockMs = times.stock?.wallMs ?? null;
    result.ownMs = times.own?.wallMs ?? null;
    result.stockCpuMs = times.stock?.cpuMs ?? null;
    result.ownCpuMs = times.own?.cpuMs ?? null;
    if (result.stockMs === null || result.ownMs === null) result.note = 'not measured: out of time';
    // A regular step's dispatches: its last one, unless that was its first (which also creates
    // Adam's moments); then one more step, counted.
    for (const m of MODES) {
      if ((steps.get(m)?.calls ?? 0) < 2) {
        if (shouldStop()) continue;
        setMode(m);
        step();
        await gpuIdle(device);
      }
      const dispatches = steps.get(m)?.dispatches ?? null;
      result[m === 'stock' ? 'stockDispatches' : 'ownDispatches'] = dispatches;
    }
  } catch (error) {
    result.note = `failed: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    installKernels('webgpu', 'own');
    indices.dispose();
    images.dispose();
    sums.dispose();
    optimizers.forEach((o) => o.dispose());
    model.dispose();
  }
  return result;
}
