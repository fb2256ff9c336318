// The kernel mode changes how fast a run is, not what it computes from its seed: the same initial
// weights, the same shuffle and the same dropout masks in 'own' and 'stock' mode. A few real
// training steps in each mode through the Engine, on the CPU reference backend.

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PLAIN_RECIPE_OPTIONS, type KernelMode, type TrainConfig } from '../protocol';
import { installKernels } from '../kernels/installKernels';
import type * as SeededDropoutModule from '../kernels/seededDropout';
import { GpuImageSet } from '../training/gpuImages';
import { syntheticImages } from '../tools/syntheticImages';
import { Engine } from './engine';

/** Each dropout the forward pass applies: the mask (as 0 / scale values) its mode draws. */
const masks: { seed: number; rate: number; values: Float32Array }[] = [];

// The real op, watched: every call also draws its mask on ones, by the same path (own kernel or
// tfjs ops) and arguments as the call itself.
vi.mock('../kernels/seededDropout', async (importOriginal) => {
  const real = await importOriginal<typeof SeededDropoutModule>();
  return {
    ...real,
    seededDropout: <T extends tf.Tensor>(x: T, rate: number, seed: number, kernels: KernelMode) => {
      const mask = tf.tidy(() => real.seededDropout(tf.ones(x.shape), rate, seed, kernels));
      masks.push({ seed, rate, values: mask.dataSync() as Float32Array });
      mask.dispose();
      return real.seededDropout(x, rate, seed, kernels);
    },
  };
});

const CONFIG: TrainConfig = {
  model: 'alexnet-mini',
  epochs: 1,
  batchSize: 2,
  learningRate: 0.001,
  trainImages: 6, // 3 steps
  testImages: 2,
  seed: 5,
  ...PLAIN_RECIPE_OPTIONS,
};

// Taken before the spy replaces it: calling GpuImageSet.prototype.gather later would call the spy.
// eslint-disable-next-line @typescript-eslint/unbound-method
const originalGather = GpuImageSet.prototype.gather;
const realGather = (set: GpuImageSet, indices: tf.Tensor1D) => originalGather.call(set, indices);
const data = { train: syntheticImages(8, 1), test: syntheticImages(2, 2) };

interface ModeRun {
  initialWeights: Float32Array[];
  batchOrder: number[];
  masks: typeof masks;
}

async function trainIn(kernels: KernelMode): Promise<ModeRun> {
  tf.enableProdMode();
  const engine = await Engine.start({ backend: 'cpu', kernels });
  const batchOrder: number[] = [];
  const gather = vi.spyOn(GpuImageSet.prototype, 'gather').mockImplementation(function (
    this: GpuImageSet,
    indices: tf.Tensor1D,
  ) {
    // The training set's rows, as each step asks for them (the test set is smaller).
    if (this.count === data.train.count) batchOrder.push(...indices.dataSync());
    return realGather(this, indices);
  });
  masks.length = 0;
  const trainer = engine.createTrainer(CONFIG, data);
  try {
    const initialWeights = trainer.model.getWeights().map((w) => w.dataSync() as Float32Array);
    const reason = await trainer.run(
      { onProgress: () => undefined, onEpoch: () => undefined },
      { shouldStop: () => false, waitIfPaused: () => Promise.resolve() },
    );
    expect(reason).toBe('finished');
    return { initialWeights, batchOrder, masks: [...masks] };
  } finally {
    gather.mockRestore();
    trainer.dispose();
    engine.dispose();
  }
}

describe("'own' and 'stock' kernels, one seed", () => {
  let own: ModeRun;
  let stock: ModeRun;
  beforeAll(async () => {
    own = await trainIn('own');
    stock = await trainIn('stock');
  }, 120_000);
  afterAll(() => installKernels('cpu', 'own'));

  it('start from the same initial weights', () => {
    expect(stock.initialWeights).toEqual(own.initialWeights);
  });

  it('train on the same batches in the same order', () => {
    // 3 steps of 2 images, all 6 distinct training images, shuffled.
    expect(own.batchOrder).toHaveLength(6);
    expect(new Set(own.batchOrder).size).toBe(6);
    expect(stock.batchOrder).toEqual(own.batchOrder);
  });

  it('draw the same dropout masks, step by step', () => {
    // alexnet-mini has two dropout layers: 3 steps, 6 masks, each from its own seed.
    expect(own.masks).toHaveLength(6);
    expect(new Set(own.masks.map((m) => m.seed)).size).toBe(6);
    expect(stock.masks.map((m) => [m.seed, m.rate])).toEqual(
      own.masks.map((m) => [m.seed, m.rate]),
    );
    own.masks.forEach((mask, i) =>
      expect(stock.masks[i]?.values, `mask ${i}`).toEqual(mask.values),
    );
    // Real masks: rate 0.5 over 2 x 256 units drops about half (sd 2.2 % per mask).
    for (const { values } of own.masks) {
      const dropped = values.filter((v) => v === 0).length / values.length;
      expect(Math.abs(dropped - 0.5)).toBeLessThan(0.15);
    }
  });
});
