// Looking inside a network with its current weights: a conv layer's kernels as images, and for one
// picture the feature maps of the first conv layers and a saliency map. Each answer is computed in
// one tidy and read back with one transfer.

import * as tf from '@tensorflow/tfjs';
import {
  FEATURE_MAP_CHANNELS,
  FEATURE_MAP_LAYERS,
  IMAGE_PIXELS,
  IMAGE_SIZE,
  NUM_CLASSES,
  type FeatureMaps,
  type Inspection,
  type KernelMode,
  type LayerFilters,
} from '../protocol';
import type { ModelSpec } from './architecture';
import { forward, toModelInput } from './models';
import { scaleEach, scaleMagnitude } from './scaleEach';

async function read(tensor: tf.Tensor): Promise<Float32Array> {
  try {
    const data = await tensor.data();
    return data instanceof Float32Array ? data : Float32Array.from(data);
  } finally {
    tensor.dispose();
  }
}

/** The kernels of conv layer `layerName` (its first input channel), each scaled to its own range. */
export async function layerFilters(
  model: tf.LayersModel,
  layerName: string,
): Promise<LayerFilters> {
  const kernel = model.getLayer(layerName).getWeights()[0];
  if (kernel?.rank !== 4) throw new Error(`Layer ${layerName} has no conv kernel.`);
  const [size = 0, width = 0, , count = 0] = kernel.shape;
  if (size !== width) throw new Error(`Layer ${layerName}'s kernel is not square.`);
  // [k, k, in, out] -> [out, k, k]: one row-major image per filter. A new tensor, so the training
  // loop may replace the variable's value while this one is being read.
  const images = tf.tidy(() =>
    tf.transpose(tf.slice(kernel, [0, 0, 0, 0], [size, size, 1, count]), [3, 0, 1, 2]),
  );
  const values = await read(images);
  return { layer: layerName, size, count, pixels: scaleEach(values, count) };
}

/**
 * What the network makes of one 28x28 picture (784 values in [0, 1]): its class probabilities, the
 * first FEATURE_MAP_CHANNELS channels of each FEATURE_MAP_LAYERS output (after ReLU), and a plain
 * gradient saliency map: |d top-class logit / d input pixel| over the 28x28 input, before any resize.
 */
export async function inspectPicture(
  model: tf.LayersModel,
  spec: ModelSpec,
  pixels: Float32Array,
  kernels: KernelMode,
): Promise<Inspection> {
  if (pixels.length !== IMAGE_PIXELS) {
    throw new Error(`A picture has ${IMAGE_PIXELS} values (28x28), not ${pixels.length}.`);
  }
  const mode = { training: false, kernels } as const;
  const shapes: { layer: string; height: number; width: number; total: number }[] = [];
  const all = tf.tidy(() => {
    const image = tf.tensor4d(pixels, [1, IMAGE_SIZE, IMAGE_SIZE, 1]);
    const taps = new Map<string, tf.Tensor>();
    const logits = forward(model, spec, toModelInput(image, spec), mode, (name, out) => {
      if ((FEATURE_MAP_LAYERS as readonly string[]).includes(name)) taps.set(name, out);
    });
    const maps = FEATURE_MAP_LAYERS.map((layer) => {
      const out = taps.get(layer);
      if (out?.rank !== 4) throw new Error(`The model has no conv layer ${layer}.`);
      const [, height = 0, width = 0, total = 0] = out.shape;
      shapes.push({ layer, height, width, total });
      const shown = Math.min(FEATURE_MAP_CHANNELS, total);
      // [1, h, w, c] -> [c, h, w]: one map per channel.
      return tf.transpose(tf.slice(out, [0, 0, 0, 0], [1, height, width, shown]), [3, 1, 2, 0]);
    });
    // The top class, fixed before the gradient is taken: a constant to the tape.
    const topMask = tf.cast(tf.oneHot(tf.argMax(logits, 1), NUM_CLASSES), 'float32');
    const topLogit = (x: tf.Tensor) =>
      tf.sum(tf.mul(forward(model, spec, toModelInput(x as tf.Tensor4D, spec), mode), topMask));
    const gradient = tf.grad(topLogit)(image);
    return tf.concat([tf.softmax(logits), gradient, ...maps].map((t) => tf.reshape(t, [-1])));
  });
  const values = await read(all);
  const probabilities = values.slice(0, NUM_CLASSES);
  const saliency = scaleMagnitude(values.subarray(NUM_CLASSES, NUM_CLASSES + IMAGE_PIXELS));
  let offset = NUM_CLASSES + IMAGE_PIXELS;
  const featureMaps: FeatureMaps[] = shapes.map(({ layer, height, width, total }) => {
    const channels = Math.min(FEATURE_MAP_CHANNELS, total);
    const raw = values.subarray(offset, offset + channels * height * width);
    offset += raw.length;
    return {
      layer,
      width,
      height,
      channels,
      totalChannels: total,
      values: scaleEach(raw, channels),
    };
  });
  return { probabilities, topClass: argMax(probabilities), featureMaps, saliency };
}

function argMax(values: Float32Array): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] ?? 0) > (values[best] ?? 0)) best = i;
  return best;
}
