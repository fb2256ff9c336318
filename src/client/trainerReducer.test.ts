import { describe, expect, it } from 'vitest';
import { MAX_BATCH_POINTS, trainerReducer } from './trainerReducer';
import { canStartTraining, modelAvailability, trainingEta } from './trainerSelectors';
import { config, loaded, metrics, run, running } from './testing/trainerFixtures';

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
