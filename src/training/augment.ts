// Light augmentation, off in the reference run: a random horizontal flip and/or a random shift of up
// to two pixels per image, as one tf.image.transform on the GPU. The random draws are made on the CPU
// (8 numbers per image), so a seeded run stays reproducible. Three draws per image whichever of the
// two is on, so turning one off leaves the other's draws (and the epoch's later draws) as they were.

import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../protocol';

export const MAX_SHIFT_PIXELS = 2;

export interface Augmentation {
  flips: boolean;
  shifts: boolean;
}

const BOTH: Augmentation = { flips: true, shifts: true };

/**
 * The projective transform rows tf.image.transform expects, one per image: output pixel (x, y)
 * reads input pixel (a0 x + a2, y + b2), i.e. mirrored when a0 = -1 and moved by the shift.
 */
export function augmentationTransforms(
  batch: number,
  random: () => number,
  kinds: Augmentation = BOTH,
): Float32Array {
  const rows = new Float32Array(batch * 8);
  const shift = () => Math.floor(random() * (2 * MAX_SHIFT_PIXELS + 1)) - MAX_SHIFT_PIXELS;
  for (let i = 0; i < batch; i++) {
    const flip = random() < 0.5 && kinds.flips;
    const [dx, dy] = [shift(), shift()].map((d) => (kinds.shifts ? d : 0)) as [number, number];
    rows.set([flip ? -1 : 1, 0, (flip ? IMAGE_SIZE - 1 : 0) - dx, 0, 1, -dy, 0, 0], i * 8);
  }
  return rows;
}

/** Flips and/or shifts each 28x28 image of the batch; vacated pixels become background (0). */
export function augmentBatch(
  images: tf.Tensor4D,
  random: () => number,
  kinds: Augmentation = BOTH,
): tf.Tensor4D {
  const batch = images.shape[0];
  return tf.tidy(() => {
    const transforms = tf.tensor2d(augmentationTransforms(batch, random, kinds), [batch, 8]);
    return tf.image.transform(images, transforms, 'nearest', 'constant', 0);
  });
}
