// When the training loop reads its GPU sums (loss, correct count) back to the CPU. Each read is a
// GPU->CPU sync that stalls the queue, so fast steps are read in groups; slow ones are read every step.

/** Aim for about one read (and one progress report) every half second... */
export const REPORT_TARGET_MS = 500;
/** ...but never more than this many steps apart: it bounds how far the CPU queues work ahead of
 * the GPU, and so how long a pause or stop waits. */
export const MAX_STEPS_BETWEEN_READS = 20;

/**
 * Counts the steps since the last read and says when the next one is due. After each read the gap
 * is set from the measured time per step: round(500 ms / step time), between 1 and 20. A step
 * slower than ~1/3 s (where 500 / step time rounds to 1: alexnet on most machines, anything on a
 * software adapter) is read every step.
 */
export class ReadCadence {
  private readEvery = 1;
  private stepsSinceRead = 0;
  private windowStart = 0;

  /** Call as a step starts: the first step after a read opens the timing window. */
  stepStarting(now: number): void {
    if (this.stepsSinceRead === 0) this.windowStart = now;
  }

  stepDone(): void {
    this.stepsSinceRead += 1;
  }

  /** True when the sums should be read now; the epoch's last step is always read. */
  readDue(isLastStep: boolean): boolean {
    return this.stepsSinceRead > 0 && (this.stepsSinceRead >= this.readEvery || isLastStep);
  }

  /** Steps covered by the read about to be reported. */
  get pendingSteps(): number {
    return this.stepsSinceRead;
  }

  /** Call when a read came back: sets the next gap from the time the window's steps took. */
  readDone(now: number): void {
    const msPerStep = (now - this.windowStart) / Math.max(1, this.stepsSinceRead);
    const steps =
      msPerStep > 0 ? Math.round(REPORT_TARGET_MS / msPerStep) : MAX_STEPS_BETWEEN_READS;
    this.readEvery = Math.max(1, Math.min(MAX_STEPS_BETWEEN_READS, steps));
    this.stepsSinceRead = 0;
  }
}
