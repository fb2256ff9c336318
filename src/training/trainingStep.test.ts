import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBareTrainingStep } from './trainingStep';
import { useCpuBackend } from '../testing/cpuBackend';

beforeAll(useCpuBackend);

describe('createBareTrainingStep', () => {
  it('runs plain trainOnBatch steps that lower the loss on its fixed batch, and cleans up', async () => {
    const before = tf.memory().numTensors;
    const bare = createBareTrainingStep('alexnet-mini', 8);
    const losses: number[] = [];
    for (let i = 0; i < 6; i++) losses.push(await bare.step());
    expect(losses.every(Number.isFinite)).toBe(true);
    // One fixed batch: memorising it must bring the loss down.
    expect(losses.at(-1)).toBeLessThan(losses[0]!);
    bare.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
