import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createAdam, FusedAdamOptimizer } from '../fusedAdam';
import {
  FUSED_ADAM_CASES,
  FUSED_ADAM_RELATIVE_TOLERANCE,
} from '../../tools/kernelChecks/cases/fusedAdam.cases';
import {
  adamState,
  disposeAdamRun,
  relativeError,
  startAdamRun,
  stepAdamRun,
} from '../testing/adamRuns';
import { useCpuBackend, withKernels } from '../testing/cpuKernels';

// The own CPU kernel against tf.train.adam on tfjs's stock CPU ops. (The WebGPU tests hold the GPU
// kernel to the same reference.)
useCpuBackend();

describe('fused Adam on the CPU', () => {
  it.each(FUSED_ADAM_CASES)('$label: $steps steps equal tf.train.adam', async (c) => {
    const fused = startAdamRun(c.shape, new FusedAdamOptimizer(c.learningRate));
    const stock = startAdamRun(c.shape, tf.train.adam(c.learningRate));
    await withKernels('own', () => stepAdamRun(fused, 0, c.steps));
    stepAdamRun(stock, 0, c.steps);
    const [a, b] = [await adamState(fused), await adamState(stock)];
    [fused, stock].forEach(disposeAdamRun);
    for (const key of ['w', 'm', 'v'] as const) {
      expect(relativeError(a[key], b[key]), key).toBeLessThanOrEqual(FUSED_ADAM_RELATIVE_TOLERANCE);
    }
  });

  it("is what createAdam makes with own kernels, tfjs's Adam with stock ones", async () => {
    const own = await withKernels('own', () => createAdam(0.001, 'own'));
    const stock = await withKernels('stock', () => createAdam(0.001, 'stock'));
    expect(own).toBeInstanceOf(FusedAdamOptimizer);
    expect(stock).toBeInstanceOf(tf.AdamOptimizer);
    expect(own.getConfig()).toEqual(stock.getConfig());
    expect(own.getClassName()).toBe(stock.getClassName());
    own.dispose();
    stock.dispose();
  });
});
