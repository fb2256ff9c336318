// One correctness case for an own WebGPU kernel: the same seeded inputs through the own kernel on
// WebGPU and through tfjs's CPU backend, compared relative to the size of the result. Used by the
// *.webgpu.test.ts files and by scripts/check-kernels.ts (the GPU kit runs it on real GPUs), so both
// run the same cases.

import * as tf from '@tensorflow/tfjs';
import { installKernels, ownKernelNames, stockKernel } from '../../kernels/installKernels';
import type { KernelMode } from '../../protocol';
import { onCpu } from '../webgpuBackend';
import { seededNormal } from './seededNormal';

export interface KernelCheck {
  /** The tfjs kernel name the case exercises; it must be an own kernel on webgpu. */
  kernel: string;
  /** What is checked, e.g. "alexnet conv1, batch 1". */
  label: string;
  /** Input shapes, filled with seeded normal draws. */
  inputShapes: number[][];
  /**
   * The result from the inputs on the current backend: one tensor, or several (a forward output
   * and its gradients, an optimizer's weights and moments), each judged relative to its own size.
   * `kernels`: the mode the ops run in, 'own' on WebGPU and `reference` on the CPU.
   */
  compute(
    inputs: tf.Tensor[],
    backend: 'webgpu' | 'cpu',
    kernels: KernelMode,
  ): tf.Tensor | tf.Tensor[] | Promise<tf.Tensor | tf.Tensor[]>;
  /** Largest allowed max|webgpu - cpu| / max|cpu| (of each result). */
  tolerance: number;
  /**
   * The CPU reference's kernels: tfjs's stock ones, or, where those would take minutes (the stock CPU
   * filter gradient runs ~0.3 M multiply-adds a second), this project's CPU kernels, themselves
   * checked against stock in src/kernels/cpu/register.test.ts.
   */
  reference: KernelMode;
}

export interface KernelCheckResult {
  kernel: string;
  label: string;
  reference: KernelMode;
  /** Of the result with the largest relative error. */
  maxAbsError: number;
  /** max|reference| of that result: the error is judged relative to it. */
  scale: number;
  relativeError: number;
  tolerance: number;
  passed: boolean;
  /** Why it failed, when it did not just exceed the tolerance. */
  problem?: string;
  webgpuMs: number;
}

async function evaluate(
  check: KernelCheck,
  values: Float32Array[],
  backend: 'webgpu' | 'cpu',
): Promise<Float32Array[]> {
  const inputs = check.inputShapes.map((shape, i) => tf.tensor(values[i]!, shape));
  try {
    const kernels = backend === 'webgpu' ? 'own' : check.reference;
    const result = await check.compute(inputs, backend, kernels);
    const results = Array.isArray(result) ? result : [result];
    try {
      return await Promise.all(results.map(async (r) => Float32Array.from(await r.data())));
    } finally {
      tf.dispose(results);
    }
  } finally {
    inputs.forEach((t) => t.dispose());
  }
}

/** max|actual - expected| and max|expected| of one result; NaN counts as an infinite error. */
function compare(actual: Float32Array, expected: Float32Array) {
  let maxAbsError = actual.length === expected.length ? 0 : Infinity;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    const error = Math.abs(actual[i]! - expected[i]!);
    // NaN never compares greater.
    maxAbsError = Math.max(maxAbsError, Number.isNaN(error) ? Infinity : error);
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return { maxAbsError, scale, relativeError: scale > 0 ? maxAbsError / scale : maxAbsError };
}

/**
 * Runs `check` with WebGPU as the current backend and own kernels installed (useWebGpuBackend('own')).
 * Fails, rather than passing on the stock kernel, when the own kernel is not the one registered.
 */
export async function runKernelCheck(check: KernelCheck, seed = 1): Promise<KernelCheckResult> {
  const values = check.inputShapes.map((shape, i) =>
    seededNormal(
      shape.reduce((a, b) => a * b, 1),
      seed * 1000 + i,
    ),
  );
  const base = { kernel: check.kernel, label: check.label, reference: check.reference };
  const registered = tf.getKernel(check.kernel, 'webgpu');
  if (
    tf.getBackend() !== 'webgpu' ||
    !ownKernelNames('webgpu').includes(check.kernel) ||
    !registered ||
    registered === stockKernel('webgpu', check.kernel)
  ) {
    return {
      ...base,
      maxAbsError: NaN,
      scale: NaN,
      relativeError: NaN,
      tolerance: check.tolerance,
      passed: false,
      problem: `the own ${check.kernel} kernel is not active on webgpu`,
      webgpuMs: NaN,
    };
  }
  const start = performance.now();
  const actual = await evaluate(check, values, 'webgpu');
  const webgpuMs = performance.now() - start;
  const expected = await onCpu(async () => {
    installKernels('cpu', check.reference);
    return evaluate(check, values, 'cpu');
  });
  const sameLengths =
    actual.length === expected.length && actual.every((a, i) => a.length === expected[i]!.length);
  const none = { maxAbsError: Infinity, scale: 0, relativeError: Infinity };
  const { maxAbsError, scale, relativeError } = sameLengths
    ? expected
        .map((e, k) => compare(actual[k]!, e))
        .reduce((a, b) => (b.relativeError > a.relativeError ? b : a))
    : none;
  return {
    ...base,
    maxAbsError,
    scale,
    relativeError,
    tolerance: check.tolerance,
    passed: relativeError <= check.tolerance,
    ...(sameLengths
      ? {}
      : {
          problem:
            `results of ${actual.map((a) => a.length).join(', ')} values, ` +
            `expected ${expected.map((e) => e.length).join(', ')}`,
        }),
    webgpuMs,
  };
}
