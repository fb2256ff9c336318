import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { DispatchRecorder } from '../../testing/dispatchRecorder';
import { filterGradientChecks } from '../../testing/kernelChecks/filterGradientChecks';
import { runKernelCheck } from '../../testing/kernelChecks/kernelCheck';
import { describeWebGpu, useWebGpuBackend } from '../../testing/webgpuNode';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { runsOnSoftwareAdapter } from './adapterKind';
import { FILTER_GRADIENT_TILINGS, filterGradientPlan } from './filterGradientGeometry';
import { SOFTWARE_SPLIT_K_LIMITS, SPLIT_K_LIMITS } from './splitKGeometry';

// alexnet's layers at batch 1 (conv2 alone is 415 M multiply-adds, on a software adapter), the
// rest at batch 2; the CPU reference is tfjs's stock kernel, or for the big layers the project's CPU
// kernel (see KernelCheck.reference).
describeWebGpu('own Conv2DBackpropFilter on WebGPU, against the CPU backend', () => {
  beforeAll(async () => {
    await useWebGpuBackend('own');
  });

  for (const check of filterGradientChecks(2, 1)) {
    it(`${check.label} (reference: ${check.reference} CPU kernels)`, async () => {
      const result = await runKernelCheck(check);
      expect(result.problem).toBeUndefined();
      expect(result.scale).toBeGreaterThan(0);
      expect(result.relativeError).toBeLessThanOrEqual(result.tolerance);
    }, 600_000);
  }

  it('dispatches what filterGradientPlan computes (for this adapter): the tiled pass, then the sum of the splits', async () => {
    const x = tf.ones([4, 30, 30, 6]);
    const dy = tf.ones([4, 28, 28, 40]);
    const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 6, 40] };
    const software = runsOnSoftwareAdapter(tf.backend() as WebGPUBackend);
    const plan = filterGradientPlan(
      {
        batchSize: 4,
        inChannels: 6,
        outHeight: 28,
        outWidth: 28,
        outChannels: 40,
        filterHeight: 3,
        filterWidth: 3,
      },
      FILTER_GRADIENT_TILINGS,
      software ? SOFTWARE_SPLIT_K_LIMITS : SPLIT_K_LIMITS,
    )!;
    expect(plan.splits).toBeGreaterThan(1);
    const recorder = DispatchRecorder.start();
    try {
      const dw = tf.engine().runKernel<tf.Tensor>(tf.Conv2DBackpropFilter, { x, dy }, attrs);
      // Every weight sums 4 x 28 x 28 products of ones.
      expect(Array.from(new Set(await dw.data()))).toEqual([4 * 28 * 28]);
      dw.dispose();
    } finally {
      recorder.stop();
      x.dispose();
      dy.dispose();
    }
    const [wgX, wgY] = plan.tiling.workgroup;
    expect(recorder.dispatches[0]).toEqual(plan.dispatch);
    expect(recorder.dispatches[0]!.reduce((a, b) => a * b, wgX * wgY)).toBe(plan.invocations);
    expect(recorder.dispatches[1]).toEqual([Math.ceil((3 * 3 * 6 * 40) / 64), 1, 1]);
    expect(recorder.count).toBe(plan.dispatches);
  });
});
