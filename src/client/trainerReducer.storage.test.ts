import { describe, expect, it } from 'vitest';
import type { StorageReport } from '../protocol';
import { config, loaded, metrics, run, running, view } from './testing/trainerFixtures';
import { canResume, hasUnsavedTraining, modelAvailability, savingEpoch } from './trainerSelectors';

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
    expect(canResume(view(offered))).toBe(true);
    expect(run([{ type: 'stored', report: report(2) }], loaded).resumable).toBeNull();
    expect(run([{ type: 'stored', report: report(null) }], offered).resumable).toBeNull();
  });

  it('brings back the finished epochs of a resumed run, and starts at the next epoch', () => {
    const resumed = run(
      [
        { type: 'stored', report: report(1) },
        { type: 'client/startRequested', resume: true },
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
    expect(hasUnsavedTraining(view(resumed))).toBe(false);
  });

  it('knows when the run is ahead of its last checkpoint, so leaving asks first', () => {
    const mid = run(
      [{ type: 'batch', epoch: 1, imagesDone: 64, imagesTotal: 512, imagesPerSec: 9 }],
      running,
    );
    expect(hasUnsavedTraining(view(mid))).toBe(true);
    const saved = run(
      [
        { type: 'epoch', metrics: metrics(1) },
        { type: 'checkpointSaved', epoch: 1, bytes: 100, seconds: 0.1, contents: 'full' },
      ],
      mid,
    );
    expect(hasUnsavedTraining(view(saved))).toBe(false);
    expect(savingEpoch(view(saved))).toBeNull();
    // Between an epoch's row and its checkpoint's confirmation, the epoch is being saved, not kept.
    const writing = run([{ type: 'epoch', metrics: metrics(1) }], mid);
    expect(savingEpoch(view(writing))).toBe(1);
    expect(hasUnsavedTraining(view(writing))).toBe(true);
    expect(saved.storage.lastSaved).toEqual({
      epoch: 1,
      bytes: 100,
      seconds: 0.1,
      contents: 'full',
    });
    // Still stored: still said; cleared (the run finished, or Discard): no longer.
    expect(run([{ type: 'stored', report: report(1) }], saved).storage.lastSaved).not.toBeNull();
    expect(run([{ type: 'stored', report: report(null) }], saved).storage.lastSaved).toBeNull();
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
    expect(hasUnsavedTraining(view(failed))).toBe(true);
    expect(failed.storage.failure).toMatchObject({ reason: 'quota', neededBytes: 9 });
    expect(savingEpoch(view(run([{ type: 'epoch', metrics: metrics(2) }], failed)))).toBeNull();
    expect(hasUnsavedTraining(view(run([{ type: 'done', reason: 'stopped' }], failed)))).toBe(
      false,
    );
  });

  it('shows a failed Resume and a failed storage request where they belong', () => {
    const failedResume = run(
      [
        { type: 'stored', report: report(1) },
        { type: 'client/startRequested', resume: true },
        {
          type: 'client/requestFailed',
          command: 'resumeCheckpoint',
          scope: 'storage',
          message: 'The saved checkpoint is damaged.',
        },
      ],
      loaded,
    );
    expect(failedResume.storage.error).toBe('The saved checkpoint is damaged.');
    expect(canResume(view(failedResume))).toBe(true);
    const failedDiscard = run(
      [
        { type: 'client/storageRequested' },
        {
          type: 'client/requestFailed',
          command: 'discardCheckpoint',
          scope: null,
          message: 'Discard did not answer within 2 minutes.',
        },
      ],
      loaded,
    );
    expect(failedDiscard.storage.error).toBe('Discard did not answer within 2 minutes.');
    // The next storage request clears it.
    expect(run([{ type: 'client/storageRequested' }], failedDiscard).storage.error).toBeNull();
    // An error whose request no one waits for any more (a model file's) is not the panel's.
    const refused = run(
      [{ type: 'error', id: 12, scope: 'predict', fatal: false, message: 'truncated' }],
      loaded,
    );
    expect(refused).toBe(loaded);
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
    expect(modelAvailability(view(withFile))).toEqual({
      kind: 'trained',
      epochsDone: 3,
      modelId: 1,
      loadedFrom: 'model.json',
    });
    const retrained = run(
      [
        { type: 'client/startRequested', resume: false },
        { type: 'trainStarted', id: 12, config, stepsPerEpoch: 8, imagesPerEpoch: 512 },
      ],
      withFile,
    );
    expect(retrained.training.loaded).toBeNull();
    expect(modelAvailability(view(retrained))).toMatchObject({ kind: 'training', modelId: 2 });
  });
});
