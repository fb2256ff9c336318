// A whole training step, stock vs own: the engine's Trainer made in each kernel mode (its model, its
// optimizer, the batch gathered from the GPU-side image set), stepped by its own step function
// (Trainer.stepRunner), timed, and its GPU dispatches counted (src/tools/dispatchCounter.ts, as
// npm run count:dispatches does). The modes take turns on one device: the engine swaps tfjs's
// kernels between them (Engine.useKernels).

import type { Engine } from '../../engine/engine';
import {
  PLAIN_RECIPE_OPTIONS,
  type KernelMode,
  type ModelName,
  type TrainConfig,
} from '../../protocol';
import { startDispatchCounter } from '../../tools/dispatchCounter';
import { syntheticImages } from '../../tools/syntheticImages';
import type { Trainer } from '../../training/trainer';
import type { KernelBenchStep } from './kernelBenchTypes';
import { gpuIdle, timeAlternating } from './timing';

export interface StepBenchOptions {
  engine: Engine;
  model: ModelName;
  batch: number;
  reps: number;
  /** See AlternatingOptions.rowSeconds. */
  rowSeconds: number;
  shouldStop: () => boolean;
}

const MODES: readonly KernelMode[] = ['stock', 'own'];

/** One batch of synthetic images, trained on again and again. */
function stepConfig(model: ModelName, batch: number): TrainConfig {
  return {
    model,
    epochs: 1,
    batchSize: batch,
    learningRate: 0.001,
    trainImages: batch,
    testImages: batch,
    seed: 1,
    ...PLAIN_RECIPE_OPTIONS,
  };
}

export async function benchStep(options: StepBenchOptions): Promise<KernelBenchStep> {
  const { engine, model, batch, reps, rowSeconds, shouldStop } = options;
  const { device } = engine;
  if (!device) throw new Error('The step bench needs a WebGPU engine.');
  const data = { train: syntheticImages(batch), test: syntheticImages(batch) };
  const config = stepConfig(model, batch);
  // Each mode its own trainer (fused Adam with the own kernels), as the engine makes it in that mode.
  const trainers = new Map<
    KernelMode,
    { trainer: Trainer; runner: { step(): void; dispose(): void } }
  >();
  const steps = new Map<KernelMode, { calls: number; dispatches: number }>();
  let mode: KernelMode = 'own';
  const setMode = (next: KernelMode) => {
    engine.useKernels(next);
    mode = next;
    if (!trainers.has(mode)) {
      const trainer = engine.createTrainer(config, data);
      trainers.set(mode, { trainer, runner: trainer.stepRunner() });
    }
  };
  const step = () => {
    const counter = startDispatchCounter();
    try {
      trainers.get(mode)!.runner.step();
    } finally {
      counter.stop();
    }
    const calls = (steps.get(mode)?.calls ?? 0) + 1;
    steps.set(mode, { calls, dispatches: counter.count });
    return [];
  };
  const result: KernelBenchStep = {
    model,
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
    engine.useKernels('own');
    trainers.forEach(({ trainer, runner }) => {
      runner.dispose();
      trainer.dispose();
    });
    engine.releaseData();
  }
  return result;
}
