import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { dropoutScale, seededDropout } from '../seededDropout';
import { DROPOUT_STATISTICS } from '../../tools/kernelChecks/cases/seededDropout.cases';
import { useCpuBackend, withKernels } from '../testing/cpuKernels';
import { maxAbsDiff } from '../../testing/webgpuNode';

// The own CPU kernel against tfjs's stock CPU ops. (The WebGPU tests hold the GPU kernel to this
// kernel's masks.)
useCpuBackend();

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
