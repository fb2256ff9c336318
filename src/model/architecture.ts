// The two networks as plain data, and the layer-size arithmetic for the architecture table.
// No tfjs here: the page imports this file to draw the table, and models.ts builds the tfjs
// layers from the same specs, so the table and the trained network cannot disagree.

import type { ModelName } from '../protocol';

export type LayerSpec =
  | { kind: 'resize'; name: string; size: number }
  | {
      kind: 'conv';
      name: string;
      filters: number;
      kernel: number;
      stride: number;
      padding: number;
    }
  | { kind: 'maxpool'; name: string; pool: number; stride: number }
  | { kind: 'flatten'; name: string }
  | { kind: 'dense'; name: string; units: number; relu: boolean }
  | { kind: 'dropout'; name: string; rate: number };

export interface ModelSpec {
  name: ModelName;
  /** Side of the square image fed to the first layer (after any resize). */
  inputSize: number;
  /** Side of the dataset images. */
  sourceSize: number;
  layers: readonly LayerSpec[];
  summary: string;
  /**
   * Initialisation of the kernels of layers followed by a ReLU: 'glorot' (Xavier uniform, the
   * reference run's) unless set. The logits layer always gets Glorot; biases always start as
   * PyTorch's do, uniform(+-1/sqrt(fan_in)).
   */
  weightInit?: 'glorot' | 'he';
}

const conv = (name: string, filters: number, kernel: number, stride: number, padding: number) =>
  ({ kind: 'conv', name, filters, kernel, stride, padding }) as const;
const pool = (name: string) => ({ kind: 'maxpool', name, pool: 3, stride: 2 }) as const;
const dense = (name: string, units: number, relu = true) =>
  ({ kind: 'dense', name, units, relu }) as const;
const dropout = (name: string) => ({ kind: 'dropout', name, rate: 0.5 }) as const;

/** The reference network (D2L's AlexNet for Fashion-MNIST): 1x224x224 in, 10 classes out. */
const ALEXNET: ModelSpec = {
  name: 'alexnet',
  inputSize: 224,
  sourceSize: 28,
  summary: 'AlexNet as in the reference run: 28x28 images resized to 224x224, 46.8 M parameters.',
  layers: [
    { kind: 'resize', name: 'resize', size: 224 },
    conv('conv1', 96, 11, 4, 0),
    pool('pool1'),
    conv('conv2', 256, 5, 1, 2),
    pool('pool2'),
    conv('conv3', 384, 3, 1, 1),
    conv('conv4', 384, 3, 1, 1),
    conv('conv5', 256, 3, 1, 1),
    pool('pool3'),
    { kind: 'flatten', name: 'flatten' },
    dense('fc1', 4096),
    dropout('drop1'),
    dense('fc2', 4096),
    dropout('drop2'),
    dense('fc3', 10, false),
  ],
};

/**
 * The same topology (5 conv + 3 dense, ReLU, 3x3/2 max-pooling, dropout 0.5) scaled to native 28x28
 * input: 5x5 then 3x3 kernels at stride 1 keep enough resolution for three poolings (28 -> 13 -> 6 -> 2),
 * and ~1/300 of the parameters let it train in seconds on a laptop GPU and in tests on a software one.
 */
const ALEXNET_MINI: ModelSpec = {
  name: 'alexnet-mini',
  inputSize: 28,
  sourceSize: 28,
  summary: 'AlexNet topology scaled for native 28x28 input: 163 k parameters, fast anywhere.',
  // He (Kaiming) uniform keeps the signal alive through its eight ReLU layers. With Glorot the logits
  // start out identical for every image (their spread across images is 0.6% of their size) and
  // training sits at loss ln(10) for 20 to 70 steps before it takes off, at a random moment.
  weightInit: 'he',
  layers: [
    conv('conv1', 16, 5, 1, 2),
    pool('pool1'),
    conv('conv2', 32, 5, 1, 2),
    pool('pool2'),
    conv('conv3', 48, 3, 1, 1),
    conv('conv4', 48, 3, 1, 1),
    conv('conv5', 32, 3, 1, 1),
    pool('pool3'),
    { kind: 'flatten', name: 'flatten' },
    dense('fc1', 256),
    dropout('drop1'),
    dense('fc2', 256),
    dropout('drop2'),
    dense('fc3', 10, false),
  ],
};

export const MODEL_SPECS: Readonly<Record<ModelName, ModelSpec>> = {
  alexnet: ALEXNET,
  'alexnet-mini': ALEXNET_MINI,
};

