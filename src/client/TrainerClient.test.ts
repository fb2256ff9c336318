import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isWorkerCommand } from '../protocol';
import type { WorkerCommand, WorkerEvent } from '../protocol';
import type { LockRequester } from './deathWatch';
import { QUIET_DEATH_MESSAGE, TrainerClient, TrainerRequestError } from './TrainerClient';
import type { ClientEvent, TrainerClientOptions, WorkerEndpoint } from './TrainerClient';
import { REQUEST_DEADLINES_MS } from './requestDeadlines';

/** The worker side of the conversation: records what the page posted, lets the test answer. */
class FakeWorker extends EventTarget implements WorkerEndpoint {
  readonly posted: { message: WorkerCommand; transfer: Transferable[] }[] = [];
  terminated = false;

  postMessage(message: unknown, transfer: Transferable[]): void {
    if (!isWorkerCommand(message)) throw new Error(`not a command: ${JSON.stringify(message)}`);
    this.posted.push({ message, transfer });
  }

  terminate(): void {
    this.terminated = true;
  }

  answer(data: WorkerEvent | Record<string, unknown>): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }

  crash(message: string): void {
    const event = Object.assign(new Event('error', { cancelable: true }), { message });
    this.dispatchEvent(event);
  }

  last<T extends WorkerCommand['type']>(type: T): Extract<WorkerCommand, { type: T }> {
    const found = this.posted.map((p) => p.message).findLast((m) => m.type === type);
    if (!found) throw new Error(`no ${type} posted`);
    return found as Extract<WorkerCommand, { type: T }>;
  }
}

/** Web Locks with one holder per name: `request` waits until the holder (the worker) lets go. */
class FakeLocks implements LockRequester {
  private readonly releases = new Map<string, () => void>();

  holdAsWorker(name: string): void {
    this.releases.set(name, () => {});
  }

  releaseAsWorker(name: string): void {
    this.releases.get(name)?.();
  }

  request(...args: unknown[]): Promise<unknown> {
    const [name, options, callback] = args as [
      string,
      { signal?: AbortSignal },
      (lock: Lock | null) => unknown,
    ];
    return new Promise((resolve, reject) => {
      options.signal?.addEventListener('abort', () =>
        reject(new DOMException('aborted', 'AbortError')),
      );
      this.releases.set(name, () => resolve(callback(null)));
    });
  }
}

function setup(options: TrainerClientOptions = {}) {
  const worker = new FakeWorker();
  const client = new TrainerClient(worker, { locks: null, ...options });
  const events: (WorkerEvent | ClientEvent)[] = [];
  client.subscribe((e) => events.push(e));
  return { worker, client, events };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TrainerClient requests', () => {
  it('numbers every command and transfers typed-array buffers', () => {
    const { worker, client } = setup();
    const initId = client.send({ type: 'init' });
    const pixels = new Float32Array(784);
    void client.predict(pixels);
    expect(worker.posted[0]).toEqual({ message: { type: 'init', id: initId }, transfer: [] });
    expect(worker.posted[1]?.message).toMatchObject({ type: 'predict', id: initId + 1 });
    expect(worker.posted[1]?.transfer).toEqual([pixels.buffer]);
  });

  it('forwards valid events to subscribers and stops after unsubscribe', () => {
    const { worker, client, events } = setup();
    const seen: string[] = [];
    const unsubscribe = client.subscribe((e) => seen.push(e.type));
    worker.answer({ type: 'paused', id: 1 });
    unsubscribe();
    worker.answer({ type: 'resumed', id: 2 });
    expect(seen).toEqual(['paused']);
    expect(events.map((e) => e.type)).toEqual(['paused', 'resumed']);
  });

  it('reports a message it does not understand as a non-fatal protocol error', () => {
    const { worker, events } = setup();
    worker.answer({ type: 'bogus' });
    expect(events).toEqual([
      expect.objectContaining({ type: 'error', scope: 'protocol', fatal: false }),
    ]);
  });

  it('matches predictions to requests by id, whatever the order of the answers', async () => {
    const { worker, client } = setup();
    const first = client.predict(new Float32Array(784));
    const firstId = worker.last('predict').id;
    const second = client.predict(new Float32Array(784));
    const secondId = worker.last('predict').id;
    const p2 = new Float32Array([0.2]);
    const p1 = new Float32Array([0.1]);
    worker.answer({ type: 'prediction', id: secondId, probabilities: p2 });
    worker.answer({ type: 'prediction', id: firstId, probabilities: p1 });
    await expect(first).resolves.toBe(p1);
    await expect(second).resolves.toBe(p2);
    expect(client.pendingRequests).toBe(0);
  });

  it('rejects a request when the worker answers that id with an error', async () => {
    const { worker, client } = setup();
    const samples = client.classifySamples(4);
    const { id } = worker.last('classifySamples');
    worker.answer({ type: 'error', id, scope: 'predict', fatal: false, message: 'No model yet.' });
    await expect(samples).rejects.toThrow(new TrainerRequestError('No model yet.'));
  });

  it('fails a request whose deadline passes, saying which, and tells listeners', async () => {
    const { client, events } = setup();
    const prediction = client.predict(new Float32Array(784));
    const trainId = client.send({ type: 'train', config: {} as never });
    const rejected = expect(prediction).rejects.toThrow(
      'The training worker did not answer the prediction within 2 minutes.',
    );
    vi.advanceTimersByTime(REQUEST_DEADLINES_MS.predict);
    await rejected;
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'client/requestTimedOut', id: trainId, command: 'train' }),
    );
    expect(client.pendingRequests).toBe(0);
  });

  it('extends a data load while it makes progress, and ends its deadline on the answer', () => {
    const { worker, client, events } = setup();
    const id = client.send({ type: 'loadData', baseUrl: '/' });
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(REQUEST_DEADLINES_MS.loadData - 1000);
      worker.answer({ type: 'dataProgress', id, loadedBytes: i, totalBytes: 10 });
    }
    worker.answer({ type: 'dataLoaded', id, trainCount: 1, testCount: 1 });
    vi.advanceTimersByTime(10 * REQUEST_DEADLINES_MS.loadData);
    expect(events.filter((e) => e.type === 'client/requestTimedOut')).toEqual([]);
    expect(client.pendingRequests).toBe(0);
  });
});

