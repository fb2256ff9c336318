// The page's handle on the training worker: typed commands out, typed events in. Every command is a
// request with an id and a deadline (requestDeadlines.ts); a heartbeat tells a slow worker from an
// unresponsive one (heartbeat.ts), and a Web Lock tells the page at once when the worker has died
// (deathWatch.ts). What the client itself observes reaches listeners as `client/...` events.

import { isWorkerEvent, transferablesOf } from '../protocol';
import type {
  ClassifiedSample,
  ModelFile,
  CellExamples,
  Inspection,
  LayerFilters,
  WorkerCommand,
  WorkerCommandType,
  WorkerEvent,
} from '../protocol';
import { browserLocks, lifeLockName, watchForDeath, type LockRequester } from './deathWatch';
import { Heartbeat, type HeartbeatTiming } from './heartbeat';
import { PendingRequests, TrainerRequestError } from './pendingRequests';
import { REQUEST_DEADLINES_MS, timeoutMessage } from './requestDeadlines';

/** What TrainerClient needs of a Worker; a real `Worker` satisfies it. */
export interface WorkerEndpoint extends EventTarget {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
}

/** What the client noticed on its own, beside the worker's events. */
export type ClientEvent =
  /** No pong for a while. `stillRunning`: the worker is known alive (it holds its life lock). */
  | { type: 'client/silent'; stillRunning: boolean }
  /** The worker answers again after being silent. */
  | { type: 'client/answering' }
  | { type: 'client/requestTimedOut'; id: number; command: WorkerCommandType; message: string };

export type TrainerListener = (event: WorkerEvent | ClientEvent) => void;

export { TrainerRequestError } from './pendingRequests';

/** A command as the caller writes it; the client adds the id. */
export type CommandWithoutId = WorkerCommand extends infer C
  ? C extends WorkerCommand
    ? Omit<C, 'id'>
    : never
  : never;

export interface TrainerClientOptions {
  /** Web Locks for the death watch; null turns it off. Defaults to the browser's. */
  locks?: LockRequester | null;
  heartbeat?: HeartbeatTiming;
  deadlinesMs?: Partial<Record<WorkerCommandType, number>>;
}

export const QUIET_DEATH_MESSAGE =
  'The training worker stopped without a word (the browser may have ended it for using too much ' +
  'memory).';

export class TrainerClient {
  private readonly listeners = new Set<TrainerListener>();
  private readonly pending: PendingRequests;
  private readonly heartbeat: Heartbeat;
  private readonly locks: LockRequester | null;
  private stopWatching: (() => void) | null = null;
  private nextId = 1;
  /** No more requests: the worker died, crashed, or was shut down. */
  private ended = false;
  private terminated = false;

  constructor(
    private readonly worker: WorkerEndpoint,
    options: TrainerClientOptions = {},
  ) {
    this.locks = options.locks === undefined ? browserLocks() : options.locks;
    this.pending = new PendingRequests(
      { ...REQUEST_DEADLINES_MS, ...options.deadlinesMs },
      (id, command) => {
        const busy = this.heartbeat.isSilent && this.stopWatching !== null;
        const message = timeoutMessage(command, busy);
        this.emit({ type: 'client/requestTimedOut', id, command, message });
        return message;
      },
    );
    this.heartbeat = new Heartbeat(
      () => this.post({ type: 'ping' }),
      () => this.emit({ type: 'client/silent', stillRunning: this.stopWatching !== null }),
      () => this.emit({ type: 'client/answering' }),
      options.heartbeat,
    );
    worker.addEventListener('message', this.onMessage);
    worker.addEventListener('error', this.onCrash);
    worker.addEventListener('messageerror', this.onUnreadable);
  }

  /** Asks the worker to hold its life lock, starts the death watch once it does, and the heartbeat. */
  attach(): void {
    const name = this.locks ? lifeLockName() : null;
    void this.ask({ type: 'attach', lifeLock: name }).then(
      (event) => {
        if (event.type !== 'attached' || !event.lifeLockHeld || !name || !this.locks) return;
        if (this.ended) return;
        this.stopWatching = watchForDeath(this.locks, name, () => this.fail(QUIET_DEATH_MESSAGE));
      },
      () => {
        // Timed out or failed: the heartbeat goes on, and reports a worker that does not answer.
      },
    );
    this.heartbeat.start();
  }

