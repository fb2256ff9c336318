import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { countDispatches } from '../../tools/dispatchCounter';
import { describeWebGpu, maxAbsDiff, onCpu, useWebGpuBackend } from '../../testing/webgpuNode';
import { itPassesKernelChecks } from '../../testing/kernelCheckCases';
import { biasReluChecks } from '../../tools/kernelChecks/trainingKernelChecks';
import { biasRelu } from '../biasRelu';
import {
  BIAS_RELU_CASES,
  BIAS_RELU_TOLERANCE,
} from '../../tools/kernelChecks/cases/biasRelu.cases';
import { biasReluProducts, worstRelativeBiasError } from '../testing/biasReluProducts';

// biasReluGradX.ts and biasReluGradBias.ts are checked here, as the op's two gradients.
describeWebGpu('bias + ReLU on WebGPU', () => {
  beforeAll(() => useWebGpuBackend('own'));

  it.each(BIAS_RELU_CASES)(
    '$label: output and gradients equal tfjs CPU Add + Relu',
    async ({ shape }) => {
      const gpu = await biasReluProducts(shape, 'own');
      const cpu = await onCpu(() => biasReluProducts(shape, 'stock'), 'stock');
      expect(maxAbsDiff(gpu.y, cpu.y)).toBeLessThanOrEqual(BIAS_RELU_TOLERANCE.forward);
      expect(maxAbsDiff(gpu.dx, cpu.dx)).toBeLessThanOrEqual(BIAS_RELU_TOLERANCE.inputGradient);
      expect(worstRelativeBiasError(gpu, cpu)).toBeLessThanOrEqual(
        BIAS_RELU_TOLERANCE.biasGradientRelative,
      );
      // Random inputs: about half the units are off, so the mask is exercised.
      const off = gpu.y.filter((v) => v === 0).length / gpu.y.length;
      if (gpu.y.length > 100) expect(off).toBeGreaterThan(0.2);
    },
  );

  it('runs in one dispatch forward and two backward', async () => {
    const x = tf.randomNormal([2, 13, 13, 32]);
    const bias = tf.randomNormal<tf.Rank.R1>([32]);
    await Promise.all([x.data(), bias.data()]);
    const count = (fn: () => unknown) => countDispatches(() => void tf.tidy(() => void fn()));
    // tf.sum's own forward and backward dispatches are counted once without biasRelu.
    const sumAlone = await count(() => tf.grad((xx: tf.Tensor) => tf.sum(xx))(x));
    const withBiasRelu = await count(() =>
      tf.grads((xx: tf.Tensor, bb: tf.Tensor) => tf.sum(biasRelu(xx, bb as tf.Tensor1D, 'own')))([
        x,
        bias,
      ]),
    );
    expect(await count(() => biasRelu(x, bias, 'own'))).toBe(1);
    expect(withBiasRelu - sumAlone).toBe(1 + 2);
    tf.dispose([x, bias]);
  });

  // The cases as npm run check:kernels runs them (tools/kernelChecks/trainingKernelChecks.ts).
  itPassesKernelChecks(biasReluChecks(1), (check) => `${check.kernel}: ${check.label}`);
});
