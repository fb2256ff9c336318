// The page's handle on the training worker. `call(name, args)` sends any command of the table
// (src/protocol/commands.ts) and returns a promise of its answer, with the command's deadline and
// the caller's AbortSignal; what no request waits for (the run's events, errors of no request,
// answers that came after their deadline) reaches the listeners. A heartbeat tells a slow worker
// from an unresponsive one (heartbeat.ts), and a Web Lock tells the page at once when the worker
// has died (deathWatch.ts). What the client itself observes reaches listeners as `client/...` events.

import { isWorkerEvent, transferablesOf } from '../protocol';
import type {
  CommandAnswer,
  CommandArgs,
  CommandName,
  CommandProgress,
  WorkerCommand,
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
  | { type: 'client/answering' };

export type TrainerListener = (event: WorkerEvent | ClientEvent) => void;

export { TrainerRequestError, type RequestFailure } from './pendingRequests';

export interface CallOptions<K extends CommandName> {
  /** Aborting it fails the request at once ('cancelled'); the worker's later answer is dropped. */
  signal?: AbortSignal;
  /** The command's progress events (a data load's), as they come. */
  onProgress?: (event: CommandProgress<K>) => void;
}

export interface TrainerClientOptions {
  /** Web Locks for the death watch; null turns it off. Defaults to the browser's. */
  locks?: LockRequester | null;
  heartbeat?: HeartbeatTiming;
  deadlinesMs?: Partial<Record<CommandName, number>>;
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
      (_id, command) =>
        timeoutMessage(command, this.heartbeat.isSilent && this.stopWatching !== null),
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
    void this.call('attach', { lifeLock: name }).then(
      (event) => {
        if (!event.lifeLockHeld || !name || !this.locks) return;
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

  /**
   * Sends command `name` with `args`; resolves with its answer, rejects with a TrainerRequestError
   * when the worker refuses it, its deadline passes, `signal` aborts it, or the worker is gone.
   * Typed arrays in `args` are transferred, not copied.
   */
  call<K extends CommandName>(
    name: K,
    args: CommandArgs<K>,
    { signal, onProgress }: CallOptions<K> = {},
  ): Promise<CommandAnswer<K>> {
    return new Promise((resolve, reject) => {
      if (this.ended) {
        reject(new TrainerRequestError('The training worker has been shut down.', 'ended'));
        return;
      }
      if (signal?.aborted) {
        reject(new TrainerRequestError('The request was cancelled.', 'cancelled'));
        return;
      }
      // Only `name`'s answer and progress events settle this id (PendingRequests checks the
      // table), so the events handed on are the types the table gives them.
      const id = this.post({ ...args, type: name });
      this.pending.add(id, name, {
        resolve: resolve as (event: WorkerEvent) => void,
        reject,
        onProgress: onProgress as ((event: WorkerEvent) => void) | undefined,
      });
      signal?.addEventListener(
        'abort',
        () => this.pending.cancel(id, 'The request was cancelled.'),
        {
          once: true,
        },
      );
    });
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

  /** Posts `command` with the next id, moving its typed arrays' buffers rather than copying them. */
  private post(command: Omit<WorkerCommand, 'id'>): number {
    const id = this.nextId++;
    const full = { ...command, id } as WorkerCommand;
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
    if (data.type === 'error' && data.fatal) {
      // Every request fails with it, and the listeners hear it once.
      this.pending.rejectAll(data.message);
      this.emit(data);
      return;
    }
    // An answer goes to its caller; what no request waits for goes to the listeners.
    if (!this.pending.settle(data)) this.emit(data);
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

  private emit(event: WorkerEvent | ClientEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
