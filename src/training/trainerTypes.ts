// What a training run reports and how it is steered: the types the Trainer (trainer.ts), its epoch
// loop (epochLoop.ts) and its callers share.

import type { EpochMetrics } from '../protocol';
import type { GpuImageSet } from './gpuImages';
import type { StepProfiler } from './stepProfiler';
import { yieldToEventLoop } from './yieldToEventLoop';

export interface RunPlan {
  stepsPerEpoch: number;
  /** stepsPerEpoch * batchSize: the ragged tail is dropped. */
  imagesPerEpoch: number;
}

export interface StepProgress {
  epoch: number;
  imagesDone: number;
  imagesTotal: number;
  /** Mean loss of the steps since the previous report. */
  loss: number;
  imagesPerSec: number;
}

export interface TrainingCallbacks {
  onProgress(progress: StepProgress): void;
  /** Awaited before the next epoch starts: the weights stay as they are until it resolves, so a
   * checkpoint can read them (Trainer.snapshot) at the epoch's end. */
  onEpoch(metrics: EpochMetrics): void | Promise<void>;
  /** Samples a step now and then for the live step profile (stepProfiler.ts); absent: none. */
  profiler?: StepProfiler;
}

export interface TrainingControl {
  /** True once a stop was asked for: the run ends before its next step. */
  shouldStop(): boolean;
  /** Resolves at once unless paused; then when resumed or stopped. */
  waitIfPaused(): Promise<void>;
  /** Throws if the backend reported a failure (GPU out of memory, lost device) since the last call. */
  throwIfBackendFailed?(): void;
  /** Defaults to yieldToEventLoop. */
  yieldControl?(): Promise<void>;
}

export interface TrainingSets {
  train: GpuImageSet;
  test: GpuImageSet;
}

/** An epoch's training half: the GPU sums as last read, and the time its steps and reads took. */
export interface EpochTraining {
  lossSum: number;
  correct: number;
  trainMs: number;
}

export const yieldControl = (control: TrainingControl): Promise<void> =>
  control.yieldControl ? control.yieldControl() : yieldToEventLoop();
