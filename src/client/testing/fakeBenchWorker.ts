// A stand-in for the benchmark worker in KernelBenchRun's tests: records what it is sent and says
// what a test makes it say.

import type { KernelBenchCommand, KernelBenchEvent } from '../../protocol';
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
  say(data: KernelBenchEvent): void {
    this.onMessage?.({ data } as MessageEvent<KernelBenchEvent>);
  }
  crash(message: string): void {
    this.onError?.({ message, preventDefault: () => {} } as ErrorEvent);
  }
}
