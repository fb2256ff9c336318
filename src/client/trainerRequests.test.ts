// Every request that fails or runs out of time leaves every control usable: one case per kind of
// command (training, storage, insight, model files), driven through the real client and reducer
// with a fake worker that never answers, or refuses.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMANDS, isWorkerCommand, type WorkerCommand, type WorkerEvent } from '../protocol';
import { LatestRequest } from './latestRequest';
import { backend, config } from './testing/trainerFixtures';
import type { WorkerEndpoint } from './TrainerClient';
import { initialTrainerState, trainerReducer, type TrainerView } from './trainerReducer';
import { canResume, canStartTraining } from './trainerSelectors';
import { startTrainerSession } from './useTrainer';

/** A worker that answers nothing by itself (pings excepted): the test answers, or lets time pass. */
class SilentWorker extends EventTarget implements WorkerEndpoint {
  readonly posted: WorkerCommand[] = [];
  postMessage(message: unknown): void {
    if (!isWorkerCommand(message)) throw new Error('not a command');
    this.posted.push(message);
    if (message.type === 'ping')
      queueMicrotask(() => this.answer({ type: 'pong', id: message.id }));
  }
  terminate(): void {}
  answer(data: WorkerEvent): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  last(type: WorkerCommand['type']): WorkerCommand {
    const found = this.posted.findLast((m) => m.type === type);
    if (!found) throw new Error(`no ${type} posted`);
    return found;
  }
}

const stored = (epochsDone: number) => ({
  available: true,
  problem: null,
  checkpoint: {
    runId: 'run-1',
    runName: 'first',
    config,
    epochsDone,
    epochs: [],
    savedAt: 5,
    bytes: 100,
    contents: 'full' as const,
  },
  checkpointProblem: null,
  runs: [],
  damagedRuns: [],
  otherTab: { training: false, runIds: [] },
  mode: 'full' as const,
  usageBytes: 0,
  quotaBytes: 1e9,
});

/** A page whose worker picked a backend, loaded the data and has a checkpoint to resume. */
async function readyPage() {
  const worker = new SilentWorker();
  let state = initialTrainerState;
  const session = startTrainerSession(
    () => worker,
    (action) => {
      state = trainerReducer(state, action);
    },
    '/',
    'own',
    { locks: null },
  );
  worker.answer({ type: 'ready', id: worker.last('init').id, backend });
  worker.answer({
    type: 'dataLoaded',
    id: worker.last('loadData').id,
    trainCount: 9,
    testCount: 9,
  });
  worker.answer({ type: 'stored', id: worker.last('listStored').id, report: stored(1) });
  await vi.advanceTimersByTimeAsync(0);
  const view = (): TrainerView => ({ ...state, requests: session.requests.current });
  expect(canStartTraining(view())).toBe(true);
  return { worker, session, view };
}

/** Lets `command`'s deadline pass, and the promises that follow settle. */
const outwait = (command: keyof typeof COMMANDS) =>
  vi.advanceTimersByTimeAsync(COMMANDS[command].deadlineMs);

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a request that fails leaves every control usable', () => {
  it('training: Train, Resume, Pause that time out, or a Train refused', async () => {
    const { worker, session, view } = await readyPage();
    session.requests.start(config, 'fresh');
    expect(canStartTraining(view())).toBe(false);
    await outwait('train');
    expect(view().requests.starting).toBeNull();
    expect(canStartTraining(view())).toBe(true);
    expect(view().training.error).toMatch(/did not answer the request to start training/);

    // The defect issue 16 names: a Resume that timed out left the settings locked.
    session.requests.start(config, 'resume');
    await outwait('resumeCheckpoint');
    expect(canStartTraining(view())).toBe(true);
    expect(canResume(view())).toBe(true);

    session.requests.start(config, 'fresh');
    const refused = worker.last('train').id;
    worker.answer({ type: 'error', id: refused, scope: 'protocol', fatal: false, message: 'No.' });
    await vi.advanceTimersByTimeAsync(0);
    expect(canStartTraining(view())).toBe(true);
    expect(view().training.error).toBe('No.');

    session.requests.control('pause');
    expect(view().requests.control).toBe('pause');
    await outwait('pause');
    expect(view().requests.control).toBeNull();
    expect(view().notice).toMatch(/did not answer Pause/);
    session.end();
  });

  it('storage: a Discard that times out and a delete refused free the storage controls', async () => {
    const { worker, session, view } = await readyPage();
    session.requests.storage('discardCheckpoint', {});
    expect(view().requests.storage).toBe(1);
    await outwait('discardCheckpoint');
    expect(view().requests.storage).toBe(0);
    expect(view().storage.error).toMatch(/did not answer Discard/);

    session.requests.storage('deleteRun', { runId: 'run-1' });
    const { id } = worker.last('deleteRun');
    worker.answer({ type: 'error', id, scope: 'storage', fatal: false, message: 'Locked.' });
    await vi.advanceTimersByTimeAsync(0);
    expect(view().requests.storage).toBe(0);
    expect(view().storage.error).toBe('Locked.');
    expect(canResume(view())).toBe(true);
    session.end();
  });

  it('insight: a panel request that times out stops loading, says why, and can ask again', async () => {
    const { worker, session, view } = await readyPage();
    const filters = new LatestRequest<unknown>();
    void filters.run(1, (signal) => session.client.call('firstLayerFilters', {}, { signal }));
    expect(filters.getState().loadingKey).toEqual({ key: 1 });
    await outwait('firstLayerFilters');
    expect(filters.getState()).toMatchObject({
      loadingKey: null,
      failure: { key: 1, message: expect.stringMatching(/conv1 filters/) as string },
    });
    const again = filters.run(1, (signal) =>
      session.client.call('firstLayerFilters', {}, { signal }),
    );
    const layer = { layer: 'conv1', size: 5, count: 16, pixels: new Float32Array(400) };
    worker.answer({ type: 'filters', id: worker.last('firstLayerFilters').id, filters: layer });
    await again;
    expect(filters.getState()).toMatchObject({ loadingKey: null, failure: null });
    expect(canStartTraining(view())).toBe(true);
    session.end();
  });

  it('model files: a Load model that times out and a Save refused change nothing', async () => {
    const { worker, session, view } = await readyPage();
    const before = view();
    const load = session.client.call('loadModel', { files: [] });
    const timedOut = expect(load).rejects.toMatchObject({ failure: 'timedOut' });
    await outwait('loadModel');
    await timedOut;
    const save = session.client.call('saveModel', {});
    const { id } = worker.last('saveModel');
    worker.answer({ type: 'error', id, scope: 'storage', fatal: false, message: 'No model.' });
    await expect(save).rejects.toThrow('No model.');
    // The panel shows its own failure; the page's controls are as they were.
    expect(view().storage.error).toBeNull();
    expect(view().training).toEqual(before.training);
    expect(canStartTraining(view())).toBe(true);
    expect(session.client.pendingRequests).toBe(0);
    session.end();
  });
});
