// Correctness cases for the dense products with bias (and ReLU) in the core's epilogue
// (src/kernels/webgpu/FusedMatMul.ts, denseBiasRelu.ts): tfjs's _FusedMatMul with a bias, linear or ReLU, in the
// transposes and at the sizes that reach each epilogue (vec4 and scalar results, a split whose sum
// pass applies the bias, a prelu that goes to stock), and the own dense + bias + ReLU op with its
// three gradients; and the dense layers of the `models` given at `batch` (npm run check:kernels
// takes both models; the unit suite none: each case costs seconds of compiles on a software adapter).

import * as tf from '@tensorflow/tfjs';
import { denseBiasRelu } from '../../kernels/denseBiasRelu';
import { DENSE_BIAS_RELU } from '../../kernels/ownKernelNames';
import { GPU_SPLIT_POLICY } from '../../kernels/webgpu/core/coreGeometry';
import type { CoreOptions } from '../../kernels/webgpu/core/runMatMulCore';
import { denseBiasReluConfig } from '../../kernels/webgpu/denseBiasRelu';
import { fusedMatMulConfig } from '../../kernels/webgpu/FusedMatMul';
import { denseLayerShapes } from '../../model/layerShapes';
import { MODEL_NAMES, type KernelMode, type ModelName } from '../../protocol';
import { computeForcing, referenceFor, stockWebgpuKernel } from './forcedKernel';
import type { KernelCheck } from './kernelCheck';

/** float32 sums of up to ~9,000 products, against a differently ordered reference. */
const TOLERANCE = 1e-4;

interface FusedCase {
  label: string;
  a: [number, number];
  b: [number, number];
  transposeA?: boolean;
  transposeB?: boolean;
  activation: 'linear' | 'relu' | 'prelu';
  options?: CoreOptions;
}

function fusedCheck(c: FusedCase): KernelCheck {
  const transposeA = c.transposeA ?? false;
  const transposeB = c.transposeB ?? false;
  const m = transposeA ? c.a[1] : c.a[0];
  const k = transposeA ? c.a[0] : c.a[1];
  const n = transposeB ? c.b[0] : c.b[1];
  const prelu = c.activation === 'prelu';
  const run = ([a, b, bias, alpha]: tf.Tensor[]) =>
    tf.fused.matMul({
      a: a as tf.Tensor2D,
      b: b as tf.Tensor2D,
      transposeA,
      transposeB,
      bias: bias!,
      activation: c.activation,
      ...(prelu ? { preluActivationWeights: alpha! } : {}),
    });
  const { options } = c;
  return {
    kernel: tf._FusedMatMul,
    label: `_FusedMatMul: ${c.label}`,
    inputShapes: prelu ? [c.a, c.b, [n], [n]] : [c.a, c.b, [n]],
    compute: computeForcing(options, (o) => fusedMatMulConfig(stockWebgpuKernel, o), run),
    tolerance: TOLERANCE,
    reference: referenceFor(m * n * k),
  };
}

const FUSED_CASES: FusedCase[] = [
  { label: 'bias, vec4 result', a: [6, 20], b: [20, 12], activation: 'linear' },
  { label: 'bias, odd sizes', a: [5, 33], b: [33, 10], activation: 'linear' },
  {
    label: 'bias + ReLU, a^T b^T',
    a: [9, 7],
    b: [13, 9],
    transposeA: true,
    transposeB: true,
    activation: 'relu',
  },
  {
    label: 'bias, split over the reduction (GPU policy: the sum pass adds the bias)',
    a: [4, 600],
    b: [600, 10],
    activation: 'linear',
    options: { policy: GPU_SPLIT_POLICY },
  },
  { label: 'prelu (stock fallback)', a: [3, 8], b: [8, 5], activation: 'prelu' },
];

interface DenseCase {
  label: string;
  rows: number;
  inputs: number;
  units: number;
  options?: CoreOptions;
}

/** The op's output and the gradients of x, kernel and bias, through tf.grads. */
function denseBiasReluCheck(c: DenseCase): KernelCheck {
  const { options } = c;
  const run = ([x, w, bias, dy]: tf.Tensor[], kernels: KernelMode) => {
    const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
      denseBiasRelu(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D, kernels);
    return [f(x!, w!, bias!), ...tf.grads(f)([x!, w!, bias!], dy)];
  };
  return {
    kernel: DENSE_BIAS_RELU,
    label: `dense + bias + ReLU: ${c.label}: output and the gradients of x, kernel and bias`,
    inputShapes: [[c.rows, c.inputs], [c.inputs, c.units], [c.units], [c.rows, c.units]],
    compute: computeForcing(options, denseBiasReluConfig, run),
    tolerance: TOLERANCE,
    reference: referenceFor(c.rows * c.inputs * c.units),
  };
}

const DENSE_CASES: DenseCase[] = [
  { label: 'odd sizes', rows: 3, inputs: 37, units: 9 },
  {
    label: 'split (GPU policy)',
    rows: 4,
    inputs: 700,
    units: 12,
    options: { policy: GPU_SPLIT_POLICY },
  },
];

function layerCases(models: readonly ModelName[], batch: number): DenseCase[] {
  return models.flatMap((model) =>
    denseLayerShapes(model)
      .filter((d) => d.relu)
      .map((d) => ({
        label: `${model} ${d.layer}, batch ${batch}`,
        rows: batch,
        inputs: d.inputs,
        units: d.units,
      })),
  );
}

/** _FusedMatMul's cases, and the logits layers (bias, no ReLU) of `models` at `batch`. */
export function fusedMatMulChecks(batch: number, models: readonly ModelName[] = MODEL_NAMES) {
  const logits = models.flatMap((model) =>
    denseLayerShapes(model)
      .filter((d) => !d.relu)
      .map((d): FusedCase => ({
        label: `${model} ${d.layer}, batch ${batch}`,
        a: [batch, d.inputs],
        b: [d.inputs, d.units],
        activation: 'linear',
      })),
  );
  return [...FUSED_CASES, ...logits].map(fusedCheck);
}

/** The fused dense op's cases, and the ReLU dense layers of `models` at `batch`. */
export function denseBiasReluChecks(batch: number, models: readonly ModelName[] = MODEL_NAMES) {
  return [...DENSE_CASES, ...layerCases(models, batch)].map(denseBiasReluCheck);
}
