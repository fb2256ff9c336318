// Own CPU-backend kernels: faster loops (conv.ts, math.ts) for tfjs's conv, max-pool-gradient, sum and
// matrix-product kernels, and a fixed Transform
// (which the augmentation uses: the stock one handles only the first image of a batch).
// The CPU backend is the app's last fallback (no WebGPU, no WebGL) and what the Node unit tests train
// on; with the stock kernels alexnet-mini trains at under 1 image/s there, with these at ~20.
//
// Only NHWC float32 without dilation is handled: anything else goes to the stock kernel, kept aside.

import * as tf from '@tensorflow/tfjs';
import {
  conv2dFilterGradientNhwc,
  conv2dInputGradientNhwc,
  conv2dNhwc,
  maxPoolGradientNhwc,
  transformNearestNhwc,
} from './conv';
import { isCpuBackendLike, type CpuBackendLike } from './cpuBackend';
import { matMul2d, sumRows, transpose2d } from './math';

type Shape4 = [number, number, number, number];
type Pad = 'valid' | 'same' | number;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

const isShape4 = (v: unknown): v is Shape4 =>
  Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === 'number');
const isPair = (v: unknown): v is [number, number] | number =>
  typeof v === 'number' ||
  (Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number'));
const isPad = (v: unknown): v is Pad => v === 'valid' || v === 'same' || typeof v === 'number';
const isRounding = (v: unknown): v is Rounding =>
  v === undefined || v === null || v === 'floor' || v === 'round' || v === 'ceil';
const isNoDilation = (v: unknown) =>
  v === undefined || v === 1 || (Array.isArray(v) && v.every((n) => n === 1));

class Unsupported extends Error {}

/** Reads one float32 input of any rank, or throws Unsupported. */
function readInput(
  backend: CpuBackendLike,
  inputs: tf.NamedTensorInfoMap,
  name: string,
): { values: Float32Array; shape: number[] } {
  const info = inputs[name];
  if (!info || info.dtype !== 'float32') throw new Unsupported();
  const values = backend.readSync(info.dataId);
  if (!(values instanceof Float32Array)) throw new Unsupported();
  return { values, shape: info.shape };
}

/** Reads the inputs named `names` as NHWC float32 arrays, or throws Unsupported. */
function readInputs(
  backend: CpuBackendLike,
  inputs: tf.NamedTensorInfoMap,
  names: readonly string[],
): { values: Float32Array[]; shapes: Shape4[] } {
  const values: Float32Array[] = [];
  const shapes: Shape4[] = [];
  for (const name of names) {
    const info = inputs[name];
    if (!info || info.dtype !== 'float32' || !isShape4(info.shape)) throw new Unsupported();
    const data = backend.readSync(info.dataId);
    if (!(data instanceof Float32Array)) throw new Unsupported();
    values.push(data);
    shapes.push(info.shape);
  }
  return { values, shapes };
}

type FastKernel = (
  backend: CpuBackendLike,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap,
) => tf.TensorInfo;

function convAttrs(attrs: tf.NamedAttrMap): {
  strides: [number, number] | number;
  pad: Pad;
  rounding: Rounding;
} {
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs;
  if (dataFormat !== undefined && dataFormat !== 'NHWC') throw new Unsupported();
  if (!isPair(strides) || !isPad(pad) || !isRounding(dimRoundingMode)) throw new Unsupported();
  if (!isNoDilation(dilations)) throw new Unsupported();
  return { strides, pad, rounding: dimRoundingMode ?? undefined };
}

const convInfo = (x: Shape4, filter: Shape4, a: ReturnType<typeof convAttrs>) =>
  tf.backend_util.computeConv2DInfo(
    x,
    filter,
    a.strides,
    1,
    a.pad,
    a.rounding,
    false,
    'channelsLast',
  );

const FAST_KERNELS: Record<string, FastKernel> = {
  Conv2D: (backend, inputs, attrs) => {
    const { values, shapes } = readInputs(backend, inputs, ['x', 'filter']);
    const [x, w] = values as [Float32Array, Float32Array];
    const info = convInfo(shapes[0] as Shape4, shapes[1] as Shape4, convAttrs(attrs));
    return backend.makeTensorInfo(info.outShape, 'float32', conv2dNhwc(x, w, info));
  },
  // What tfjs-layers runs outside a gradient tape (evaluation, prediction): conv + bias + activation.
  FusedConv2D: (backend, inputs, attrs) => {
    const { activation } = attrs;
    if ((activation !== 'relu' && activation !== 'linear') || inputs.preluActivationWeights) {
      throw new Unsupported();
    }
    const { values, shapes } = readInputs(backend, inputs, ['x', 'filter']);
    const [x, w] = values as [Float32Array, Float32Array];
    const info = convInfo(shapes[0] as Shape4, shapes[1] as Shape4, convAttrs(attrs));
    const y = conv2dNhwc(x, w, info);
    const bias = inputs.bias && backend.readSync(inputs.bias.dataId);
    if (inputs.bias && !(bias instanceof Float32Array && bias.length === info.outChannels)) {
      throw new Unsupported();
    }
    addBiasAndActivation(y, bias instanceof Float32Array ? bias : null, activation === 'relu');
    return backend.makeTensorInfo(info.outShape, 'float32', y);
  },
  Conv2DBackpropFilter: (backend, inputs, attrs) => {
    const { values, shapes } = readInputs(backend, inputs, ['x', 'dy']);
    const [x, dy] = values as [Float32Array, Float32Array];
    if (!isShape4(attrs.filterShape)) throw new Unsupported();
    const info = convInfo(shapes[0] as Shape4, attrs.filterShape, convAttrs(attrs));
    return backend.makeTensorInfo(
      info.filterShape,
      'float32',
      conv2dFilterGradientNhwc(x, dy, info),
    );
  },
  Conv2DBackpropInput: (backend, inputs, attrs) => {
    const { values, shapes } = readInputs(backend, inputs, ['dy', 'filter']);
    const [dy, w] = values as [Float32Array, Float32Array];
    if (!isShape4(attrs.inputShape)) throw new Unsupported();
    const info = convInfo(attrs.inputShape, shapes[1] as Shape4, convAttrs(attrs));
    return backend.makeTensorInfo(info.inShape, 'float32', conv2dInputGradientNhwc(dy, w, info));
  },
  MaxPoolGrad: (backend, inputs, attrs) => {
    const { values, shapes } = readInputs(backend, inputs, ['dy', 'input']);
    const [dy, x] = values as [Float32Array, Float32Array];
    const { filterSize, strides, pad, dimRoundingMode } = attrs;
    if (!isPair(filterSize) || !isPair(strides) || !isPad(pad) || !isRounding(dimRoundingMode)) {
      throw new Unsupported();
    }
    const xShape = shapes[1] as Shape4;
    const info = tf.backend_util.computePool2DInfo(
      xShape,
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode ?? undefined,
    );
    return backend.makeTensorInfo(xShape, 'float32', maxPoolGradientNhwc(dy, x, info));
  },
  // Only the reduction over all axes but the last (bias gradients), which the stock kernel does by
  // transposing the whole tensor first.
  Sum: (backend, inputs, attrs) => {
    const { values, shape } = readInput(backend, inputs, 'x');
    const rank = shape.length;
    const width = shape[rank - 1];
    const axes = tf.util.parseAxisParam(attrs.axis as number | number[], shape);
    const leading = axes.length === rank - 1 && axes.every((a, i) => a === i);
    if (rank < 2 || width === undefined || !leading) throw new Unsupported();
    const outShape =
      attrs.keepDims === true ? [...shape.slice(0, -1).map(() => 1), width] : [width];
    return backend.makeTensorInfo(outShape, 'float32', sumRows(values, width));
  },
  BatchMatMul: (backend, inputs, attrs) => {
    const a = readInput(backend, inputs, 'a');
    const b = readInput(backend, inputs, 'b');
    if (a.shape.length !== 2 || b.shape.length !== 2) throw new Unsupported();
    const [aRows = 0, aCols = 0] = a.shape;
    const [bRows = 0, bCols = 0] = b.shape;
    const left = attrs.transposeA === true ? transpose2d(a.values, aRows, aCols) : a.values;
    const right = attrs.transposeB === true ? transpose2d(b.values, bRows, bCols) : b.values;
    const [m, k] = attrs.transposeA === true ? [aCols, aRows] : [aRows, aCols];
    const [k2, n] = attrs.transposeB === true ? [bCols, bRows] : [bRows, bCols];
    if (k !== k2) throw new Unsupported(); // let the stock kernel report the shape mismatch
    return backend.makeTensorInfo([m, n], 'float32', matMul2d(left, right, m, k, n));
  },
  Transform: (backend, inputs, attrs) => {
    const { values, shapes } = readInputs(backend, inputs, ['image']);
    const transforms = inputs.transforms && backend.readSync(inputs.transforms.dataId);
    const { interpolation, fillMode, fillValue, outputShape } = attrs;
    if (
      !(transforms instanceof Float32Array) ||
      interpolation !== 'nearest' ||
      fillMode !== 'constant' ||
      typeof fillValue !== 'number' ||
      (outputShape !== undefined && outputShape !== null)
    ) {
      throw new Unsupported();
    }
    const shape = shapes[0] as Shape4;
    const out = transformNearestNhwc(values[0] as Float32Array, shape, transforms, fillValue);
    return backend.makeTensorInfo(shape, 'float32', out);
  },
};

function addBiasAndActivation(y: Float32Array, bias: Float32Array | null, relu: boolean): void {
  const channels = bias?.length ?? 1;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]! + (bias ? bias[i % channels]! : 0);
    y[i] = relu && v < 0 ? 0 : v;
  }
}

/**
 * The own CPU kernels as tfjs KernelConfigs. Each falls back to `stock(kernelName)` (tfjs's own
 * kernel, kept aside by installKernels) for inputs it does not handle.
 */
export function cpuKernelConfigs(
  stock: (kernelName: string) => tf.KernelConfig | undefined,
): tf.KernelConfig[] {
  return Object.entries(FAST_KERNELS).map(([kernelName, fast]) => ({
    kernelName,
    backendName: 'cpu',
    kernelFunc: (args) => {
      const { backend, inputs, attrs } = args;
      const fallback = () => {
        const original = stock(kernelName);
        if (!original) throw new Error(`tfjs has no stock CPU kernel ${kernelName}.`);
        return original.kernelFunc(args);
      };
      if (!isCpuBackendLike(backend)) return fallback();
      try {
        return fast(backend, inputs, attrs ?? {});
      } catch (error) {
        if (error instanceof Unsupported) return fallback();
        throw error;
      }
    },
  }));
}

/** Kernels whose stock version is wrong, not just slow: installed in both kernel modes. */
export const CPU_FIXES: ReadonlySet<string> = new Set(['Transform']);
