// The learning rate over a run, as the worker sets it step by step (src/protocol/schedule), for the
// small chart under the loss chart and its words. Pure: the page draws what the config says.

import { learningRateAt, REFERENCE_LOG } from '../../protocol';
import type { EpochMetrics, TrainConfig } from '../../protocol';
import type { Point } from '../shared/EpochLineChart';

/** Steps of a run of `config`: whole batches of its training images, every epoch. */
export function runSteps(config: TrainConfig): number {
  return Math.max(1, Math.floor(config.trainImages / config.batchSize)) * config.epochs;
}

/**
 * `points` + 1 samples of the rate, x in epochs from 0 to `config.epochs`: at each x, the rate of
 * the step under way there (step s runs from s / total to (s + 1) / total of the run, so the last
 * step's rate reaches the run's end).
 */
export function learningRateCurve(config: TrainConfig, points = 100): Point[] {
  const total = runSteps(config);
  return Array.from({ length: points + 1 }, (_, i) => {
    const step = Math.min(total - 1, Math.floor((i / points) * total));
    return { x: (i / points) * config.epochs, y: learningRateAt(config, step, total) };
  });
}

const rate = (v: number) => Number(v.toPrecision(2)).toString();

/** The curve in words, for screen readers. */
export function learningRateSummary(config: TrainConfig): string {
  const total = runSteps(config);
  const at = (step: number) => learningRateAt(config, step, total);
  switch (config.schedule) {
    case 'constant':
      return `Learning rate: constant at ${rate(config.learningRate)}.`;
    case 'cosine':
      return `Learning rate: from ${rate(at(0))} down along a cosine to ${rate(at(total - 1))} at the last step.`;
    case 'one-cycle': {
      const peakEpoch = (config.warmupShare * config.epochs).toFixed(1);
      return (
        `Learning rate: one cycle, from ${rate(at(0))} up to ${rate(config.learningRate)} ` +
        `at epoch ${peakEpoch}, then down to ${rate(at(total - 1))} at the last step.`
      );
    }
    default:
      return config.schedule satisfies never;
  }
}

/** How far an epoch's test accuracy is above the reference run's at the same epoch; null past the
 * reference's last epoch. */
export function referenceMargin(epoch: EpochMetrics): number | null {
  const reference = REFERENCE_LOG.find((r) => r.epoch === epoch.epoch);
  return reference ? epoch.testAccuracy - reference.testAccuracy : null;
}
