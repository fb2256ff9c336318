import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { biasRelu } from '../biasRelu';
import {
  BIAS_RELU_CASES,
  BIAS_RELU_TOLERANCE,
} from '../../tools/kernelChecks/cases/biasRelu.cases';
import { biasReluProducts, worstRelativeBiasError } from '../testing/biasReluProducts';
import { useCpuBackend, withKernels } from '../testing/cpuKernels';
import { maxAbsDiff } from '../../testing/webgpuNode';

// The own CPU kernels against tfjs's stock CPU Add + Relu and its gradient. biasReluGradX.ts and
// biasReluGradBias.ts are checked here, as the op's gradients. (The WebGPU tests hold the GPU
// kernels to the same references.)
useCpuBackend();

describe('bias + ReLU on the CPU', () => {
  it.each(BIAS_RELU_CASES)('$label: equals Add + Relu, with gradients', async ({ shape }) => {
    const own = await withKernels('own', () => biasReluProducts(shape, 'own'));
    const stock = await withKernels('stock', () => biasReluProducts(shape, 'stock'));
    expect(maxAbsDiff(own.y, stock.y)).toBeLessThanOrEqual(BIAS_RELU_TOLERANCE.forward);
    expect(maxAbsDiff(own.dx, stock.dx)).toBeLessThanOrEqual(BIAS_RELU_TOLERANCE.inputGradient);
    expect(worstRelativeBiasError(own, stock)).toBeLessThanOrEqual(
      BIAS_RELU_TOLERANCE.biasGradientRelative,
    );
  });

  it('says what is wrong with a bias of the wrong length', () => {
    const x = tf.zeros([2, 3]);
    const bias = tf.zeros<tf.Rank.R1>([4]);
    expect(() => biasRelu(x, bias, 'own')).toThrow(
      /bias as long as the last axis of x: x is \[2, 3\]/,
    );
    tf.dispose([x, bias]);
  });
});
