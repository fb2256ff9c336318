import { beforeAll } from 'vitest';
import { fusedMatMulChecks } from '../../tools/kernelChecks/denseChecks';
import { itPassesKernelChecks } from '../../testing/kernelCheckCases';
import { describeWebGpu, useWebGpuBackend } from '../../testing/webgpuNode';

// Each epilogue path (bias, bias + ReLU; vec4 and scalar results; split with the bias in the sum
// pass; the stock fallback) on small shapes: every model layer takes these paths, and runs in `npm
// run check:kernels` (a Dawn case costs seconds of pipeline compiles on a software adapter).
describeWebGpu('own _FusedMatMul with bias (and ReLU) on WebGPU, against the CPU backend', () => {
  beforeAll(async () => {
    await useWebGpuBackend('own');
  });

  itPassesKernelChecks(fusedMatMulChecks(2, []));
});
