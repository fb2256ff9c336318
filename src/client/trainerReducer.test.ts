import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASSES } from '../protocol';
import type { BackendInfo, EpochMetrics, TrainConfig } from '../protocol';
import { initialTrainerState, MAX_BATCH_POINTS, trainerReducer } from './trainerReducer';
import type { TrainerAction, TrainerState } from './trainerReducer';
import { canStartTraining, modelAvailability, trainingEta } from './trainerSelectors';

const backend: BackendInfo = {
  name: 'webgpu',
  fallbackReasons: [],
  isSoftware: true,
  kernels: { mode: 'own', own: [] },
};
const config: TrainConfig = {
  model: 'alexnet-mini',
  epochs: 2,
  batchSize: 64,
  learningRate: 0.001,
  trainImages: 512,
  testImages: 256,
  seed: 1,
  augment: false,
};

function metrics(epoch: number): EpochMetrics {
  return {
    epoch,
    trainLoss: 1 / epoch,
    trainAccuracy: 0.5,
    testLoss: 1,
    testAccuracy: 0.6,
    trainSeconds: 10,
    evalSeconds: 1,
    imagesPerSec: 51.2,
  };
}

const run = (actions: TrainerAction[], from: TrainerState = initialTrainerState) =>
  actions.reduce(trainerReducer, from);

const loaded = run([
  { type: 'ready', id: 2, backend },
  { type: 'client/loadDataRequested', id: 3 },
  {
    type: 'dataset',
    id: 3,
    summary: {
      trainCount: 60000,
      testCount: 10000,
      classNames: FASHION_MNIST_CLASSES,
      totalBytes: 1000,
    },
  },
  { type: 'dataProgress', id: 3, loadedBytes: 400, totalBytes: 1000 },
  { type: 'dataLoaded', id: 3, trainCount: 60000, testCount: 10000 },
]);

const running = run(
  [
    { type: 'client/trainRequested', id: 7, config },
    { type: 'trainStarted', id: 7, config, stepsPerEpoch: 8, imagesPerEpoch: 512 },
  ],
  loaded,
);

describe('trainerReducer: backend and data', () => {
  it('records the backend on ready', () => {
    const s = run([{ type: 'ready', id: 1, backend }]);
    expect(s.worker).toEqual({ status: 'ready', backend, error: null, silent: null });
  });

  it('tracks the dataset from summary through progress to loaded', () => {
    const s = run([
      { type: 'client/loadDataRequested', id: 4 },
      {
        type: 'dataset',
        id: 4,
        summary: { trainCount: 60000, testCount: 10000, classNames: [], totalBytes: 1000 },
      },
      { type: 'dataProgress', id: 4, loadedBytes: 250, totalBytes: 1000 },
    ]);
    expect(s.data.status).toBe('loading');
    expect(s.data.summary?.trainCount).toBe(60000);
    expect(s.data.loadedBytes / s.data.totalBytes).toBe(0.25);
    expect(loaded.data.status).toBe('loaded');
    expect(loaded.data.loaded).toEqual({ trainCount: 60000, testCount: 10000 });
    expect(loaded.data.loadedBytes).toBe(1000);
  });

  it('ignores the answers to a load it no longer waits for', () => {
    const s = run([
      { type: 'client/loadDataRequested', id: 4 },
      { type: 'client/loadDataRequested', id: 5 },
      { type: 'error', id: 4, scope: 'data', fatal: false, message: 'Replaced.' },
      { type: 'dataLoaded', id: 4, trainCount: 1, testCount: 1 },
    ]);
    expect(s.data).toMatchObject({ status: 'loading', error: null, loaded: null, requestId: 5 });
  });

  it('keeps a data error non-fatal, forgets the manifest counts, and clears it on retry', () => {
    const loading = run([
      { type: 'client/loadDataRequested', id: 4 },
      {
        type: 'dataset',
        id: 4,
        summary: { trainCount: 99, testCount: 9, classNames: [], totalBytes: 1000 },
      },
    ]);
    const failed = trainerReducer(loading, {
      type: 'error',
      id: 4,
      scope: 'data',
      fatal: false,
      message: 'Shard 3 failed its checksum.',
    });
    // The manifest's counts may be what was wrong: they are not shown as facts any more.
    expect(failed.data).toMatchObject({
      status: 'error',
      error: 'Shard 3 failed its checksum.',
      summary: null,
    });
    expect(failed.worker.status).toBe('starting');
    const retried = trainerReducer(failed, { type: 'client/loadDataRequested', id: 6 });
    expect(retried.data).toMatchObject({ status: 'loading', error: null, loadedBytes: 0 });
  });

  it('fails the download when it makes no progress before its deadline', () => {
    const s = run([
      { type: 'client/loadDataRequested', id: 4 },
      {
        type: 'client/requestTimedOut',
        id: 4,
        command: 'loadData',
        message: 'No progress for 60 s.',
      },
    ]);
    expect(s.data).toMatchObject({ status: 'error', error: 'No progress for 60 s.' });
  });

  it('marks the worker failed on a backend error, or when it never picks a backend', () => {
    const s = trainerReducer(initialTrainerState, {
      type: 'error',
      scope: 'backend',
      fatal: false,
      message: 'No backend could be initialised.',
    });
    expect(s.worker).toMatchObject({ status: 'failed', error: 'No backend could be initialised.' });
    const timedOut = trainerReducer(initialTrainerState, {
      type: 'client/requestTimedOut',
      id: 2,
      command: 'init',
      message: 'No backend within 60 s.',
    });
    expect(timedOut.worker).toMatchObject({ status: 'failed', error: 'No backend within 60 s.' });
  });
});

