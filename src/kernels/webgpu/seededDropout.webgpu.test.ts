import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { countDispatches } from '../../tools/dispatchCounter';
import { describeWebGpu, maxAbsDiff, onCpu, useWebGpuBackend } from '../../testing/webgpuNode';
import { itPassesKernelChecks } from '../../testing/kernelCheckCases';
import { seededDropoutChecks } from '../../tools/kernelChecks/trainingKernelChecks';
import { dropoutScale, seededDropout } from '../seededDropout';
import {
  DROPOUT_STATISTICS,
  SEEDED_DROPOUT_CASES,
} from '../../tools/kernelChecks/cases/seededDropout.cases';

const ramp = (shape: number[]) =>
  tf.tidy(() => tf.range(1, tf.util.sizeFromShape(shape) + 1).reshape(shape));

/** seededDropout(x, rate, seed) on the current backend, as plain values. */
async function dropout(
  shape: number[],
  rate: number,
  seed: number,
  x = ramp(shape),
  kernels: 'own' | 'stock' = 'own',
): Promise<Float32Array> {
  const y = seededDropout(x, rate, seed, kernels);
  const values = (await y.data()) as Float32Array;
  tf.dispose([x, y]);
  return values;
}

describeWebGpu('seeded dropout on WebGPU', () => {
  beforeAll(() => useWebGpuBackend('own'));

  it.each(SEEDED_DROPOUT_CASES)(
    '$label: the same mask as the CPU kernel, bit for bit',
    async (c) => {
      const gpu = await dropout(c.shape, c.rate, c.seed);
      const cpu = await onCpu(() => dropout(c.shape, c.rate, c.seed), 'own');
      expect(gpu).toEqual(cpu);
      const scale = dropoutScale(c.rate);
      gpu.forEach((v, i) => expect([0, Math.fround((i + 1) * scale)]).toContain(v));
    },
  );

  it.each(DROPOUT_STATISTICS.rates)(
    'rate %f: keeps 1 - rate of a million elements, each scaled by 1 / (1 - rate)',
    async (rate) => {
      const { draws, keptFractionRelativeTolerance } = DROPOUT_STATISTICS;
      const y = await dropout([draws], rate, 2024, tf.ones([draws]));
      const scale = dropoutScale(rate);
      const kept = y.filter((v) => v === scale).length;
      expect(y.filter((v) => v !== scale && v !== 0).length).toBe(0);
      const keep = 1 - rate;
      expect(Math.abs(kept / draws - keep) / keep).toBeLessThan(keptFractionRelativeTolerance);
    },
  );

  it('repeats a mask for a seed and draws an unrelated one for another', async () => {
    const n = 100_000;
    const a = await dropout([n], 0.5, 11, tf.ones([n]));
    expect(await dropout([n], 0.5, 11, tf.ones([n]))).toEqual(a);
    const b = await dropout([n], 0.5, 12, tf.ones([n]));
    // Independent masks at rate 0.5 agree on half the elements (sd 0.0016 at this n).
    const agree = a.filter((v, i) => (v === 0) === (b[i] === 0)).length / n;
    expect(Math.abs(agree - 0.5)).toBeLessThan(0.01);
  });

  it('passes the gradient through the forward mask, scaled, without a second draw', async () => {
    const shape = [2, 4096];
    const rate = 0.5;
    const x = tf.ones(shape);
    const upstream = tf.randomNormal(shape, 0, 1, 'float32', 3);
    const y = seededDropout(x, rate, 77, 'own');
    const dx = tf.grad((input: tf.Tensor) =>
      tf.sum(tf.mul(seededDropout(input, rate, 77, 'own'), upstream)),
    )(x);
    // y is mask / (1 - rate), so dy * mask / (1 - rate) is exactly upstream * y (up to the sign
    // of zero).
    const expected = tf.mul(upstream, y);
    expect(maxAbsDiff(await dx.data(), await expected.data())).toBe(0);
    expect((await y.data()).filter((v) => v === 0).length).toBeGreaterThan(3000);
    tf.dispose([x, upstream, y, dx, expected]);
  });

  it('draws the mask in one GPU dispatch', async () => {
    const x = tf.ones([2, 4096]);
    await x.data();
    const dispatches = await countDispatches(() => {
      tf.tidy(() => void seededDropout(x, 0.5, 1, 'own'));
    });
    expect(dispatches).toBe(1);
    x.dispose();
  });

  it("draws the same mask with tfjs's ops in 'stock' mode", async () => {
    const own = await dropout([2, 4096], 0.5, 9);
    const stock = await onCpu(() => dropout([2, 4096], 0.5, 9, undefined, 'stock'), 'stock');
    expect(stock).toEqual(own);
  });

  // The cases as npm run check:kernels runs them (tools/kernelChecks/trainingKernelChecks.ts).
  itPassesKernelChecks(seededDropoutChecks(), (check) => `${check.kernel}: ${check.label}`);
});
