// Test helper: random 28x28 images and labels, for tests that exercise the loop, not the learning.

import { IMAGE_PIXELS, NUM_CLASSES } from '../protocol';
import type { LabelledImages } from '../training/gpuImages';
import { createRandom } from '../training/random';

export function syntheticImages(count: number, seed = 1): LabelledImages {
  const random = createRandom(seed);
  return {
    images: new Uint8Array(count * IMAGE_PIXELS).map(() => Math.floor(random() * 256)),
    labels: new Uint8Array(count).map(() => Math.floor(random() * NUM_CLASSES)),
    count,
  };
}
