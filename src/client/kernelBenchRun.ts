// One "Benchmark this GPU" run on its own worker: the start message, the worker's events handed to
// the page's reducer, Stop, and the two limits that keep the page's controls usable when the worker
// goes silent. A Stop the worker does not answer within STOP_GRACE_MS ends the worker; so does a run
// still going at its deadline (twice its budget plus DEADLINE_SLACK_S: a row begun finishes its
// round past the budget, and a round of alexnet's rows can take a minute on a software adapter).
// No React here: useKernelBench owns one at a time.

import type { KernelBenchCommand, KernelBenchEvent, KernelBenchRequest } from '../protocol';
import type { KernelBenchAction } from './kernelBenchState';

/** A call in flight can be long on a slow adapter: after this, Stop ends the worker itself. */
export const STOP_GRACE_MS = 5000;
/** What a run may take past twice its budget before it is stopped as hung. */
export const DEADLINE_SLACK_S = 120;

/** When a run that asked for `request` is taken as hung, in ms after its start. */
export const kernelBenchDeadlineMs = (request: KernelBenchRequest): number =>
  (2 * request.budgetSeconds + DEADLINE_SLACK_S) * 1000;

/** The parts of a Worker a run uses (a fake one in tests). */
export interface BenchWorker {
  postMessage(message: KernelBenchCommand): void;
  terminate(): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<KernelBenchEvent>) => void,
  ): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

export class KernelBenchRun {
  private ended = false;
  private stopTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly deadlineTimer: ReturnType<typeof setTimeout>;

  constructor(
    private readonly worker: BenchWorker,
    request: KernelBenchRequest,
    private readonly dispatch: (action: KernelBenchAction) => void,
  ) {
    dispatch({ type: 'start', request });
    worker.addEventListener('message', (event) => {
      if (this.ended) return;
      dispatch(event.data);
      if (event.data.type === 'finished' || event.data.type === 'failed') this.end();
    });
    worker.addEventListener('error', (event) => {
      if (this.ended) return;
      event.preventDefault();
      dispatch({ type: 'lost', message: `The benchmark worker failed: ${event.message}` });
      this.end();
    });
    this.deadlineTimer = setTimeout(
      () =>
        this.stop(
          `Stopped: the benchmark was still running ${kernelBenchDeadlineMs(request) / 1000} s ` +
            `after its start (budget ${request.budgetSeconds} s), and did not answer Stop.`,
        ),
      kernelBenchDeadlineMs(request),
    );
    worker.postMessage({ type: 'start', request });
  }

  /** Asks the worker to end after its call in flight; ends it if it has not answered in time. */
  stop(unanswered = 'Stopped: the call in flight did not end in time.'): void {
    if (this.ended || this.stopTimer !== undefined) return;
    this.dispatch({ type: 'stop' });
    this.worker.postMessage({ type: 'stop' });
    this.stopTimer = setTimeout(() => {
      if (this.ended) return;
      this.dispatch({ type: 'lost', message: unanswered });
      this.end();
    }, STOP_GRACE_MS);
  }

  /** Ends the worker and every timer; nothing it says afterwards reaches the page. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.stopTimer);
    clearTimeout(this.deadlineTimer);
    this.worker.terminate();
  }
}
