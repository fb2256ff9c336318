// What the own CPU kernels (register.ts lists them, one file each) share: reading float32 NHWC
// inputs, checking conv attributes, and the wrapper that hands anything a kernel does not handle
// (it throws Unsupported) to tfjs's stock kernel. Only NHWC float32 without dilation is handled.

import * as tf from '@tensorflow/tfjs';
import { isCpuBackendLike, type CpuBackendLike } from './cpuBackend';

export type Shape4 = [number, number, number, number];
type Pad = 'valid' | 'same' | number;
type Rounding = 'floor' | 'round' | 'ceil' | undefined;

export const isShape4 = (v: unknown): v is Shape4 =>
  Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === 'number');
export const isPair = (v: unknown): v is [number, number] | number =>
  typeof v === 'number' ||
  (Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number'));
export const isPad = (v: unknown): v is Pad =>
  v === 'valid' || v === 'same' || typeof v === 'number';
export const isRounding = (v: unknown): v is Rounding =>
  v === undefined || v === null || v === 'floor' || v === 'round' || v === 'ceil';
const isNoDilation = (v: unknown) =>
  v === undefined || v === 1 || (Array.isArray(v) && v.every((n) => n === 1));

export class Unsupported extends Error {}

/** Reads one float32 input of any rank, or throws Unsupported. */
export function readInput(
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
export function readInputs(
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

/** One own CPU kernel: its tfjs name, and a loop that throws Unsupported for what it does not do. */
export interface FastKernel {
  kernelName: string;
  run: (
    backend: CpuBackendLike,
    inputs: tf.NamedTensorInfoMap,
    attrs: tf.NamedAttrMap,
  ) => tf.TensorInfo;
}

export function convAttrs(attrs: tf.NamedAttrMap): {
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

export const convInfo = (x: Shape4, filter: Shape4, a: ReturnType<typeof convAttrs>) =>
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

/**
 * `kernel` as a tfjs KernelConfig: it falls back to `stock(kernelName)` (tfjs's own kernel, kept
 * aside by installKernels) for inputs it does not handle.
 */
export function fastKernelConfig(
  { kernelName, run }: FastKernel,
  stock: (kernelName: string) => tf.KernelConfig | undefined,
): tf.KernelConfig {
  return {
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
        return run(backend, inputs, attrs ?? {});
      } catch (error) {
        if (error instanceof Unsupported) return fallback();
        throw error;
      }
    },
  };
}
