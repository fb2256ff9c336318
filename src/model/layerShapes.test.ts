import { describe, expect, it } from 'vitest';
import { convLayerShapes, denseLayerShapes } from './layerShapes';

describe('layer shapes', () => {
  it("gives alexnet's conv layers the shapes of the reference network", () => {
    const convs = convLayerShapes('alexnet');
    expect(convs.map((c) => c.layer)).toEqual(['conv1', 'conv2', 'conv3', 'conv4', 'conv5']);
    expect(convs[0]).toMatchObject({
      input: [224, 224, 1],
      filter: [11, 11, 1, 96],
      stride: 4,
      pad: 'valid',
      output: [54, 54, 96],
    });
    expect(convs[1]).toMatchObject({ input: [26, 26, 96], filter: [5, 5, 96, 256], pad: 'same' });
    expect(convs[4]).toMatchObject({ input: [12, 12, 384], filter: [3, 3, 384, 256] });
  });

  it("gives alexnet-mini's layers their 28x28 shapes, and the dense layers' sizes", () => {
    expect(convLayerShapes('alexnet-mini').map((c) => [c.input, c.filter])).toEqual([
      [
        [28, 28, 1],
        [5, 5, 1, 16],
      ],
      [
        [13, 13, 16],
        [5, 5, 16, 32],
      ],
      [
        [6, 6, 32],
        [3, 3, 32, 48],
      ],
      [
        [6, 6, 48],
        [3, 3, 48, 48],
      ],
      [
        [6, 6, 48],
        [3, 3, 48, 32],
      ],
    ]);
    expect(denseLayerShapes('alexnet').map((d) => [d.inputs, d.units])).toEqual([
      [6400, 4096],
      [4096, 4096],
      [4096, 10],
    ]);
    expect(denseLayerShapes('alexnet-mini').map((d) => [d.inputs, d.units])).toEqual([
      [128, 256],
      [256, 256],
      [256, 10],
    ]);
  });

  it('marks the ReLU dense layers and the dropout after fc1 and fc2', () => {
    for (const model of ['alexnet', 'alexnet-mini'] as const) {
      expect(denseLayerShapes(model).map((d) => [d.layer, d.relu, d.dropoutRate])).toEqual([
        ['fc1', true, 0.5],
        ['fc2', true, 0.5],
        ['fc3', false, undefined],
      ]);
    }
  });
});
