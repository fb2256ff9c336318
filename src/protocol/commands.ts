// Every command the page may send the training worker, declared once: what it carries, the event
// that answers it, the events that show it is under way, how long the page waits, and what the
// page calls it when the wait is over. The worker's dispatcher (src/worker/dispatchCommand.ts), the
// page's `call` (src/client/TrainerClient.ts) and their types all come from this table.
//
// The worker may be slow for good reasons: on a software adapter one full-AlexNet step takes a
// minute or more (README, Benchmark), and a request sent mid-run waits for the step in flight. So
// the deadlines that can overlap a training step are minutes; the ones answered without touching
// the GPU are seconds. A dead worker is not left to its deadlines: the death watch reports it.

import type * as A from './answers';
import type { BackendName, KernelMode } from './backend';
import type { CheckpointMode } from './storage';
import type { TrainConfig } from './training';

/** One command's entry. `Args` and `Answer` exist only as types; the rest is read at run time. */
export interface CommandSpec<
  Args,
  Answer extends { type: string },
  Progress extends { type: string },
> {
  /** The event that completes the request (an `error` with its id fails it). */
  readonly answer: Answer['type'];
  /** Events that show it is still under way: each restarts its deadline. */
  readonly progress: readonly Progress['type'][];
  readonly deadlineMs: number;
  /** How the page names the request when it fails: "did not answer <what> within …". */
  readonly what: string;
  /** Never set: carries the types. */
  readonly types?: { args: Args; answer: Answer; progress: Progress };
}

type NoArgs = Record<never, never>;

function command<
  Args extends object,
  Answer extends { type: string },
  Progress extends { type: string } = never,
>(spec: {
  answer: Answer['type'];
  progress?: readonly Progress['type'][];
  deadlineMs: number;
  what: string;
}): CommandSpec<Args, Answer, Progress> {
  return { progress: [], ...spec };
}

const MINUTE = 60_000;

