import { describe, expect, it } from 'vitest';
import { checkpointBytes } from './checkpointSizes';

describe('checkpoint sizes', () => {
  it('is about 560 MB for alexnet with Adam, a third of that for its weights alone', () => {
    // 46,764,746 parameters (README): 4 bytes each, times 3 with Adam's two moments.
    expect(checkpointBytes('alexnet', 'full')).toBe(46_764_746 * 12);
    expect(checkpointBytes('alexnet', 'weights')).toBe(46_764_746 * 4);
    expect(checkpointBytes('alexnet-mini', 'off')).toBe(0);
  });
});
