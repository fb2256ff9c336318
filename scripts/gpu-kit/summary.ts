// The GPU kit's summary: every stage's outcome with its JSON, and the headline numbers taken from
// them (training speed with own and stock kernels, PyTorch's on the same GPU and the ratios, the
// reference run's epochs). Pure, so it is unit-tested; orchestrate.ts writes it after every stage.

import { REFERENCE_LOG } from '../../src/protocol';
import type { TrainReportData } from '../train/report';
import type { StageName } from './stages';

export type StageStatus = 'ok' | 'cut' | 'failed' | 'skipped' | 'not-run';

export interface StageRecord {
  name: StageName;
  title: string;
  status: StageStatus;
  /** Why it was skipped, cut, failed or not run. */
  reason?: string;
  seconds?: number;
  limitSeconds?: number;
  exitCode?: number | null;
  /** The stage's own JSON, as it wrote it. */
  result?: unknown;
  /** Its last output lines, kept when it failed. */
  tail?: string[];
}

export interface AdapterResult {
  found: boolean;
  isSoftware?: boolean;
  adapter?: { vendor: string; architecture: string; device: string; description: string };
  features?: string[];
  limits?: Record<string, number>;
  error?: string;
}

export interface TorchMode {
  mode: 'fp32' | 'default';
  imagesPerSec?: number | null;
  msPerStep?: number | null;
  firstStepMs?: number;
  peakBytes?: number;
  error?: string;
}

export interface TorchResult {
  available: boolean;
  reason?: string;
  gpu?: string;
  torch?: string;
  modes: TorchMode[];
}

export interface SpeedRow {
  imagesPerSec: number | null;
  msPerStep: number | null;
  firstStepMs: number | null;
  peakBytes: number | null;
  dispatchesPerStep: number | null;
  steps: number | null;
}

export interface EpochRow {
  epoch: number;
  loss: number;
  trainAccuracy: number;
  testAccuracy: number;
  referenceTestAccuracy: number | null;
  seconds: number;
  imagesPerSec: number;
}

export interface Headline {
  own: SpeedRow | null;
  stock: SpeedRow | null;
  torchFp32: SpeedRow | null;
  torchDefault: SpeedRow | null;
  /** WebGPU images/s divided by PyTorch's on the same GPU. */
  ratios: { ownToFp32: number | null; ownToDefault: number | null; stockToFp32: number | null };
  reference: {
    status: string;
    epochs: EpochRow[];
    /** The last progress report: how far an unfinished epoch got, and at what speed. */
    lastProgress: TrainReportData['lastProgress'] | null;
    model: string | null;
  } | null;
}

const finite = (n: unknown): number | null =>
  typeof n === 'number' && Number.isFinite(n) ? n : null;
/** a / b, or null when either is missing or b is not above 0. */
export const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  typeof a === 'number' && typeof b === 'number' && b > 0 ? a / b : null;

function resultOf<T>(stages: readonly StageRecord[], name: StageName): T | null {
  const result = stages.find((s) => s.name === name)?.result;
  return typeof result === 'object' && result !== null ? (result as T) : null;
}

function trainSpeed(report: TrainReportData | null): SpeedRow | null {
  if (!report?.steps) return null;
  const s = report.steps;
  return {
    imagesPerSec: finite(s.imagesPerSec),
    msPerStep: finite(s.msPerStep),
    firstStepMs: finite(s.firstStepMs),
    peakBytes: finite(report.peakBytes),
    dispatchesPerStep: finite(s.dispatchesPerStep),
    steps: finite(s.steps),
  };
}

function torchSpeed(torch: TorchResult | null, mode: TorchMode['mode']): SpeedRow | null {
  const m = torch?.available ? torch.modes.find((x) => x.mode === mode) : undefined;
  if (!m || m.error) return null;
  return {
    imagesPerSec: finite(m.imagesPerSec),
    msPerStep: finite(m.msPerStep),
    firstStepMs: finite(m.firstStepMs),
    peakBytes: finite(m.peakBytes),
    dispatchesPerStep: null,
    steps: null,
  };
}

export function headline(stages: readonly StageRecord[]): Headline {
  const own = trainSpeed(resultOf<TrainReportData>(stages, 'step-own'));
  const stock = trainSpeed(resultOf<TrainReportData>(stages, 'step-stock'));
  const torch = resultOf<TorchResult>(stages, 'torch');
  const torchFp32 = torchSpeed(torch, 'fp32');
  const torchDefault = torchSpeed(torch, 'default');
  const run = resultOf<TrainReportData>(stages, 'reference');
  return {
    own,
    stock,
    torchFp32,
    torchDefault,
    ratios: {
      ownToFp32: ratio(own?.imagesPerSec, torchFp32?.imagesPerSec),
      ownToDefault: ratio(own?.imagesPerSec, torchDefault?.imagesPerSec),
      stockToFp32: ratio(stock?.imagesPerSec, torchFp32?.imagesPerSec),
    },
    reference: run && {
      status: run.status,
      model: run.config.model,
      lastProgress: run.lastProgress ?? null,
      epochs: run.epochs.map((e) => ({
        epoch: e.epoch,
        loss: e.trainLoss,
        trainAccuracy: e.trainAccuracy,
        testAccuracy: e.testAccuracy,
        referenceTestAccuracy:
          run.config.model === 'alexnet'
            ? (REFERENCE_LOG.find((r) => r.epoch === e.epoch)?.testAccuracy ?? null)
            : null,
        seconds: e.trainSeconds,
        imagesPerSec: e.imagesPerSec,
      })),
    },
  };
}

/**
 * A train stage's outcome from its exit and its JSON status. A step benchmark stopped by its budget
 * still measured what it needs (steps after the first); a run of epochs (the reference run, the
 * recipe runs) stopped so is cut short.
 */
export function trainStageStatus(
  report: TrainReportData | null,
  run: { exitCode: number | null; timedOut: boolean },
  kind: 'step' | 'epochs',
): { status: StageStatus; reason?: string } {
  if (report?.status === 'failed') return { status: 'failed', reason: report.error ?? 'failed' };
  if (run.timedOut) return { status: 'cut', reason: 'stopped at its time limit' };
  if (run.exitCode !== 0) return { status: 'failed', reason: `exit code ${run.exitCode}` };
  if (!report) return { status: 'failed', reason: 'wrote no JSON' };
  if (report.status === 'budget') {
    const steps = report.steps?.steps ?? 0;
    return kind === 'epochs'
      ? { status: 'cut', reason: `its time budget ran out after ${report.epochs.length} epoch(s)` }
      : { status: 'ok', reason: `time budget reached after ${steps} steps` };
  }
  return { status: 'ok' };
}
