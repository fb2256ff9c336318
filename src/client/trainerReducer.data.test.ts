import { describe, expect, it } from 'vitest';
import { initialTrainerState, trainerReducer } from './trainerReducer';
import { backend, loaded, run } from './testing/trainerFixtures';

describe('trainerReducer: backend and data', () => {
  it('records the backend on ready', () => {
    const s = run([{ type: 'ready', id: 1, backend }]);
    expect(s.worker).toEqual({ status: 'ready', backend, error: null, silent: null });
  });

  it('tracks the dataset from summary through progress to loaded', () => {
    const s = run([
      { type: 'client/loadDataRequested' },
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

  it('keeps a data error non-fatal, forgets the manifest counts, and clears it on retry', () => {
    const loading = run([
      { type: 'client/loadDataRequested' },
      {
        type: 'dataset',
        id: 4,
        summary: { trainCount: 99, testCount: 9, classNames: [], totalBytes: 1000 },
      },
    ]);
    const failed = trainerReducer(loading, {
      type: 'client/requestFailed',
      command: 'loadData',
      scope: 'data',
      message: 'Shard 3 failed its checksum.',
    });
    // The manifest's counts may be what was wrong: they are not shown as facts any more.
    expect(failed.data).toMatchObject({
      status: 'error',
      error: 'Shard 3 failed its checksum.',
      summary: null,
    });
    expect(failed.worker.status).toBe('starting');
    const retried = trainerReducer(failed, { type: 'client/loadDataRequested' });
    expect(retried.data).toMatchObject({ status: 'loading', error: null, loadedBytes: 0 });
  });

  it('fails the download when it makes no progress before its deadline', () => {
    const s = run([
      { type: 'client/loadDataRequested' },
      {
        type: 'client/requestFailed',
        command: 'loadData',
        scope: null,
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
      type: 'client/requestFailed',
      command: 'init',
      scope: null,
      message: 'No backend within 60 s.',
    });
    expect(timedOut.worker).toMatchObject({ status: 'failed', error: 'No backend within 60 s.' });
  });
});