/** One row of the architecture table. `outputShape` is [height, width, channels] or [units]. */
export interface LayerRow {
  name: string;
  kind: LayerSpec['kind'];
  /** Human-readable settings, e.g. "96@11x11, stride 4". */
  detail: string;
  outputShape: number[];
  params: number;
  /** Multiply-adds for one image, forward pass. */
  macs: number;
}

export interface ModelDescription {
  rows: LayerRow[];
  totalParams: number;
  totalMacs: number;
}

export class ArchitectureError extends Error {
  override name = 'ArchitectureError';
}

/** floor((W + 2P - K) / S) + 1, the output side of a convolution or pooling window. */
export function outputSide(input: number, kernel: number, stride: number, padding: number): number {
  return Math.floor((input + 2 * padding - kernel) / stride) + 1;
}

/**
 * Walks the layers from a `inputSize` x `inputSize` x 1 input and gives each layer's output shape,
 * parameter count and multiply-adds. Throws an ArchitectureError naming the layer when a window no
 * longer fits (output side below 1), instead of producing zero or NaN shapes.
 */
export function describeModel(
  spec: Pick<ModelSpec, 'layers'>,
  inputSize: number,
  inputChannels = 1,
): ModelDescription {
  if (!Number.isInteger(inputSize) || inputSize < 1) {
    throw new ArchitectureError(`Input size must be a positive integer, got ${inputSize}.`);
  }
  let shape: number[] = [inputSize, inputSize, inputChannels];
  const rows: LayerRow[] = [];

  const spatial = (layer: LayerSpec): [number, number, number] => {
    const [h, w, c] = shape;
    if (shape.length !== 3 || h === undefined || w === undefined || c === undefined) {
      throw new ArchitectureError(
        `${layer.name}: needs an image input, got shape [${shape.join(', ')}].`,
      );
    }
    return [h, w, c];
  };
  const windowed = (
    layer: LayerSpec,
    side: number,
    kernel: number,
    stride: number,
    padding: number,
  ) => {
    const out = outputSide(side, kernel, stride, padding);
    if (out < 1) {
      throw new ArchitectureError(
        `${layer.name}: a ${kernel}x${kernel} window with stride ${stride} and padding ${padding} ` +
          `does not fit a ${side}x${side} input (output side would be ${out}).`,
      );
    }
    return out;
  };

  for (const layer of spec.layers) {
    let params = 0;
    let macs = 0;
    let detail = '';
    switch (layer.kind) {
      case 'resize': {
        const [, , c] = spatial(layer);
        shape = [layer.size, layer.size, c];
        detail = `bilinear to ${layer.size}x${layer.size}`;
        break;
      }
      case 'conv': {
        const [h, , c] = spatial(layer);
        const out = windowed(layer, h, layer.kernel, layer.stride, layer.padding);
        params = layer.kernel * layer.kernel * c * layer.filters + layer.filters;
        macs = out * out * layer.filters * layer.kernel * layer.kernel * c;
        shape = [out, out, layer.filters];
        detail = `${layer.filters}@${layer.kernel}x${layer.kernel}, stride ${layer.stride}, pad ${layer.padding}, ReLU`;
        break;
      }
      case 'maxpool': {
        const [h, , c] = spatial(layer);
        const out = windowed(layer, h, layer.pool, layer.stride, 0);
        shape = [out, out, c];
        detail = `${layer.pool}x${layer.pool}, stride ${layer.stride}`;
        break;
      }
      case 'flatten':
        shape = [shape.reduce((a, b) => a * b, 1)];
        break;
      case 'dense': {
        const inputs = shape.reduce((a, b) => a * b, 1);
        params = inputs * layer.units + layer.units;
        macs = inputs * layer.units;
        shape = [layer.units];
        detail = layer.relu ? `${layer.units} units, ReLU` : `${layer.units} units (logits)`;
        break;
      }
      case 'dropout':
        detail = `p = ${layer.rate}`;
        break;
      default:
        layer satisfies never;
    }
    rows.push({
      name: layer.name,
      kind: layer.kind,
      detail,
      outputShape: [...shape],
      params,
      macs,
    });
  }
  return {
    rows,
    totalParams: rows.reduce((sum, r) => sum + r.params, 0),
    totalMacs: rows.reduce((sum, r) => sum + r.macs, 0),
  };
}

/** The table for one of the app's models at its native input size. */
export function describeNamedModel(name: ModelName): ModelDescription {
  const spec = MODEL_SPECS[name];
  return describeModel(spec, spec.sourceSize);
}
