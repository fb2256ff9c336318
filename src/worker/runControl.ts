// Pause, resume and stop for one training run, as the TrainingControl the trainer polls between steps.

import type { TrainingControl } from '../engine';

export class RunControl implements TrainingControl {
  private stopRequested = false;
  private pauseRequested = false;
  private wakers: (() => void)[] = [];

  constructor(private readonly checkBackend?: () => void) {}

  get isPaused(): boolean {
    return this.pauseRequested && !this.stopRequested;
  }

  shouldStop(): boolean {
    return this.stopRequested;
  }

  waitIfPaused(): Promise<void> {
    if (!this.isPaused) return Promise.resolve();
    return new Promise((resolve) => this.wakers.push(resolve));
  }

  throwIfBackendFailed(): void {
    this.checkBackend?.();
  }

  pause(): void {
    this.pauseRequested = true;
  }

  resume(): void {
    this.pauseRequested = false;
    this.wake();
  }

  /** Also ends a pause: the run wakes up, sees the stop and finishes. */
  stop(): void {
    this.stopRequested = true;
    this.wake();
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }
}
