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
