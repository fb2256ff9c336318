// The messages the page and the training worker exchange. Both threads import this file, so it holds
// types, constants and type guards only: no tfjs, no DOM, no React.

import type { Stored } from './answers';
import {
  COMMANDS,
  isCommandName,
  type CommandAnswer,
  type CommandMessage,
  type CommandName,
  type CommandProgress,
} from './commands';
import type { StepProfile } from './performance';
import type { CheckpointContents, CheckpointFailure } from './storage';
import type { EpochMetrics } from './training';

/** A command as it is posted: one of the table's (commands.ts), with the request's `id`. The
 * worker answers that id with the command's answer, or with an `error` carrying it. */
export type WorkerCommand = CommandMessage<CommandName>;

export type WorkerCommandType = CommandName;

/** 'failed': the run hit an error (reported just before) and its model was thrown away. */
export type DoneReason = 'finished' | 'stopped' | 'failed';

/** What a run reports while it goes, unasked: the event stream the page's reducer folds. */
export type RunEvent =
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
  | { type: 'done'; reason: DoneReason }
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
  /** What is stored, when the worker changed it itself or another tab did (no request's answer). */
  | (Stored & { id?: undefined });

export interface WorkerError {
  type: 'error';
  message: string;
  /** Set when the error answers a request: that request failed. */
  id?: number;
  /** True when the worker cannot go on (lost GPU device, broken backend): the page should restart it. */
  fatal: boolean;
  /** Which part failed, so the page can put the message in the right place. */
  scope: ErrorScope;
}

/** Everything the worker sends the page: answers and progress of requests (each with the request's
 * `id`), the run's stream, and errors. */
export type WorkerEvent =
  CommandAnswer<CommandName> | CommandProgress<CommandName> | RunEvent | WorkerError;

export type ErrorScope =
  | 'backend'
  | 'data'
  | 'training'
  | 'predict'
  | 'protocol'
  /** IndexedDB, checkpoints, model files: the app goes on without them. */
  | 'storage';

export type WorkerEventType = WorkerEvent['type'];

const RUN_EVENT_TYPES: readonly RunEvent['type'][] = [
  'batch',
  'epoch',
  'stepProfile',
  'done',
  'checkpointSaved',
  'checkpointFailed',
  'stored',
];

const EVENT_TYPES: ReadonlySet<string> = new Set<string>([
  ...Object.values(COMMANDS).flatMap((spec) => [spec.answer, ...spec.progress]),
  ...RUN_EVENT_TYPES,
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
    hasType(value) && isCommandName(value.type) && 'id' in value && typeof value.id === 'number'
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
