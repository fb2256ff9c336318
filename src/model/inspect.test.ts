import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NUM_CLASSES } from '../protocol';
import { useCpuBackend } from '../testing/cpuBackend';
import { MODEL_SPECS } from './architecture';
import { inspectPicture, layerFilters } from './inspect';
import { buildModel } from './models';

beforeAll(useCpuBackend);

/**
 * A network small enough to differentiate by hand: conv1 (one 1x1 filter, weight 2, ReLU), conv2
 * (one 1x1 filter, weight 1, ReLU), flatten, dense 10 with weights W[p][k] = ((p * 7 + k * 3) % 11
 * - 5) / 100 and no bias. For a pixel x_p > 0, d logit_k / d x_p = 2 W[p][k]; for x_p = 0 it is 0
 * (ReLU's gradient at 0 is 0 in tfjs).
 */
function handBuiltModel(): { model: tf.Sequential; w: (p: number, k: number) => number } {
  const w = (p: number, k: number) => (((p * 7 + k * 3) % 11) - 5) / 100;
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: [28, 28, 1] }));
  for (const name of ['conv1', 'conv2']) {
    model.add(tf.layers.conv2d({ name, filters: 1, kernelSize: 1, activation: 'relu' }));
  }
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: NUM_CLASSES, useBias: false }));
  model.getLayer('conv1').setWeights([tf.tensor4d([2], [1, 1, 1, 1]), tf.tensor1d([0])]);
  model.getLayer('conv2').setWeights([tf.tensor4d([1], [1, 1, 1, 1]), tf.tensor1d([0])]);
  const dense = Float32Array.from({ length: 784 * NUM_CLASSES }, (_, i) =>
    w(Math.floor(i / NUM_CLASSES), i % NUM_CLASSES),
  );
  model.layers.at(-1)?.setWeights([tf.tensor2d(dense, [784, NUM_CLASSES])]);
  return { model, w };
}

describe('inspectPicture', () => {
  let model: tf.Sequential;
  let w: (p: number, k: number) => number;
  beforeAll(() => ({ model, w } = handBuiltModel()));
  afterAll(() => model.dispose());

  it('gives the saliency of the top logit as computed by hand, and leaks nothing', async () => {
    // A diagonal stroke on black, with one brighter pixel.
    const pixels = new Float32Array(784);
    for (let i = 3; i < 25; i++) pixels[i * 28 + i] = 0.5;
    pixels[10 * 28 + 12] = 1;
    const logits = Array.from({ length: NUM_CLASSES }, (_, k) =>
      pixels.reduce((sum, x, p) => sum + 2 * x * w(p, k), 0),
    );
    const top = logits.indexOf(Math.max(...logits));
    const gradient = Array.from(pixels, (x, p) => (x > 0 ? Math.abs(2 * w(p, top)) : 0));
    const largest = Math.max(...gradient);

    const before = tf.memory().numTensors;
    const result = await inspectPicture(model, MODEL_SPECS['alexnet-mini'], pixels, 'own');
    expect(tf.memory().numTensors).toBe(before);

    expect(result.topClass).toBe(top);
    const exp = logits.map((l) => Math.exp(l - Math.max(...logits)));
    exp.forEach((e, k) =>
      expect(result.probabilities[k]).toBeCloseTo(e / exp.reduce((a, b) => a + b), 5),
    );
    expect(result.saliency).toHaveLength(784);
    result.saliency.forEach((s, p) =>
      expect(s, `pixel ${p}`).toBeCloseTo(gradient[p]! / largest, 5),
    );
  });

  it('sends each conv layer output scaled to its own range', async () => {
    const pixels = new Float32Array(784);
    pixels[0] = 0.25;
    pixels[1] = 0.5;
    const result = await inspectPicture(model, MODEL_SPECS['alexnet-mini'], pixels, 'own');
    expect(result.featureMaps.map((m) => [m.layer, m.width, m.height, m.channels])).toEqual([
      ['conv1', 28, 28, 1],
      ['conv2', 28, 28, 1],
    ]);
    // conv1 = 2x: 0.5 and 1 over a range of 0..1.
    expect([...(result.featureMaps[0]?.values.slice(0, 3) ?? [])]).toEqual([0.5, 1, 0]);
  });

  it('refuses a picture that is not 28x28', async () => {
    await expect(
      inspectPicture(model, MODEL_SPECS['alexnet-mini'], new Float32Array(10), 'own'),
    ).rejects.toThrow(/784 values/);
  });
});

describe('inspectPicture on the real networks', () => {
  it('alexnet-mini: the first 16 channels of conv1 (28x28) and conv2 (13x13)', async () => {
    const model = buildModel('alexnet-mini', 2);
    const result = await inspectPicture(
      model,
      MODEL_SPECS['alexnet-mini'],
      new Float32Array(784).fill(0.3),
      'own',
    );
    expect(result.featureMaps.map((m) => [m.layer, m.width, m.channels, m.totalChannels])).toEqual([
      ['conv1', 28, 16, 16],
      ['conv2', 13, 16, 32],
    ]);
    expect(result.featureMaps[1]?.values).toHaveLength(16 * 13 * 13);
    model.dispose();
  });
});

describe('layerFilters', () => {
  it('lays out each kernel as a row-major image scaled to its own range', async () => {
    const model = tf.sequential();
    model.add(
      tf.layers.conv2d({ name: 'conv1', inputShape: [4, 4, 1], filters: 2, kernelSize: 2 }),
    );
    // kernel[y][x][0][f]: filter 0 = [[0, 1], [2, 3]], filter 1 = [[-1, -1], [1, 0]].
    const kernel = tf.tensor4d([0, -1, 1, -1, 2, 1, 3, 0], [2, 2, 1, 2]);
    model.getLayer('conv1').setWeights([kernel, tf.tensor1d([0, 0])]);
    const before = tf.memory().numTensors;
    const filters = await layerFilters(model, 'conv1');
    expect(tf.memory().numTensors).toBe(before);
    expect(filters).toMatchObject({ layer: 'conv1', size: 2, count: 2 });
    const expected = [0, 1 / 3, 2 / 3, 1, 0, 0, 1, 0.5];
    filters.pixels.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 6));
    model.dispose();
  });

  it('gives 96 filters of 11x11 for alexnet and 16 of 5x5 for alexnet-mini', async () => {
    for (const [name, count, size] of [
      ['alexnet', 96, 11],
      ['alexnet-mini', 16, 5],
    ] as const) {
      const model = buildModel(name, 1);
      const filters = await layerFilters(model, 'conv1');
      expect([filters.count, filters.size, filters.pixels.length]).toEqual([
        count,
        size,
        count * size * size,
      ]);
      model.dispose();
    }
  });
});
