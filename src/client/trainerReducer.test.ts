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
  { type: 'ready', backend },
  {
    type: 'dataset',
    summary: {
      trainCount: 60000,
      testCount: 10000,
      classNames: FASHION_MNIST_CLASSES,
      totalBytes: 1000,
    },
  },
  { type: 'dataProgress', loadedBytes: 400, totalBytes: 1000 },
  { type: 'dataLoaded', trainCount: 60000, testCount: 10000 },
]);

const running = run(
  [
    { type: 'client/trainRequested', config },
    { type: 'trainStarted', config, stepsPerEpoch: 8, imagesPerEpoch: 512 },
  ],
  loaded,
);

describe('trainerReducer: backend and data', () => {
  it('records the backend on ready', () => {
    const s = run([{ type: 'ready', backend }]);
    expect(s.worker).toEqual({ status: 'ready', backend, error: null });
  });

  it('tracks the dataset from summary through progress to loaded', () => {
    const s = run([
      { type: 'client/loadDataRequested' },
      {
        type: 'dataset',
        summary: { trainCount: 60000, testCount: 10000, classNames: [], totalBytes: 1000 },
      },
      { type: 'dataProgress', loadedBytes: 250, totalBytes: 1000 },
    ]);
    expect(s.data.status).toBe('loading');
    expect(s.data.summary?.trainCount).toBe(60000);
    expect(s.data.loadedBytes / s.data.totalBytes).toBe(0.25);
    expect(loaded.data.status).toBe('loaded');
    expect(loaded.data.loaded).toEqual({ trainCount: 60000, testCount: 10000 });
    expect(loaded.data.loadedBytes).toBe(1000);
  });

  it('keeps a data error non-fatal and clears it on retry', () => {
    const failed = trainerReducer(loaded, {
      type: 'error',
      scope: 'data',
      fatal: false,
      message: 'Shard 3 failed its checksum.',
    });
    expect(failed.data).toMatchObject({ status: 'error', error: 'Shard 3 failed its checksum.' });
    expect(failed.worker.status).toBe('ready');
    const retried = trainerReducer(failed, { type: 'client/loadDataRequested' });
    expect(retried.data).toMatchObject({ status: 'loading', error: null, loadedBytes: 0 });
  });

  it('marks the worker failed on a backend error', () => {
    const s = trainerReducer(initialTrainerState, {
      type: 'error',
      scope: 'backend',
      fatal: false,
      message: 'No backend could be initialised.',
    });
    expect(s.worker).toMatchObject({ status: 'failed', error: 'No backend could be initialised.' });
  });
});

describe('trainerReducer: training', () => {
  it('goes from idle through starting to running, resetting the previous run', () => {
    expect(canStartTraining(loaded)).toBe(true);
    const starting = trainerReducer(loaded, { type: 'client/trainRequested', config });
    expect(starting.training.status).toBe('starting');
    expect(canStartTraining(starting)).toBe(false);
    expect(running.training).toMatchObject({
      status: 'running',
      stepsPerEpoch: 8,
      imagesPerEpoch: 512,
      epochs: [],
      progress: { epoch: 1, imagesDone: 0, imagesTotal: 512 },
    });
  });

  it('ignores a second Train while a run is active', () => {
    expect(trainerReducer(running, { type: 'client/trainRequested', config })).toBe(running);
  });

  it('returns to the previous status when the worker refuses to train', () => {
    const s = run(
      [
        { type: 'client/trainRequested', config },
        { type: 'error', scope: 'training', fatal: false, message: 'A run is already going.' },
      ],
      loaded,
    );
    expect(s.training).toMatchObject({ status: 'idle', error: 'A run is already going.' });
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

  it('pauses, resumes and stops, clearing the awaited command each time', () => {
    const pausing = trainerReducer(running, { type: 'client/controlRequested', command: 'pause' });
    expect(pausing.training.awaiting).toBe('pause');
    const paused = trainerReducer(pausing, { type: 'paused' });
    expect(paused.training).toMatchObject({ status: 'paused', awaiting: null });
    const resumed = run(
      [{ type: 'client/controlRequested', command: 'resume' }, { type: 'resumed' }],
      paused,
    );
    expect(resumed.training).toMatchObject({ status: 'running', awaiting: null });
    const stopped = run(
      [
        { type: 'client/controlRequested', command: 'stop' },
        { type: 'done', reason: 'stopped' },
      ],
      resumed,
    );
    expect(stopped.training).toMatchObject({ status: 'stopped', awaiting: null });
    expect(canStartTraining(stopped)).toBe(true);
  });

  it('finishes a run and reports the model as trained', () => {
    expect(modelAvailability(loaded)).toEqual({ kind: 'none' });
    const withEpoch = trainerReducer(running, { type: 'epoch', metrics: metrics(1) });
    expect(modelAvailability(withEpoch)).toEqual({ kind: 'training', epochsDone: 1 });
    const done = trainerReducer(withEpoch, { type: 'done', reason: 'finished' });
    expect(done.training.status).toBe('finished');
    expect(modelAvailability(done)).toEqual({ kind: 'trained', epochsDone: 1 });
  });

  it('reports no model after a failed run (the worker discarded it) or while a new one is built', () => {
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
    const restarting = trainerReducer(finished, { type: 'client/trainRequested', config });
    expect(modelAvailability(restarting)).toEqual({ kind: 'none' });
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

  it('on a fatal error or crash, fails the worker and ends an active run', () => {
    const s = trainerReducer(running, {
      type: 'error',
      scope: 'protocol',
      fatal: true,
      message: 'The training worker crashed.',
    });
    expect(s.worker).toMatchObject({ status: 'failed', error: 'The training worker crashed.' });
    expect(s.training.status).toBe('stopped');
    expect(canStartTraining(s)).toBe(false);
    expect(modelAvailability(s)).toEqual({ kind: 'none' });
  });

  it('marks an interrupted download as failed when the worker dies mid-load', () => {
    const loading = run([{ type: 'ready', backend }, { type: 'client/loadDataRequested' }]);
    const s = trainerReducer(loading, {
      type: 'error',
      scope: 'training',
      fatal: true,
      message: 'Device lost.',
    });
    expect(s.data.status).toBe('error');
  });

  it('starts from scratch when the worker is restarted', () => {
    const crashed = trainerReducer(running, {
      type: 'error',
      scope: 'protocol',
      fatal: true,
      message: 'x',
    });
    expect(trainerReducer(crashed, { type: 'client/started' })).toEqual(initialTrainerState);
  });
});
