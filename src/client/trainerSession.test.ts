import { describe, expect, it } from 'vitest';
import type { WorkerEvent } from '../protocol';
import type { WorkerEndpoint } from './TrainerClient';
import { startTrainerSession } from './useTrainer';

class RecordingWorker extends EventTarget implements WorkerEndpoint {
  readonly posted: unknown[] = [];
  terminated = false;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(data: WorkerEvent): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

function factory() {
  const workers: RecordingWorker[] = [];
  const create = () => {
    const w = new RecordingWorker();
    workers.push(w);
    return w;
  };
  return { workers, create };
}

describe('startTrainerSession', () => {
  it('attaches, asks for a backend, the data and what is stored, and shows the data loading', () => {
    const { workers, create } = factory();
    const actions: unknown[] = [];
    const session = startTrainerSession(
      create,
      (a) => actions.push(a),
      '/app/data/fashion-mnist/',
      'own',
      { locks: null },
    );
    expect(workers[0]?.posted).toEqual([
      { type: 'attach', id: 1, lifeLock: null },
      { type: 'init', id: 2, kernels: 'own' },
      { type: 'loadData', id: 3, baseUrl: '/app/data/fashion-mnist/' },
      { type: 'listStored', id: 4 },
    ]);
    expect(actions).toEqual([{ type: 'client/loadDataRequested' }]);
    session.end();
  });

  it('leaves exactly one live worker after a StrictMode mount, unmount, mount', async () => {
    const { workers, create } = factory();
    const seen: string[] = [];
    const record = (who: string) => (a: { type: string }) => {
      if (!a.type.startsWith('client/')) seen.push(`${who}:${a.type}`);
    };
    const first = startTrainerSession(create, record('first'), '/', 'own', { locks: null });
    first.end();
    const second = startTrainerSession(create, record('second'), '/', 'own', { locks: null });
    expect(workers.map((w) => w.terminated)).toEqual([true, false]);
    // A message the first worker had already queued must not reach the page, nor the answers
    // to its requests.
    workers[0]?.emit({ type: 'epoch', metrics: {} as never });
    workers[0]?.emit({ type: 'ready', id: 2, backend: {} as never });
    workers[1]?.emit({ type: 'done', reason: 'stopped' });
    workers[1]?.emit({ type: 'ready', id: 2, backend: {} as never });
    await Promise.resolve();
    expect(seen).toEqual(['second:done', 'second:ready']);
    second.end();
  });
});
