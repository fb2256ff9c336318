// Keeps a dataset split on the GPU as bytes, and turns gathered rows into float batches there.
//
// tfjs has no uint8 dtype: an int32 or float32 tensor of the 60,000 training images takes 188 MB,
// more than the 128 MiB a storage buffer binding may have by default, and tf.gather binds the whole
// tensor. So three pixel bytes are packed into each int32 (values below 2^24, which the float32
// arithmetic of the GPU kernels represents exactly): 262 words per image, 63 MB in all, uploaded
// once. Each step gathers its rows and unpacks them with mod / floor-division by powers of two.
// WebGL without float32 render targets computes in half floats (exact only to 2048): there the
// images are stored unpacked, one pixel per int32 element (pixel values up to 255 are exact there).

import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, IMAGE_SIZE } from '../protocol';

const BYTES_PER_WORD = 3;
export const WORDS_PER_IMAGE = Math.ceil(IMAGE_PIXELS / BYTES_PER_WORD);

/** Images and labels as stored in the dataset shards (structurally the data layer's SplitData). */
export interface LabelledImages {
  /** count * 784 bytes, row-major 28x28, 0 = background. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** Packs the first `count` images, three bytes per int32, little end first, zero-padded per image. */
export function packImages(images: Uint8Array, count: number): Int32Array {
  if (images.length < count * IMAGE_PIXELS) {
    throw new Error(
      `Expected ${count} images of ${IMAGE_PIXELS} bytes, got ${images.length} bytes.`,
    );
  }
  const words = new Int32Array(count * WORDS_PER_IMAGE);
  for (let i = 0; i < count; i++) {
    const src = i * IMAGE_PIXELS;
    const dst = i * WORDS_PER_IMAGE;
    for (let p = 0; p < IMAGE_PIXELS; p++) {
      const shift = (p % BYTES_PER_WORD) * 8;
      words[dst + Math.floor(p / BYTES_PER_WORD)]! |= images[src + p]! << shift;
    }
  }
  return words;
}

/** [batch, 262] packed words -> [batch, 28, 28, 1] float32 in [0, 1]. */
export function unpackImages(words: tf.Tensor2D): tf.Tensor4D {
  return tf.tidy(() => {
    const batch = words.shape[0];
    // In float32 throughout: exact below 2^24, and what the WebGPU int kernels compute in anyway.
    const w = tf.cast(words, 'float32');
    const low = tf.mod(w, 256);
    const middle = tf.mod(tf.floor(tf.div(w, 256)), 256);
    const high = tf.floor(tf.div(w, 65536));
    const bytes = tf
      .stack([low, middle, high], 2)
      .reshape([batch, WORDS_PER_IMAGE * BYTES_PER_WORD])
      .slice([0, 0], [batch, IMAGE_PIXELS]);
    return tf.div(bytes, 255).reshape([batch, IMAGE_SIZE, IMAGE_SIZE, 1]);
  });
}

/** False only for WebGL computing in half floats, where packed 24-bit words would lose bits. */
function backendIntegersAreExact(): boolean {
  return tf.getBackend() !== 'webgl' || tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
}

/** One split on the GPU. Owns its tensors: call dispose(). */
export class GpuImageSet {
  private constructor(
    /** [count, WORDS_PER_IMAGE] int32, packed pixels. */
    readonly words: tf.Tensor2D,
    /** [count] int32. */
    readonly labels: tf.Tensor1D,
    readonly count: number,
  ) {}

  static upload(split: LabelledImages, packed = backendIntegersAreExact()): GpuImageSet {
    const { count } = split;
    const words = packed
      ? tf.tensor2d(packImages(split.images, count), [count, WORDS_PER_IMAGE], 'int32')
      : tf.tensor2d(split.images.subarray(0, count * IMAGE_PIXELS), [count, IMAGE_PIXELS], 'int32');
    const labels = tf.tensor1d(Int32Array.from(split.labels.subarray(0, count)), 'int32');
    return new GpuImageSet(words, labels, count);
  }

  /** The images at `indices` as [b, 28, 28, 1] floats in [0, 1], and their int32 labels. */
  gather(indices: tf.Tensor1D): { images: tf.Tensor4D; labels: tf.Tensor1D } {
    return tf.tidy(() => {
      const rows = tf.gather(this.words, indices);
      const images =
        rows.shape[1] === WORDS_PER_IMAGE
          ? unpackImages(rows)
          : tf
              .div(tf.cast(rows, 'float32'), 255)
              .reshape<tf.Tensor4D>([-1, IMAGE_SIZE, IMAGE_SIZE, 1]);
      return { images, labels: tf.gather(this.labels, indices) };
    });
  }

  dispose(): void {
    this.words.dispose();
    this.labels.dispose();
  }
}