describe('trainerReducer: training', () => {
  it('waits for the worker to answer a train request, changing nothing before it does', () => {
    expect(canStartTraining(loaded)).toBe(true);
    const asked = trainerReducer(loaded, { type: 'client/trainRequested', id: 7, config });
    expect(asked.training).toMatchObject({ status: 'idle', pendingStart: { id: 7, config } });
    expect(canStartTraining(asked)).toBe(false);
    expect(running.training).toMatchObject({
      status: 'running',
      pendingStart: null,
      runId: 7,
      stepsPerEpoch: 8,
      imagesPerEpoch: 512,
      epochs: [],
      progress: { epoch: 1, imagesDone: 0, imagesTotal: 512 },
    });
  });

  it('ignores a second Train while a run is active or one is being asked for', () => {
    expect(trainerReducer(running, { type: 'client/trainRequested', id: 8, config })).toBe(running);
    const asked = trainerReducer(loaded, { type: 'client/trainRequested', id: 7, config });
    expect(trainerReducer(asked, { type: 'client/trainRequested', id: 8, config })).toBe(asked);
  });

  it('keeps the previous run when the worker refuses the request, showing why', () => {
    const finished = trainerReducer(running, { type: 'done', reason: 'finished' });
    const s = run(
      [
        { type: 'client/trainRequested', id: 9, config },
        { type: 'error', id: 9, scope: 'training', fatal: false, message: 'Batch too big.' },
      ],
      finished,
    );
    expect(s.training).toMatchObject({
      status: 'finished',
      pendingStart: null,
      runId: 7,
      error: 'Batch too big.',
    });
    expect(modelAvailability(s)).toMatchObject({ kind: 'trained', runId: 7 });
  });

  it('gives up on a train request whose deadline passed', () => {
    const s = run(
      [
        { type: 'client/trainRequested', id: 9, config },
        { type: 'client/requestTimedOut', id: 9, command: 'train', message: 'No answer.' },
      ],
      loaded,
    );
    expect(s.training).toMatchObject({ status: 'idle', pendingStart: null, error: 'No answer.' });
    expect(canStartTraining(s)).toBe(true);
  });

  it('keeps running after a non-fatal training error during a run', () => {
    const s = trainerReducer(running, {
      type: 'error',
      scope: 'training',
      fatal: false,
      message: 'Already training.',
    });
    expect(s.training).toMatchObject({ status: 'running', error: 'Already training.' });
  });

  it('records batch progress, running loss on the epoch axis, and skips reports without loss', () => {
    const s = run(
      [
        { type: 'batch', epoch: 1, imagesDone: 128, imagesTotal: 512, loss: 2.2, imagesPerSec: 64 },
        { type: 'batch', epoch: 1, imagesDone: 256, imagesTotal: 512, imagesPerSec: 64 },
        { type: 'batch', epoch: 2, imagesDone: 256, imagesTotal: 512, loss: 1.5, imagesPerSec: 32 },
      ],
      running,
    );
    expect(s.training.batchLosses).toEqual([
      { x: 0.25, loss: 2.2 },
      { x: 1.5, loss: 1.5 },
    ]);
    expect(s.training.progress).toEqual({
      epoch: 2,
      imagesDone: 256,
      imagesTotal: 512,
      imagesPerSec: 32,
    });
    // 256 images left in epoch 2 of 2, at 32 images/s.
    expect(trainingEta(s)).toEqual({ epochSeconds: 8, runSeconds: 8 });
  });

  it('estimates the rest of the run from the current speed', () => {
    const s = trainerReducer(running, {
      type: 'batch',
      epoch: 1,
      imagesDone: 128,
      imagesTotal: 512,
      imagesPerSec: 64,
    });
    expect(trainingEta(s)).toEqual({ epochSeconds: 6, runSeconds: 14 });
    expect(trainingEta(loaded)).toEqual({ epochSeconds: null, runSeconds: null });
  });

  it('thins old running-loss points instead of growing without bound', () => {
    let s = running;
    for (let i = 0; i < MAX_BATCH_POINTS + 10; i++) {
      s = trainerReducer(s, {
        type: 'batch',
        epoch: 1,
        imagesDone: i,
        imagesTotal: 1e6,
        loss: i,
        imagesPerSec: 1,
      });
    }
    const points = s.training.batchLosses;
    expect(points.length).toBeLessThanOrEqual(MAX_BATCH_POINTS);
    expect(points.at(-1)?.loss).toBe(MAX_BATCH_POINTS + 9);
    expect(points.every((p, i) => i === 0 || p.x > (points[i - 1]?.x ?? -1))).toBe(true);
  });

  it('appends epoch metrics in order and replaces a repeated epoch', () => {
    const s = run(
      [
        { type: 'epoch', metrics: metrics(2) },
        { type: 'epoch', metrics: metrics(1) },
        { type: 'epoch', metrics: { ...metrics(2), testAccuracy: 0.7 } },
      ],
      running,
    );
    expect(s.training.epochs.map((e) => [e.epoch, e.testAccuracy])).toEqual([
      [1, 0.6],
      [2, 0.7],
    ]);
  });

  it('pauses, resumes and stops, each button waiting for the answer to its own request', () => {
    const pausing = trainerReducer(running, {
      type: 'client/controlRequested',
      id: 11,
      command: 'pause',
    });
    expect(pausing.training.awaiting).toEqual({ command: 'pause', id: 11 });
    const paused = trainerReducer(pausing, { type: 'paused', id: 11 });
    expect(paused.training).toMatchObject({ status: 'paused', awaiting: null });
    const resumed = run(
      [
        { type: 'client/controlRequested', id: 12, command: 'resume' },
        { type: 'resumed', id: 12 },
      ],
      paused,
    );
    expect(resumed.training).toMatchObject({ status: 'running', awaiting: null });
    const stopping = run(
      [
        { type: 'client/controlRequested', id: 13, command: 'stop' },
        { type: 'stopping', id: 13 },
      ],
      resumed,
    );
    expect(stopping.training.awaiting).toEqual({ command: 'stop', id: 13 });
    const stopped = trainerReducer(stopping, { type: 'done', reason: 'stopped' });
    expect(stopped.training).toMatchObject({ status: 'stopped', awaiting: null });
    expect(canStartTraining(stopped)).toBe(true);
  });

  it('releases a control button whose request timed out, with a notice', () => {
    const s = run(
      [
        { type: 'client/controlRequested', id: 11, command: 'pause' },
        {
          type: 'client/requestTimedOut',
          id: 11,
          command: 'pause',
          message: 'No answer to Pause.',
        },
      ],
      running,
    );
    expect(s.training).toMatchObject({ status: 'running', awaiting: null });
    expect(s.notice).toBe('No answer to Pause.');
  });

  it('finishes a run and reports the model as trained, naming the run', () => {
    expect(modelAvailability(loaded)).toEqual({ kind: 'none' });
    const withEpoch = trainerReducer(running, { type: 'epoch', metrics: metrics(1) });
    expect(modelAvailability(withEpoch)).toEqual({ kind: 'training', epochsDone: 1, runId: 7 });
    const done = trainerReducer(withEpoch, { type: 'done', reason: 'finished' });
    expect(done.training.status).toBe('finished');
    expect(modelAvailability(done)).toEqual({ kind: 'trained', epochsDone: 1, runId: 7 });
  });

  it('reports no model after a failed run (the worker discarded it) or while a new one is asked for', () => {
    const withEpoch = trainerReducer(running, { type: 'epoch', metrics: metrics(1) });
    const failed = run(
      [
        { type: 'error', scope: 'training', fatal: false, message: 'The GPU ran out of memory.' },
        { type: 'done', reason: 'failed' },
      ],
      withEpoch,
    );
    expect(failed.training).toMatchObject({
      status: 'failed',
      error: 'The GPU ran out of memory.',
    });
    expect(modelAvailability(failed)).toEqual({ kind: 'none' });
    expect(canStartTraining(failed)).toBe(true);

    const finished = trainerReducer(withEpoch, { type: 'done', reason: 'finished' });
    const asking = trainerReducer(finished, { type: 'client/trainRequested', id: 20, config });
    expect(modelAvailability(asking)).toEqual({ kind: 'none' });
  });
});

