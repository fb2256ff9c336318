// The messages the page and the training worker exchange. Both threads import this file, so it holds
// types, constants and type guards only: no tfjs, no DOM, no React.

import type { BackendInfo, BackendName, KernelMode } from './backend';
import type { CellExamples, Inspection, LayerFilters } from './insight';
import type { StepProfile } from './performance';
import type { EpochMetrics, ModelName, TrainConfig } from './training';
import type {
  CheckpointContents,
  CheckpointFailure,
  CheckpointMode,
  CheckpointPlan,
  StorageReport,
} from './storage';

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
  | {
      type: 'train';
      id: number;
      config: TrainConfig;
      /** Start from the current model's weights (a loaded model file) with a fresh Adam, instead of
       * seeded new ones. Refused when there is no model of `config.model`. */
      fromCurrentWeights?: boolean;
    }
  | { type: 'pause'; id: number }
  | { type: 'resume'; id: number }
  /** End training after the current step (answered by `stopping`, then `done` when it has ended);
   * the weights stay usable for `predict`. */
  | { type: 'stop'; id: number }
  /** Classify one 28x28 grayscale image: 784 values in [0, 1], light garment on black. */
  | { type: 'predict'; id: number; pixels: Float32Array }
  /** Classify `count` random test-set images with the current weights. */
  | { type: 'classifySamples'; id: number; count: number }
  /** What is stored (checkpoint, run history, room): answered by `stored`. */
  | { type: 'listStored'; id: number }
  /** Restore the stored checkpoint and train on from the epoch after it: answered by
   * `trainStarted` (with `resumed`), then the run reports as `train`'s does. */
  | { type: 'resumeCheckpoint'; id: number }
  /** Delete the stored checkpoint; answered by `stored`. */
  | { type: 'discardCheckpoint'; id: number }
  | { type: 'renameRun'; id: number; runId: string; name: string }
  | { type: 'deleteRun'; id: number; runId: string }
  /** Delete the run-history records listed as damaged (StorageReport.damagedRuns); answered by `stored`. */
  | { type: 'removeDamagedRuns'; id: number }
  /** What the next end-of-epoch checkpoints hold (the page offers weights-only or none when
   * storage is short); answered by `stored`. */
  | { type: 'setCheckpointMode'; id: number; mode: CheckpointMode }
  /** The current model in the tfjs layers format, for the page to download: answered by `modelFiles`. */
  | { type: 'saveModel'; id: number }
  /** Files the user picked or dropped (a model.json and its weights); they become the current
   * model if they are one of this app's networks. Answered by `modelLoaded`. */
  | { type: 'loadModel'; id: number; files: ModelFile[] }
  /** The current model as an ONNX file (src/export/onnx), for the page to download: answered by
   * `onnxFile`. Mid-run it holds the weights after the last finished step, and the run goes on. */
  | { type: 'exportOnnx'; id: number }
  /** The test images of one cell of an epoch's confusion matrix (true `trueClass`, predicted
   * `predictedClass`), as that epoch's evaluation classified them. Answered by `cellExamples`. */
  | {
      type: 'confusionExamples';
      id: number;
      epoch: number;
      trueClass: number;
      predictedClass: number;
    }
  /** The first conv layer's kernels with the current weights. Answered by `filters`. */
  | { type: 'firstLayerFilters'; id: number }
  /** Feature maps and saliency of one 28x28 picture (784 values in [0, 1]) with the current
   * weights. Answered by `inspection`. */
  | { type: 'inspect'; id: number; pixels: Float32Array };

export type WorkerCommandType = WorkerCommand['type'];

export interface DatasetSummary {
  trainCount: number;
  testCount: number;
  classNames: readonly string[];
  /** Bytes of all shards of both splits, for the progress bar. */
  totalBytes: number;
}

/** A file as the page read it, by name. */
export interface ModelFile {
  name: string;
  bytes: ArrayBuffer;
}

