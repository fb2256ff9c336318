import { describe, expect, it } from 'vitest';
import {
  ArchitectureError,
  MODEL_SPECS,
  describeModel,
  describeNamedModel,
  outputSide,
} from './architecture';

describe('outputSide', () => {
  it('applies floor((W + 2P - K) / S) + 1', () => {
    expect(outputSide(224, 11, 4, 0)).toBe(54);
    expect(outputSide(54, 3, 2, 0)).toBe(26);
    expect(outputSide(26, 5, 1, 2)).toBe(26);
  });
});

describe('alexnet', () => {
  const { rows, totalParams } = describeNamedModel('alexnet');
  const side = (name: string) => rows.find((r) => r.name === name)?.outputShape[0];

  it('has the reference spatial sizes 54, 26, 26, 12, 12, 12, 12, 5 and 6400 flattened', () => {
    expect(
      ['conv1', 'pool1', 'conv2', 'pool2', 'conv3', 'conv4', 'conv5', 'pool3'].map(side),
    ).toEqual([54, 26, 26, 12, 12, 12, 12, 5]);
    expect(rows.find((r) => r.name === 'flatten')?.outputShape).toEqual([6400]);
    expect(rows.at(-1)?.outputShape).toEqual([10]);
  });

  it('has 46,764,746 parameters, as the PyTorch reference', () => {
    expect(totalParams).toBe(46_764_746);
  });

  it('needs about 0.94 GMAC per image forward', () => {
    const { totalMacs } = describeNamedModel('alexnet');
    expect(totalMacs / 1e9).toBeCloseTo(0.938, 2);
  });
});

describe('alexnet-mini', () => {
  it('goes 28 -> 13 -> 6 -> 2 through its three poolings, 128 features flattened', () => {
    const { rows, totalParams } = describeNamedModel('alexnet-mini');
    const shapes = Object.fromEntries(rows.map((r) => [r.name, r.outputShape]));
    expect(shapes.conv1).toEqual([28, 28, 16]);
    expect(shapes.pool1).toEqual([13, 13, 16]);
    expect(shapes.pool2).toEqual([6, 6, 32]);
    expect(shapes.pool3).toEqual([2, 2, 32]);
    expect(shapes.flatten).toEqual([128]);
    expect(totalParams).toBe(163_146);
  });
});

describe('describeModel errors', () => {
  it('names the layer whose window no longer fits instead of returning NaN or 0 shapes', () => {
    // AlexNet without its resize step, fed the raw 28x28 images: conv1's 11x11/4 gives 5x5, and the
    // third pooling no longer fits.
    const unresized = { layers: MODEL_SPECS.alexnet.layers.filter((l) => l.kind !== 'resize') };
    expect(() => describeModel(unresized, 28)).toThrow(ArchitectureError);
    expect(() => describeModel(unresized, 28)).toThrow(
      /pool2: a 3x3 window .* does not fit a 2x2 input/,
    );
    expect(() => describeModel(unresized, 8)).toThrow(/conv1: a 11x11 window/);
  });

  it('rejects a non-positive input size', () => {
    expect(() => describeModel(MODEL_SPECS['alexnet-mini'], 0)).toThrow(/positive integer/);
  });
});
