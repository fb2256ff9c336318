import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../protocol';
import { accuracySummary, lossSummary } from './chartSummaries';

const epoch = (n: number, testAccuracy: number): EpochMetrics => ({
  epoch: n,
  trainLoss: 1 / n,
  trainAccuracy: 0.5,
  testLoss: 0.8 / n,
  testAccuracy,
  trainSeconds: 1,
  evalSeconds: 1,
  imagesPerSec: 1,
});

describe('chart summaries', () => {
  it('say there is nothing yet, or that the first epoch is under way', () => {
    expect(lossSummary([], 0)).toBe('No loss yet: train a model to draw it.');
    expect(lossSummary([], 3)).toBe('The first epoch is under way: 3 running-loss points so far.');
    expect(accuracySummary([])).toBe(
      "No accuracy yet. The reference run's test accuracy by epoch: 0.856, 0.881, 0.894, 0.899, 0.901.",
    );
  });

  it('give every epoch’s numbers', () => {
    const epochs = [epoch(1, 0.31), epoch(2, 0.36)];
    expect(lossSummary(epochs, 10)).toBe(
      'Loss by epoch, epoch 1: train 1.000, test 0.800; epoch 2: train 0.500, test 0.400.',
    );
    expect(accuracySummary(epochs)).toMatch(
      /^Accuracy by epoch, epoch 1: train 0\.500, test 0\.310; epoch 2: train 0\.500, test 0\.360\. /,
    );
  });
});
