// The test images behind one cell of a confusion matrix, from the predictions the same evaluation
// kept. Pure: no tfjs.

import type { TestPredictions } from './evaluate';

export interface CellSelection {
  /** Images in the cell. */
  total: number;
  /** Test-set indices of the (up to `limit`) images the model gave the predicted class the highest
   * probability, highest first; ties in index order. */
  indices: Int32Array;
  probabilities: Float32Array;
}

export function selectCellExamples(
  predictions: TestPredictions,
  labels: ArrayLike<number>,
  trueClass: number,
  predictedClass: number,
  limit: number,
): CellSelection {
  const { predicted, probability } = predictions;
  if (labels.length < predicted.length) {
    throw new Error(`${predicted.length} predictions but only ${labels.length} labels.`);
  }
  const inCell: number[] = [];
  for (let i = 0; i < predicted.length; i++) {
    if (labels[i] === trueClass && predicted[i] === predictedClass) inCell.push(i);
  }
  const shown = inCell
    .sort((a, b) => (probability[b] ?? 0) - (probability[a] ?? 0) || a - b)
    .slice(0, Math.max(0, limit));
  return {
    total: inCell.length,
    indices: Int32Array.from(shown),
    probabilities: Float32Array.from(shown, (i) => probability[i] ?? NaN),
  };
}
