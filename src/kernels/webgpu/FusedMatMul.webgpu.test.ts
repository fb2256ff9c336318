import { beforeAll, expect, it } from 'vitest';
import { denseBiasReluChecks, fusedMatMulChecks } from '../../testing/kernelChecks/denseChecks';
import { runKernelCheck } from '../../testing/kernelChecks/kernelCheck';
import { describeWebGpu, useWebGpuBackend } from '../../testing/webgpuNode';

// Each epilogue path (bias, bias + ReLU; vec4 and scalar results; split with the bias and ReLU in
// the sum pass; the stock fallback) and the fused op's three gradients, on small shapes: every
// model layer takes these paths, and runs in `npm run check:kernels` (a Dawn case costs seconds of
// pipeline compiles on a software adapter).
describeWebGpu('own dense products with bias (and ReLU) on WebGPU, against the CPU backend', () => {
  beforeAll(async () => {
    await useWebGpuBackend('own');
  });

  const checks = [...fusedMatMulChecks(2, []), ...denseBiasReluChecks(2, [])];
  for (const check of checks) {
    it(`${check.label} (reference: ${check.reference} CPU kernels)`, async () => {
      const result = await runKernelCheck(check);
      expect(result.problem).toBeUndefined();
      expect(result.scale).toBeGreaterThan(0);
      expect(result.relativeError).toBeLessThanOrEqual(result.tolerance);
    }, 600_000);
  }
});
