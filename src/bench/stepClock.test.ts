import { describe, expect, it } from 'vitest';
import { summariseSteps } from './stepClock';

describe('summariseSteps', () => {
  it('times the first step from the start and the rate from the warm-up on', () => {
    // Step 1 takes 2 s (compilation), then 10 images every 100 ms.
    const marks = [
      { imagesDone: 10, at: 2000, bytes: 100 },
      { imagesDone: 20, at: 2100, bytes: 300 },
      { imagesDone: 30, at: 2200, bytes: 200 },
      { imagesDone: 40, at: 2300, bytes: 200 },
    ];
    const timing = summariseSteps(0, marks, 20);
    expect(timing.firstStepMs).toBe(2000);
    expect(timing.imagesPerSec).toBeCloseTo(100, 6);
    expect(timing.peakBytes).toBe(300);
  });

  it('falls back to the first mark when reads were too sparse to skip the warm-up', () => {
    const marks = [
      { imagesDone: 10, at: 1000, bytes: 1 },
      { imagesDone: 50, at: 1400, bytes: 1 },
    ];
    expect(summariseSteps(0, marks, 30).imagesPerSec).toBeCloseTo(100, 6);
  });

  it('refuses to summarise a run in which no step finished', () => {
    expect(() => summariseSteps(0, [], 0)).toThrow(/No step finished/);
  });
});
