import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isWorkerCommand } from '../protocol';
import type { WorkerCommand, WorkerEvent } from '../protocol';
import type { LockRequester } from './deathWatch';
import { QUIET_DEATH_MESSAGE, TrainerClient, TrainerRequestError } from './TrainerClient';
import type { ClientEvent, TrainerClientOptions, WorkerEndpoint } from './TrainerClient';
import { REQUEST_DEADLINES_MS } from './requestDeadlines';

const predictOf = (client: TrainerClient) =>
  client.call('predict', { pixels: new Float32Array(784) }).then((a) => a.probabilities);

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
    void client.call('init', {});
    const initId = worker.last('init').id;
    const pixels = new Float32Array(784);
    void client.call('predict', { pixels });
    expect(worker.posted[0]).toEqual({ message: { type: 'init', id: initId }, transfer: [] });
    expect(worker.posted[1]?.message).toMatchObject({ type: 'predict', id: initId + 1 });
    expect(worker.posted[1]?.transfer).toEqual([pixels.buffer]);
  });

  it('forwards what no request waits for to subscribers, and stops after unsubscribe', async () => {
    const { worker, client, events } = setup();
    const seen: string[] = [];
    const unsubscribe = client.subscribe((e) => seen.push(e.type));
    worker.answer({ type: 'epoch', metrics: {} as never });
    const paused = client.call('pause', {});
    worker.answer({ type: 'paused', id: worker.last('pause').id });
    await expect(paused).resolves.toEqual({ type: 'paused', id: worker.last('pause').id });
    unsubscribe();
    worker.answer({ type: 'done', reason: 'finished' });
    // The answer went to its caller only.
    expect(seen).toEqual(['epoch']);
    expect(events.map((e) => e.type)).toEqual(['epoch', 'done']);
  });

  it('drops the answer of a cancelled request, and hands on a late one after its deadline', async () => {
    const { worker, client, events } = setup();
    const cancel = new AbortController();
    const filters = client.call('firstLayerFilters', {}, { signal: cancel.signal });
    const cancelledId = worker.last('firstLayerFilters').id;
    cancel.abort();
    await expect(filters).rejects.toMatchObject({ failure: 'cancelled' });
    const layer = { layer: 'conv1', size: 5, count: 16, pixels: new Float32Array(400) };
    worker.answer({ type: 'filters', id: cancelledId, filters: layer });
    expect(events).toEqual([]);

    const paused = client.call('pause', {});
    const rejected = expect(paused).rejects.toMatchObject({ failure: 'timedOut' });
    vi.advanceTimersByTime(REQUEST_DEADLINES_MS.pause);
    await rejected;
    // The worker did pause after all: the page's state must hear of it.
    worker.answer({ type: 'paused', id: worker.last('pause').id });
    expect(events.map((e) => e.type)).toEqual(['paused']);
    expect(client.pendingRequests).toBe(0);
  });

  it("hands a data load's progress to its caller and restarts its deadline with each", async () => {
    const { worker, client, events } = setup();
    const progress: number[] = [];
    const loading = client.call(
      'loadData',
      { baseUrl: '/' },
      { onProgress: (e) => progress.push(e.type === 'dataProgress' ? e.loadedBytes : -1) },
    );
    const { id } = worker.last('loadData');
    for (let i = 0; i < 3; i++) {
      vi.advanceTimersByTime(REQUEST_DEADLINES_MS.loadData - 1000);
      worker.answer({ type: 'dataProgress', id, loadedBytes: i, totalBytes: 10 });
    }
    worker.answer({ type: 'dataLoaded', id, trainCount: 1, testCount: 1 });
    await expect(loading).resolves.toMatchObject({ type: 'dataLoaded', trainCount: 1 });
    vi.advanceTimersByTime(10 * REQUEST_DEADLINES_MS.loadData);
    expect(progress).toEqual([0, 1, 2]);
    expect(events).toEqual([]);
    expect(client.pendingRequests).toBe(0);
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
    const first = predictOf(client);
    const firstId = worker.last('predict').id;
    const second = predictOf(client);
    const secondId = worker.last('predict').id;
    const p2 = new Float32Array([0.2]);
    const p1 = new Float32Array([0.1]);
    worker.answer({ type: 'prediction', id: secondId, probabilities: p2 });
    worker.answer({ type: 'prediction', id: firstId, probabilities: p1 });
    await expect(first).resolves.toBe(p1);
    await expect(second).resolves.toBe(p2);
    expect(client.pendingRequests).toBe(0);
  });

  it('resolves the inspection requests with their answers, each matched by id', async () => {
    const { client, worker } = setup();
    const filters = client.call('firstLayerFilters', {}).then((a) => a.filters);
    const inspection = client
      .call('inspect', { pixels: new Float32Array(784) })
      .then((a) => a.inspection);
    const examples = client
      .call('confusionExamples', { epoch: 2, trueClass: 6, predictedClass: 0 })
      .then((a) => a.examples);
    expect(worker.last('confusionExamples')).toMatchObject({
      epoch: 2,
      trueClass: 6,
      predictedClass: 0,
    });
    const layer = { layer: 'conv1', size: 5, count: 16, pixels: new Float32Array(400) };
    const seen = {
      probabilities: new Float32Array(10),
      topClass: 3,
      featureMaps: [],
      saliency: new Float32Array(784),
    };
    const cell = {
      epoch: 2,
      trueClass: 6,
      predictedClass: 0,
      total: 0,
      indices: new Int32Array(0),
      pixels: new Uint8Array(0),
      probabilities: new Float32Array(0),
    };
    worker.answer({
      type: 'cellExamples',
      id: worker.last('confusionExamples').id,
      examples: cell,
    });
    worker.answer({ type: 'inspection', id: worker.last('inspect').id, inspection: seen });
    worker.answer({ type: 'filters', id: worker.last('firstLayerFilters').id, filters: layer });
    await expect(filters).resolves.toBe(layer);
    await expect(inspection).resolves.toBe(seen);
    await expect(examples).resolves.toBe(cell);
    expect(client.pendingRequests).toBe(0);
  });

  it('rejects a request when the worker answers that id with an error', async () => {
    const { worker, client } = setup();
    const samples = client.call('classifySamples', { count: 4 });
    const { id } = worker.last('classifySamples');
    worker.answer({ type: 'error', id, scope: 'predict', fatal: false, message: 'No model yet.' });
    await expect(samples).rejects.toThrow('No model yet.');
    await expect(samples).rejects.toBeInstanceOf(TrainerRequestError);
    await expect(samples).rejects.toMatchObject({ failure: 'refused', scope: 'predict' });
  });

  it('fails a request whose deadline passes, saying which', async () => {
    const { client } = setup();
    const prediction = predictOf(client);
    const rejected = expect(prediction).rejects.toThrow(
      'The training worker did not answer the prediction within 2 minutes.',
    );
    vi.advanceTimersByTime(REQUEST_DEADLINES_MS.predict);
    await rejected;
    expect(client.pendingRequests).toBe(0);
  });
});

describe('TrainerClient failures', () => {
  it('turns a worker crash into a fatal error event and rejects pending requests', async () => {
    const { worker, client, events } = setup();
    const pending = predictOf(client);
    worker.crash('out of memory');
    await expect(pending).rejects.toThrow(/crashed: out of memory/);
    expect(events).toEqual([
      expect.objectContaining({ type: 'error', scope: 'protocol', fatal: true }),
    ]);
  });

  it('rejects pending requests on a fatal error event from the worker', async () => {
    const { worker, client } = setup();
    const pending = predictOf(client);
    worker.answer({ type: 'error', scope: 'backend', fatal: true, message: 'GPU device lost.' });
    await expect(pending).rejects.toThrow('GPU device lost.');
  });

  it('terminates the worker once, rejects what is pending and refuses new work', async () => {
    const { worker, client, events } = setup();
    const pending = predictOf(client);
    client.terminate();
    client.terminate();
    expect(worker.terminated).toBe(true);
    await expect(pending).rejects.toThrow(/shut down/);
    worker.answer({ type: 'epoch', metrics: {} as never });
    expect(events).toEqual([]);
    await expect(predictOf(client)).rejects.toThrow(/shut down/);
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
    const pending = predictOf(client);
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
