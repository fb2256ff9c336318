import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatCount,
  formatDuration,
  formatMegabytes,
  formatPercent,
} from './format';

describe('format helpers', () => {
  it('groups thousands in counts', () => {
    expect(formatCount(60000)).toBe('60,000');
    expect(formatCount(10000)).toBe('10,000');
  });

  it('formats fractions as percentages', () => {
    expect(formatPercent(0.8561)).toBe('85.6%');
    expect(formatPercent(1, 0)).toBe('100%');
  });

  it('formats durations across seconds, minutes and hours, and unknowns', () => {
    expect(formatDuration(4.6)).toBe('5 s');
    expect(formatDuration(125)).toBe('2 min 5 s');
    expect(formatDuration(7320)).toBe('2 h 2 min');
    expect(formatDuration(null)).toBe('…');
    expect(formatDuration(Infinity)).toBe('…');
  });

  it('formats sizes compactly', () => {
    expect(formatMegabytes(36_250_000)).toBe('36.3 MB');
    expect(formatCompact(46_764_746)).toBe('46.8 M');
    expect(formatCompact(163_000)).toBe('163 k');
    expect(formatCompact(937_000_000)).toBe('937 M');
    expect(formatCompact(950)).toBe('950');
  });
});
