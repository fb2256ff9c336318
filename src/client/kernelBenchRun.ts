// One "Benchmark this GPU" run on its own worker: the start message with the run's id, the worker's
// events for that id handed to the page's reducer, Stop, and the two limits that keep the page's
// controls usable when the worker goes silent (both declared in protocol/performance.ts): a Stop
// the worker does not answer within its grace ends the worker, and so does a run still going at
// its deadline. No React here: useKernelBench owns one at a time.

import type { KernelBenchCommand, KernelBenchEvent, KernelBenchRequest } from '../protocol';
import { KERNEL_BENCH_STOP_GRACE_MS, kernelBenchDeadlineMs } from '../protocol';
import type { KernelBenchAction } from './kernelBenchState';

/** The last run's id: each run's is one more. A run has a worker of its own today, so the id is
 * what makes each message say which run it belongs to, and a run take only its own should a worker
 * ever serve two. */
let lastRunId = 0;

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
  readonly id = ++lastRunId;
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
      const { id, ...update } = event.data;
      if (this.ended || id !== this.id) return;
      dispatch(update);
      if (update.type === 'finished' || update.type === 'failed') this.end();
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
    worker.postMessage({ type: 'start', id: this.id, request });
  }

  /** Asks the worker to end after its call in flight; ends it if it has not answered in time. */
  stop(unanswered = 'Stopped: the call in flight did not end in time.'): void {
    if (this.ended || this.stopTimer !== undefined) return;
    this.dispatch({ type: 'stop' });
    this.worker.postMessage({ type: 'stop', id: this.id });
    this.stopTimer = setTimeout(() => {
      if (this.ended) return;
      this.dispatch({ type: 'lost', message: unanswered });
      this.end();
    }, KERNEL_BENCH_STOP_GRACE_MS);
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
