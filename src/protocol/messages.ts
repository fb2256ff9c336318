// The messages the page and the training worker exchange. Both threads import this file, so it holds
// types, constants and type guards only: no tfjs, no DOM, no React.

import type { BackendInfo, BackendName, KernelMode } from './backend';
import type { EpochMetrics, TrainConfig } from './training';

/**
 * Commands the page sends to the worker. Every command is a request: it carries an `id`, and the
 * worker answers that id (see COMMAND_ANSWERS) or sends an `error` with that id. The page gives each
 * request a deadline (src/client/TrainerClient.ts).
 */
export type WorkerCommand =
  /** First message: take the Web Lock named `lifeLock` and hold it for the worker's whole life, so
   * the page learns of the worker's death, quiet or not, the moment the lock is released. Null
   * where the page has no Web Locks. Answered by `attached`. */
  | { type: 'attach'; id: number; lifeLock: string | null }
  /** Heartbeat: answered by `pong` as soon as the worker's event loop gets to it. */
  | { type: 'ping'; id: number }
  /** Pick a backend (WebGPU first unless `backend` forces one) and answer with `ready`.
   * `kernels` defaults to 'own'. */
  | { type: 'init'; id: number; backend?: BackendName; kernels?: KernelMode }
  /** Fetch the manifest and stream both splits; answers with `dataset`, `dataProgress` (both
   * progress) and finally `dataLoaded`. A new `loadData` cancels one still loading. */
  | { type: 'loadData'; id: number; baseUrl: string }
  /** Build a fresh model and train it: answered by `trainStarted`, or an error if the config is
   * refused or a run is already going. The run then reports `batch`, `epoch` and `done`. */
  | { type: 'train'; id: number; config: TrainConfig }
  | { type: 'pause'; id: number }
  | { type: 'resume'; id: number }
  /** End training after the current step (answered by `stopping`, then `done` when it has ended);
   * the weights stay usable for `predict`. */
  | { type: 'stop'; id: number }
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

/** Events the worker sends to the page. An `id` names the request the event answers. */
export type WorkerEvent =
  /** `lifeLockHeld`: the worker holds the Web Lock it was asked to take. */
  | { type: 'attached'; id: number; lifeLockHeld: boolean }
  | { type: 'pong'; id: number }
  | { type: 'ready'; id: number; backend: BackendInfo }
  | { type: 'dataset'; id: number; summary: DatasetSummary }
  | { type: 'dataProgress'; id: number; loadedBytes: number; totalBytes: number }
  | { type: 'dataLoaded'; id: number; trainCount: number; testCount: number }
  | {
      type: 'trainStarted';
      id: number;
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
  | { type: 'paused'; id: number }
  | { type: 'resumed'; id: number }
  /** The stop was seen: the run ends after its current step, then `done` follows. */
  | { type: 'stopping'; id: number }
  | { type: 'done'; reason: DoneReason }
  | { type: 'prediction'; id: number; probabilities: Float32Array }
  | { type: 'samples'; id: number; samples: ClassifiedSample[] }
  | {
      type: 'error';
      message: string;
      /** Set when the error answers a request: that request failed. */
      id?: number;
      /** True when the worker cannot go on (lost GPU device, broken backend): the page should restart it. */
      fatal: boolean;
      /** Which part failed, so the page can put the message in the right place. */
      scope: ErrorScope;
    };

export type ErrorScope = 'backend' | 'data' | 'training' | 'predict' | 'protocol';

export type WorkerEventType = WorkerEvent['type'];

/** The event that completes each request, and the events that show it is still under way. */
export const COMMAND_ANSWERS: Readonly<
  Record<WorkerCommandType, { answer: WorkerEventType; progress?: readonly WorkerEventType[] }>
> = {
  attach: { answer: 'attached' },
  ping: { answer: 'pong' },
  init: { answer: 'ready' },
  loadData: { answer: 'dataLoaded', progress: ['dataset', 'dataProgress'] },
  train: { answer: 'trainStarted' },
  pause: { answer: 'paused' },
  resume: { answer: 'resumed' },
  stop: { answer: 'stopping' },
  predict: { answer: 'prediction' },
  classifySamples: { answer: 'samples' },
};

const COMMAND_TYPES: ReadonlySet<string> = new Set(Object.keys(COMMAND_ANSWERS));

const EVENT_TYPES: ReadonlySet<string> = new Set<WorkerEventType>([
  'attached',
  'pong',
  'ready',
  'dataset',
  'dataProgress',
  'dataLoaded',
  'trainStarted',
  'batch',
  'epoch',
  'paused',
  'resumed',
  'stopping',
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
 * built together, so a known `type` (and, for commands, a numeric `id`) is trusted for the rest.
 */
export function isWorkerCommand(value: unknown): value is WorkerCommand {
  return (
    hasType(value) && COMMAND_TYPES.has(value.type) && 'id' in value && typeof value.id === 'number'
  );
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
