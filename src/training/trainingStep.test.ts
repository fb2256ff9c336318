import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBareTrainingStep, smoothedCrossEntropy } from './trainingStep';
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

describe('smoothedCrossEntropy', () => {
  // Two images, three classes; labels 0 and 2.
  const logits = [
    [2, 0, -1],
    [0.5, 0.5, 3],
  ];
  const labels = [0, 2];

  /** PyTorch's CrossEntropyLoss(label_smoothing=e): (1 - e) * nll + e * mean over classes of
   * -log p, averaged over the images; in float64. */
  function byFormula(e: number): number {
    let total = 0;
    logits.forEach((row, i) => {
      const logSum = Math.log(row.reduce((sum, z) => sum + Math.exp(z), 0));
      const logP = row.map((z) => z - logSum);
      const nll = -logP[labels[i]!]!;
      const uniform = -logP.reduce((a, b) => a + b, 0) / row.length;
      total += (1 - e) * nll + e * uniform;
    });
    return total / logits.length;
  }

  it.each([0, 0.1, 0.3])('equals its formula at smoothing %s', async (e) => {
    const loss = tf.tidy(() =>
      smoothedCrossEntropy(tf.oneHot(tf.tensor1d(labels, 'int32'), 3), tf.tensor2d(logits), e),
    );
    expect(Math.abs((await loss.data())[0]! - byFormula(e))).toBeLessThan(1e-6);
    loss.dispose();
  });

  it('smoothing raises the loss of confident right answers', () => {
    expect(byFormula(0.1)).toBeGreaterThan(byFormula(0));
  });
});
