// Builds the tfjs networks from the plain specs in architecture.ts, and runs their forward pass.
//
// The resize step of a spec is not a tfjs layer: `toModelInput` does it on the GPU in the training
// step, so the model itself takes `inputSize` x `inputSize` x 1 images. Dropout is applied by
// `forward` rather than by the tfjs Dropout layer, because the layer reuses one fixed seed for every
// call (the same mask on every step) or else draws from an unseeded Math.random. The kernel mode is
// a value `forward` is given: with 'own' it runs the ReLU layers' bias and activation as one op
// (reluLayers.ts) and dropout draws its mask on the GPU (src/kernels/seededDropout.ts); with
// 'stock' tfjs's layers and ops run, with the same dropout masks.

import * as tf from '@tensorflow/tfjs';
import { seededDropout } from '../kernels/seededDropout';
import type { KernelMode, ModelName } from '../protocol';
import { IMAGE_SIZE } from '../protocol';
import { describeModel, MODEL_SPECS, type LayerSpec, type ModelSpec } from './architecture';
import { convPadding } from './layerShapes';
import { applyWithBiasRelu } from './reluLayers';

/** Distinct, reproducible seed for the `index`-th initialiser of a model seeded with `seed`. */
function layerSeed(seed: number, index: number): number {
  return (Math.imul(seed | 0, 0x9e3779b1) + index * 7919) >>> 0;
}

/**
 * Kernels as the spec says (the reference run's D2L train_ch6 uses Xavier/Glorot uniform); biases as
 * PyTorch leaves them, uniform(+-1/sqrt(fan_in)), since the reference never re-initialises them.
 */
function initializers(
  spec: ModelSpec,
  layer: LayerSpec,
  seed: number,
  index: number,
  fanIn: number,
) {
  const bound = 1 / Math.sqrt(fanIn);
  const kernelSeed = { seed: layerSeed(seed, index) };
  // He's factor of 2 makes up for the half of the signal a ReLU drops; the logits have none.
  const feedsRelu = layer.kind === 'conv' || (layer.kind === 'dense' && layer.relu);
  return {
    kernelInitializer:
      spec.weightInit === 'he' && feedsRelu
        ? tf.initializers.heUniform(kernelSeed)
        : tf.initializers.glorotUniform(kernelSeed),
    biasInitializer: tf.initializers.randomUniform({
      minval: -bound,
      maxval: bound,
      seed: layerSeed(seed, index + 1000),
    }),
  };
}

function layersFor(
  model: ModelSpec,
  spec: LayerSpec,
  seed: number,
  index: number,
  fanIn: number,
): tf.layers.Layer[] {
  const { kernelInitializer, biasInitializer } = initializers(model, spec, seed, index, fanIn);
  switch (spec.kind) {
    case 'resize':
      return [];
    case 'conv': {
      const padding = convPadding(spec);
      const conv = tf.layers.conv2d({
        name: spec.name,
        filters: spec.filters,
        kernelSize: spec.kernel,
        strides: spec.stride,
        padding: typeof padding === 'number' ? 'valid' : padding,
        activation: 'relu',
        kernelInitializer,
        biasInitializer,
      });
      if (typeof padding !== 'number') return [conv];
      return [tf.layers.zeroPadding2d({ name: `${spec.name}_pad`, padding }), conv];
    }
    case 'maxpool':
      return [
        tf.layers.maxPooling2d({
          name: spec.name,
          poolSize: spec.pool,
          strides: spec.stride,
          padding: 'valid',
        }),
      ];
    case 'flatten':
      return [tf.layers.flatten({ name: spec.name })];
    case 'dense':
      return [
        tf.layers.dense({
          name: spec.name,
          units: spec.units,
          activation: spec.relu ? 'relu' : 'linear',
          kernelInitializer,
          biasInitializer,
        }),
      ];
    case 'dropout':
      return [tf.layers.dropout({ name: spec.name, rate: spec.rate })];
    default:
      return spec satisfies never;
  }
}

