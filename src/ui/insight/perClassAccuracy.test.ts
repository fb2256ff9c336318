import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../protocol';
import { perClassRows, perClassSummary } from './perClassAccuracy';

function epochWithRecall(epoch: number, recall: number[]): EpochMetrics {
  return {
    epoch,
    trainLoss: 1,
    trainAccuracy: 0.5,
    testLoss: 1,
    testAccuracy: 0.5,
    trainSeconds: 1,
    evalSeconds: 1,
    imagesPerSec: 1,
    classes: {
      confusion: new Int32Array(100),
      precision: new Float32Array(10),
      recall: Float32Array.from(recall),
    },
  };
}

const recall1 = [0.5, 1, NaN, 0, 0, 0, 0, 0, 0, 0.25];
const recall2 = [0.75, 1, NaN, 0.5, 0, 0, 0, 0, 0, 0.5];

describe('perClassRows', () => {
  it("gives each class this epoch's recall beside the previous epoch's, null where undefined", () => {
    const rows = perClassRows(epochWithRecall(2, recall2), epochWithRecall(1, recall1));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toEqual({ name: 'T-shirt/top', current: 0.75, previous: 0.5 });
    expect(rows[2]).toEqual({ name: 'Pullover', current: null, previous: null });
    expect(perClassRows(epochWithRecall(1, recall1), undefined)[9]).toEqual({
      name: 'Ankle boot',
      current: 0.25,
      previous: null,
    });
  });
});

describe('perClassSummary', () => {
  it('says each class in words, with the previous epoch when there is one', () => {
    const rows = perClassRows(epochWithRecall(2, recall2), epochWithRecall(1, recall1));
    const text = perClassSummary(rows, 2, 1);
    expect(text).toMatch(
      /^Accuracy per class in epoch 2, beside epoch 1: T-shirt\/top 75% \(was 50%\);/,
    );
    expect(text).toContain('Pullover no test images (was no test images)');
    expect(perClassSummary(perClassRows(epochWithRecall(1, recall1), undefined), 1, null)).toMatch(
      /^Accuracy per class in epoch 1: T-shirt\/top 50%; Trouser 100%;/,
    );
    expect(perClassSummary([], null, null)).toMatch(/No per-class accuracy yet/);
  });
});
