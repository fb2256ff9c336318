// The trace is what the app's Trainer does: its steps, in its order, give the weights and metrics
// of a real run of the same config. Otherwise PyTorch would be checked against a copy of the trainer.

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, type EngineData } from '../../src/engine/engine';
import type { EpochMetrics, TrainConfig } from '../../src/protocol';
import { useCpuBackend } from '../../src/testing/cpuBackend';
import { syntheticImages } from '../../src/tools/syntheticImages';
import { TraceError, traceRun } from './traceRun';

const CONFIG: TrainConfig = {
  model: 'alexnet-mini',
  epochs: 2,
  batchSize: 8,
  trainImages: 24,
  testImages: 16,
  seed: 5,
  // A schedule, decay and smoothing: the trace must give each step the trainer's rate and loss.
  schedule: 'one-cycle',
  learningRate: 0.003,
  warmupShare: 0.3,
  weightDecay: 0.05,
  labelSmoothing: 0.1,
  dropout: 0,
  flips: false,
  shifts: false,
  preset: 'beat-the-reference',
};

const data: EngineData = { train: syntheticImages(24, 1), test: syntheticImages(16, 2) };
let engine: Engine;
beforeAll(async () => {
  await useCpuBackend();
  engine = await Engine.start({ backend: 'cpu', kernels: 'own' });
});
afterAll(() => engine.dispose());

async function firstEpochOfRealRun(): Promise<{ metrics: EpochMetrics; weights: number[][] }> {
  const trainer = engine.createTrainer(CONFIG, data);
  const epochs: EpochMetrics[] = [];
  await trainer.run(
    { onProgress: () => undefined, onEpoch: (m) => void epochs.push(m) },
    {
      shouldStop: () => trainer.epochsDone >= 1,
      waitIfPaused: () => Promise.resolve(),
    },
  );
  const weights = trainer.model.weights.map((w) => Array.from(w.read().dataSync()));
  trainer.dispose();
  return { metrics: epochs[0]!, weights };
}

describe('traceRun', () => {
  it("follows the trainer's own steps: an epoch traced ends where a real run's first epoch ends", async () => {
    const trace = await traceRun(engine, CONFIG, data, 3);
    const real = await firstEpochOfRealRun();
    expect(trace.indices).toHaveLength(24);
    expect(new Set(trace.indices).size).toBe(24);
    // Same ops on the same backend in the same order: bitwise the same weights.
    expect(Object.values(trace.finalWeights).map((t) => t.data)).toEqual(real.weights);
    // Without dropout the loss before a step is the step's training loss; float32 sums.
    const meanLoss = trace.losses.reduce((a, b) => a + b, 0) / trace.losses.length;
    expect(meanLoss).toBeCloseTo(real.metrics.trainLoss, 6);
    expect(trace.test.accuracy).toBe(real.metrics.testAccuracy);
    expect(trace.test.loss).toBeCloseTo(real.metrics.testLoss, 6);
  }, 60_000);

  it('starts from the seeded initial weights and gives every step of the run its rate', async () => {
    const trace = await traceRun(engine, CONFIG, data, 1);
    const fresh = engine.createTrainer(CONFIG, data);
    const initial = fresh.model.weights.map((w) => Array.from(w.read().dataSync()));
    fresh.dispose();
    expect(Object.values(trace.initialWeights).map((t) => t.data)).toEqual(initial);
    expect(trace.learningRates).toHaveLength(6); // 3 steps an epoch, 2 epochs
    expect(trace.learningRates[0]).toBeCloseTo(0.003 / 25, 12); // OneCycleLR starts at peak / 25
    expect(Math.max(...trace.learningRates)).toBeLessThanOrEqual(0.003);
    expect(trace.epsilon).toBe(tf.backend().epsilon());
  }, 60_000);

  it('refuses recipes that draw inside a step, and more steps than an epoch', async () => {
    await expect(traceRun(engine, { ...CONFIG, dropout: 0.5 }, data, 1)).rejects.toThrow(
      /dropout 0.5 draws masks/,
    );
    await expect(traceRun(engine, { ...CONFIG, flips: true }, data, 1)).rejects.toThrow(TraceError);
    await expect(traceRun(engine, CONFIG, data, 4)).rejects.toThrow(/Steps must be 1 to 3/);
  });
});
