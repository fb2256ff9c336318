import { beforeAll, describe, expect, it } from 'vitest';
import { matMulChecks } from '../../testing/kernelChecks/matMulChecks';
import { runKernelCheck } from '../../testing/kernelChecks/kernelCheck';
import { describeWebGpu, useWebGpuBackend } from '../../testing/webgpuNode';
import { MAX_WEIGHT_GRADIENT_REDUCTION, weightGradientDims } from './BatchMatMul';

describe('weightGradientDims', () => {
  it("takes a^T b with batch-1 operands and a reduction up to 1,024: a dense layer's x^T dy", () => {
    expect(weightGradientDims([8, 6400], [8, 4096], true, false)).toEqual([8, 6400, 4096]);
    expect(weightGradientDims([1, 8, 30], [8, 20], true, false)).toEqual([8, 30, 20]);
  });

  it('leaves every other product to the stock kernel', () => {
    expect(weightGradientDims([8, 30], [30, 20], false, false)).toBeUndefined();
    expect(weightGradientDims([8, 30], [20, 30], true, true)).toBeUndefined();
    expect(weightGradientDims([2, 8, 30], [2, 8, 20], true, false)).toBeUndefined();
    const k = MAX_WEIGHT_GRADIENT_REDUCTION + 1;
    expect(weightGradientDims([k, 30], [k, 20], true, false)).toBeUndefined();
  });
});

// Dense layers at batch 2; the CPU reference is tfjs's stock kernel, or for alexnet's big layers
// the project's CPU kernel (see KernelCheck.reference).
describeWebGpu('own BatchMatMul on WebGPU, against the CPU backend', () => {
  beforeAll(async () => {
    await useWebGpuBackend('own');
  });

  for (const check of matMulChecks(2)) {
    it(`${check.label} (reference: ${check.reference} CPU kernels)`, async () => {
      const result = await runKernelCheck(check);
      expect(result.problem).toBeUndefined();
      expect(result.scale).toBeGreaterThan(0);
      expect(result.relativeError).toBeLessThanOrEqual(result.tolerance);
    }, 600_000);
  }
});
