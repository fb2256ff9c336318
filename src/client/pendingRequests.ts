// The requests the page has sent and not yet had answered, each with its deadline timer. An answer
// completes a request, an error with its id fails it, a progress event restarts its deadline (and
// reaches the caller); a passed deadline fails it and is reported through `onTimeout`. A request
// its caller gave up (cancelled) is forgotten, and so is whatever the worker says of it later.

import { COMMANDS } from '../protocol';
import type { CommandName, ErrorScope, WorkerEvent } from '../protocol';

/** Why a request failed: the worker refused it (its error's scope says which part), its deadline
 * passed, its caller cancelled it, or the worker is gone. */
export type RequestFailure = 'refused' | 'timedOut' | 'cancelled' | 'ended';

/** A request's own failure. */
export class TrainerRequestError extends Error {
  override name = 'TrainerRequestError';

  constructor(
    message: string,
    readonly failure: RequestFailure = 'refused',
    /** The worker's `scope` for a refusal. */
    readonly scope: ErrorScope | null = null,
  ) {
    super(message);
  }
}

interface PendingRequest {
  command: CommandName;
  timer: ReturnType<typeof setTimeout>;
  resolve: (event: WorkerEvent) => void;
  reject: (error: Error) => void;
  onProgress?: (event: WorkerEvent) => void;
}

export class PendingRequests {
  private readonly requests = new Map<number, PendingRequest>();
  /** Cancelled requests whose answer may still come: it is dropped when it does. */
  private readonly cancelled = new Set<number>();

  constructor(
    private readonly deadlinesMs: Readonly<Record<CommandName, number>>,
    /** Called when a deadline passes, before the request is failed; returns the message used. */
    private readonly onTimeout: (id: number, command: CommandName) => string,
  ) {}

  get size(): number {
    return this.requests.size;
  }

  add(id: number, command: CommandName, request: Omit<PendingRequest, 'command' | 'timer'>): void {
    this.requests.set(id, { ...request, command, timer: this.deadline(id, command) });
  }

  /** Fails request `id` as its caller's choice; its later answer is dropped. */
  cancel(id: number, message: string): void {
    const request = this.requests.get(id);
    if (!request) return;
    clearTimeout(request.timer);
    this.requests.delete(id);
    this.cancelled.add(id);
    request.reject(new TrainerRequestError(message, 'cancelled'));
  }

  /**
   * Completes, fails or extends the request `event` answers. True when the event was its
   * request's business (the caller has it, or gave it up); false when no one waits for it.
   */
  settle(event: WorkerEvent): boolean {
    if (!('id' in event) || event.id === undefined) return false;
    if (this.cancelled.has(event.id)) {
      if (this.isFinal(event, null)) this.cancelled.delete(event.id);
      return true;
    }
    const request = this.requests.get(event.id);
    if (!request) return false;
    const progress: readonly string[] = COMMANDS[request.command].progress;
    if (progress.includes(event.type)) {
      clearTimeout(request.timer);
      request.timer = this.deadline(event.id, request.command);
      request.onProgress?.(event);
      return true;
    }
    if (!this.isFinal(event, request.command)) return false;
    clearTimeout(request.timer);
    this.requests.delete(event.id);
    if (event.type === 'error') {
      request.reject(new TrainerRequestError(event.message, 'refused', event.scope));
    } else {
      request.resolve(event);
    }
    return true;
  }

  rejectAll(message: string): void {
    for (const request of this.requests.values()) {
      clearTimeout(request.timer);
      request.reject(new TrainerRequestError(message, 'ended'));
    }
    this.requests.clear();
  }

  /** An error, or the answer of `command` (any answer, where the command is no longer known). */
  private isFinal(event: WorkerEvent, command: CommandName | null): boolean {
    if (event.type === 'error') return true;
    if (command) return event.type === COMMANDS[command].answer;
    return Object.values(COMMANDS).some((spec) => spec.answer === event.type);
  }

  private deadline(id: number, command: CommandName): ReturnType<typeof setTimeout> {
    return setTimeout(() => {
      const request = this.requests.get(id);
      if (!request) return;
      this.requests.delete(id);
      const message = this.onTimeout(id, command);
      request.reject(new TrainerRequestError(message, 'timedOut'));
    }, this.deadlinesMs[command]);
  }
}
