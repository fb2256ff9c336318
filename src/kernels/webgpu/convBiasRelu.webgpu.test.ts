import { beforeAll } from 'vitest';
import { convBiasReluChecks } from '../../tools/kernelChecks/convBiasReluChecks';
import { itPassesKernelChecks } from '../../testing/kernelCheckCases';
import { describeWebGpu, useWebGpuBackend } from '../../testing/webgpuNode';

// The fused conv + bias + ReLU with its three gradients on alexnet-mini's conv layers at batch 2
// and an odd shape, against conv2d then biasRelu on tfjs's stock CPU kernels.
// ReluConv2DBackpropInput.ts and ReluConv2DBackpropFilter.ts are checked only here (dx and dw).
describeWebGpu(
  'own conv + bias + ReLU on WebGPU (matrix-product core), against the CPU backend',
  () => {
    beforeAll(async () => {
      await useWebGpuBackend('own');
    });

    itPassesKernelChecks(convBiasReluChecks(2));
  },
);
