// A stand-in for the benchmark worker in KernelBenchRun's tests: records what it is sent and says
// what a test makes it say.

import type { KernelBenchCommand, KernelBenchEvent, KernelBenchUpdate } from '../../protocol';
import type { BenchWorker } from '../kernelBenchRun';

export class FakeBenchWorker implements BenchWorker {
  sent: KernelBenchCommand[] = [];
  terminated = false;
  private onMessage: ((event: MessageEvent<KernelBenchEvent>) => void) | null = null;
  private onError: ((event: ErrorEvent) => void) | null = null;

  postMessage(message: KernelBenchCommand): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<KernelBenchEvent>) => void,
  ): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  addEventListener(type: 'message' | 'error', listener: (event: never) => void): void {
    if (type === 'message')
      this.onMessage = listener as (e: MessageEvent<KernelBenchEvent>) => void;
    else this.onError = listener as (e: ErrorEvent) => void;
  }
  /** Posts `update` as the worker does, with the id of the run it was started for (or `id`). */
  say(update: KernelBenchUpdate, id = this.runId()): void {
    const data: KernelBenchEvent = { ...update, id };
    this.onMessage?.({ data } as MessageEvent<KernelBenchEvent>);
  }
  private runId(): number {
    const start = this.sent.find((m) => m.type === 'start');
    if (!start) throw new Error('The fake benchmark worker was never started.');
    return start.id;
  }
  crash(message: string): void {
    this.onError?.({ message, preventDefault: () => {} } as ErrorEvent);
  }
}
