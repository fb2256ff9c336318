// Phase marks inside one training step, for the sampled step profile (stepProfiler.ts): where in
// tfjs's list of profiled kernels the forward pass, the backward pass and the optimizer begin. A
// no-op (one null check) unless a profile is being recorded.

import * as tf from '@tensorflow/tfjs';

export type StepMark = 'forward' | 'backward' | 'optimizer' | 'after';

export interface PhaseMark {
  mark: StepMark;
  /** Index into the profile's kernel list of the first kernel of this phase. */
  index: number;
}

let marks: PhaseMark[] | null = null;

export function markStepPhase(mark: StepMark): void {
  if (!marks) return;
  marks.push({ mark, index: tf.engine().state.activeProfile.kernels.length });
}

/** Collects the marks `markStepPhase` records while `record` runs (inside tf.profile). */
export async function withPhaseMarks<T>(
  record: () => Promise<T>,
): Promise<{ result: T; marks: PhaseMark[] }> {
  const collected: PhaseMark[] = [];
  marks = collected;
  try {
    return { result: await record(), marks: collected };
  } finally {
    marks = null;
  }
}
