import { describe, expect, it } from 'vitest';
import { dropThreshold, dropoutWord, philox2x32 } from './philox';

describe('Philox2x32-10', () => {
  // Random123's known-answer vectors (kat_vectors): counter, key -> output.
  it.each([
    [[0x00000000, 0x00000000], 0x00000000, [0xff1dae59, 0x6cd10df2]],
    [[0xffffffff, 0xffffffff], 0xffffffff, [0x2c3f628b, 0xab4fd7ad]],
    [[0x243f6a88, 0x85a308d3], 0x13198a2e, [0xdd7ce038, 0xf62a4c12]],
  ] as const)(
    'maps counter %j under key %i to Random123 known answer',
    (counter, key, expected) => {
      expect(philox2x32(counter[0], counter[1], key)).toEqual(expected);
    },
  );

  it('gives element i of a mask the first word of counter (i, 0) under the seed', () => {
    expect(dropoutWord(0, 0)).toBe(0xff1dae59);
    expect(dropoutWord(0x243f6a88, 7)).toBe(philox2x32(0x243f6a88, 0, 7)[0]);
  });
});

describe('dropThreshold', () => {
  it('turns a rate into the integer a word must reach to keep its element', () => {
    expect(dropThreshold(0)).toBe(0);
    expect(dropThreshold(0.5)).toBe(2 ** 31);
    expect(dropThreshold(0.25)).toBe(2 ** 30);
    expect(dropThreshold(1 - 2 ** -40)).toBe(0xffffffff);
  });
});
