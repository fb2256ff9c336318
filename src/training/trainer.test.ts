import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EpochMetrics, TrainConfig } from '../protocol';
import { MODEL_SPECS } from '../model/architecture';
import { evaluate } from './evaluate';
import { GpuImageSet } from './gpuImages';
import { Trainer, type StepProgress, type TrainingControl } from './trainer';
import { TrainConfigError } from './trainConfig';
import { useCpuBackend } from '../testing/cpuBackend';
import { syntheticImages } from '../tools/syntheticImages';
import { yieldToEventLoop } from './yieldToEventLoop';
import { PLAIN_RECIPE_OPTIONS } from '../protocol';

const CONFIG: TrainConfig = {
  model: 'alexnet-mini',
  epochs: 3,
  batchSize: 16,
  learningRate: 0.001,
  trainImages: 40, // 2 full batches; 8 images of ragged tail dropped
  testImages: 20, // a full batch and a padded one
  seed: 7,
  ...PLAIN_RECIPE_OPTIONS,
};

const free: TrainingControl = { shouldStop: () => false, waitIfPaused: () => Promise.resolve() };

let sets: { train: GpuImageSet; test: GpuImageSet };
beforeAll(async () => {
  await useCpuBackend();
  sets = {
    train: GpuImageSet.upload(syntheticImages(40, 1)),
    test: GpuImageSet.upload(syntheticImages(20, 2)),
  };
});
afterAll(() => {
  sets.train.dispose();
  sets.test.dispose();
});

async function train(config: TrainConfig, control = free) {
  const before = tf.memory().numTensors;
  const trainer = new Trainer(config, sets, 'own');
  const progress: StepProgress[] = [];
  const epochs: EpochMetrics[] = [];
  const tensorsAfterEpoch: number[] = [];
  const reason = await trainer.run(
    {
      onProgress: (p) => progress.push(p),
      onEpoch: (m) => {
        epochs.push(m);
        tensorsAfterEpoch.push(tf.memory().numTensors);
      },
    },
    control,
  );
  trainer.dispose();
  return {
    trainer,
    reason,
    progress,
    epochs,
    tensorsAfterEpoch,
    leaked: tf.memory().numTensors - before,
  };
}

describe('Trainer', () => {
  it('trains whole batches only, reports every epoch, and leaks no tensor', async () => {
    const { trainer, reason, progress, epochs, tensorsAfterEpoch, leaked } = await train(CONFIG);
    expect(trainer.plan).toEqual({ stepsPerEpoch: 2, imagesPerEpoch: 32 });
    expect(reason).toBe('finished');
    expect(epochs.map((m) => m.epoch)).toEqual([1, 2, 3]);
    for (const { classes, ...m } of epochs) {
      for (const value of Object.values(m)) expect(Number.isFinite(value)).toBe(true);
      // Every one of the 20 test images lands in exactly one cell.
      expect(classes?.confusion.reduce((a, b) => a + b, 0)).toBe(20);
      expect(m.trainAccuracy).toBeGreaterThanOrEqual(0);
      expect(m.testAccuracy).toBeLessThanOrEqual(1);
      expect(m.imagesPerSec).toBeGreaterThan(0);
    }
    expect(progress.at(-1)).toMatchObject({ epoch: 3, imagesDone: 32, imagesTotal: 32 });
    expect(progress.every((p) => p.imagesDone % 16 === 0 && Number.isFinite(p.loss))).toBe(true);
    // The same number of live tensors after every epoch, and none left once disposed.
    expect(new Set(tensorsAfterEpoch).size).toBe(1);
    expect(leaked).toBe(0);
  });

  it('gives the same losses for the same seed, and other losses for another seed', async () => {
    const one = { ...CONFIG, epochs: 1 };
    const a = await train(one);
    const b = await train(one);
    const c = await train({ ...one, seed: 8 });
    expect(b.epochs[0]?.trainLoss).toBe(a.epochs[0]?.trainLoss);
    expect(c.epochs[0]?.trainLoss).not.toBe(a.epochs[0]?.trainLoss);
  });

  it('trains with augmentation on without leaking', async () => {
    const { reason, leaked, epochs } = await train({
      ...CONFIG,
      epochs: 1,
      flips: true,
      shifts: true,
    });
    expect(reason).toBe('finished');
    expect(epochs).toHaveLength(1);
    expect(leaked).toBe(0);
  });

  it('stops before the next step when asked, without an epoch report', async () => {
    let checks = 0;
    // The loop asks before every step: say stop at the second asking, after one step ran.
    const stopped = await train(CONFIG, {
      shouldStop: () => ++checks > 1,
      waitIfPaused: () => Promise.resolve(),
    });
    expect(stopped.reason).toBe('stopped');
    expect(stopped.progress.map((p) => p.imagesDone)).toEqual([16]);
    expect(stopped.epochs).toHaveLength(0);
    expect(stopped.leaked).toBe(0);
  });

  it('rejects a batch larger than the training images before building anything', () => {
    const before = tf.memory().numTensors;
    expect(() => new Trainer({ ...CONFIG, batchSize: 64 }, sets, 'own')).toThrow(TrainConfigError);
    expect(() => new Trainer({ ...CONFIG, batchSize: 64 }, sets, 'own')).toThrow(/no full batch/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('predicts a probability distribution per image', async () => {
    const trainer = new Trainer(CONFIG, sets, 'own');
    const pixels = new Float32Array(2 * 784).fill(0.5);
    const probabilities = await trainer.predict(pixels, 2);
    expect(probabilities).toHaveLength(20);
    expect(probabilities.slice(0, 10).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    trainer.dispose();
    await expect(trainer.predict(pixels, 2)).rejects.toThrow(/disposed/);
  });
});

describe('evaluate', () => {
  it('pads the last batch and counts each test image exactly once', async () => {
    const trainer = new Trainer(CONFIG, sets, 'own');
    const spec = MODEL_SPECS['alexnet-mini'];
    const noStop = { shouldStop: () => false, yieldControl: yieldToEventLoop };
    // 5 images in batches of 4: one full batch and one padded with three repeats.
    const result = await evaluate(trainer.model, spec, sets.test, 5, 4, noStop, 'own');
    // The same five images in one unpadded batch.
    const direct = await evaluate(trainer.model, spec, sets.test, 5, 5, noStop, 'own');
    expect(result?.count).toBe(5);
    expect(result?.accuracy).toBe(direct?.accuracy);
    expect(result?.loss).toBeCloseTo(direct?.loss ?? NaN, 5);
    trainer.dispose();
  });
});