describe('trainerReducer: answers, errors and restart', () => {
  it('leaves state alone for prediction and samples answers', () => {
    expect(
      trainerReducer(running, { type: 'prediction', id: 1, probabilities: new Float32Array(10) }),
    ).toBe(running);
    expect(trainerReducer(running, { type: 'samples', id: 2, samples: [] })).toBe(running);
  });

  it('leaves request errors to the caller but shows unsolicited ones as a notice', () => {
    const answered = trainerReducer(running, {
      type: 'error',
      id: 3,
      scope: 'predict',
      fatal: false,
      message: 'No model.',
    });
    expect(answered).toBe(running);
    const unsolicited = trainerReducer(running, {
      type: 'error',
      scope: 'protocol',
      fatal: false,
      message: 'Odd message.',
    });
    expect(unsolicited.notice).toBe('Odd message.');
    expect(trainerReducer(unsolicited, { type: 'client/noticeDismissed' }).notice).toBeNull();
  });

  it('on a fatal error, fails the worker, says the run failed, and shows one message', () => {
    const withRawError = trainerReducer(running, {
      type: 'error',
      scope: 'training',
      fatal: false,
      message: "Failed to execute 'mapAsync' on 'GPUBuffer'",
    });
    const s = trainerReducer(withRawError, {
      type: 'error',
      scope: 'backend',
      fatal: true,
      message: 'The GPU device was lost.',
    });
    expect(s.worker).toMatchObject({ status: 'failed', error: 'The GPU device was lost.' });
    expect(s.training).toMatchObject({ status: 'failed', error: null });
    expect(canStartTraining(s)).toBe(false);
    expect(modelAvailability(s)).toEqual({ kind: 'none' });
    // Knock-on complaints after it add nothing.
    const later = trainerReducer(s, {
      type: 'error',
      scope: 'training',
      fatal: false,
      message: "Failed to execute 'mapAsync' on 'GPUBuffer'",
    });
    expect(later).toBe(s);
  });

  it('marks an interrupted download as failed when the worker dies mid-load', () => {
    const loading = run([
      { type: 'ready', id: 1, backend },
      { type: 'client/loadDataRequested', id: 2 },
    ]);
    const s = trainerReducer(loading, {
      type: 'error',
      scope: 'protocol',
      fatal: true,
      message: 'The training worker stopped without a word.',
    });
    expect(s.data).toMatchObject({ status: 'error', summary: null });
  });

  it('shows a silent worker until it answers, and forgets it once the worker has failed', () => {
    const silent = trainerReducer(running, { type: 'client/silent', stillRunning: true });
    expect(silent.worker.silent).toEqual({ stillRunning: true });
    expect(silent.training.status).toBe('running');
    expect(trainerReducer(silent, { type: 'client/answering' }).worker.silent).toBeNull();
    const dead = trainerReducer(silent, {
      type: 'error',
      scope: 'protocol',
      fatal: true,
      message: 'Gone.',
    });
    expect(dead.worker.silent).toBeNull();
  });

  it('starts from scratch when the worker is restarted, keeping what could be resumed', () => {
    const crashed = trainerReducer(running, {
      type: 'error',
      scope: 'protocol',
      fatal: true,
      message: 'x',
    });
    expect(trainerReducer(crashed, { type: 'client/started' })).toEqual(initialTrainerState);
    const checkpoint = { epoch: 3, config };
    const withCheckpoint = { ...crashed, resumable: checkpoint };
    expect(trainerReducer(withCheckpoint, { type: 'client/started' }).resumable).toBe(checkpoint);
  });
});
