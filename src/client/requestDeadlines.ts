// How long the page waits for each request's answer, and what it says when the wait is over. The
// worker may legitimately be slow: on a software adapter one full-AlexNet step takes a minute or more
// (README, Benchmark), and a prediction sent mid-run waits for the step in flight. So the deadlines
// that can overlap a training step are minutes; the ones the worker answers without touching the
// GPU are seconds. A dead worker is not left to its deadlines: the death watch reports it at once.

import type { WorkerCommandType } from '../protocol';

export const REQUEST_DEADLINES_MS: Readonly<Record<WorkerCommandType, number>> = {
  attach: 10_000,
  // Pings are not deadline requests: the heartbeat (heartbeat.ts) times them.
  ping: 10_000,
  // Choosing a backend includes asking the browser for a GPU adapter and device.
  init: 60_000,
  // Reset by every progress event: it fires when a download makes no progress for a minute.
  loadData: 60_000,
  // Answered once the dataset is on the GPU and the model is built, before the first step.
  train: 120_000,
  // Answered between two awaits of the loop, without waiting for the step in flight.
  pause: 30_000,
  resume: 30_000,
  stop: 30_000,
  predict: 120_000,
  classifySamples: 120_000,
  // Storage requests touch IndexedDB, not the GPU, but wait for the step in flight like a prediction.
  listStored: 120_000,
  discardCheckpoint: 120_000,
  renameRun: 120_000,
  deleteRun: 120_000,
  removeDamagedRuns: 120_000,
  setCheckpointMode: 120_000,
  // Reading a full-AlexNet checkpoint back (~560 MB) and uploading it, or reading the weights out.
  resumeCheckpoint: 300_000,
  saveModel: 300_000,
  loadModel: 300_000,
  // Reads every weight back, like saveModel, and writes ~187 MB of blob for alexnet.
  exportOnnx: 300_000,
  // Answered from what the worker keeps on the CPU, but only between two training steps.
  confusionExamples: 120_000,
  firstLayerFilters: 120_000,
  // One image forward and backward: new shapes, so shaders to compile on a first call.
  inspect: 120_000,
};

const WHAT: Readonly<Record<WorkerCommandType, string>> = {
  attach: 'the start-up check',
  ping: 'the heartbeat',
  init: 'the request to pick a backend',
  loadData: 'the dataset download (no progress)',
  train: 'the request to start training',
  pause: 'Pause',
  resume: 'Resume',
  stop: 'Stop',
  predict: 'the prediction',
  classifySamples: 'the request to classify test images',
  listStored: 'the request to list what is stored',
  discardCheckpoint: 'Discard',
  renameRun: 'the rename',
  deleteRun: 'the delete',
  removeDamagedRuns: 'removing the damaged runs',
  setCheckpointMode: 'the change of checkpoint contents',
  resumeCheckpoint: 'the request to resume from the checkpoint',
  saveModel: 'Save model',
  loadModel: 'Load model',
  exportOnnx: 'Export ONNX',
  confusionExamples: 'the request for the images of a confusion-matrix cell',
  firstLayerFilters: 'the request for the conv1 filters',
  inspect: 'the request to look inside the network',
};

const seconds = (ms: number) =>
  ms >= 120_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} s`;

/** The sentence shown when `command`'s deadline passed; `busy` when the worker is known to be alive. */
export function timeoutMessage(command: WorkerCommandType, busy: boolean): string {
  const why = busy
    ? ' It is still running, probably busy with a long training step: try again once it answers.'
    : '';
  return `The training worker did not answer ${WHAT[command]} within ${seconds(REQUEST_DEADLINES_MS[command])}.${why}`;
}
