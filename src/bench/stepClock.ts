// Turns step-completion times into the benchmark's numbers. Pure, so it is unit-tested.

import type { StepTiming } from './benchTypes';

export interface StepMark {
  /** Images trained since the run began, when this mark was taken. */
  imagesDone: number;
  /** performance.now() when the GPU had finished those images (a loss read came back). */
  at: number;
  /** tf.memory().numBytes at that moment. */
  bytes: number;
}

/**
 * `start` is when the first step was issued. The first mark gives the first-step time; the rate is
 * measured from the first mark at or after the warm-up to the last mark, so compilation is excluded.
 */
export function summariseSteps(
  start: number,
  marks: readonly StepMark[],
  warmupImages: number,
): StepTiming {
  const first = marks[0];
  const last = marks.at(-1);
  if (!first || !last) throw new Error('No step finished: nothing to measure.');
  const from = marks.find((m) => m.imagesDone >= warmupImages && m !== last) ?? first;
  const images = last.imagesDone - from.imagesDone;
  const seconds = (last.at - from.at) / 1000;
  return {
    firstStepMs: first.at - start,
    imagesPerSec: images > 0 && seconds > 0 ? images / seconds : NaN,
    peakBytes: Math.max(...marks.map((m) => m.bytes)),
  };
}
