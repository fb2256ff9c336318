// Input checks and sample picking for the `predict` and `classifySamples` commands.

import type { LabelledImages } from '../training/gpuImages';
import type { Predictor } from '../training/predict';
import type { ClassifiedSample } from '../protocol';
import { IMAGE_PIXELS, NUM_CLASSES } from '../protocol';

export const MAX_SAMPLES = 64;

/** Why `pixels` is not a 28x28 image in [0, 1], or null when it is. */
export function validatePixels(pixels: unknown): string | null {
  if (!(pixels instanceof Float32Array)) return 'The image must be a Float32Array of 784 values.';
  if (pixels.length !== IMAGE_PIXELS) {
    return `The image must have ${IMAGE_PIXELS} values (28x28), got ${pixels.length}.`;
  }
  if (!pixels.every((v) => v >= 0 && v <= 1)) return 'Image values must lie in [0, 1].';
  return null;
}

/**
 * Classifies `count` test images picked at random (without repeats). Every sample owns its own
 * buffers, because the worker transfers them to the page.
 */
export async function classifySamples(
  trainer: Pick<Predictor, 'predict'>,
  test: LabelledImages,
  count: number,
  random: () => number = Math.random,
): Promise<ClassifiedSample[]> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SAMPLES) {
    throw new Error(`Ask for 1 to ${MAX_SAMPLES} samples, not ${count}.`);
  }
  const n = Math.min(count, test.count);
  const picked = new Set<number>();
  while (picked.size < n) picked.add(Math.floor(random() * test.count));
  const indices = [...picked];
  const pixels = new Float32Array(n * IMAGE_PIXELS);
  indices.forEach((index, i) => {
    const image = test.images.subarray(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS);
    for (let p = 0; p < IMAGE_PIXELS; p++) pixels[i * IMAGE_PIXELS + p] = image[p]! / 255;
  });
  const probabilities = await trainer.predict(pixels, n);
  return indices.map((index, i) => ({
    pixels: test.images.slice(index * IMAGE_PIXELS, (index + 1) * IMAGE_PIXELS),
    label: test.labels[index] ?? -1,
    probabilities: probabilities.slice(i * NUM_CLASSES, (i + 1) * NUM_CLASSES),
  }));
}
