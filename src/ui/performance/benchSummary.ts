// What the page shows of a kernel benchmark: achieved GFLOP/s per product, and the time of one
// epoch projected from the measured ops. Pure.

import type { KernelBenchRow } from '../../protocol';

/** Training images per epoch (Fashion-MNIST's 60,000 in whole batches). */
export const EPOCH_IMAGES = 60_000;

/** GFLOP/s of a call of `flop` taking `ms`; null when either is missing. */
export function gflops(flop: number | null | undefined, ms: number | null): number | null {
  if (flop === null || flop === undefined || ms === null || ms <= 0) return null;
  return flop / (ms * 1e6);
}

/**
 * The ops one training step runs per layer, as the benchmark names them: the forward pass (for a
 * conv layer with its bias and ReLU), both gradient products, bias + ReLU (forward and gradients),
 * dropout, and Adam's update of the weights. Pooling, the loss and gaps between dispatches are not
 * timed, so a projection from them is a lower bound.
 */
const STEP_OPS = new Set([
  'convBiasRelu',
  'inputGradient',
  'filterGradient',
  'denseForward',
  'denseInputGradient',
  'denseWeightGradient',
  'biasRelu',
  'dropout',
  'adam',
]);

export interface EpochProjection {
  /** ms of one step: the sum of the step's ops measured, own kernels where they exist. */
  stepMs: number;
  stockStepMs: number;
  /** Seconds of one epoch of EPOCH_IMAGES at this batch. */
  epochSeconds: number;
  stockEpochSeconds: number;
  /** The layers the projection covers (all of them only after a full run). */
  layers: string[];
  /** Ops of a step that were not measured (budget, Stop, or a layer set). */
  missing: number;
}

export function projectEpoch(
  rows: readonly KernelBenchRow[],
  batch: number,
): EpochProjection | null {
  const stepRows = rows.filter(
    (r) => STEP_OPS.has(r.op) && !r.note?.startsWith('not in a training'),
  );
  const measured = stepRows.filter((r) => r.stockMs !== null);
  if (measured.length === 0) return null;
  const stockStepMs = measured.reduce((sum, r) => sum + (r.stockMs ?? 0), 0);
  const stepMs = measured.reduce(
    (sum, r) => sum + (r.own && r.ownMs !== null ? r.ownMs : (r.stockMs ?? 0)),
    0,
  );
  const steps = Math.floor(EPOCH_IMAGES / batch);
  return {
    stepMs,
    stockStepMs,
    epochSeconds: (stepMs * steps) / 1000,
    stockEpochSeconds: (stockStepMs * steps) / 1000,
    layers: [...new Set(measured.map((r) => r.layer))],
    missing: stepRows.length - measured.length,
  };
}

/** One bar per timed row: stock and own ms (own = stock where there is no own kernel). */
export function chartRows(rows: readonly KernelBenchRow[]) {
  return rows
    .filter((r) => r.stockMs !== null)
    .map((r) => ({
      label: `${r.layer} ${r.op}`,
      stock: r.stockMs,
      own: r.own ? r.ownMs : r.stockMs,
    }));
}
