import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { matMulChecks } from '../../tools/kernelChecks/matMulChecks';
import { itPassesKernelChecks } from '../../testing/kernelCheckCases';
import { describeWebGpu, onCpu, useWebGpuBackend } from '../../testing/webgpuNode';
import { matMulProduct } from './core/matMulProduct';

describe('matMulProduct', () => {
  it("reads a dense layer's three products with vec4 loads where the contiguous side allows", () => {
    const forward = matMulProduct([128, 9216], [9216, 4096], false, false)!;
    expect(forward).toMatchObject({ m: 128, n: 4096, k: 9216, batch: 1, vec4A: true, vec4B: true });
    const inputGradient = matMulProduct([128, 10], [4096, 10], false, true)!;
    expect(inputGradient).toMatchObject({ m: 128, n: 4096, k: 10, vec4A: false, vec4B: false });
    const weightGradient = matMulProduct([128, 4096], [128, 10], true, false)!;
    expect(weightGradient).toMatchObject({ m: 4096, n: 10, k: 128, vec4A: true, vec4B: false });
    expect(weightGradient.outputShape).toEqual([4096, 10]);
  });

  it('broadcasts a batch of 1 and refuses other broadcasts', () => {
    const broadcast = matMulProduct([3, 5, 8], [8, 4], false, false)!;
    expect(broadcast).toMatchObject({ batch: 3, batchStrides: [40, 0], outputShape: [3, 5, 4] });
    expect(matMulProduct([2, 1, 5, 8], [1, 3, 8, 4], false, false)).toBeUndefined();
    expect(matMulProduct([5, 8], [7, 4], false, false)).toBeUndefined();
  });
});

// The edge shapes and alexnet-mini's dense layers at batch 2, against tfjs's stock CPU kernel.
// alexnet's dense layers take the same code paths (readers, epilogues, splits) at 20-45 s a case
// on this adapter: npm run check:kernels runs them.
describeWebGpu('own BatchMatMul on WebGPU, against the CPU backend', () => {
  beforeAll(async () => {
    await useWebGpuBackend('own');
  });

  itPassesKernelChecks(matMulChecks(2, ['alexnet-mini']));

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
