// Per-class numbers derived from a confusion matrix, and the matrix counted on the CPU from labels
// and predictions (what the GPU evaluation must agree with). Pure: no tfjs.

import { NUM_CLASSES } from '../protocol';

/** Counts of (true, predicted) pairs, row-major `[true * classes + predicted]`. */
export function countConfusion(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes = NUM_CLASSES,
): Int32Array {
  if (labels.length !== predicted.length) {
    throw new Error(`${labels.length} labels but ${predicted.length} predictions.`);
  }
  const confusion = new Int32Array(classes * classes);
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i] ?? -1;
    const p = predicted[i] ?? -1;
    if (!isClass(t, classes) || !isClass(p, classes)) {
      throw new Error(`Image ${i}: class ${t} predicted as ${p}, outside 0-${classes - 1}.`);
    }
    confusion[t * classes + p]! += 1;
  }
  return confusion;
}

const isClass = (c: number, classes: number) => Number.isInteger(c) && c >= 0 && c < classes;

/**
 * Precision (of the images predicted as a class, the share that are it: column-wise) and recall
 * (of a class's images, the share predicted as it: row-wise, the class's accuracy). NaN where the
 * share is 0 / 0: no image predicted as the class, or none of the class evaluated.
 */
export function precisionRecall(confusion: ArrayLike<number>): {
  precision: Float32Array;
  recall: Float32Array;
} {
  const classes = Math.round(Math.sqrt(confusion.length));
  if (classes * classes !== confusion.length) {
    throw new Error(`A confusion matrix is square: ${confusion.length} counts is not.`);
  }
  const precision = new Float32Array(classes);
  const recall = new Float32Array(classes);
  for (let c = 0; c < classes; c++) {
    let rowSum = 0;
    let columnSum = 0;
    for (let k = 0; k < classes; k++) {
      rowSum += confusion[c * classes + k] ?? 0;
      columnSum += confusion[k * classes + c] ?? 0;
    }
    const hits = confusion[c * classes + c] ?? 0;
    precision[c] = columnSum > 0 ? hits / columnSum : NaN;
    recall[c] = rowSum > 0 ? hits / rowSum : NaN;
  }
  return { precision, recall };
}
