import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_PIXELS, NUM_CLASSES } from '../protocol';
import { MODEL_SPECS } from '../model/architecture';
import { buildModel } from '../model/models';
import { useCpuBackend } from '../testing/cpuBackend';
import { syntheticImages } from '../tools/syntheticImages';
import { countConfusion, precisionRecall } from './classMetrics';
import { evaluate } from './evaluate';
import { GpuImageSet } from './gpuImages';
import { yieldToEventLoop } from './yieldToEventLoop';

const spec = MODEL_SPECS['alexnet-mini'];
const images = syntheticImages(13, 5);
const noStop = { shouldStop: () => false, yieldControl: yieldToEventLoop };
let set: GpuImageSet;
let model: tf.Sequential;

beforeAll(async () => {
  await useCpuBackend();
  set = GpuImageSet.upload(images);
  model = buildModel('alexnet-mini', 3);
});
afterAll(() => {
  set.dispose();
  model.dispose();
});

/** Arg-max class and its probability for each image, straight from the model, one image at a time. */
function directPredictions(n: number): { predicted: number[]; probability: number[] } {
  const predicted: number[] = [];
  const probability: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = tf.tidy(() => {
      const pixels = Float32Array.from(
        images.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS),
        (v) => v / 255,
      );
      return tf.softmax(model.predict(tf.tensor4d(pixels, [1, 28, 28, 1])) as tf.Tensor2D);
    });
    const values = [...p.dataSync()];
    p.dispose();
    const top = values.indexOf(Math.max(...values));
    predicted.push(top);
    probability.push(values[top] ?? NaN);
  }
  return { predicted, probability };
}

describe('evaluate: the confusion matrix and per-image predictions', () => {
  it('counts each evaluated image once, padding excluded, as the labels and predictions say', async () => {
    const before = tf.memory().numTensors;
    // 11 of the 13 images in batches of 4: the last batch has 3 images and a padding row.
    const result = await evaluate(model, spec, set, 11, 4, noStop, 'own');
    expect(tf.memory().numTensors).toBe(before);
    if (!result) throw new Error('evaluation stopped');
    const direct = directPredictions(11);

    expect(result.count).toBe(11);
    expect([...result.predictions.predicted]).toEqual(direct.predicted);
    result.predictions.probability.forEach((p, i) =>
      expect(p).toBeCloseTo(direct.probability[i] ?? NaN, 5),
    );
    const labels = [...images.labels.subarray(0, 11)];
    expect(result.confusion).toHaveLength(NUM_CLASSES * NUM_CLASSES);
    expect([...result.confusion]).toEqual([...countConfusion(labels, direct.predicted)]);
    expect(result.confusion.reduce((a, b) => a + b, 0)).toBe(11);
    // The diagonal is the correct count behind the accuracy.
    const trace = [...Array(NUM_CLASSES).keys()].reduce(
      (sum, c) => sum + (result.confusion[c * NUM_CLASSES + c] ?? 0),
      0,
    );
    expect(result.accuracy).toBeCloseTo(trace / 11, 6);
    const { recall } = precisionRecall(result.confusion);
    expect(recall).toHaveLength(NUM_CLASSES);
  });

  it('leaves nothing behind when stopped midway', async () => {
    const before = tf.memory().numTensors;
    let batches = 0;
    const result = await evaluate(
      model,
      spec,
      set,
      13,
      4,
      {
        shouldStop: () => ++batches > 2,
        yieldControl: yieldToEventLoop,
      },
      'own',
    );
    expect(result).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });
});
