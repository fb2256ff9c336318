import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createAdam, FusedAdamOptimizer } from './fusedAdam';

describe('FusedAdamOptimizer', () => {
  // tfjs's Optimizer duck-types instanceof; the trainer's per-step scalars rely on a real check.
  it('counts only its own instances as instances, not tfjs Adam', () => {
    const stock = tf.train.adam(0.001);
    const fused = new FusedAdamOptimizer(0.001);
    expect(stock instanceof FusedAdamOptimizer).toBe(false);
    expect(fused instanceof FusedAdamOptimizer).toBe(true);
    // Still an optimizer to tfjs (layers and minimize check this).
    expect(fused instanceof tf.Optimizer).toBe(true);
    expect(createAdam(0.001, 'stock', true) instanceof FusedAdamOptimizer).toBe(true);
    stock.dispose();
    fused.dispose();
  });
});
