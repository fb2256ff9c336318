// The learning rate at each optimizer step, as PyTorch's schedulers compute it when stepped once per
// batch (torch/optim/lr_scheduler.py, closed forms). Pure numbers: the worker asks for one value a
// step and hands it to the fused Adam kernel; the page draws the same curve under the loss chart.

export type LrSchedule = 'constant' | 'cosine' | 'one-cycle';

export const LR_SCHEDULES: readonly LrSchedule[] = ['constant', 'cosine', 'one-cycle'];

/** OneCycleLR's defaults: it starts at peak / 25 and ends at peak / 25 / 1e4. */
export const ONE_CYCLE_DIV_FACTOR = 25;
export const ONE_CYCLE_FINAL_DIV_FACTOR = 1e4;

export interface ScheduleSettings {
  schedule: LrSchedule;
  /** The peak (constant: the only) learning rate. */
  learningRate: number;
  /** One-cycle only: OneCycleLR's pct_start, the share of the steps spent rising to the peak. */
  warmupShare: number;
}

/** OneCycleLR's 'cos' annealing: from `start` at pct 0 to `end` at pct 1 along half a cosine. */
function annealCos(start: number, end: number, pct: number): number {
  return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
}

/**
 * OneCycleLR(max_lr, total_steps, pct_start, anneal_strategy='cos', three_phase=False): a rise from
 * peak/25 to the peak over the first pct_start * total - 1 steps, then a fall to peak/25/1e4 at
 * step total - 1. PyTorch divides by zero where a phase has no length (a run of one or two steps);
 * here such a phase ends at once.
 */
function oneCycle(s: ScheduleSettings, step: number, totalSteps: number): number {
  const initial = s.learningRate / ONE_CYCLE_DIV_FACTOR;
  const min = initial / ONE_CYCLE_FINAL_DIV_FACTOR;
  const warmEnd = s.warmupShare * totalSteps - 1;
  const lastStep = totalSteps - 1;
  if (step <= warmEnd) return annealCos(initial, s.learningRate, warmEnd > 0 ? step / warmEnd : 1);
  const span = lastStep - warmEnd;
  return annealCos(s.learningRate, min, span > 0 ? (step - warmEnd) / span : 1);
}

/**
 * The learning rate of optimizer step `step` (0-based, counted over the whole run) of a run of
 * `totalSteps` steps: what PyTorch's optimizer uses when its scheduler has been stepped `step`
 * times. Cosine is CosineAnnealingLR(T_max = totalSteps, eta_min = 0).
 */
export function learningRateAt(s: ScheduleSettings, step: number, totalSteps: number): number {
  switch (s.schedule) {
    case 'constant':
      return s.learningRate;
    case 'cosine':
      return (s.learningRate * (1 + Math.cos((Math.PI * step) / totalSteps))) / 2;
    case 'one-cycle':
      return oneCycle(s, step, totalSteps);
    default:
      return s.schedule satisfies never;
  }
}

export function isLrSchedule(value: unknown): value is LrSchedule {
  return (LR_SCHEDULES as readonly unknown[]).includes(value);
}
