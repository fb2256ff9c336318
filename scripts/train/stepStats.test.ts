import { describe, expect, it } from 'vitest';
import { stepStats } from './stepStats';

describe('stepStats', () => {
  it('times the first step from the start and the rest between the first and last report', () => {
    const marks = [
      { imagesDone: 128, at: 5000, dispatches: 400 },
      { imagesDone: 256, at: 5100, dispatches: 750 },
      { imagesDone: 1408, at: 6000, dispatches: 4250 },
    ];
    expect(stepStats(1000, marks, 128, true)).toEqual({
      batchSize: 128,
      steps: 11,
      firstStepMs: 4000,
      imagesPerSec: 1280, // 1280 images in 1.0 s
      msPerStep: 100,
      dispatchesPerStep: 385, // 3850 dispatches over 10 steps
    });
  });

  it('has no rate from a single report, and leaves dispatches out when not counted', () => {
    const stats = stepStats(0, [{ imagesDone: 32, at: 900, dispatches: 0 }], 32, false);
    expect(stats).toMatchObject({ steps: 1, firstStepMs: 900 });
    expect(stats?.imagesPerSec).toBeNaN();
    expect(stats).not.toHaveProperty('dispatchesPerStep');
    expect(stepStats(0, [], 32, false)).toBeUndefined();
  });
});
