// The requests the page has sent and not yet had answered, each with its deadline timer. An answer
// completes a request, an error with its id fails it, a progress event (a data load's) restarts its
// deadline; a passed deadline fails it and is reported through `onTimeout`.

import { COMMANDS } from '../protocol';
import type { WorkerCommandType, WorkerEvent } from '../protocol';

/** A request's own failure: the worker refused it, its deadline passed, or the worker is gone. */
export class TrainerRequestError extends Error {
  override name = 'TrainerRequestError';
}

interface PendingRequest {
  command: WorkerCommandType;
  timer: ReturnType<typeof setTimeout>;
  resolve: (event: WorkerEvent) => void;
  reject: (error: Error) => void;
}

export class PendingRequests {
  private readonly requests = new Map<number, PendingRequest>();

  constructor(
    private readonly deadlinesMs: Readonly<Record<WorkerCommandType, number>>,
    /** Called when a deadline passes, after the request was failed; returns the message used. */
    private readonly onTimeout: (id: number, command: WorkerCommandType) => string,
  ) {}

  get size(): number {
    return this.requests.size;
  }

  add(
    id: number,
    command: WorkerCommandType,
    resolve: (event: WorkerEvent) => void,
    reject: (error: Error) => void,
  ): void {
    this.requests.set(id, { command, timer: this.deadline(id, command), resolve, reject });
  }

  /** Completes, fails or extends the request `event` answers, if any. */
  settle(event: WorkerEvent): void {
    if (!('id' in event) || event.id === undefined) return;
    const request = this.requests.get(event.id);
    if (!request) return;
    const { answer, progress } = COMMANDS[request.command];
    const progressTypes: readonly string[] = progress;
    if (progressTypes.includes(event.type)) {
      clearTimeout(request.timer);
      request.timer = this.deadline(event.id, request.command);
      return;
    }
    if (event.type !== 'error' && event.type !== answer) return;
    clearTimeout(request.timer);
    this.requests.delete(event.id);
    if (event.type === 'error') request.reject(new TrainerRequestError(event.message));
    else request.resolve(event);
  }

  rejectAll(message: string): void {
    for (const request of this.requests.values()) {
      clearTimeout(request.timer);
      request.reject(new TrainerRequestError(message));
    }
    this.requests.clear();
  }

  private deadline(id: number, command: WorkerCommandType): ReturnType<typeof setTimeout> {
    return setTimeout(() => {
      const request = this.requests.get(id);
      if (!request) return;
      this.requests.delete(id);
      const message = this.onTimeout(id, command);
      request.reject(new TrainerRequestError(message));
    }, this.deadlinesMs[command]);
  }
}
