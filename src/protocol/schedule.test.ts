import { describe, expect, it } from 'vitest';
import { learningRateAt, type ScheduleSettings } from './schedule';

// 5 epochs of 468 steps (60,000 images at batch 128, ragged tail dropped), as the presets train.
const TOTAL = 2340;
const ONE_CYCLE: ScheduleSettings = {
  schedule: 'one-cycle',
  learningRate: 0.003,
  warmupShare: 0.3,
};
const COSINE: ScheduleSettings = { ...ONE_CYCLE, schedule: 'cosine' };

/** Within `digits` significant digits of `expected`: the values span 1e-9 to 3e-3. */
function expectRelative(actual: number, expected: number, digits = 12) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 10 ** -digits);
}

describe('learningRateAt', () => {
  it('keeps a constant rate constant', () => {
    const constant = { ...ONE_CYCLE, schedule: 'constant' } as const;
    expect([0, 1000, TOTAL - 1].map((s) => learningRateAt(constant, s, TOTAL))).toEqual([
      0.003, 0.003, 0.003,
    ]);
  });

  it("one-cycle: OneCycleLR's landmarks, derived from its definition", () => {
    const at = (step: number) => learningRateAt(ONE_CYCLE, step, TOTAL);
    // Starts at max_lr / div_factor (25), peaks at step pct_start * total - 1 = 701, and ends at
    // step total - 1 on initial_lr / final_div_factor (1e4).
    expectRelative(at(0), 0.003 / 25);
    expect(at(701)).toBe(0.003);
    expectRelative(at(TOTAL - 1), 0.003 / 25 / 1e4);
    // Rises before the peak, falls after it.
    expect(at(700)).toBeLessThan(at(701));
    expect(at(702)).toBeLessThan(at(701));
    // Halfway through the fall (701 + 1638 / 2 = 1520) a cosine is at the mean of its ends.
    expectRelative(at(1520), (0.003 + 0.003 / 25 / 1e4) / 2);
  });

  it('one-cycle: the values torch 1.13 gives at chosen steps', () => {
    // OneCycleLR(max_lr=0.003, total_steps=2340, pct_start=0.3, anneal_strategy='cos',
    // cycle_momentum=False), optimizer.param_groups[0]['lr'] before optimizer step k, read once
    // with Debian's python3-torch.
    const torch: [number, number][] = [
      [1, 0.00012001446090519757],
      [350, 0.0015567732598892243],
      [702, 0.0029999972411293204],
      [1000, 0.0027600398445706185],
      [2000, 0.0003060513079127301],
    ];
    for (const [step, lr] of torch) expectRelative(learningRateAt(ONE_CYCLE, step, TOTAL), lr);
  });

  it("cosine: CosineAnnealingLR(T_max = all steps)'s values", () => {
    const at = (step: number) => learningRateAt(COSINE, step, TOTAL);
    expect(at(0)).toBe(0.003);
    expectRelative(at(TOTAL / 2), 0.0015);
    expectRelative(at(TOTAL / 4), (0.003 * (1 + Math.SQRT1_2)) / 2);
    // torch 1.13's (it steps a recursive form; the closed form agrees to 1e-10 relative).
    const torch: [number, number][] = [
      [1, 0.0029999986481477484],
      [701, 0.0023833063153031104],
      [2000, 0.0001535794085414786],
      [2339, 1.3518522516409124e-9],
    ];
    for (const [step, lr] of torch) expectRelative(at(step), lr, 10);
  });

  it('stays finite where a one-cycle phase has no length (runs of one or two steps)', () => {
    for (const warmupShare of [0, 0.5, 1]) {
      for (const total of [1, 2]) {
        for (let step = 0; step < total; step++) {
          const lr = learningRateAt({ ...ONE_CYCLE, warmupShare }, step, total);
          expect(Number.isFinite(lr) && lr > 0 && lr <= 0.003).toBe(true);
        }
      }
    }
  });
});
