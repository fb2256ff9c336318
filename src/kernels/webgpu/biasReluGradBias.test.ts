import { describe, expect, it } from 'vitest';
import { biasGradGeometry } from './biasReluGradBias';

// [rows, channels] of bias gradients in training at batch 128 (rows = batch * height * width):
// alexnet-mini's conv1, conv2, conv3/conv4, conv5 and fc1/fc2, alexnet's conv1 (the most rows) and
// fc1/fc2, and two edge cases (one row; channels that fill no whole workgroup).
const SHAPES: [number, number][] = [
  [128 * 28 * 28, 16],
  [128 * 13 * 13, 32],
  [128 * 6 * 6, 48],
  [128 * 6 * 6, 32],
  [128, 256],
  [128 * 54 * 54, 96],
  [128, 4096],
  [1, 10],
  [300, 4100],
];

describe('biasGradGeometry', () => {
  it.each(SHAPES)(
    '%i rows x %i channels: every channel summed by one full workgroup',
    (rows, channels) => {
      const g = biasGradGeometry(rows, channels);
      // A workgroup is 256 invocations: lanes down the rows times channels across.
      expect(g.lanes * g.channelsPerGroup).toBe(256);
      expect(Number.isInteger(Math.log2(g.lanes))).toBe(true);
      expect(g.workgroups * g.channelsPerGroup).toBeGreaterThanOrEqual(channels);
      expect((g.workgroups - 1) * g.channelsPerGroup).toBeLessThan(channels);
      expect(g.serialRows * g.lanes).toBeGreaterThanOrEqual(rows);
    },
  );

  it('adds lanes until each sums at most 64 rows, up to the whole workgroup', () => {
    expect(biasGradGeometry(64, 8)).toMatchObject({ lanes: 1, serialRows: 64 });
    expect(biasGradGeometry(65, 8)).toMatchObject({ lanes: 2, serialRows: 33 });
    expect(biasGradGeometry(128 * 28 * 28, 16)).toMatchObject({ lanes: 256, serialRows: 392 });
  });
});
