// What the page's Performance panel exchanges with the engine: the benchmark worker's messages
// ("Benchmark this GPU", src/bench/kernels/kernelBench.worker.ts) and the training worker's sampled step
// profile. Types and pure checks only.

import type { AdapterInfo } from './backend';
import type { BrowserKernelBenchReport, KernelBenchRow } from './kernelBench';
import type { ModelName } from './training';

export interface KernelBenchRequest {
  model: ModelName;
  batch: number;
  /** Only these layers (e.g. ['conv2']); every layer when null. */
  layers: string[] | null;
  /** No new row starts once this is spent (a row begun finishes its round); what was measured is
   * kept. */
  budgetSeconds: number;
  /** Timed calls per kernel mode at most (median reported). */
  reps: number;
}

export type KernelBenchCommand =
  | { type: 'start'; request: KernelBenchRequest }
  /** Ends the run after the call in flight; what was measured is kept and reported. */
  | { type: 'stop' };

export type KernelBenchEvent =
  | { type: 'started'; adapter: AdapterInfo; isSoftware: boolean; totalRows: number }
  | { type: 'row'; row: KernelBenchRow; rowsDone: number; totalRows: number }
  | { type: 'finished'; report: BrowserKernelBenchReport }
  | { type: 'failed'; message: string };

/** The budget choices the page offers, in seconds. */
export const BENCH_BUDGETS = [15, 60, 300, 900] as const;

/** Where one sampled training step's GPU time went. */
export type StepPhase = 'forward' | 'inputGradients' | 'weightGradients' | 'optimizer' | 'rest';
export const STEP_PHASES: readonly StepPhase[] = [
  'forward',
  'inputGradients',
  'weightGradients',
  'optimizer',
  'rest',
];

export interface StepProfile {
  /** The run's step that was profiled (0-based, counted over the whole run). */
  runStep: number;
  batch: number;
  model: ModelName;
  /** Wall ms of the profiled step, issue to GPU idle (profiling makes it slower than a plain one). */
  wallMs: number;
  /** Wall ms of a plain step, the mean of the steps since the previous sample. */
  plainStepMs: number | null;
  /** Whether GPU times come from timestamp queries; false: wall-clock only, all GPU ms are null. */
  timestamps: boolean;
  /** True when every GPU time is a multiple of 100 µs: Chrome quantises timestamps unless its
   * WebGPU developer features are on. */
  rounded100us: boolean;
  /** GPU ms of the step, the sum over its programs; null without timestamps. */
  gpuMs: number | null;
  phases: Record<StepPhase, number> | null;
  /** GPU ms per layer and phase, layers in model order ('input' for the batch's preparation,
   * 'loss' after the last layer). */
  layers: { layer: string; phases: Record<StepPhase, number> }[];
  /** The most expensive kernels (tfjs kernel name, layer), GPU ms and share of the step. */
  top: { kernel: string; layer: string; phase: StepPhase; ms: number; share: number }[];
  /** Dispatches the step ran. */
  kernels: number;
  memory: {
    /** tfjs's bytes in use after the step. */
    bytesInUse: number;
    /** The most tfjs held at any kernel of the step. */
    peakBytes: number;
    /** Bytes the WebGPU backend has allocated on the GPU (its buffer pool included), if it says. */
    gpuBytesAllocated: number | null;
  };
  /** One step in this many is profiled now (chosen so profiling costs at most 2% of the run). */
  every: number;
}

const MAX_BUDGET_SECONDS = 3600;

/** Why a benchmark request cannot run, or null. */
export function kernelBenchRequestProblem(request: KernelBenchRequest): string | null {
  if (!Number.isInteger(request.batch) || request.batch < 1 || request.batch > 1024)
    return 'The batch must be a whole number from 1 to 1024.';
  if (
    !Number.isFinite(request.budgetSeconds) ||
    request.budgetSeconds <= 0 ||
    request.budgetSeconds > MAX_BUDGET_SECONDS
  )
    return `The time budget must be between 1 s and ${MAX_BUDGET_SECONDS} s.`;
  if (!Number.isInteger(request.reps) || request.reps < 1 || request.reps > 50)
    return 'Timed calls per kernel must be from 1 to 50.';
  return null;
}
