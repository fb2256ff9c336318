// Correctness cases for the own BatchMatMul: the weight-gradient form (a^T b, short reduction) on
// every dense layer of both models, edge shapes, and the products it hands to the stock kernel.

import * as tf from '@tensorflow/tfjs';
import { stockKernel } from '../../kernels/installKernels';
import { batchMatMulConfig } from '../../kernels/webgpu/BatchMatMul';
import type { SplitKOptions } from '../../kernels/webgpu/runFilterGradient';
import { SPLIT_K_LIMITS } from '../../kernels/webgpu/splitKGeometry';
import { denseLayerShapes } from '../../model/layerShapes';
import { MODEL_NAMES } from '../../protocol';
import type { KernelCheck } from './kernelCheck';

interface MatMulCase {
  label: string;
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

const TOLERANCE = 1e-4;
const STOCK_REFERENCE_MACS = 3_000_000;

/** Runs `fn` with the own kernel made with `options` in place of the registered one. */
function withOptions<T>(options: SplitKOptions, fn: () => T): T {
  const registered = tf.getKernel(tf.BatchMatMul, 'webgpu');
  tf.unregisterKernel(tf.BatchMatMul, 'webgpu');
  tf.registerKernel(batchMatMulConfig((n) => stockKernel('webgpu', n), options));
  try {
    return fn();
  } finally {
    tf.unregisterKernel(tf.BatchMatMul, 'webgpu');
    if (registered) tf.registerKernel(registered);
  }
}

function check(c: MatMulCase, options?: SplitKOptions): KernelCheck {
  const run = ([a, b]: tf.Tensor[]) =>
    tf
      .engine()
      .runKernel<tf.Tensor>(
        tf.BatchMatMul,
        { a: a!, b: b! },
        { transposeA: c.transposeA, transposeB: c.transposeB },
      );
  const inner = c.transposeA ? c.a.at(-2)! : c.a.at(-1)!;
  const macs = (c.a.reduce((p, d) => p * d, 1) / inner) * c.b.at(c.transposeB ? -2 : -1)! * inner;
  return {
    kernel: tf.BatchMatMul,
    label: c.label,
    inputShapes: [c.a, c.b],
    compute: (inputs, backend) =>
      options && backend === 'webgpu' ? withOptions(options, () => run(inputs)) : run(inputs),
    tolerance: TOLERANCE,
    reference: macs <= STOCK_REFERENCE_MACS ? 'stock' : 'own',
  };
}

const weightGradient = (label: string, k: number, m: number, n: number): MatMulCase => ({
  label,
  a: [k, m],
  b: [k, n],
  transposeA: true,
  transposeB: false,
});

// Reductions up to 16 take ShortReductionProgram, longer ones the split-K programs.
const EDGE_CASES: MatMulCase[] = [
  weightGradient('a^T b, batch 1, odd sizes', 1, 7, 9),
  weightGradient('a^T b, ragged blocks, reduction 5', 5, 37, 70),
  weightGradient('a^T b, reduction 16 (longest short one)', 16, 13, 6),
  weightGradient('a^T b, reduction 17 (split-K)', 17, 13, 6),
  weightGradient('a^T b, ragged tiles, reduction 40 (split-K)', 40, 37, 70),
  {
    label: 'a^T b, rank 3 with batch 1',
    a: [1, 6, 33],
    b: [1, 6, 17],
    transposeA: true,
    transposeB: false,
  },
  weightGradient('a^T b, reduction of 1,100 (stock fallback)', 1100, 9, 5),
  { label: 'a b (stock fallback)', a: [3, 40], b: [40, 5], transposeA: false, transposeB: false },
  { label: 'a b^T (stock fallback)', a: [3, 40], b: [5, 40], transposeA: false, transposeB: true },
  {
    label: 'batched a^T b (stock fallback)',
    a: [2, 4, 6],
    b: [2, 4, 3],
    transposeA: true,
    transposeB: false,
  },
];

/** The dense layers' weight gradients x^T dy (reduction = the batch) at `batch`. */
function layerCases(batch: number): MatMulCase[] {
  return MODEL_NAMES.flatMap((model) =>
    denseLayerShapes(model).map(({ layer, inputs, units }) =>
      weightGradient(`${model} ${layer} weight gradient, batch ${batch}`, batch, inputs, units),
    ),
  );
}

/** dW of a dense layer as tf.grad reaches it, through matMul's registered gradient. */
function throughGradCheck(): KernelCheck {
  const base = check(weightGradient('via tf.grad of matMul', 6, 20, 12));
  return {
    ...base,
    inputShapes: [
      [6, 20],
      [20, 12],
      [6, 12],
    ],
    compute: ([x, w, dy]) => tf.grad((weights: tf.Tensor) => tf.matMul(x!, weights))(w!, dy),
  };
}

/**
 * Every BatchMatMul case: the dense layers' weight gradients at `batch` and, through the split-K
 * path, alexnet-mini's and alexnet's smallest at batch 40.
 */
export function matMulChecks(batch: number): KernelCheck[] {
  const splitK = layerCases(40).filter((c) => c.a[1]! * c.b[1]! <= 256 * 256 || c.b[1] === 10);
  return [
    ...EDGE_CASES.map((c) => check(c)),
    ...splitK.map((c) => check(c)),
    check(weightGradient('a^T b, GPU split policy', 48, 300, 200), { limits: SPLIT_K_LIMITS }),
    throughGradCheck(),
    ...layerCases(batch).map((c) => check(c)),
  ];
}
