// The inspection requests through the session: confusion examples from the epoch their matrix
// belongs to, conv1 filters, feature maps and saliency, answered mid-run between steps.

import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/cpuBackend';
import { syntheticImages } from '../tools/syntheticImages';
import { NUM_CLASSES, transferablesOf } from '../protocol';
import { memorySource, readySession, tinyConfig } from './testing/sessionHarness';
import { NO_MODEL_MESSAGE } from './trainingSession';

const TINY = tinyConfig({ epochs: 2, testImages: 20 });
const train = syntheticImages(48, 1);
const test = syntheticImages(24, 2);

beforeAll(useCpuBackend);

/** A ready session on this file's images. */
const readyOnImages = () => readySession({ source: memorySource(train, test) });

const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

describe('inspection requests', () => {
  it('answer with an error naming the request before any model exists', async () => {
    const h = await readyOnImages();
    await h.send({ type: 'firstLayerFilters', id: 7 });
    await h.send({ type: 'inspect', id: 8, pixels: new Float32Array(784) });
    await h.send({ type: 'confusionExamples', id: 9, epoch: 1, trueClass: 0, predictedClass: 0 });
    expect(h.ofType('error').map((e) => [e.id, e.scope, e.message])).toEqual([
      [7, 'predict', NO_MODEL_MESSAGE],
      [8, 'predict', NO_MODEL_MESSAGE],
      [9, 'predict', NO_MODEL_MESSAGE],
    ]);
  });

  it('send each epoch its confusion matrix, and the images behind a cell from that epoch', async () => {
    const h = await readyOnImages();
    await h.send({ type: 'train', config: TINY });
    const epochs = h.ofType('epoch').map((e) => e.metrics);
    expect(epochs).toHaveLength(2);
    for (const { classes } of epochs) {
      expect(sum(classes?.confusion ?? [])).toBe(20);
      expect(classes?.recall).toHaveLength(NUM_CLASSES);
      expect(classes?.precision).toHaveLength(NUM_CLASSES);
    }

    for (const epoch of [1, 2]) {
      const confusion = epochs[epoch - 1]?.classes?.confusion ?? new Int32Array(100);
      const cell = confusion.findIndex((count) => count > 0);
      const [trueClass, predictedClass] = [Math.floor(cell / 10), cell % 10];
      await h.send({ type: 'confusionExamples', epoch, trueClass, predictedClass });
      const answer = h.ofType('cellExamples').at(-1);
      expect(answer?.id).toBe(h.lastId());
      const examples = answer?.examples;
      expect(examples).toMatchObject({ epoch, trueClass, predictedClass, total: confusion[cell] });
      expect(examples?.indices).toHaveLength(Math.min(24, confusion[cell] ?? 0));
      examples?.indices.forEach((index, i) => {
        expect(index).toBeLessThan(20); // only the evaluated subset
        expect(test.labels[index]).toBe(trueClass);
        expect(examples.pixels.subarray(i * 784, (i + 1) * 784)).toEqual(
          test.images.subarray(index * 784, (index + 1) * 784),
        );
      });
      expect(answer && transferablesOf(answer)).toHaveLength(3);
    }
    // The epoch event is copied, not transferred: the run history and the checkpoint store the same
    // metrics after the event is posted, and a transfer would leave them empty arrays.
    expect(transferablesOf(h.ofType('epoch')[0]!)).toHaveLength(0);
  });

  it('refuses a class out of range and an epoch the run has not evaluated', async () => {
    const h = await readyOnImages();
    await h.send({ type: 'train', config: { ...TINY, epochs: 1 } });
    await h.send({ type: 'confusionExamples', id: 20, epoch: 1, trueClass: 10, predictedClass: 0 });
    await h.send({ type: 'confusionExamples', id: 21, epoch: 2, trueClass: 0, predictedClass: 0 });
    expect(h.ofType('error').map((e) => [e.id, e.message])).toEqual([
      [20, 'Classes are 0 to 9: got 10 and 0.'],
      [21, 'This run has no evaluation of epoch 2.'],
    ]);
  });

  it('answer filters and an inspection mid-run, between steps, without leaking tensors', async () => {
    const h = await readyOnImages();
    const run = h.send({ type: 'train', config: { ...TINY, epochs: 3 } });
    await h.until(() => h.ofType('batch').length > 0, 'the first step');
    // Paused, so the loop's own tensors hold still while the count is compared.
    await h.send({ type: 'pause' });
    const before = tf.memory().numTensors;
    await h.send({ type: 'firstLayerFilters', id: 30 });
    await h.send({ type: 'inspect', id: 31, pixels: new Float32Array(784).fill(0.4) });
    expect(tf.memory().numTensors).toBe(before);
    await h.send({ type: 'resume' });
    // Running: the request is answered between two steps, long before the run ends.
    await h.send({ type: 'inspect', id: 32, pixels: new Float32Array(784).fill(0.1) });
    expect(h.ofType('inspection').map((e) => e.id)).toEqual([31, 32]);
    expect(h.ofType('done')).toEqual([]);
    await run;

    const filters = h.ofType('filters')[0]?.filters;
    expect(filters).toMatchObject({ layer: 'conv1', size: 5, count: 16 });
    expect(Math.min(...(filters?.pixels ?? []))).toBe(0);
    expect(Math.max(...(filters?.pixels ?? []))).toBe(1);

    const inspection = h.ofType('inspection')[0];
    expect(inspection?.id).toBe(31);
    expect(inspection?.inspection.saliency).toHaveLength(784);
    expect(inspection?.inspection.featureMaps.map((m) => m.layer)).toEqual(['conv1', 'conv2']);
    expect(inspection && transferablesOf(inspection)).toHaveLength(4);
    expect(h.ofType('error')).toEqual([]);
  });

  it('refuses a picture of the wrong size', async () => {
    const h = await readyOnImages();
    await h.send({ type: 'train', config: { ...TINY, epochs: 1 } });
    await h.send({ type: 'inspect', id: 40, pixels: new Float32Array(100) });
    expect(h.ofType('error')[0]).toMatchObject({ id: 40, scope: 'predict' });
    expect(h.ofType('error')[0]?.message).toMatch(/784 values/);
  });
});
