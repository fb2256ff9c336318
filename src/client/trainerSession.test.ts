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
  it('asks the new worker for a backend, then for the data under the base URL', () => {
    const { workers, create } = factory();
    startTrainerSession(create, () => {}, '/app/data/fashion-mnist/');
    expect(workers[0]?.posted).toEqual([
      { type: 'init', kernels: 'own' },
      { type: 'loadData', baseUrl: '/app/data/fashion-mnist/' },
    ]);
  });

  it('leaves exactly one live worker after a StrictMode mount, unmount, mount', () => {
    const { workers, create } = factory();
    const seen: string[] = [];
    const first = startTrainerSession(create, (e) => seen.push(`first:${e.type}`), '/');
    first.end();
    startTrainerSession(create, (e) => seen.push(`second:${e.type}`), '/');
    expect(workers.map((w) => w.terminated)).toEqual([true, false]);
    // A message the first worker had already queued must not reach the page.
    workers[0]?.emit({ type: 'paused' });
    workers[1]?.emit({ type: 'resumed' });
    expect(seen).toEqual(['second:resumed']);
  });
});
