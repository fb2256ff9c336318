import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { matMulChecks } from '../../testing/kernelChecks/matMulChecks';
import { runKernelCheck } from '../../testing/kernelChecks/kernelCheck';
import { describeWebGpu, onCpu, useWebGpuBackend } from '../../testing/webgpuNode';
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

  // tf.cast(int32 -> float32) shares the int32 buffer on WebGPU: the own programs read f32 arrays,
  // so such operands must go to the stock kernel (the evaluation's confusion matrix is one: a
  // one-hot of the labels cast to float32, transposed, times the predictions' one-hot).
  for (const k of [4, 40]) {
    it(`a^T b of one-hots cast from int32, reduction ${k}, equals the CPU`, async () => {
      const labels = Array.from({ length: k }, (_, i) => (i * 7) % 10);
      const predicted = Array.from({ length: k }, (_, i) => (i * 3) % 10);
      const product = () =>
        tf.tidy(() => {
          const a = tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), 10), 'float32');
          const b = tf.cast(tf.oneHot(tf.tensor1d(predicted, 'int32'), 10), 'float32');
          return tf.matMul(a, b, true, false);
        });
      const onGpu = product();
      const gpu = await onGpu.data();
      onGpu.dispose();
      const cpu = await onCpu(async () => {
        const t = product();
        const values = await t.data();
        t.dispose();
        return values;
      });
      expect(Array.from(gpu).reduce((s, v) => s + v, 0)).toBe(k);
      expect(Array.from(gpu)).toEqual(Array.from(cpu));
    });
  }
});
