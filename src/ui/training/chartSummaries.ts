// The training curves in words: what a screen reader announces instead of the drawn charts.

import { REFERENCE_LOG } from '../../protocol';
import type { EpochMetrics } from '../../protocol';

const fixed = (v: number, digits: number) => v.toFixed(digits);

/** The loss chart in words, for screen readers (the drawing itself is hidden from them). */
export function lossSummary(epochs: readonly EpochMetrics[], batchLosses: number): string {
  if (epochs.length === 0) {
    return batchLosses > 0
      ? `The first epoch is under way: ${batchLosses} running-loss points so far.`
      : 'No loss yet: train a model to draw it.';
  }
  const rows = epochs.map(
    (e) => `epoch ${e.epoch}: train ${fixed(e.trainLoss, 3)}, test ${fixed(e.testLoss, 3)}`,
  );
  return `Loss by epoch, ${rows.join('; ')}.`;
}

/** The accuracy chart in words, with the reference run's test accuracy for the same epochs. */
export function accuracySummary(epochs: readonly EpochMetrics[]): string {
  const reference = REFERENCE_LOG.map((r) => fixed(r.testAccuracy, 3)).join(', ');
  if (epochs.length === 0) {
    return `No accuracy yet. The reference run's test accuracy by epoch: ${reference}.`;
  }
  const rows = epochs.map(
    (e) => `epoch ${e.epoch}: train ${fixed(e.trainAccuracy, 3)}, test ${fixed(e.testAccuracy, 3)}`,
  );
  return `Accuracy by epoch, ${rows.join('; ')}. The reference run's test accuracy: ${reference}.`;
}