/** A fresh, seeded tfjs model for `spec`, taking `inputSize` x `inputSize` x 1 images in [0, 1]. */
export function buildModelFromSpec(spec: ModelSpec, seed: number): tf.Sequential {
  const model = tf.sequential({ name: spec.name.replace(/[^a-z0-9_]/gi, '_') });
  model.add(tf.layers.inputLayer({ inputShape: [spec.inputSize, spec.inputSize, 1] }));
  const { rows } = describeModel(spec, spec.inputSize);
  spec.layers.forEach((layer, index) => {
    const inputShape = rows[index - 1]?.outputShape ?? [spec.inputSize, spec.inputSize, 1];
    const fanIn =
      layer.kind === 'conv'
        ? layer.kernel * layer.kernel * (inputShape.at(-1) ?? 1)
        : inputShape.reduce((a, b) => a * b, 1);
    for (const l of layersFor(spec, layer, seed, index, fanIn)) model.add(l);
  });
  return model;
}

export function buildModel(name: ModelName, seed: number): tf.Sequential {
  return buildModelFromSpec(MODEL_SPECS[name], seed);
}

/**
 * Turns a batch of 28x28x1 images in [0, 1] into what the model takes: for alexnet a bilinear resize
 * to 224x224 with half-pixel centres, as torchvision's Resize does.
 */
export function toModelInput(images: tf.Tensor4D, spec: ModelSpec): tf.Tensor4D {
  if (spec.inputSize === IMAGE_SIZE) return images;
  return tf.image.resizeBilinear(images, [spec.inputSize, spec.inputSize], false, true);
}

/** How `forward` runs: which kernels its ops use, and in training the step's dropout seed and the
 * run's dropout rate (the config's, not the spec's: the spec's rate is the built tfjs layers'). */
export type ForwardMode =
  | { training: false; kernels: KernelMode }
  | { training: true; kernels: KernelMode; dropoutSeed: number; dropoutRate: number };

/**
 * Runs the layers of `model` (built from `spec`) eagerly on `input` and returns the logits. The
 * spec, not the tfjs layer classes, says which layers are dropout. In training mode each dropout
 * layer drops at `dropoutRate`, drawing its mask from `dropoutSeed` plus its position (the same mask
 * in either kernel mode), so every step gets new masks and a run is reproducible; at rate 0 it is
 * skipped (no mask, no dispatch), as in evaluation. Training, evaluation, prediction and
 * inspection all take this path; `onOutput` sees each layer's output (after its activation or mask),
 * for the feature maps and the tests.
 */
export function forward(
  model: tf.LayersModel,
  spec: ModelSpec,
  input: tf.Tensor,
  mode: ForwardMode,
  onOutput?: (layerName: string, output: tf.Tensor) => void,
): tf.Tensor2D {
  const dropouts = new Set<string>();
  for (const layer of spec.layers) if (layer.kind === 'dropout') dropouts.add(layer.name);
  const inputs = new Set(model.inputs.map((input) => input.sourceLayer));
  let x = input;
  model.layers.forEach((layer, index) => {
    if (inputs.has(layer)) return;
    if (dropouts.has(layer.name)) {
      if (mode.training && mode.dropoutRate > 0)
        x = seededDropout(x, mode.dropoutRate, layerSeed(mode.dropoutSeed, index), mode.kernels);
      onOutput?.(layer.name, x);
      return;
    }
    const fused = mode.kernels === 'own' ? applyWithBiasRelu(layer, x, mode.kernels) : null;
    const out = fused ?? layer.apply(x, { training: mode.training });
    if (!(out instanceof tf.Tensor))
      throw new Error(`Layer ${layer.name} did not return a tensor.`);
    x = out;
    onOutput?.(layer.name, out);
  });
  if (x.rank !== 2)
    throw new Error(`The model ended in rank ${x.rank}, expected logits [batch, 10].`);
  return x as tf.Tensor2D;
}

/** Every trainable variable of `model`, for `optimizer.minimize`'s var list. */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => {
    const v = w.read();
    if (!isVariable(v)) throw new Error(`Weight ${w.name} is not a tf.Variable.`);
    return v;
  });
}

function isVariable(t: tf.Tensor): t is tf.Variable {
  return t instanceof tf.Variable;
}
