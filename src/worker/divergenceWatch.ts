// A loss that becomes NaN or infinite stays so, and its weights answer NaN to everything: the run
// stops at the report that shows it, and those weights are never checkpointed, so the last good
// checkpoint stays the one to resume.

import type { EpochMetrics } from '../protocol';
import type { StepProgress } from '../engine';

export class DivergenceWatch {
  /** What went wrong, in words, once it has. */
  problem: string | null = null;

  constructor(private readonly stop: () => void) {}

  /** Checks a progress report; true when the run diverged (now or before). */
  progress(p: StepProgress): boolean {
    if (this.problem === null && !Number.isFinite(p.loss)) {
      this.diverged(`The loss became ${p.loss} in epoch ${p.epoch} (after ${p.imagesDone} images)`);
    }
    return this.problem !== null;
  }

  /** Checks an epoch's metrics; true when the run diverged (now or before). */
  epoch(metrics: EpochMetrics): boolean {
    const loss = metrics.trainLoss + metrics.testLoss;
    if (this.problem === null && !Number.isFinite(loss)) {
      this.diverged(`The loss became ${loss} in epoch ${metrics.epoch}`);
    }
    return this.problem !== null;
  }

  /** The message for the page: where it happened and what is kept. */
  message(keptEpoch: number): string {
    const kept = keptEpoch > 0 ? `The checkpoint of epoch ${keptEpoch} is kept. ` : '';
    return `${this.problem ?? 'The loss diverged'}: the run stopped there. ${kept}Lower the learning rate and train again.`;
  }

  private diverged(problem: string): void {
    this.problem = problem;
    this.stop();
  }
}
