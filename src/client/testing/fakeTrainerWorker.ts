// Test helper: a TrainerClient wired to a fake worker and fake Web Locks, for TrainerClient's tests.

import { isWorkerCommand } from '../../protocol';
import type { WorkerCommand, WorkerEvent } from '../../protocol';
import type { LockRequester } from '../deathWatch';
import { TrainerClient } from '../TrainerClient';
import type { ClientEvent, TrainerClientOptions, WorkerEndpoint } from '../TrainerClient';

export const predictOf = (client: TrainerClient) =>
  client.call('predict', { pixels: new Float32Array(784) }).then((a) => a.probabilities);

/** The worker side of the conversation: records what the page posted, lets the test answer. */
export class FakeWorker extends EventTarget implements WorkerEndpoint {
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
export class FakeLocks implements LockRequester {
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

export function setup(options: TrainerClientOptions = {}) {
  const worker = new FakeWorker();
  const client = new TrainerClient(worker, { locks: null, ...options });
  const events: (WorkerEvent | ClientEvent)[] = [];
  client.subscribe((e) => events.push(e));
  return { worker, client, events };
}
