import { describe, expect, it } from 'vitest';
import { scaleEach, scaleMagnitude } from './scaleEach';

describe('scaleEach', () => {
  it('maps each segment onto [0, 1] over its own range', () => {
    // Two 2x2 "filters": one spanning -0.2..0.2, one 1..4.
    const scaled = scaleEach([-0.2, 0, 0.1, 0.2, 1, 4, 2.5, 1], 2);
    const expected = [0, 0.5, 0.75, 1, 0, 1, 0.5, 0];
    scaled.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 6));
  });

  it('leaves a constant segment at 0 without touching the others', () => {
    expect([...scaleEach([3, 3, 0, 2], 2)]).toEqual([0, 0, 0, 1]);
  });

  it('refuses values that do not split evenly', () => {
    expect(() => scaleEach([1, 2, 3], 2)).toThrow(/3 values do not split into 2 equal parts/);
    expect(() => scaleEach([1, 2], 0)).toThrow(/equal parts/);
  });
});

describe('scaleMagnitude', () => {
  it('divides magnitudes by the largest', () => {
    expect([...scaleMagnitude([-4, 2, 0, 1])]).toEqual([1, 0.5, 0, 0.25]);
  });

  it('gives all zeros for an all-zero gradient', () => {
    expect([...scaleMagnitude([0, 0])]).toEqual([0, 0]);
  });
});
