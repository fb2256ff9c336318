import { describe, expect, it } from 'vitest';
import type { StorageReport } from '../protocol';
import { config, loaded, metrics, run, running } from './testing/trainerFixtures';
import {
  canResume,
  canStartTraining,
  hasUnsavedTraining,
  modelAvailability,
  savingEpoch,
} from './trainerSelectors';

function report(epochsDone: number | null): StorageReport {
  return {
    available: true,
    problem: null,
    checkpoint:
      epochsDone === null
        ? null
        : {
            runId: 'run-1',
            runName: 'first',
            config,
            epochsDone,
            epochs: [metrics(1)],
            savedAt: 5,
            bytes: 100,
            contents: 'full',
          },
    checkpointProblem: null,
    runs: [],
    damagedRuns: [],
    otherTab: { training: false, runIds: [] },
    mode: 'full',
    usageBytes: 0,
    quotaBytes: 1e9,
  };
}

describe('trainerReducer: storage', () => {
  it('offers an unfinished checkpoint to resume, and no finished one', () => {
    const offered = run([{ type: 'stored', report: report(1) }], loaded);
    expect(offered.resumable).toEqual({
      epoch: 1,
      config,
      runName: 'first',
      savedAt: 5,
      contents: 'full',
    });
    expect(canResume(offered)).toBe(true);
    expect(run([{ type: 'stored', report: report(2) }], loaded).resumable).toBeNull();
    expect(run([{ type: 'stored', report: report(null) }], offered).resumable).toBeNull();
  });

  it('brings back the finished epochs of a resumed run, and starts at the next epoch', () => {
    const resumed = run(
      [
        { type: 'stored', report: report(1) },
        { type: 'client/resumeRequested', id: 9, config },
        {
          type: 'trainStarted',
          id: 9,
          config,
          stepsPerEpoch: 8,
          imagesPerEpoch: 512,
          runId: 'run-1',
          resumed: { epochsDone: 1, epochs: [metrics(1)], contents: 'full' },
        },
      ],
      loaded,
    );
    expect(resumed.training.status).toBe('running');
    expect(resumed.training.epochs).toEqual([metrics(1)]);
    expect(resumed.training.progress?.epoch).toBe(2);
    expect(resumed.training.recordId).toBe('run-1');
    expect(resumed.storage.savedEpoch).toBe(1);
    expect(hasUnsavedTraining(resumed)).toBe(false);
  });

  it('knows when the run is ahead of its last checkpoint, so leaving asks first', () => {
    const mid = run(
      [{ type: 'batch', epoch: 1, imagesDone: 64, imagesTotal: 512, imagesPerSec: 9 }],
      running,
    );
    expect(hasUnsavedTraining(mid)).toBe(true);
    const saved = run(
      [
        { type: 'epoch', metrics: metrics(1) },
        { type: 'checkpointSaved', epoch: 1, bytes: 100, seconds: 0.1, contents: 'full' },
      ],
      mid,
    );
    expect(hasUnsavedTraining(saved)).toBe(false);
    expect(savingEpoch(saved)).toBeNull();
    // Between an epoch's row and its checkpoint's confirmation, the epoch is being saved, not kept.
    const writing = run([{ type: 'epoch', metrics: metrics(1) }], mid);
    expect(savingEpoch(writing)).toBe(1);
    expect(hasUnsavedTraining(writing)).toBe(true);
    expect(saved.storage.lastSaved).toEqual({
      epoch: 1,
      bytes: 100,
      seconds: 0.1,
      contents: 'full',
    });
    const failed = run(
      [
        { type: 'batch', epoch: 2, imagesDone: 64, imagesTotal: 512, imagesPerSec: 9 },
        {
          type: 'checkpointFailed',
          epoch: 2,
          reason: 'quota',
          message: 'full',
          neededBytes: 9,
          freeBytes: 1,
        },
      ],
      saved,
    );
    expect(hasUnsavedTraining(failed)).toBe(true);
    expect(failed.storage.failure).toMatchObject({ reason: 'quota', neededBytes: 9 });
    expect(savingEpoch(run([{ type: 'epoch', metrics: metrics(2) }], failed))).toBeNull();
    expect(hasUnsavedTraining(run([{ type: 'done', reason: 'stopped' }], failed))).toBe(false);
  });

  it('shows a failed Resume and a failed storage request where they belong', () => {
    const failedResume = run(
      [
        { type: 'stored', report: report(1) },
        { type: 'client/resumeRequested', id: 9, config },
        {
          type: 'error',
          id: 9,
          scope: 'storage',
          fatal: false,
          message: 'The saved checkpoint is damaged.',
        },
      ],
      loaded,
    );
    expect(failedResume.training.pendingStart).toBeNull();
    expect(failedResume.storage.error).toBe('The saved checkpoint is damaged.');
    // A refused model file answers its caller, not the storage panel.
    const refused = run(
      [{ type: 'error', id: 12, scope: 'storage', fatal: false, message: 'truncated' }],
      loaded,
    );
    expect(refused.storage.error).toBeNull();
  });

  it('makes a loaded model the one that classifies, until a run replaces it', () => {
    const withFile = run(
      [
        {
          type: 'modelLoaded',
          id: 11,
          model: 'alexnet-mini',
          fileName: 'model.json',
          fileNames: ['model.json', 'model.weights.bin'],
          epochsDone: 3,
        },
      ],
      loaded,
    );
    expect(modelAvailability(withFile)).toEqual({
      kind: 'trained',
      epochsDone: 3,
      runId: 11,
      loadedFrom: 'model.json',
    });
    const retrained = run(
      [
        { type: 'client/trainRequested', id: 12, config },
        { type: 'trainStarted', id: 12, config, stepsPerEpoch: 8, imagesPerEpoch: 512 },
      ],
      withFile,
    );
    expect(retrained.training.loaded).toBeNull();
    expect(modelAvailability(retrained)).toMatchObject({ kind: 'training', runId: 12 });
  });

  it('a Resume whose deadline passes leaves Train and Resume usable, and says why', () => {
    const offered = run([{ type: 'stored', report: report(1) }], loaded);
    const asked = run([{ type: 'client/resumeRequested', id: 9, config }], offered);
    expect(canStartTraining(asked)).toBe(false);
    const timedOut = run(
      [
        {
          type: 'client/requestTimedOut',
          id: 9,
          command: 'resumeCheckpoint',
          message: 'Resume did not answer within 60 s.',
        },
      ],
      asked,
    );
    expect(timedOut.training.pendingStart).toBeNull();
    expect(timedOut.training.error).toBe('Resume did not answer within 60 s.');
    expect(canStartTraining(timedOut)).toBe(true);
    expect(canResume(timedOut)).toBe(true);
  });

  it('a storage request whose deadline passes frees the checkpoint controls, and says why', () => {
    const asked = run([{ type: 'client/storageRequested', id: 4 }], loaded);
    expect(asked.storage.busy).toBe(4);
    const timedOut = run(
      [
        {
          type: 'client/requestTimedOut',
          id: 4,
          command: 'discardCheckpoint',
          message: 'Discard did not answer within 30 s.',
        },
      ],
      asked,
    );
    expect(timedOut.storage.busy).toBeNull();
    expect(timedOut.storage.error).toBe('Discard did not answer within 30 s.');
    // Another request's deadline changes nothing here.
    const other = run(
      [{ type: 'client/requestTimedOut', id: 5, command: 'predict', message: 'late' }],
      asked,
    );
    expect(other).toEqual(asked);
  });
});
