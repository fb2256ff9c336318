import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdam, FusedAdamOptimizer } from '../fusedAdam';
import { installKernels } from '../installKernels';
import { ADAMW_CASE, handAdamW } from '../testing/adamW';

// AdamW (decoupled weight decay, a learning rate set per step) against a hand computation of
// PyTorch's AdamW: w <- w (1 - lr wd), then the Adam step with bias correction, on the own CPU kernel
// and on the stock-ops fallback a backend without the kernel uses.

async function train(
  mode: 'own' | 'stock',
  start: number[],
  grads: number[][],
  steps: { lr: number; wd: number }[],
) {
  installKernels('cpu', mode);
  const optimizer = createAdam(steps[0]!.lr, mode, true);
  const w = tf.variable(tf.tensor1d(start));
  steps.forEach(({ lr, wd }, t) => {
    (optimizer as FusedAdamOptimizer).setStepScalars({ learningRate: lr, weightDecay: wd });
    tf.tidy(() => optimizer.applyGradients({ [w.name]: tf.tensor1d(grads[t]!) }));
  });
  const values = Array.from(await w.data());
  optimizer.dispose();
  w.dispose();
  return { optimizer, values };
}

beforeAll(async () => {
  tf.enableProdMode();
  await tf.setBackend('cpu');
});
afterAll(() => installKernels('cpu', 'own'));

describe('AdamW', () => {
  it('first step: decays, then moves each weight by lr against its gradient', async () => {
    // With zero moments the bias-corrected step is g / (|g| + eps): lr times the gradient's sign,
    // less eps / |g|. w = 1: 1 * (1 - 0.01 * 0.1) - 0.01 = 0.989; w = -2: -1.998 - 0.01 = -2.008.
    const { values } = await train('own', [1, -2], [[0.5, 0.1]], [{ lr: 0.01, wd: 0.1 }]);
    expect(values[0]).toBeCloseTo(0.989, 6);
    expect(values[1]).toBeCloseTo(-2.008, 6);
  });

  it.each(['own', 'stock'] as const)(
    '%s kernels: three steps with a changing rate equal the hand computation',
    async (mode) => {
      const { start, grads, steps } = ADAMW_CASE;
      const { optimizer, values } = await train(mode, start, grads, steps);
      expect(optimizer).toBeInstanceOf(FusedAdamOptimizer);
      const expected = handAdamW(start, grads, steps);
      // float32 arithmetic against float64: 1e-6 absolute on weights of size ~1.
      values.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-6));
      // Not trivially close: decay and steps moved every weight.
      values.forEach((v, i) => expect(Math.abs(v - start[i]!)).toBeGreaterThan(1e-3));
    },
  );
});
