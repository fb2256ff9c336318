// Step-benchmark numbers from the trainer's own progress reports. Each report follows a read of the
// loss sums (a GPU sync), so the time between two reports is GPU time for the steps between them.
// Pure, so it is unit-tested.

export interface ProgressMark {
  /** Images trained in this epoch when the report came. */
  imagesDone: number;
  /** performance.now() at the report. */
  at: number;
  /** Compute dispatches issued so far (0 when not counted). */
  dispatches: number;
}

export interface StepStats {
  batchSize: number;
  /** Steps the numbers cover (the first epoch's, up to the last report). */
  steps: number;
  /** From the start of the run to the first report: shader compilation and allocation dominate. */
  firstStepMs: number;
  /** Images per second from the first report to the last, so the first step is excluded. NaN
   * when only one report came. */
  imagesPerSec: number;
  /** Seconds per step over the same span. */
  msPerStep: number;
  /** Compute dispatches per step over the same span; absent when not counted. */
  dispatchesPerStep?: number;
}

/** `start`: performance.now() when the run began; marks of one epoch, in order. */
export function stepStats(
  start: number,
  marks: readonly ProgressMark[],
  batchSize: number,
  dispatchesCounted: boolean,
): StepStats | undefined {
  const first = marks[0];
  const last = marks.at(-1);
  if (!first || !last) return undefined;
  const images = last.imagesDone - first.imagesDone;
  const seconds = (last.at - first.at) / 1000;
  const steps = images / batchSize;
  const stats: StepStats = {
    batchSize,
    steps: last.imagesDone / batchSize,
    firstStepMs: first.at - start,
    imagesPerSec: images > 0 && seconds > 0 ? images / seconds : NaN,
    msPerStep: steps > 0 ? (seconds * 1000) / steps : NaN,
  };
  if (dispatchesCounted && steps > 0) {
    stats.dispatchesPerStep = (last.dispatches - first.dispatches) / steps;
  }
  return stats;
}
