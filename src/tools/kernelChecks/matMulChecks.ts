// Correctness cases for the own BatchMatMul (on the matrix-product core): a dense layer's forward
// x W, input gradient dy W^T and weight gradient x^T dy on every dense layer of both models, every
// transpose, edge shapes and batched products.

import * as tf from '@tensorflow/tfjs';
import { batchMatMulConfig } from '../../kernels/webgpu/BatchMatMul';
import { GPU_SPLIT_POLICY } from '../../kernels/webgpu/core/coreGeometry';
import type { CoreOptions } from '../../kernels/webgpu/core/runMatMulCore';
import { denseLayerShapes } from '../../model/layerShapes';
import { MODEL_NAMES, type ModelName } from '../../protocol';
import { computeForcing, referenceFor, stockWebgpuKernel } from './forcedKernel';
import type { KernelCheck } from './kernelCheck';

interface MatMulCase {
  label: string;
  a: number[];
  b: number[];
  transposeA: boolean;
  transposeB: boolean;
}

const TOLERANCE = 1e-4;

function check(c: MatMulCase, options?: CoreOptions): KernelCheck {
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
    compute: computeForcing(options, (o) => batchMatMulConfig(stockWebgpuKernel, o), run),
    tolerance: TOLERANCE,
    reference: referenceFor(macs),
  };
}

const weightGradient = (label: string, k: number, m: number, n: number): MatMulCase => ({
  label,
  a: [k, m],
  b: [k, n],
  transposeA: true,
  transposeB: false,
});

const plain = (label: string, a: number[], b: number[], tA = false, tB = false): MatMulCase => ({
  label,
  a,
  b,
  transposeA: tA,
  transposeB: tB,
});

const EDGE_CASES: MatMulCase[] = [
  weightGradient('a^T b, batch 1, odd sizes', 1, 7, 9),
  weightGradient('a^T b, ragged tiles, reduction 5', 5, 37, 70),
  weightGradient('a^T b, ragged tiles, reduction 40', 40, 37, 70),
  plain('a^T b, rank 3 with batch 1', [1, 6, 33], [1, 6, 17], true),
  weightGradient('a^T b, reduction of 1,100', 1100, 9, 5),
  plain('a b, odd sizes', [3, 41], [41, 5]),
  plain('a b, vec4 operands, ragged tiles', [70, 44], [44, 36]),
  plain('a b^T, odd sizes', [3, 41], [5, 41], false, true),
  plain('a b^T, vec4 reduction', [66, 40], [18, 40], false, true),
  plain('a^T b^T', [12, 7], [9, 12], true, true),
  plain('batched a^T b', [2, 4, 6], [2, 4, 3], true),
  plain('batched a b, b broadcast', [3, 5, 8], [8, 4]),
  plain('batched a b, a broadcast', [1, 5, 8], [2, 8, 4]),
];

/** The dense layers' three products at `batch`: x W, dy W^T and x^T dy. */
function layerCases(batch: number, models: readonly ModelName[]): MatMulCase[] {
  return models.flatMap((model) =>
    denseLayerShapes(model).flatMap(({ layer, inputs, units }) => {
      const name = `${model} ${layer}`;
      return [
        plain(`${name} forward, batch ${batch}`, [batch, inputs], [inputs, units]),
        plain(
          `${name} input gradient, batch ${batch}`,
          [batch, units],
          [inputs, units],
          false,
          true,
        ),
        weightGradient(`${name} weight gradient, batch ${batch}`, batch, inputs, units),
      ];
    }),
  );
}

/** dx and dW of a dense layer as tf.grads reaches them, through matMul's registered gradient. */
function throughGradCheck(): KernelCheck {
  const base = check(weightGradient('via tf.grad of matMul', 6, 20, 12));
  return {
    ...base,
    inputShapes: [
      [6, 20],
      [20, 12],
      [6, 12],
    ],
    compute: ([x, w, dy]) =>
      tf.grads((input: tf.Tensor, weights: tf.Tensor) => tf.matMul(input, weights))([x!, w!], dy),
  };
}

/**
 * Every BatchMatMul case: the edge shapes, products split under the GPU split policy, and the
 * dense layers of `models` at `batch` (the unit suite takes alexnet-mini's: alexnet's take the same
 * code paths at tens of seconds a case on a software adapter; npm run check:kernels runs them).
 */
export function matMulChecks(
  batch: number,
  models: readonly ModelName[] = MODEL_NAMES,
): KernelCheck[] {
  return [
    ...EDGE_CASES.map((c) => check(c)),
    check(weightGradient('a^T b, GPU split policy', 48, 300, 200), { policy: GPU_SPLIT_POLICY }),
    check(plain('a b, GPU split policy, long reduction', [20, 900], [900, 24]), {
      policy: GPU_SPLIT_POLICY,
    }),
    throughGradCheck(),
    ...layerCases(batch, models).map((c) => check(c)),
  ];
}
