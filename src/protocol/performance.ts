// What the page's Performance panel exchanges with the engine: the benchmark worker's messages
// ("Benchmark this GPU", src/bench/kernels/kernelBench.worker.ts) and the training worker's sampled
// step profile. Types and pure checks only.

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

// A benchmark is one request to a worker of its own (the table in commands.ts is the training
// worker's): `start` carries the run's id, and `stop` and every event carry it back; the page gives
// up on the run at its deadline or at the Stop grace below, declared here beside the messages.

export type KernelBenchCommand =
  | { type: 'start'; id: number; request: KernelBenchRequest }
  /** Ends run `id` after the call in flight; what was measured is kept and reported. */
  | { type: 'stop'; id: number };

/** What a benchmark reports as it goes: `finished` or `failed` ends it. */
export type KernelBenchUpdate =
  | { type: 'started'; adapter: AdapterInfo; isSoftware: boolean; totalRows: number }
  | { type: 'row'; row: KernelBenchRow; rowsDone: number; totalRows: number }
  | { type: 'finished'; report: BrowserKernelBenchReport }
  | { type: 'failed'; message: string };

/** An update as the worker posts it, with the id of the run it belongs to. */
export type KernelBenchEvent = KernelBenchUpdate & { id: number };

/** A call in flight can be long on a slow adapter: this long after Stop, the page ends the worker. */
export const KERNEL_BENCH_STOP_GRACE_MS = 5000;
/** What a run may take past twice its budget before the page stops it as hung: a row begun
 * finishes its round past the budget, and a round of alexnet's rows can take a minute on a
 * software adapter. */
export const KERNEL_BENCH_DEADLINE_SLACK_S = 120;

/** When a run that asked for `request` is taken as hung, in ms after its start. */
export const kernelBenchDeadlineMs = (request: KernelBenchRequest): number =>
  (2 * request.budgetSeconds + KERNEL_BENCH_DEADLINE_SLACK_S) * 1000;

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
const MAX_BENCH_BATCH = 1024;
const BATCH_PROBLEM = `The batch must be a whole number from 1 to ${MAX_BENCH_BATCH}.`;

/** The benchmark form's batch as typed: plain digits from 1 to 1024, or why not. */
export function parseBenchBatch(raw: string): { value: number } | { error: string } {
  const text = raw.trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > MAX_BENCH_BATCH) return { error: BATCH_PROBLEM };
  return { value };
}

/** Why a benchmark request cannot run, or null. */
export function kernelBenchRequestProblem(request: KernelBenchRequest): string | null {
  if (!Number.isInteger(request.batch) || request.batch < 1 || request.batch > MAX_BENCH_BATCH)
    return BATCH_PROBLEM;
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
