import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_PIXELS } from '../protocol';
import { GpuImageSet, packImages, unpackImages, WORDS_PER_IMAGE } from './gpuImages';
import { createRandom } from './random';
import { useCpuBackend } from '../testing/cpuBackend';

beforeAll(useCpuBackend);

function randomImages(count: number, seed: number): Uint8Array {
  const random = createRandom(seed);
  const bytes = new Uint8Array(count * IMAGE_PIXELS).map(() => Math.floor(random() * 256));
  bytes[0] = 255; // the extremes, which a sign or rounding slip would corrupt
  bytes[1] = 0;
  bytes[IMAGE_PIXELS - 1] = 255;
  return bytes;
}

describe('packImages / unpackImages', () => {
  it('packs three bytes per word, all below 2^24 so float32 arithmetic stays exact', () => {
    const words = packImages(randomImages(3, 1), 3);
    expect(words.length).toBe(3 * WORDS_PER_IMAGE);
    expect(Math.max(...words)).toBeLessThan(2 ** 24);
    expect(Math.min(...words)).toBeGreaterThanOrEqual(0);
  });

  it('round-trips every byte to byte / 255', () => {
    const images = randomImages(4, 2);
    const words = tf.tensor2d(packImages(images, 4), [4, WORDS_PER_IMAGE], 'int32');
    const unpacked = unpackImages(words);
    expect(unpacked.shape).toEqual([4, 28, 28, 1]);
    const values = unpacked.dataSync();
    const worst = Math.max(...Array.from(images, (b, i) => Math.abs(values[i]! - b / 255)));
    expect(worst).toBeLessThan(1e-6);
    tf.dispose([words, unpacked]);
  });

  it('rejects a byte array shorter than the image count says', () => {
    expect(() => packImages(new Uint8Array(100), 1)).toThrow(/784/);
  });
});

describe('GpuImageSet', () => {
  it('gathers the images and labels at the given indices, packed or one byte per value', () => {
    const images = randomImages(5, 3);
    const labels = Uint8Array.from([4, 1, 9, 0, 7]);
    for (const packed of [true, false]) {
      const set = GpuImageSet.upload({ images, labels, count: 5 }, packed);
      const indices = tf.tensor1d([3, 0, 3], 'int32');
      const batch = set.gather(indices);
      expect(Array.from(batch.labels.dataSync())).toEqual([0, 4, 0]);
      const pixels = batch.images.dataSync();
      const expected = [3, 0, 3].flatMap((i) =>
        Array.from(images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), (b) => b / 255),
      );
      expect(Math.max(...expected.map((v, i) => Math.abs(v - pixels[i]!)))).toBeLessThan(1e-6);
      tf.dispose([indices, batch.images, batch.labels]);
      const before = tf.memory().numTensors;
      set.dispose();
      expect(tf.memory().numTensors).toBe(before - 2);
    }
  });
});
