// The page's handle on the training worker: typed commands out, typed events in, and promises for the
// two request/answer pairs (predict, classifySamples) matched by request id.

import { isWorkerEvent, transferablesOf } from '../protocol';
import type { ClassifiedSample, WorkerCommand, WorkerEvent } from '../protocol';

/** What TrainerClient needs of a Worker; a real `Worker` satisfies it. */
export interface WorkerEndpoint extends EventTarget {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
}

export type TrainerListener = (event: WorkerEvent) => void;

/** Raised by `predict`/`classifySamples` when the worker answers with an error for that request. */
export class TrainerRequestError extends Error {
  override name = 'TrainerRequestError';
}

interface PendingRequest {
  kind: 'predict' | 'classifySamples';
  resolve: (value: Float32Array | ClassifiedSample[]) => void;
  reject: (error: Error) => void;
}

export class TrainerClient {
  private readonly listeners = new Set<TrainerListener>();
  private readonly pending = new Map<number, PendingRequest>();
  private nextId = 1;
  private terminated = false;

  constructor(private readonly worker: WorkerEndpoint) {
    worker.addEventListener('message', this.onMessage);
    worker.addEventListener('error', this.onCrash);
    worker.addEventListener('messageerror', this.onUnreadable);
  }

  /** Sends a command, moving its typed arrays' buffers rather than copying them. */
  send(command: WorkerCommand): void {
    if (this.terminated) throw new Error('The training worker has been shut down.');
    this.worker.postMessage(command, transferablesOf(command));
  }

  /** Calls `listener` with every event (worker crashes arrive as fatal `error` events). */
  subscribe(listener: TrainerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Class probabilities for one 28x28 image (784 values in [0, 1]). `pixels` is transferred. */
  predict(pixels: Float32Array): Promise<Float32Array> {
    return this.request('predict', (id) => ({ type: 'predict', id, pixels })).then((v) =>
      v instanceof Float32Array ? v : Promise.reject(new Error('Mismatched answer to predict.')),
    );
  }

  /** `count` random test images classified with the current weights. */
  classifySamples(count: number): Promise<ClassifiedSample[]> {
    return this.request('classifySamples', (id) => ({ type: 'classifySamples', id, count })).then(
      (v) =>
        Array.isArray(v) ? v : Promise.reject(new Error('Mismatched answer to classifySamples.')),
    );
  }

  /** Stops the worker (its weights are lost) and rejects whatever is still waiting for an answer. */
  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    this.worker.removeEventListener('message', this.onMessage);
    this.worker.removeEventListener('error', this.onCrash);
    this.worker.removeEventListener('messageerror', this.onUnreadable);
    this.worker.terminate();
    this.rejectAll('The training worker was shut down.');
    this.listeners.clear();
  }

  get pendingRequests(): number {
    return this.pending.size;
  }

  private request(
    kind: PendingRequest['kind'],
    build: (id: number) => WorkerCommand,
  ): Promise<Float32Array | ClassifiedSample[]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.terminated) {
        reject(new Error('The training worker has been shut down.'));
        return;
      }
      this.pending.set(id, { kind, resolve, reject });
      this.send(build(id));
    });
  }

  private readonly onMessage = (event: Event): void => {
    if (!('data' in event)) return;
    const data: unknown = event.data;
    if (!isWorkerEvent(data)) {
      this.emit({
        type: 'error',
        scope: 'protocol',
        fatal: false,
        message: 'The training worker sent a message this page does not understand.',
      });
      return;
    }
    this.settle(data);
    this.emit(data);
  };

  private readonly onCrash = (event: Event): void => {
    // Keep the browser from also logging the worker's uncaught error; the page reports it instead.
    event.preventDefault();
    const detail = 'message' in event && typeof event.message === 'string' ? event.message : '';
    this.fail(`The training worker crashed${detail ? `: ${detail}` : ''}.`);
  };

  private readonly onUnreadable = (): void => {
    this.fail('A message from the training worker could not be read.');
  };

  private fail(message: string): void {
    this.rejectAll(message);
    this.emit({ type: 'error', scope: 'protocol', fatal: true, message });
  }

  private settle(event: WorkerEvent): void {
    if (event.type === 'error' && event.fatal) {
      this.rejectAll(event.message);
      return;
    }
    if (event.type !== 'prediction' && event.type !== 'samples' && event.type !== 'error') return;
    if (event.id === undefined) return;
    const request = this.pending.get(event.id);
    if (!request) return;
    this.pending.delete(event.id);
    if (event.type === 'error') request.reject(new TrainerRequestError(event.message));
    else if (event.type === 'prediction') request.resolve(event.probabilities);
    else request.resolve(event.samples);
  }

  private rejectAll(message: string): void {
    for (const request of this.pending.values()) request.reject(new TrainerRequestError(message));
    this.pending.clear();
  }

  private emit(event: WorkerEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
