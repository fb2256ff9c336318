import { beforeAll } from 'vitest';
import { convChecks } from '../../tools/kernelChecks/convChecks';
import { itPassesKernelChecks } from '../../testing/kernelCheckCases';
import { describeWebGpu, useWebGpuBackend } from '../../testing/webgpuNode';

// Every conv layer of alexnet-mini at batch 2, the edge shapes, two tilings forced. alexnet's
// layers take the same readers, tilings and epilogues at seconds a case on a software adapter:
// npm run check:kernels runs them. The CPU reference is tfjs's stock kernel (see
// KernelCheck.reference).
describeWebGpu('own Conv2D on WebGPU (matrix-product core), against the CPU backend', () => {
  beforeAll(async () => {
    await useWebGpuBackend('own');
  });

  itPassesKernelChecks(convChecks('Conv2D', 2, null));
});