export const COMMANDS = {
  /** First message: take the Web Lock named `lifeLock` and hold it for the worker's whole life, so
   * the page learns of the worker's death, quiet or not, the moment the lock is released. Null
   * where the page has no Web Locks. */
  attach: command<{ lifeLock: string | null }, A.Attached>({
    answer: 'attached',
    deadlineMs: 10_000,
    what: 'the start-up check',
  }),
  /** Heartbeat, answered as soon as the worker's event loop gets to it. The page's heartbeat
   * (src/client/heartbeat.ts) posts it itself, not through `call`, one at a time: a pong missing
   * for its `silentAfterMs` (6 s) marks the worker silent until it comes. So `deadlineMs` is not
   * the heartbeat's: it bounds only a `call('ping')`, which the page does not make. */
  ping: command<NoArgs, { type: 'pong' }>({
    answer: 'pong',
    deadlineMs: 10_000,
    what: 'the heartbeat',
  }),
  /** Pick a backend (WebGPU first unless `backend` forces one); `kernels` defaults to 'own'. Asks
   * the browser for a GPU adapter and device. */
  init: command<{ backend?: BackendName; kernels?: KernelMode }, A.Ready>({
    answer: 'ready',
    deadlineMs: MINUTE,
    what: 'the request to pick a backend',
  }),
  /** Fetch the manifest and stream both splits. A new `loadData` cancels one still loading. The
   * deadline is restarted by every progress event: it fires when a download stalls for a minute. */
  loadData: command<{ baseUrl: string }, A.DataLoaded, A.DataProgressEvent>({
    answer: 'dataLoaded',
    progress: ['dataset', 'dataProgress'],
    deadlineMs: MINUTE,
    what: 'the dataset download (no progress)',
  }),
  /** Build a fresh model and train it; answered once the dataset is on the GPU and the model is
   * built, before the first step. The run then reports `batch`, `epoch` and `done`. */
  train: command<
    {
      config: TrainConfig;
      /** Start from the current model's weights (a loaded model file) with a fresh Adam, instead
       * of seeded new ones. Refused when there is no model of `config.model`. */
      fromCurrentWeights?: boolean;
    },
    A.TrainStarted
  >({ answer: 'trainStarted', deadlineMs: 2 * MINUTE, what: 'the request to start training' }),
  /** Restore the stored checkpoint (~560 MB for full AlexNet) and train on from the epoch after
   * it; the run then reports as `train`'s does. */
  resumeCheckpoint: command<NoArgs, A.TrainStarted>({
    answer: 'trainStarted',
    deadlineMs: 5 * MINUTE,
    what: 'the request to resume from the checkpoint',
  }),
  // Pause, resume and stop are answered between two awaits of the loop, not after the step.
  pause: command<NoArgs, { type: 'paused' }>({
    answer: 'paused',
    deadlineMs: 30_000,
    what: 'Pause',
  }),
  resume: command<NoArgs, { type: 'resumed' }>({
    answer: 'resumed',
    deadlineMs: 30_000,
    what: 'Resume',
  }),
  /** End training after the current step: answered when the stop is seen, then `done` follows
   * when the run has ended; the weights stay usable for `predict`. */
  stop: command<NoArgs, { type: 'stopping' }>({
    answer: 'stopping',
    deadlineMs: 30_000,
    what: 'Stop',
  }),
  /** Classify one 28x28 grayscale image: 784 values in [0, 1], light garment on black. */
  predict: command<{ pixels: Float32Array }, A.Prediction>({
    answer: 'prediction',
    deadlineMs: 2 * MINUTE,
    what: 'the prediction',
  }),
  /** Classify `count` random test-set images with the current weights. */
  classifySamples: command<{ count: number }, A.Samples>({
    answer: 'samples',
    deadlineMs: 2 * MINUTE,
    what: 'the request to classify test images',
  }),
  // Storage requests touch IndexedDB, not the GPU, but wait for the step in flight like a
  // prediction. Each answers with what is stored now.
  listStored: command<NoArgs, A.Stored>({
    answer: 'stored',
    deadlineMs: 2 * MINUTE,
    what: 'the request to list what is stored',
  }),
  discardCheckpoint: command<NoArgs, A.Stored>({
    answer: 'stored',
    deadlineMs: 2 * MINUTE,
    what: 'Discard',
  }),
  renameRun: command<{ runId: string; name: string }, A.Stored>({
    answer: 'stored',
    deadlineMs: 2 * MINUTE,
    what: 'the rename',
  }),
  deleteRun: command<{ runId: string }, A.Stored>({
    answer: 'stored',
    deadlineMs: 2 * MINUTE,
    what: 'the delete',
  }),
  /** Delete the run-history records listed as damaged (StorageReport.damagedRuns). */
  removeDamagedRuns: command<NoArgs, A.Stored>({
    answer: 'stored',
    deadlineMs: 2 * MINUTE,
    what: 'removing the damaged runs',
  }),
  /** What the next end-of-epoch checkpoints hold (the page offers weights-only or none when
   * storage is short). */
  setCheckpointMode: command<{ mode: CheckpointMode }, A.Stored>({
    answer: 'stored',
    deadlineMs: 2 * MINUTE,
    what: 'the change of checkpoint contents',
  }),
  /** The current model in the tfjs layers format, for the page to download: every weight read out. */
  saveModel: command<NoArgs, A.ModelFiles>({
    answer: 'modelFiles',
    deadlineMs: 5 * MINUTE,
    what: 'Save model',
  }),
  /** Files the user picked or dropped (a model.json and its weights); they become the current
   * model if they are one of this app's networks. */
  loadModel: command<{ files: A.ModelFile[] }, A.ModelLoaded>({
    answer: 'modelLoaded',
    deadlineMs: 5 * MINUTE,
    what: 'Load model',
  }),
  /** The current model as an ONNX file (src/export/onnx): reads every weight back and writes
   * ~187 MB of blob for alexnet. Mid-run it holds the weights after the last finished step. */
  exportOnnx: command<NoArgs, A.OnnxFile>({
    answer: 'onnxFile',
    deadlineMs: 5 * MINUTE,
    what: 'Export ONNX',
  }),
  /** The test images of one cell of an epoch's confusion matrix (true `trueClass`, predicted
   * `predictedClass`), as that epoch's evaluation classified them: answered from what the worker
   * keeps on the CPU, but only between two training steps. */
  confusionExamples: command<
    { epoch: number; trueClass: number; predictedClass: number },
    A.CellExamplesAnswer
  >({
    answer: 'cellExamples',
    deadlineMs: 2 * MINUTE,
    what: 'the request for the images of a confusion-matrix cell',
  }),
  /** The first conv layer's kernels with the current weights. */
  firstLayerFilters: command<NoArgs, A.FiltersAnswer>({
    answer: 'filters',
    deadlineMs: 2 * MINUTE,
    what: 'the request for the conv1 filters',
  }),
  /** Feature maps and saliency of one 28x28 picture (784 values in [0, 1]) with the current
   * weights: one forward and backward with new shapes, so shaders to compile on a first call. */
  inspect: command<{ pixels: Float32Array }, A.InspectionAnswer>({
    answer: 'inspection',
    deadlineMs: 2 * MINUTE,
    what: 'the request to look inside the network',
  }),
};

export type CommandName = keyof typeof COMMANDS;

type Types<K extends CommandName> = NonNullable<(typeof COMMANDS)[K]['types']>;
/** Spells an intersection out as one object type, for readable errors and hovers. */
type Flat<T> = { [P in keyof T]: T[P] } & {};

/** What the caller writes for command `K` (the client adds `type` and `id`). */
export type CommandArgs<K extends CommandName> = Types<K>['args'];
/** The event that answers command `K`, as it arrives. */
export type CommandAnswer<K extends CommandName> = {
  [P in K]: Flat<Types<P>['answer'] & { id: number }>;
}[K];
/** The progress events command `K` may send before its answer. */
export type CommandProgress<K extends CommandName> = {
  [P in K]: Flat<Types<P>['progress'] & { id: number }>;
}[K];
/** Command `K` as it is posted. */
export type CommandMessage<K extends CommandName> = {
  [P in K]: Flat<{ type: P; id: number } & CommandArgs<P>>;
}[K];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}
