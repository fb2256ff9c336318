import { describe, expect, it } from 'vitest';
import { applyPreset, REFERENCE_CONFIG, REFERENCE_LOG, type EpochMetrics } from '../../protocol';
import {
  learningRateCurve,
  learningRateSummary,
  referenceMargin,
  runSteps,
} from './learningRateCurve';

const BEAT = applyPreset({ ...REFERENCE_CONFIG, model: 'alexnet-mini' }, 'beat-the-reference');

describe('learningRateCurve', () => {
  it('spans the run in epochs and peaks where the warm-up ends', () => {
    expect(runSteps(BEAT)).toBe(468 * 5);
    const curve = learningRateCurve(BEAT, 100);
    expect(curve).toHaveLength(101);
    expect(curve[0]!.x).toBe(0);
    expect(curve[0]!.y).toBeCloseTo(0.003 / 25, 12);
    expect(curve.at(-1)!.x).toBe(5);
    const peak = curve.reduce((a, b) => (b.y > a.y ? b : a));
    expect(peak.x).toBeCloseTo(0.3 * 5, 1);
    expect(peak.y).toBeCloseTo(0.003, 5);
  });

  it("draws the last step's rate to the run's end, with one step an epoch too", () => {
    const oneStepAnEpoch = { ...REFERENCE_CONFIG, trainImages: 10, batchSize: 10 };
    expect(runSteps(oneStepAnEpoch)).toBe(5);
    const curve = learningRateCurve(oneStepAnEpoch, 100);
    expect(curve.at(-1)).toEqual({ x: 5, y: 0.001 });
    expect(curve.every((p) => p.y === 0.001)).toBe(true);
    const cosine = learningRateCurve({ ...oneStepAnEpoch, schedule: 'cosine' }, 10);
    // Two samples an epoch: each step's rate holds from its start to the next step's.
    expect(cosine[0]!.y).toBe(cosine[1]!.y);
    expect(cosine[9]!.y).toBe(cosine[10]!.y);
    expect(cosine[10]!.y).toBeLessThan(cosine[0]!.y);
  });

  it('says the schedule in words', () => {
    expect(learningRateSummary(REFERENCE_CONFIG)).toBe('Learning rate: constant at 0.001.');
    expect(learningRateSummary(BEAT)).toBe(
      'Learning rate: one cycle, from 0.00012 up to 0.003 at epoch 1.5, then down to 1.2e-8 at the last step.',
    );
  });
});

describe('referenceMargin', () => {
  const epoch = (n: number, testAccuracy: number) => ({ epoch: n, testAccuracy }) as EpochMetrics;

  it("is the test accuracy less the reference run's at the same epoch", () => {
    const fifth = REFERENCE_LOG[4]!.testAccuracy;
    expect(referenceMargin(epoch(5, fifth + 0.004))).toBeCloseTo(0.004, 9);
    expect(referenceMargin(epoch(1, 0.85))).toBeCloseTo(0.85 - REFERENCE_LOG[0]!.testAccuracy, 9);
    expect(referenceMargin(epoch(6, 0.95))).toBeNull();
  });
});
