// The messages the page and the training worker exchange. Both threads import this file, so it holds
// types, constants and type guards only: no tfjs, no DOM, no React.

import type { BackendInfo, BackendName, KernelMode } from './backend';
import type { EpochMetrics, TrainConfig } from './training';

/** Commands the page sends to the worker. Requests that expect an answer carry an `id`. */
export type WorkerCommand =
  /** Pick a backend (WebGPU first unless `backend` forces one) and answer with `ready`.
   * `kernels` defaults to 'own'. */
  | { type: 'init'; backend?: BackendName; kernels?: KernelMode }
  /** Fetch the manifest and stream both splits; answers with `dataset`, `dataProgress`, `dataLoaded`. */
  | { type: 'loadData'; baseUrl: string }
  /** Build a fresh model and train it. Errors if a run is already going. */
  | { type: 'train'; config: TrainConfig }
  | { type: 'pause' }
  | { type: 'resume' }
  /** End training after the current step; the weights stay usable for `predict`. */
  | { type: 'stop' }
  /** Classify one 28x28 grayscale image: 784 values in [0, 1], light garment on black. */
  | { type: 'predict'; id: number; pixels: Float32Array }
  /** Classify `count` random test-set images with the current weights. */
  | { type: 'classifySamples'; id: number; count: number };

export type WorkerCommandType = WorkerCommand['type'];

export interface DatasetSummary {
  trainCount: number;
  testCount: number;
  classNames: readonly string[];
  /** Bytes of all shards of both splits, for the progress bar. */
  totalBytes: number;
}

export type DataSplit = 'train' | 'test';

/** One test image classified by the current model. */
export interface ClassifiedSample {
  /** 784 bytes, 0..255, as stored in the dataset. */
  pixels: Uint8Array;
  label: number;
  probabilities: Float32Array;
}

/** 'failed': the run hit an error (reported just before) and its model was thrown away. */
export type DoneReason = 'finished' | 'stopped' | 'failed';

/** Events the worker sends to the page. */
export type WorkerEvent =
  | { type: 'ready'; backend: BackendInfo }
  | { type: 'dataset'; summary: DatasetSummary }
  | { type: 'dataProgress'; loadedBytes: number; totalBytes: number }
  | { type: 'dataLoaded'; trainCount: number; testCount: number }
  | {
      type: 'trainStarted';
      config: TrainConfig;
      stepsPerEpoch: number;
      /** Images actually used per epoch: whole batches only, the ragged tail is dropped. */
      imagesPerEpoch: number;
    }
  | {
      type: 'batch';
      epoch: number;
      imagesDone: number;
      imagesTotal: number;
      /** Mean loss of the steps since the last report; absent when no loss was read this time. */
      loss?: number;
      imagesPerSec: number;
    }
  | { type: 'epoch'; metrics: EpochMetrics }
  | { type: 'paused' }
  | { type: 'resumed' }
  | { type: 'done'; reason: DoneReason }
  | { type: 'prediction'; id: number; probabilities: Float32Array }
  | { type: 'samples'; id: number; samples: ClassifiedSample[] }
  | {
      type: 'error';
      message: string;
      /** Set when the error answers a request (`predict`, `classifySamples`). */
      id?: number;
      /** True when the worker cannot go on (lost GPU device, broken backend): the page should restart it. */
      fatal: boolean;
      /** Which part failed, so the page can put the message in the right place. */
      scope: ErrorScope;
    };

export type ErrorScope = 'backend' | 'data' | 'training' | 'predict' | 'protocol';

export type WorkerEventType = WorkerEvent['type'];

const COMMAND_TYPES: ReadonlySet<string> = new Set<WorkerCommandType>([
  'init',
  'loadData',
  'train',
  'pause',
  'resume',
  'stop',
  'predict',
  'classifySamples',
]);

const EVENT_TYPES: ReadonlySet<string> = new Set<WorkerEventType>([
  'ready',
  'dataset',
  'dataProgress',
  'dataLoaded',
  'trainStarted',
  'batch',
  'epoch',
  'paused',
  'resumed',
  'done',
  'prediction',
  'samples',
  'error',
]);

function hasType(value: unknown): value is { type: string } {
  return (
    typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string'
  );
}

/**
 * Checks the discriminant of a message that crossed a thread boundary. Both ends are our own code,
 * built together, so a known `type` is trusted for the rest of the shape.
 */
export function isWorkerCommand(value: unknown): value is WorkerCommand {
  return hasType(value) && COMMAND_TYPES.has(value.type);
}

export function isWorkerEvent(value: unknown): value is WorkerEvent {
  return hasType(value) && EVENT_TYPES.has(value.type);
}

/**
 * The buffers of a message's typed arrays, so `postMessage` can move them instead of copying.
 * Deduplicated: transferring one buffer twice throws.
 */
export function transferablesOf(message: WorkerCommand | WorkerEvent): Transferable[] {
  const views: ArrayBufferView[] = [];
  switch (message.type) {
    case 'predict':
      views.push(message.pixels);
      break;
    case 'prediction':
      views.push(message.probabilities);
      break;
    case 'samples':
      for (const s of message.samples) views.push(s.pixels, s.probabilities);
      break;
    default:
      break;
  }
  const buffers = new Set<ArrayBuffer>();
  for (const v of views) if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
  return [...buffers];
}
