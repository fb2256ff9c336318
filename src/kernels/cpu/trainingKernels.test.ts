import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { biasRelu } from '../biasRelu';
import {
  BIAS_RELU_CASES,
  BIAS_RELU_TOLERANCE,
} from '../../tools/kernelChecks/cases/biasRelu.cases';
import { createAdam, FusedAdamOptimizer } from '../fusedAdam';
import {
  FUSED_ADAM_CASES,
  FUSED_ADAM_RELATIVE_TOLERANCE,
} from '../../tools/kernelChecks/cases/fusedAdam.cases';
import { installKernels } from '../installKernels';
import { dropoutScale, seededDropout } from '../seededDropout';
import { DROPOUT_STATISTICS } from '../../tools/kernelChecks/cases/seededDropout.cases';
import {
  adamState,
  disposeAdamRun,
  relativeError,
  startAdamRun,
  stepAdamRun,
} from '../testing/adamRuns';
import { biasReluProducts, worstRelativeBiasError } from '../testing/biasReluProducts';
import { maxAbsDiff } from '../../testing/webgpuNode';

// The own CPU kernels against tfjs's stock CPU ops. (The WebGPU tests hold the GPU kernels to the
// same references, and to these kernels' dropout masks.)
async function withKernels<T>(mode: 'own' | 'stock', fn: () => T | Promise<T>): Promise<T> {
  installKernels('cpu', mode);
  return fn();
}

beforeAll(async () => {
  tf.enableProdMode();
  await tf.setBackend('cpu');
});
afterAll(() => installKernels('cpu', 'own'));

describe('fused Adam on the CPU', () => {
  it.each(FUSED_ADAM_CASES)('$label: $steps steps equal tf.train.adam', async (c) => {
    const fused = startAdamRun(c.shape, new FusedAdamOptimizer(c.learningRate));
    const stock = startAdamRun(c.shape, tf.train.adam(c.learningRate));
    await withKernels('own', () => stepAdamRun(fused, 0, c.steps));
    stepAdamRun(stock, 0, c.steps);
    const [a, b] = [await adamState(fused), await adamState(stock)];
    [fused, stock].forEach(disposeAdamRun);
    for (const key of ['w', 'm', 'v'] as const) {
      expect(relativeError(a[key], b[key]), key).toBeLessThanOrEqual(FUSED_ADAM_RELATIVE_TOLERANCE);
    }
  });

  it("is what createAdam makes with own kernels, tfjs's Adam with stock ones", async () => {
    const own = await withKernels('own', () => createAdam(0.001, 'own'));
    const stock = await withKernels('stock', () => createAdam(0.001, 'stock'));
    expect(own).toBeInstanceOf(FusedAdamOptimizer);
    expect(stock).toBeInstanceOf(tf.AdamOptimizer);
    expect(own.getConfig()).toEqual(stock.getConfig());
    expect(own.getClassName()).toBe(stock.getClassName());
    own.dispose();
    stock.dispose();
  });
});

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

describe('seeded dropout on the CPU', () => {
  it('keeps 1 - rate of a million elements and is reproducible for a seed', async () => {
    const { draws, keptFractionRelativeTolerance } = DROPOUT_STATISTICS;
    const run = (seed: number) =>
      withKernels('own', () =>
        tf.tidy(() => seededDropout(tf.ones([draws]), 0.5, seed, 'own').dataSync()),
      );
    const y = await run(3);
    const kept = y.filter((v) => v === dropoutScale(0.5)).length;
    expect(Math.abs(kept / draws - 0.5) / 0.5).toBeLessThan(keptFractionRelativeTolerance);
    expect(await run(3)).toEqual(y);
    expect(await run(4)).not.toEqual(y);
  });

  it("draws the own kernel's mask in 'stock' mode too, with the same gradient", async () => {
    const n = 10_000;
    const run = (mode: 'own' | 'stock') =>
      withKernels(mode, () =>
        tf.tidy(() => {
          const x = tf.randomNormal([n], 0, 1, 'float32', 5);
          const up = tf.randomNormal([n], 0, 1, 'float32', 6);
          const y = seededDropout(x, 0.3, 9, mode);
          const dx = tf.grad((xx: tf.Tensor) =>
            tf.sum(tf.mul(seededDropout(xx, 0.3, 9, mode), up)),
          )(x);
          return { y: y.dataSync(), dx: dx.dataSync() };
        }),
      );
    const own = await run('own');
    const stock = await run('stock');
    // The same values; a dropped negative element is -0 from the stock multiply, 0 from the kernel.
    expect(maxAbsDiff(stock.y, own.y)).toBe(0);
    expect(maxAbsDiff(stock.dx, own.dx)).toBe(0);
    expect(stock.y.map((v) => (v === 0 ? 1 : 0))).toEqual(own.y.map((v) => (v === 0 ? 1 : 0)));
    // A real mask: about 30 % dropped (sd 0.5 % at this n).
    const dropped = own.y.filter((v) => v === 0).length / n;
    expect(Math.abs(dropped - 0.3)).toBeLessThan(0.03);
  });

  it('rejects a rate outside [0, 1) and a fractional seed', () => {
    const x = tf.ones([4]);
    expect(() => seededDropout(x, 1, 1, 'own')).toThrow(/rate must be in \[0, 1\)/);
    expect(() => seededDropout(x, 0.5, 1.5, 'stock')).toThrow(/seed must be an integer/);
    x.dispose();
  });
});
