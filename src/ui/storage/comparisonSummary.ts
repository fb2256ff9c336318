// The compared runs' curves in words, for screen readers (the drawing is hidden from them), and the
// colour each run gets in both charts.

import type { RunRecord } from '../../protocol';

/** Distinct on white and for the common colour-vision deficiencies (Okabe-Ito). */
export const RUN_COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9'];

export function runColor(index: number): string {
  return RUN_COLORS[index % RUN_COLORS.length] ?? '#0072b2';
}

type Compared = Pick<RunRecord, 'name' | 'epochs'>;

export function comparedLossSummary(runs: readonly Compared[]): string {
  const rows = runs.map(
    (r) => `${r.name}: ${r.epochs.map((e) => e.trainLoss.toFixed(3)).join(', ')}`,
  );
  return `Training loss by epoch. ${rows.join('. ')}.`;
}

export function comparedAccuracySummary(runs: readonly Compared[]): string {
  const rows = runs.map(
    (r) => `${r.name}: ${r.epochs.map((e) => e.testAccuracy.toFixed(3)).join(', ')}`,
  );
  return `Test accuracy by epoch. ${rows.join('. ')}.`;
}
