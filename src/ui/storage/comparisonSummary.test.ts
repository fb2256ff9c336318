import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../protocol';
import {
  comparedAccuracySummary,
  comparedLossSummary,
  runColor,
  RUN_COLORS,
} from './comparisonSummary';

const epoch = (n: number, trainLoss: number, testAccuracy: number): EpochMetrics => ({
  epoch: n,
  trainLoss,
  trainAccuracy: 0,
  testLoss: 0,
  testAccuracy,
  trainSeconds: 1,
  evalSeconds: 1,
  imagesPerSec: 1,
});

const runs = [
  { name: 'a', epochs: [epoch(1, 0.61234, 0.8), epoch(2, 0.4, 0.85)] },
  { name: 'b', epochs: [epoch(1, 1.5, 0.5)] },
];

describe('compared runs in words', () => {
  it('lists each run with its values per epoch', () => {
    expect(comparedLossSummary(runs)).toBe('Training loss by epoch. a: 0.612, 0.400. b: 1.500.');
    expect(comparedAccuracySummary(runs)).toBe(
      'Test accuracy by epoch. a: 0.800, 0.850. b: 0.500.',
    );
  });

  it('cycles through the colours', () => {
    expect(runColor(RUN_COLORS.length + 1)).toBe(RUN_COLORS[1]);
  });
});
