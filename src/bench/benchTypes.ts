// What one benchmark case asks for and what it measures. Shared by the bench page (browser) and
// scripts/bench.ts (Node).

import type { BackendInfo, BackendName, KernelMode, ModelName } from '../protocol';

export interface BenchCase {
  backend: BackendName;
  /** tfjs's stock kernels or this project's own ones (which exist for WebGPU and the CPU). */
  kernels: KernelMode;
  model: ModelName;
  batchSize: number;
  /** Timed steps after the warm-up. */
  steps: number;
  /** Untimed steps first: the first compiles the shaders, the next few fill the buffer pool. */
  warmup: number;
  /** The training loop's sampled step profile (the Performance panel's); on unless false. */
  profile?: boolean;
}

export interface StepTiming {
  /** Wall time of the very first step: shader compilation and buffer allocation dominate it. */
  firstStepMs: number;
  /** Training images per second over the timed steps. */
  imagesPerSec: number;
  /** Largest `tf.memory().numBytes` seen, sampled after each step. */
  peakBytes: number;
}

export interface BenchResult {
  case: BenchCase;
  backend?: BackendInfo;
  /** The app's loop: TrainingSession, as the worker runs it. */
  loop?: StepTiming;
  /** A bare tfjs step on the same model and batch, reading the loss after every step. */
  bare?: StepTiming;
  /** loop.imagesPerSec / bare.imagesPerSec: above 1 means the app's loop is faster than the bare step. */
  loopToBareRatio?: number;
  error?: string;
}
