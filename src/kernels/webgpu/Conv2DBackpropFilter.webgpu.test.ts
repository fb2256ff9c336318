import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { beforeAll, expect, it } from 'vitest';
import { DispatchRecorder } from '../../testing/dispatchRecorder';
import { convChecks } from '../../tools/kernelChecks/convChecks';
import { itPassesKernelChecks } from '../../testing/kernelCheckCases';
import { describeWebGpu, useWebGpuBackend } from '../../testing/webgpuNode';
import { convShapeOf } from './convKernelArgs';
import { convProduct } from './core/convProducts';
import { coreWork, invocationsOf } from './core/coreGeometry';
import { planCall, splitPolicyFor } from './core/runMatMulCore';
import { convKernelCall } from './convKernelCall';

// Every conv layer of alexnet-mini at batch 2 and a long reduction under both split policies, the
// edge shapes, two tilings forced, and the gradient as tf.grad reaches it; then a real dispatch
// against the plan. alexnet's layers take the same readers, tilings and epilogues at seconds a case
// on a software adapter: npm run check:kernels runs them. The CPU reference is tfjs's stock kernel
// (see KernelCheck.reference).
describeWebGpu(
  'own Conv2DBackpropFilter on WebGPU (matrix-product core), against the CPU backend',
  () => {
    beforeAll(async () => {
      await useWebGpuBackend('own');
    });

    itPassesKernelChecks(convChecks('Conv2DBackpropFilter', 2, null));

    it('dispatches what the plan computes for this adapter: the tiled pass, then the sum of the splits', async () => {
      const x = tf.ones([4, 30, 30, 4]);
      const dy = tf.ones([4, 28, 28, 8]);
      const attrs = {
        strides: 1,
        pad: 'valid' as const,
        dataFormat: 'NHWC',
        filterShape: [3, 3, 4, 8],
      };
      const backend = tf.backend() as WebGPUBackend;
      const shape = convShapeOf(x.shape, attrs.filterShape, attrs);
      const call = convKernelCall('filterGradient', shape, x, dy, attrs.filterShape);
      const plan = planCall(backend, call)!;
      const work = coreWork(convProduct('filterGradient', shape), plan);
      expect(splitPolicyFor(backend).maxBindingBytes).toBe(
        backend.device.limits.maxStorageBufferBindingSize,
      );
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
      expect(recorder.dispatches[0]).toEqual(plan.dispatch);
      expect(recorder.dispatches[0]!.reduce((a, b) => a * b, 1)).toBe(work.workgroups);
      expect(invocationsOf(plan.tiling)).toBe(work.invocationsPerWorkgroup);
      expect(recorder.dispatches[1]).toEqual([Math.ceil((3 * 3 * 4 * 8) / 64), 1, 1]);
      expect(recorder.count).toBe(plan.dispatches);
    });
  },
);
