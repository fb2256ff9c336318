import { describe, expect, it } from 'vitest';
import type { StepProfile } from '../protocol';
import { isStopping, MAX_BATCH_POINTS, trainerReducer } from './trainerReducer';
import { canStartTraining, modelAvailability, trainingEta } from './trainerSelectors';
import { config, loaded, metrics, run, running, view } from './testing/trainerFixtures';

describe('trainerReducer: training', () => {
  it('starts the run the worker reports, with a new model id', () => {
    expect(canStartTraining(view(loaded))).toBe(true);
    expect(canStartTraining(view(loaded, { starting: config }))).toBe(false);
    expect(running.training).toMatchObject({
      status: 'running',
      modelId: 1,
      stepsPerEpoch: 8,
      imagesPerEpoch: 512,
      epochs: [],
      progress: { epoch: 1, imagesDone: 0, imagesTotal: 512 },
    });
    const finished = trainerReducer(running, { type: 'done', reason: 'finished' });
    const again = trainerReducer(finished, {
      type: 'trainStarted',
      id: 30,
      config,
      stepsPerEpoch: 8,
      imagesPerEpoch: 512,
    });
    expect(again.training.modelId).toBe(2);
  });

  it('keeps the previous run when a start request fails, showing why where the worker says', () => {
    const finished = trainerReducer(running, { type: 'done', reason: 'finished' });
    const refused = trainerReducer(
      trainerReducer(finished, { type: 'client/startRequested', resume: false }),
      {
        type: 'client/requestFailed',
        command: 'train',
        scope: 'training',
        message: 'Batch too big.',
      },
    );
    expect(refused.training).toMatchObject({
      status: 'finished',
      modelId: 1,
      error: 'Batch too big.',
    });
    expect(modelAvailability(view(refused))).toMatchObject({ kind: 'trained', modelId: 1 });
    const unread = trainerReducer(finished, {
      type: 'client/requestFailed',
      command: 'resumeCheckpoint',
      scope: 'storage',
      message: 'The checkpoint cannot be read.',
    });
    expect(unread.storage.error).toBe('The checkpoint cannot be read.');
    expect(unread.training.error).toBeNull();
    const late = trainerReducer(loaded, {
      type: 'client/requestFailed',
      command: 'train',
      scope: null,
      message: 'No answer.',
    });
    expect(late.training).toMatchObject({ status: 'idle', error: 'No answer.' });
    // The next Train clears the message.
    const next = trainerReducer(late, { type: 'client/startRequested', resume: false });
    expect(next.training.error).toBeNull();
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

  it('pauses, resumes and stops as the worker answers, Stop waiting for the run to end', () => {
    const paused = trainerReducer(running, { type: 'paused', id: 11 });
    expect(paused.training.status).toBe('paused');
    const resumed = trainerReducer(paused, { type: 'resumed', id: 12 });
    expect(resumed.training.status).toBe('running');
    const stopping = trainerReducer(resumed, { type: 'stopping', id: 13 });
    expect(stopping.training.stopping).toBe(true);
    expect(isStopping(view(stopping))).toBe(true);
    const stopped = trainerReducer(stopping, { type: 'done', reason: 'stopped' });
    expect(stopped.training).toMatchObject({ status: 'stopped', stopping: false });
    expect(canStartTraining(view(stopped))).toBe(true);
    // A late answer does not bring a finished run back.
    expect(trainerReducer(stopped, { type: 'paused', id: 14 })).toBe(stopped);
  });

  it('says so in a notice when Pause, Resume or Stop got no answer', () => {
    const s = trainerReducer(running, {
      type: 'client/requestFailed',
      command: 'pause',
      scope: null,
      message: 'No answer to Pause.',
    });
    expect(s.training.status).toBe('running');
    expect(s.notice).toBe('No answer to Pause.');
  });

  it('finishes a run and reports the model as trained, naming the run', () => {
    expect(modelAvailability(view(loaded))).toEqual({ kind: 'none' });
    const withEpoch = trainerReducer(running, { type: 'epoch', metrics: metrics(1) });
    expect(modelAvailability(view(withEpoch))).toEqual({
      kind: 'training',
      epochsDone: 1,
      modelId: 1,
    });
    const done = trainerReducer(withEpoch, { type: 'done', reason: 'finished' });
    expect(done.training.status).toBe('finished');
    expect(modelAvailability(view(done))).toEqual({ kind: 'trained', epochsDone: 1, modelId: 1 });
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
    expect(modelAvailability(view(failed))).toEqual({ kind: 'none' });
    expect(canStartTraining(view(failed))).toBe(true);

    const finished = trainerReducer(withEpoch, { type: 'done', reason: 'finished' });
    expect(modelAvailability(view(finished, { starting: config }))).toEqual({ kind: 'none' });
  });
});

describe('trainerReducer: step profile', () => {
  it('keeps the latest sampled step profile, and forgets it with the worker it came from', () => {
    const profile: StepProfile = {
      runStep: 1,
      batch: 16,
      model: 'alexnet-mini',
      wallMs: 30,
      plainStepMs: null,
      timestamps: false,
      rounded100us: false,
      gpuMs: null,
      phases: null,
      layers: [],
      top: [],
      kernels: 100,
      memory: { bytesInUse: 1, peakBytes: 2, gpuBytesAllocated: null },
      every: 10,
    };
    const profiled = trainerReducer(running, { type: 'stepProfile', profile });
    expect(profiled.stepProfile).toBe(profile);
    expect(profiled.training).toBe(running.training);
    expect(trainerReducer(profiled, { type: 'client/started' }).stepProfile).toBeNull();
  });
});
