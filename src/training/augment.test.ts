import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentationTransforms, augmentBatch, MAX_SHIFT_PIXELS } from './augment';
import { createRandom } from './random';
import { useCpuBackend } from '../testing/cpuBackend';

beforeAll(useCpuBackend);

/** A fixed sequence of draws: flip?, dx, dy per image, as augmentationTransforms consumes them. */
function draws(values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

/** 28x28 image with a single lit pixel at (row, col). */
function dot(row: number, col: number): tf.Tensor4D {
  const pixels = new Float32Array(28 * 28);
  pixels[row * 28 + col] = 1;
  return tf.tensor4d(pixels, [1, 28, 28, 1]);
}

function litPixel(image: tf.Tensor4D): [number, number] {
  const index = image.dataSync().findIndex((v) => v === 1);
  return [Math.floor(index / 28), index % 28];
}

describe('augmentBatch', () => {
  it('mirrors left-right when the flip draw is below 0.5', () => {
    // 0.5 for a shift draw means floor(0.5 * 5) - 2 = 0: no shift.
    const out = augmentBatch(dot(5, 3), draws([0.1, 0.5, 0.5]));
    expect(litPixel(out)).toEqual([5, 24]);
  });

  it('shifts by up to two pixels and fills the vacated side with background', () => {
    // No flip; dx = floor(0.99 * 5) - 2 = +2, dy = floor(0 * 5) - 2 = -2.
    const out = augmentBatch(dot(10, 10), draws([0.9, 0.99, 0]));
    expect(litPixel(out)).toEqual([8, 12]);
    const edge = augmentBatch(dot(0, 27), draws([0.9, 0.99, 0.5]));
    expect(edge.dataSync().every((v) => v === 0)).toBe(true);
  });

  it('keeps random shifts within the limit and draws per image', () => {
    const images = tf.concat(Array.from({ length: 16 }, () => dot(14, 14)));
    const out = augmentBatch(images, createRandom(3));
    const positions = tf.unstack(out).map((t) => litPixel(t.expandDims<tf.Tensor4D>(0)));
    for (const [r, c] of positions) {
      expect(Math.abs(r - 14)).toBeLessThanOrEqual(MAX_SHIFT_PIXELS);
      const unflipped = Math.abs(c - 14) <= MAX_SHIFT_PIXELS;
      const flipped = Math.abs(c - 13) <= MAX_SHIFT_PIXELS;
      expect(unflipped || flipped).toBe(true);
    }
    expect(new Set(positions.map((p) => p.join())).size).toBeGreaterThan(1);
  });
});

describe('augmentationTransforms', () => {
  // Per image 8 numbers: [a0, a1, a2, b0, b1, b2, c0, c1]; a0 = -1 mirrors, a2 and b2 hold the shift.
  const rows = (seed: number, kinds = { flips: true, shifts: true }) =>
    Array.from(augmentationTransforms(64, createRandom(seed), kinds));
  const flipsOf = (r: number[]) => r.filter((_, i) => i % 8 === 0);
  const yShiftsOf = (r: number[]) => r.filter((_, i) => i % 8 === 5);

  it('is the same for the same seed and differs for another', () => {
    expect(rows(7)).toEqual(rows(7));
    expect(rows(8)).not.toEqual(rows(7));
  });

  it('flips only, or shifts only, each as the same draws would have it with both on', () => {
    const both = rows(7);
    const flips = rows(7, { flips: true, shifts: false });
    const shifts = rows(7, { flips: false, shifts: true });
    expect(flipsOf(flips)).toEqual(flipsOf(both));
    expect(yShiftsOf(flips).every((b2) => b2 === 0)).toBe(true);
    expect(flipsOf(shifts).every((a0) => a0 === 1)).toBe(true);
    expect(yShiftsOf(shifts)).toEqual(yShiftsOf(both));
    // Both kinds occur in 64 images (each has odds of 1/2 and 4/5 per image).
    expect(new Set(flipsOf(both))).toEqual(new Set([1, -1]));
    expect(yShiftsOf(both).some((b2) => b2 !== 0)).toBe(true);
  });
});
