// The per-class accuracy chart's data and its text: each class's recall in the chosen epoch and in
// the epoch before it. Pure: no React.

import { FASHION_MNIST_CLASSES } from '../../protocol';
import type { EpochMetrics } from '../../protocol';
import { formatPercent } from '../shared/format';

export interface ClassAccuracyRow {
  name: string;
  /** Recall in the chosen epoch; null where the test subset has no image of the class. */
  current: number | null;
  previous: number | null;
}

const finiteOrNull = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : null);

export function perClassRows(
  current: EpochMetrics | undefined,
  previous: EpochMetrics | undefined,
): ClassAccuracyRow[] {
  return FASHION_MNIST_CLASSES.map((name, c) => ({
    name,
    current: finiteOrNull(current?.classes?.recall[c]),
    previous: finiteOrNull(previous?.classes?.recall[c]),
  }));
}

/** The chart in words, for screen readers (the drawing itself is hidden from them). */
export function perClassSummary(
  rows: readonly ClassAccuracyRow[],
  epoch: number | null,
  previousEpoch: number | null,
): string {
  if (epoch === null) return 'No per-class accuracy yet: it appears after the first epoch.';
  const percent = (v: number | null) => (v === null ? 'no test images' : formatPercent(v, 0));
  const parts = rows.map((r) =>
    previousEpoch === null
      ? `${r.name} ${percent(r.current)}`
      : `${r.name} ${percent(r.current)} (was ${percent(r.previous)})`,
  );
  const since = previousEpoch === null ? '' : `, beside epoch ${previousEpoch}`;
  return `Accuracy per class in epoch ${epoch}${since}: ${parts.join('; ')}.`;
}
