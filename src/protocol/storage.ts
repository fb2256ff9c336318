// What the worker keeps in the browser (IndexedDB) and tells the page about it: the last checkpoint of
// a run, the history of runs, and how much room there is. Plain data: the weights themselves never
// cross to the page (see src/storage for the records and src/training/snapshot.ts for the tensors).

import type { EpochMetrics, TrainConfig } from './training';
import type { BackendName, KernelMode } from './backend';

/** What each end-of-epoch checkpoint holds: everything (weights and Adam's state), the weights, or nothing. */
export type CheckpointMode = 'full' | 'weights' | 'off';
export const CHECKPOINT_MODES: readonly CheckpointMode[] = ['full', 'weights', 'off'];

export type CheckpointContents = Exclude<CheckpointMode, 'off'>;

/** One float32 tensor as plain data: what checkpoints store and model files carry. */
export interface TensorData {
  name: string;
  shape: number[];
  values: Float32Array;
}

/**
 * A trainer's state after `epochsDone` epochs, as plain arrays. With Adam's state (`optimizer`) a
 * restored trainer continues exactly as an uninterrupted one would: shuffles and dropout masks are
 * derived from (seed, epoch, step), so nothing else is needed.
 */
export interface TrainerSnapshot {
  weights: TensorData[];
  /** Adam's step count and its first then second moments, one per weight; null in weights-only. */
  optimizer: { iterations: number; moments: TensorData[] } | null;
}

/** The part of the last checkpoint the page sees. */
export interface CheckpointSummary {
  /** The run (RunRecord.id) it belongs to. */
  runId: string;
  runName: string;
  config: TrainConfig;
  epochsDone: number;
  /** The finished epochs' metrics, so a resumed run shows its rows and curves again. */
  epochs: EpochMetrics[];
  /** Date.now() when it was written. */
  savedAt: number;
  bytes: number;
  contents: CheckpointContents;
}

export type RunStatus = 'running' | 'finished' | 'stopped' | 'failed';

export interface RunBackend {
  name: BackendName;
  /** The WebGPU adapter's description (vendor, architecture), when there is one. */
  adapter: string | null;
  isSoftware: boolean;
  kernels: KernelMode;
}

/** One training run as the history keeps it. */
export interface RunRecord {
  id: string;
  /** Its name in the list: generated, then whatever the user renames it to. */
  name: string;
  config: TrainConfig;
  backend: RunBackend;
  epochs: EpochMetrics[];
  startedAt: number;
  updatedAt: number;
  /** Training plus evaluation time of the finished epochs, across resumes. */
  durationSeconds: number;
  /** 'running' also for a run whose tab closed mid-way: the page shows those as interrupted. */
  status: RunStatus;
}

/** A run-history record that cannot be listed (damaged, or from another version), named. */
export interface DamagedRun {
  /** Its name if it has one, else its key. */
  name: string;
  /** What is wrong with it, e.g. "its start time is not a date". */
  problem: string;
}

/** Everything the page shows about what is stored. */
export interface StorageReport {
  /** False when this browser offers no IndexedDB here (some private modes): nothing is kept. */
  available: boolean;
  /** Why storage is unavailable, or what went wrong reading it; null when all is well. */
  problem: string | null;
  checkpoint: CheckpointSummary | null;
  /** Why a checkpoint that exists cannot be used (corrupt, written by another version). */
  checkpointProblem: string | null;
  /** Newest first. */
  runs: RunRecord[];
  /** Another tab of this app is training (only one tab trains at a time), and the runs it trains:
   * this tab shows them as training elsewhere, and leaves their checkpoint and record alone. */
  otherTab: { training: boolean; runIds: string[] };
  /** Records left out of `runs`: the page names them and offers to remove them. */
  damagedRuns: DamagedRun[];
  mode: CheckpointMode;
  /** From navigator.storage.estimate(); null where the browser does not say. */
  usageBytes: number | null;
  quotaBytes: number | null;
}

/** What one end-of-epoch checkpoint of the run will take, sent when a run starts. */
export interface CheckpointPlan {
  mode: CheckpointMode;
  /** Weights plus Adam's two moments. */
  fullBytes: number;
  weightsBytes: number;
  /** Room left for this site, when the browser says. */
  freeBytes: number | null;
}

export type CheckpointFailure = 'quota' | 'unavailable' | 'failed';

/** Total float32 bytes of `tensors`. */
export function tensorBytes(tensors: readonly { values: Float32Array }[]): number {
  return tensors.reduce((sum, t) => sum + t.values.byteLength, 0);
}

/** Whether any value is NaN or infinite: weights like that answer NaN to everything. */
export function hasNonFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return true;
  return false;
}

/** The longest name a run may have, in characters as a person counts them (code points). */
export const MAX_RUN_NAME = 80;

/**
 * A run's name as it is kept: without the invisible format characters (zero-width spaces, direction
 * overrides) that could blank it or reorder it on screen, then trimmed. The zero-width joiner stays:
 * emoji are made with it.
 */
export const cleanRunName = (name: string): string => name.replace(/(?!\u200d)\p{Cf}/gu, '').trim();
