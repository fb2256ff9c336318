// A run's epoch log as CSV (one row per epoch, a header naming the columns) and as JSON (the whole
// stored record: config, backend, epochs), for spreadsheets and scripts.

import type { EpochMetrics, RunRecord } from '../../protocol';

const COLUMNS: readonly [string, (e: EpochMetrics) => number][] = [
  ['epoch', (e) => e.epoch],
  ['train_loss', (e) => e.trainLoss],
  ['train_accuracy', (e) => e.trainAccuracy],
  ['test_loss', (e) => e.testLoss],
  ['test_accuracy', (e) => e.testAccuracy],
  ['train_seconds', (e) => e.trainSeconds],
  ['eval_seconds', (e) => e.evalSeconds],
  ['images_per_sec', (e) => e.imagesPerSec],
];

export function runCsv(run: Pick<RunRecord, 'epochs'>): string {
  const lines = [
    COLUMNS.map(([name]) => name).join(','),
    ...run.epochs.map((e) => COLUMNS.map(([, pick]) => String(pick(e))).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}

/** Typed arrays (the per-class evaluation) become plain arrays, not {"0": ...} objects. */
export function runJson(run: RunRecord): string {
  const plain = (_key: string, value: unknown) =>
    ArrayBuffer.isView(value) && !(value instanceof DataView)
      ? Array.from(value as unknown as ArrayLike<number>)
      : value;
  return `${JSON.stringify(run, plain, 2)}\n`;
}

/** A file name from a run's name: letters, digits and dashes only. */
export function exportFileName(run: Pick<RunRecord, 'name' | 'id'>, extension: string): string {
  const slug = run.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || run.id}.${extension}`;
}
