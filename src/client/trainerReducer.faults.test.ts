import { describe, expect, it } from 'vitest';
import { initialTrainerState, trainerReducer } from './trainerReducer';
import { canStartTraining, modelAvailability } from './trainerSelectors';
import { backend, config, run, running, view } from './testing/trainerFixtures';

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
    expect(canStartTraining(view(s))).toBe(false);
    expect(modelAvailability(view(s))).toEqual({ kind: 'none' });
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
    const loading = run([{ type: 'ready', id: 1, backend }, { type: 'client/loadDataRequested' }]);
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
    // The count of models survives, so the next one's id is new.
    expect(trainerReducer(crashed, { type: 'client/started' })).toEqual({
      ...initialTrainerState,
      modelCount: 1,
    });
    const checkpoint = {
      epoch: 3,
      config,
      runName: 'a run',
      savedAt: 1,
      contents: 'full' as const,
    };
    const withCheckpoint = { ...crashed, resumable: checkpoint };
    expect(trainerReducer(withCheckpoint, { type: 'client/started' }).resumable).toBe(checkpoint);
  });
});
