// Test helpers for the own CPU kernels' tests against tfjs's stock CPU ops: the cpu backend for a
// test file, and the kernel mode one computation runs in.

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll } from 'vitest';
import { installKernels } from '../installKernels';

/** The cpu backend in prod mode for this file's tests, the own kernels installed after them. */
export function useCpuBackend(): void {
  beforeAll(async () => {
    tf.enableProdMode();
    await tf.setBackend('cpu');
  });
  afterAll(() => installKernels('cpu', 'own'));
}

/** `fn` with the cpu backend's kernels in `mode`: the own ones, or tfjs's stock ones. */
export async function withKernels<T>(mode: 'own' | 'stock', fn: () => T | Promise<T>): Promise<T> {
  installKernels('cpu', mode);
  return fn();
}
