// The tensor shapes each conv and dense layer of a model works on, as tfjs sees them: what the
// kernel benchmark times and the kernel checks test, at any batch size. Pure (no tfjs).

import type { ModelName } from '../protocol';
import { describeModel, MODEL_SPECS, type LayerSpec } from './architecture';

type ConvSpec = Extract<LayerSpec, { kind: 'conv' }>;

/**
 * Keras needs 'same' or 'valid': explicit zero-padding is only added where neither reproduces the
 * spec's padding (never for the two shipped models, but a spec edit must not silently change shapes).
 */
export function convPadding(layer: ConvSpec): 'same' | 'valid' | number {
  if (layer.padding === 0) return 'valid';
  if (layer.stride === 1 && layer.kernel === 2 * layer.padding + 1) return 'same';
  return layer.padding;
}

export interface ConvLayerShape {
  model: ModelName;
  layer: string;
  /** [height, width, channels] of one image's input. */
  input: [number, number, number];
  /** [kernel, kernel, in channels, out channels]. */
  filter: [number, number, number, number];
  stride: number;
  /** As the tfjs layer gets it ('same' / 'valid'), or explicit zero-padding on each side. */
  pad: 'same' | 'valid' | number;
  /** [height, width, channels] of one image's output. */
  output: [number, number, number];
}

export interface DenseLayerShape {
  model: ModelName;
  layer: string;
  inputs: number;
  units: number;
  /** A ReLU follows (every dense layer but the logits). */
  relu: boolean;
  /** The rate of the dropout layer right after this one, if there is one. */
  dropoutRate?: number;
}

const triple = (shape: number[]): [number, number, number] => {
  const [h, w, c] = shape;
  if (shape.length !== 3 || h === undefined || w === undefined || c === undefined) {
    throw new Error(`Expected an image shape, got [${shape.join(', ')}].`);
  }
  return [h, w, c];
};

/** Input shape of every layer of `model`, beside the layer (resize included). */
function layersWithInputs(model: ModelName) {
  const spec = MODEL_SPECS[model];
  const { rows } = describeModel(spec, spec.sourceSize);
  return spec.layers.map((layer, i) => ({
    layer,
    input: i === 0 ? [spec.sourceSize, spec.sourceSize, 1] : (rows[i - 1]?.outputShape ?? []),
    output: rows[i]?.outputShape ?? [],
  }));
}

export function convLayerShapes(model: ModelName): ConvLayerShape[] {
  return layersWithInputs(model).flatMap(({ layer, input, output }) => {
    if (layer.kind !== 'conv') return [];
    const [, , channels] = triple(input);
    return [
      {
        model,
        layer: layer.name,
        input: triple(input),
        filter: [layer.kernel, layer.kernel, channels, layer.filters],
        stride: layer.stride,
        pad: convPadding(layer),
        output: triple(output),
      },
    ];
  });
}

export function denseLayerShapes(model: ModelName): DenseLayerShape[] {
  const layers = layersWithInputs(model);
  return layers.flatMap(({ layer, input }, i) => {
    if (layer.kind !== 'dense') return [];
    const next = layers[i + 1]?.layer;
    return [
      {
        model,
        layer: layer.name,
        inputs: input.reduce((a, b) => a * b, 1),
        units: layer.units,
        relu: layer.relu,
        ...(next?.kind === 'dropout' ? { dropoutRate: next.rate } : {}),
      },
    ];
  });
}