  /** Calls `listener` with every event (worker crashes arrive as fatal `error` events). */
  subscribe(listener: TrainerListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a command whose answer arrives as events; returns its id. A passed deadline is reported
   * as a `client/requestTimedOut` event. */
  send(command: CommandWithoutId): number {
    const id = this.nextId;
    this.ask(command).catch(() => {
      // Listeners hear of it (an error event with this id, or client/requestTimedOut).
    });
    return id;
  }

  /** Class probabilities for one 28x28 image (784 values in [0, 1]). `pixels` is transferred. */
  async predict(pixels: Float32Array): Promise<Float32Array> {
    const answer = await this.ask({ type: 'predict', pixels });
    if (answer.type !== 'prediction') throw new Error('Mismatched answer to predict.');
    return answer.probabilities;
  }

  /** `count` random test images classified with the current weights. */
  async classifySamples(count: number): Promise<ClassifiedSample[]> {
    const answer = await this.ask({ type: 'classifySamples', count });
    if (answer.type !== 'samples') throw new Error('Mismatched answer to classifySamples.');
    return answer.samples;
  }

  /** The current model as tfjs layers files (model.json text and the weights' bytes). */
  async saveModel(): Promise<Extract<WorkerEvent, { type: 'modelFiles' }>> {
    const answer = await this.ask({ type: 'saveModel' });
    if (answer.type !== 'modelFiles') throw new Error('Mismatched answer to saveModel.');
    return answer;
  }

  /** The current model as an ONNX file. */
  async exportOnnx(): Promise<Extract<WorkerEvent, { type: 'onnxFile' }>> {
    const answer = await this.ask({ type: 'exportOnnx' });
    if (answer.type !== 'onnxFile') throw new Error('Mismatched answer to exportOnnx.');
    return answer;
  }

  /** Hands model files to the worker, which makes them the current model or says why not.
   * The files' buffers are transferred. */
  async loadModel(files: ModelFile[]): Promise<Extract<WorkerEvent, { type: 'modelLoaded' }>> {
    const answer = await this.ask({ type: 'loadModel', files });
    if (answer.type !== 'modelLoaded') throw new Error('Mismatched answer to loadModel.');
    return answer;
  }

  /** The test images behind one cell of epoch `epoch`'s confusion matrix, from that evaluation. */
  async confusionExamples(
    epoch: number,
    trueClass: number,
    predictedClass: number,
  ): Promise<CellExamples> {
    const answer = await this.ask({ type: 'confusionExamples', epoch, trueClass, predictedClass });
    if (answer.type !== 'cellExamples') throw new Error('Mismatched answer to confusionExamples.');
    return answer.examples;
  }

  /** The first conv layer's kernels with the current weights. */
  async firstLayerFilters(): Promise<LayerFilters> {
    const answer = await this.ask({ type: 'firstLayerFilters' });
    if (answer.type !== 'filters') throw new Error('Mismatched answer to firstLayerFilters.');
    return answer.filters;
  }

  /** Feature maps and saliency of one 28x28 picture with the current weights. `pixels` is
   * transferred. */
  async inspect(pixels: Float32Array): Promise<Inspection> {
    const answer = await this.ask({ type: 'inspect', pixels });
    if (answer.type !== 'inspection') throw new Error('Mismatched answer to inspect.');
    return answer.inspection;
  }

  /** Stops the worker (its weights are lost) and rejects whatever is still waiting for an answer. */
  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    if (!this.ended) this.end('The training worker was shut down.');
    this.worker.removeEventListener('message', this.onMessage);
    this.worker.removeEventListener('error', this.onCrash);
    this.worker.removeEventListener('messageerror', this.onUnreadable);
    this.worker.terminate();
    this.listeners.clear();
  }

  get pendingRequests(): number {
    return this.pending.size;
  }

  /** Sends `command` with a fresh id; resolves with its answer, rejects on an error or the deadline. */
  private ask(command: CommandWithoutId): Promise<WorkerEvent> {
    return new Promise((resolve, reject) => {
      if (this.ended) {
        reject(new TrainerRequestError('The training worker has been shut down.'));
        return;
      }
      this.pending.add(this.post(command), command.type, resolve, reject);
    });
  }

  /** Posts `command` with the next id, moving its typed arrays' buffers rather than copying them. */
  private post(command: CommandWithoutId): number {
    const id = this.nextId++;
    const full: WorkerCommand = { ...command, id };
    this.worker.postMessage(full, transferablesOf(full));
    return id;
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
    if (data.type === 'pong') {
      this.heartbeat.pong(data.id);
      return;
    }
    this.settle(data);
    this.emit(data);
  };

  private readonly onCrash = (event: Event): void => {
    // Keep the browser from also logging the worker's uncaught error; the page reports it instead.
    event.preventDefault();
    const detail = 'message' in event && typeof event.message === 'string' ? event.message : '';
    this.fail(`The training worker crashed${detail ? `: ${detail.replace(/\.$/, '')}` : ''}.`);
  };

  private readonly onUnreadable = (): void => {
    this.fail('A message from the training worker could not be read.');
  };

  /** The worker cannot go on: every request fails, and listeners get one fatal error. */
  private fail(message: string): void {
    if (this.ended) return;
    this.end(message);
    this.emit({ type: 'error', scope: 'protocol', fatal: true, message });
  }

  private end(message: string): void {
    this.ended = true;
    this.heartbeat.stop();
    this.stopWatching?.();
    this.stopWatching = null;
    this.pending.rejectAll(message);
  }

  private settle(event: WorkerEvent): void {
    if (event.type === 'error' && event.fatal) this.pending.rejectAll(event.message);
    else this.pending.settle(event);
  }

  private emit(event: WorkerEvent | ClientEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
