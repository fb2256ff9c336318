import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpochMetrics, TrainConfig, TrainerSnapshot } from '../protocol';
import { useCpuBackend } from '../testing/cpuBackend';
import { syntheticImages } from '../tools/syntheticImages';
import { GpuImageSet } from './gpuImages';
import { SnapshotMismatchError } from './snapshot';
import { Trainer, type TrainingControl } from './trainer';

const CONFIG: TrainConfig = {
  model: 'alexnet-mini',
  epochs: 2,
  batchSize: 16,
  trainImages: 48,
  testImages: 16,
  seed: 11,
  // Flips and shifts draw from the per-epoch generator too: resume must match them. The one-cycle
  // schedule (6 steps: warm-up to step 0.8, then down) is mid-fall at the epoch boundary, and the
  // decay and smoothing depend on it: a resumed run must continue it, not restart it. Dropout at a
  // rate of its own (not the reference's 0.5): the resumed steps must drop at it too.
  flips: true,
  shifts: true,
  schedule: 'one-cycle',
  learningRate: 0.003,
  warmupShare: 0.3,
  weightDecay: 0.05,
  labelSmoothing: 0.1,
  dropout: 0.3,
  preset: 'beat-the-reference',
};

let sets: { train: GpuImageSet; test: GpuImageSet };
beforeAll(async () => {
  await useCpuBackend();
  sets = {
    train: GpuImageSet.upload(syntheticImages(48, 5)),
    test: GpuImageSet.upload(syntheticImages(16, 6)),
  };
});
afterAll(() => {
  sets.train.dispose();
  sets.test.dispose();
});

const free: TrainingControl = { shouldStop: () => false, waitIfPaused: () => Promise.resolve() };

/** Runs `trainer` on, stopping once `stopAfter` epochs are done; returns the epochs it reported. */
async function runUntil(trainer: Trainer, stopAfter = Infinity): Promise<EpochMetrics[]> {
  const epochs: EpochMetrics[] = [];
  const control: TrainingControl = { ...free, shouldStop: () => trainer.epochsDone >= stopAfter };
  await trainer.run({ onProgress: () => undefined, onEpoch: (m) => void epochs.push(m) }, control);
  return epochs;
}

/** A deep copy with fresh buffers, as a checkpoint read back from storage would be. */
function copied(snapshot: TrainerSnapshot): TrainerSnapshot {
  const copy = (t: TrainerSnapshot['weights'][number]) => ({
    name: t.name,
    shape: [...t.shape],
    values: new Float32Array(t.values.buffer.slice(0)),
  });
  return {
    weights: snapshot.weights.map(copy),
    optimizer: snapshot.optimizer && {
      iterations: snapshot.optimizer.iterations,
      moments: snapshot.optimizer.moments.map(copy),
    },
  };
}

function maxAbsDiff(a: TrainerSnapshot['weights'], b: TrainerSnapshot['weights']): number {
  let max = 0;
  a.forEach((t, i) => {
    const other = b[i]!.values;
    t.values.forEach((v, j) => (max = Math.max(max, Math.abs(v - other[j]!))));
  });
  return max;
}

describe('Trainer checkpoints', () => {
  it('round-trips weights and Adam state bit for bit', async () => {
    const a = new Trainer(CONFIG, sets, 'own');
    await runUntil(a, 1);
    const snapshot = await a.snapshot('full');
    const b = new Trainer({ ...CONFIG, seed: 99 }, sets, 'own'); // other initial weights, no Adam state
    await b.restore(copied(snapshot), 1);
    const back = await b.snapshot('full');
    expect(back.weights.map((w) => w.name)).toEqual(snapshot.weights.map((w) => w.name));
    back.weights.forEach((w, i) => expect(w.values).toEqual(snapshot.weights[i]!.values));
    expect(back.optimizer?.iterations).toBe(3); // 48 / 16 steps
    back.optimizer?.moments.forEach((m, i) =>
      expect(m.values).toEqual(snapshot.optimizer!.moments[i]!.values),
    );
    expect(b.epochsDone).toBe(1);
    a.dispose();
    b.dispose();
  });

  it('resumed after epoch 1 in a fresh trainer, ends where an uninterrupted run ends', async () => {
    const straight = new Trainer(CONFIG, sets, 'own');
    const straightEpochs = await runUntil(straight);
    const expected = await straight.snapshot('full');
    straight.dispose();

    const first = new Trainer(CONFIG, sets, 'own');
    await runUntil(first, 1);
    const checkpoint = copied(await first.snapshot('full'));
    first.dispose();
    const resumed = new Trainer(CONFIG, sets, 'own');
    await resumed.restore(checkpoint, 1);
    const resumedEpochs = await runUntil(resumed);
    const actual = await resumed.snapshot('full');
    resumed.dispose();

    expect(resumedEpochs.map((e) => e.epoch)).toEqual([2]);
    expect(maxAbsDiff(actual.weights, expected.weights)).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(actual.optimizer!.moments, expected.optimizer!.moments)).toBeLessThan(1e-6);
    expect(resumedEpochs[0]?.trainLoss).toBeCloseTo(straightEpochs[1]!.trainLoss, 6);
    // Not trivially equal: the second epoch moved the weights.
    expect(maxAbsDiff(checkpoint.weights, expected.weights)).toBeGreaterThan(1e-4);
  });

  it('refuses a checkpoint of another shape without touching the model', async () => {
    const trainer = new Trainer(CONFIG, sets, 'own');
    const snapshot = await trainer.snapshot('weights');
    const before = tf.memory().numTensors;
    const wrong = copied({ weights: snapshot.weights.slice(1), optimizer: null });
    await expect(trainer.restore(wrong, 1)).rejects.toThrow(SnapshotMismatchError);
    const renamed = copied(snapshot);
    renamed.weights[0]!.shape = [1, 2];
    await expect(trainer.restore(renamed, 1)).rejects.toThrow(/conv1\/kernel \[1, 2\]/);
    expect(trainer.epochsDone).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
  });
});
