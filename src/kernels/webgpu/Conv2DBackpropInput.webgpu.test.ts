import { beforeAll } from 'vitest';
import { convChecks } from '../../tools/kernelChecks/convChecks';
import { itPassesKernelChecks } from '../../testing/kernelCheckCases';
import { describeWebGpu, useWebGpuBackend } from '../../testing/webgpuNode';

// The conv layers of alexnet-mini at batch 2 whose input gradient a training step runs (not the
// first), the edge shapes, two tilings forced, and the gradient as tf.grad reaches it. alexnet's
// layers take the same readers, tilings and epilogues at seconds a case on a software adapter:
// npm run check:kernels runs them. The CPU reference is tfjs's stock kernel (see
// KernelCheck.reference).
describeWebGpu(
  'own Conv2DBackpropInput on WebGPU (matrix-product core), against the CPU backend',
  () => {
    beforeAll(async () => {
      await useWebGpuBackend('own');
    });

    itPassesKernelChecks(convChecks('Conv2DBackpropInput', 2, null));
  },
);