/** Where a data load found the shards. */
export type DataOrigin = 'network' | 'browser' | 'mixed';

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
  | {
      type: 'dataLoaded';
      id: number;
      trainCount: number;
      testCount: number;
      /** Whether the shards came over the network, from this browser's copy, or both. */
      origin?: DataOrigin;
      /** Wall time of the load, manifest to last checked shard. */
      seconds?: number;
      /** Bytes that came over the network (compressed where the shards are). */
      downloadedBytes?: number;
    }
  | {
      type: 'trainStarted';
      id: number;
      config: TrainConfig;
      stepsPerEpoch: number;
      /** Images actually used per epoch: whole batches only, the ragged tail is dropped. */
      imagesPerEpoch: number;
      /** The run's entry in the history (absent where nothing can be stored). */
      runId?: string;
      /** What each end-of-epoch checkpoint will take. */
      checkpoint?: CheckpointPlan;
      /** Set when the run continues a checkpoint: the epochs it had finished. */
      resumed?: { epochsDone: number; epochs: EpochMetrics[]; contents: CheckpointContents };
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
  /** A sampled step's profile for the Performance panel (src/protocol/performance.ts). */
  | { type: 'stepProfile'; profile: StepProfile }
  | { type: 'paused'; id: number }
  | { type: 'resumed'; id: number }
  /** The stop was seen: the run ends after its current step, then `done` follows. */
  | { type: 'stopping'; id: number }
  | { type: 'done'; reason: DoneReason }
  | { type: 'prediction'; id: number; probabilities: Float32Array }
  | { type: 'samples'; id: number; samples: ClassifiedSample[] }
  /** What is stored; `id` when it answers a request, absent when the worker changed it itself. */
  | { type: 'stored'; id?: number; report: StorageReport }
  | {
      type: 'checkpointSaved';
      epoch: number;
      bytes: number;
      seconds: number;
      contents: CheckpointContents;
    }
  /** An end-of-epoch checkpoint could not be written; training goes on and the previous one stays. */
  | {
      type: 'checkpointFailed';
      epoch: number;
      reason: CheckpointFailure;
      message: string;
      neededBytes: number;
      freeBytes: number | null;
    }
  | { type: 'modelFiles'; id: number; modelJson: string; weights: ArrayBuffer; weightsFile: string }
  | {
      type: 'onnxFile';
      id: number;
      /** Written one weight at a time into the browser's blob storage (alexnet's is ~187 MB). */
      file: Blob;
      /** alexnet.onnx or alexnet-mini.onnx. */
      fileName: string;
      epochsDone: number;
      /** Set when a run was training: the last progress it had reported when the weights were
       * taken (at least that many images of that epoch; the weights are the last finished step's). */
      duringRun: { epoch: number; imagesDone: number; imagesTotal: number } | null;
    }
  | {
      type: 'modelLoaded';
      id: number;
      model: ModelName;
      /** The loaded model.json's file name. */
      fileName: string;
      /** The chosen files that made the model, model.json first; any other chosen file was ignored. */
      fileNames: string[];
      /** Epochs trained, when the file says (files saved by this app do). */
      epochsDone: number | null;
    }
  | { type: 'cellExamples'; id: number; examples: CellExamples }
  | { type: 'filters'; id: number; filters: LayerFilters }
  | { type: 'inspection'; id: number; inspection: Inspection }
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

export type ErrorScope =
  | 'backend'
  | 'data'
  | 'training'
  | 'predict'
  | 'protocol'
  /** IndexedDB, checkpoints, model files: the app goes on without them. */
  | 'storage';

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
  listStored: { answer: 'stored' },
  resumeCheckpoint: { answer: 'trainStarted' },
  discardCheckpoint: { answer: 'stored' },
  renameRun: { answer: 'stored' },
  deleteRun: { answer: 'stored' },
  removeDamagedRuns: { answer: 'stored' },
  setCheckpointMode: { answer: 'stored' },
  saveModel: { answer: 'modelFiles' },
  loadModel: { answer: 'modelLoaded' },
  exportOnnx: { answer: 'onnxFile' },
  confusionExamples: { answer: 'cellExamples' },
  firstLayerFilters: { answer: 'filters' },
  inspect: { answer: 'inspection' },
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
  'stepProfile',
  'paused',
  'resumed',
  'stopping',
  'done',
  'prediction',
  'samples',
  'stored',
  'checkpointSaved',
  'checkpointFailed',
  'modelFiles',
  'modelLoaded',
  'onnxFile',
  'cellExamples',
  'filters',
  'inspection',
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
    case 'loadModel':
      for (const f of message.files) views.push(new Uint8Array(f.bytes));
      break;
    case 'modelFiles':
      views.push(new Uint8Array(message.weights));
      break;
    // 'epoch' is copied, not transferred: its per-class arrays are ~120 numbers, and the worker
    // keeps the same metrics for the run history and the checkpoint after posting them.
    case 'inspect':
      views.push(message.pixels);
      break;
    case 'cellExamples':
      views.push(message.examples.indices, message.examples.pixels, message.examples.probabilities);
      break;
    case 'filters':
      views.push(message.filters.pixels);
      break;
    case 'inspection': {
      const { probabilities, saliency, featureMaps } = message.inspection;
      views.push(probabilities, saliency, ...featureMaps.map((m) => m.values));
      break;
    }
    default:
      break;
  }
  const buffers = new Set<ArrayBuffer>();
  for (const v of views) if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
  return [...buffers];
}
