import { describe, expect, it } from 'vitest';
import { isWorkerCommand } from '../protocol';
import type { WorkerEvent } from '../protocol';
import { TrainerClient, TrainerRequestError } from './TrainerClient';
import type { WorkerEndpoint } from './TrainerClient';

/** The worker side of the conversation: records what the page posted, lets the test answer. */
class FakeWorker extends EventTarget implements WorkerEndpoint {
  readonly posted: { message: unknown; transfer: Transferable[] }[] = [];
  terminated = false;

  postMessage(message: unknown, transfer: Transferable[]): void {
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

  /** The id of the last request posted (predict or classifySamples). */
  lastRequestId(): number {
    const last: unknown = this.posted.at(-1)?.message;
    if (!isWorkerCommand(last) || !('id' in last)) throw new Error('no request posted');
    return last.id;
  }
}

function setup() {
  const worker = new FakeWorker();
  const client = new TrainerClient(worker);
  const events: WorkerEvent[] = [];
  client.subscribe((e) => events.push(e));
  return { worker, client, events };
}

describe('TrainerClient', () => {
  it('posts commands and transfers typed-array buffers', () => {
    const { worker, client } = setup();
    client.send({ type: 'init' });
    const pixels = new Float32Array(784);
    void client.predict(pixels);
    expect(worker.posted[0]).toEqual({ message: { type: 'init' }, transfer: [] });
    expect(worker.posted[1]?.transfer).toEqual([pixels.buffer]);
  });

  it('forwards valid events to subscribers and stops after unsubscribe', () => {
    const { worker, client, events } = setup();
    const seen: string[] = [];
    const unsubscribe = client.subscribe((e) => seen.push(e.type));
    worker.answer({ type: 'paused' });
    unsubscribe();
    worker.answer({ type: 'resumed' });
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
    const firstId = worker.lastRequestId();
    const second = client.predict(new Float32Array(784));
    const secondId = worker.lastRequestId();
    expect(secondId).not.toBe(firstId);
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
    const id = worker.lastRequestId();
    worker.answer({ type: 'error', id, scope: 'predict', fatal: false, message: 'No model yet.' });
    await expect(samples).rejects.toThrow(new TrainerRequestError('No model yet.'));
  });

  it('resolves classifySamples with the samples', async () => {
    const { worker, client } = setup();
    const pending = client.classifySamples(1);
    const id = worker.lastRequestId();
    const sample = { pixels: new Uint8Array(784), label: 3, probabilities: new Float32Array(10) };
    worker.answer({ type: 'samples', id, samples: [sample] });
    await expect(pending).resolves.toEqual([sample]);
  });

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
    worker.answer({ type: 'paused' });
    expect(events).toEqual([]);
    expect(() => client.send({ type: 'pause' })).toThrow(/shut down/);
    await expect(client.predict(new Float32Array(784))).rejects.toThrow(/shut down/);
  });
});