describe('TrainerClient failures', () => {
  it('turns a worker crash into a fatal error event and rejects pending requests', async () => {
    const { worker, client, events } = setup();
    const pending = client.predict(new Float32Array(784));
    worker.crash('out of memory');
    await expect(pending).rejects.toThrow(/crashed: out of memory/);
    expect(events).toEqual([
      expect.objectContaining({ type: 'error', scope: 'protocol', fatal: true }),
    ]);
  });

  it('rejects pending requests on a fatal error event from the worker', async () => {
    const { worker, client } = setup();
    const pending = client.predict(new Float32Array(784));
    worker.answer({ type: 'error', scope: 'backend', fatal: true, message: 'GPU device lost.' });
    await expect(pending).rejects.toThrow('GPU device lost.');
  });

  it('terminates the worker once, rejects what is pending and refuses new work', async () => {
    const { worker, client, events } = setup();
    const pending = client.predict(new Float32Array(784));
    client.terminate();
    client.terminate();
    expect(worker.terminated).toBe(true);
    await expect(pending).rejects.toThrow(/shut down/);
    worker.answer({ type: 'paused', id: 1 });
    expect(events).toEqual([]);
    await expect(client.predict(new Float32Array(784))).rejects.toThrow(/shut down/);
  });

  it('still terminates a worker that crashed earlier', () => {
    const { worker, client } = setup();
    worker.crash('boom');
    client.terminate();
    expect(worker.terminated).toBe(true);
  });
});

describe('TrainerClient death watch and heartbeat', () => {
  it('reports a quiet death the moment the worker lets go of its life lock', async () => {
    const locks = new FakeLocks();
    const { worker, client, events } = setup({ locks });
    client.attach();
    const { id, lifeLock } = worker.last('attach');
    expect(lifeLock).toMatch(/^alexnet-training-worker-/);
    locks.holdAsWorker(lifeLock ?? '');
    worker.answer({ type: 'attached', id, lifeLockHeld: true });
    await vi.advanceTimersByTimeAsync(0);
    const pending = client.predict(new Float32Array(784));
    locks.releaseAsWorker(lifeLock ?? ''); // what self.close() does
    await expect(pending).rejects.toThrow(QUIET_DEATH_MESSAGE);
    expect(events.at(-1)).toEqual({
      type: 'error',
      scope: 'protocol',
      fatal: true,
      message: QUIET_DEATH_MESSAGE,
    });
  });

  it('does not report a death when the page ends the worker itself', async () => {
    const locks = new FakeLocks();
    const { worker, client, events } = setup({ locks });
    client.attach();
    const { id, lifeLock } = worker.last('attach');
    worker.answer({ type: 'attached', id, lifeLockHeld: true });
    await vi.advanceTimersByTimeAsync(0);
    client.terminate();
    locks.releaseAsWorker(lifeLock ?? '');
    await vi.advanceTimersByTimeAsync(0);
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
  });

  it('says a worker is silent within 7 s of its last answer, and when it answers again', async () => {
    const locks = new FakeLocks();
    const { worker, client, events } = setup({ locks });
    client.attach();
    const attach = worker.last('attach');
    worker.answer({ type: 'attached', id: attach.id, lifeLockHeld: true });
    await vi.advanceTimersByTimeAsync(1000);
    const firstPing = worker.last('ping');
    worker.answer({ type: 'pong', id: firstPing.id });
    await vi.advanceTimersByTimeAsync(1000); // the next ping goes out, and stays unanswered
    const unanswered = worker.last('ping');
    await vi.advanceTimersByTimeAsync(5000);
    expect(events.some((e) => e.type === 'client/silent')).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(events.filter((e) => e.type === 'client/silent')).toEqual([
      { type: 'client/silent', stillRunning: true },
    ]);
    expect(worker.last('ping').id).toBe(unanswered.id); // no pile of pings behind it
    worker.answer({ type: 'pong', id: unanswered.id });
    expect(events.at(-1)).toEqual({ type: 'client/answering' });
    // Pongs are the heartbeat's business, not the page's.
    expect(events.some((e) => e.type === 'pong')).toBe(false);
  });

  it('cannot say the worker is still running without a life lock', async () => {
    const { client, events } = setup({ locks: null });
    client.attach();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(events).toContainEqual({ type: 'client/silent', stillRunning: false });
  });
});
