import { describe, expect, it } from 'vitest';
import { describeNamedModel, MODEL_SPECS } from '../../../model/architecture';
import { MODEL_NAMES } from '../../../protocol';
import { BIAS_RELU_CASES, RELU_LAYER_SHAPES } from './biasRelu.cases';

describe("biasRelu's cases", () => {
  it('cover the output shape of every conv and ReLU dense layer of both models', () => {
    const listed = new Map(RELU_LAYER_SHAPES.map(([label, shape]) => [label, [...shape]]));
    for (const name of MODEL_NAMES) {
      const spec = MODEL_SPECS[name];
      describeNamedModel(name).rows.forEach((row, i) => {
        const layer = spec.layers[i];
        const relu = layer?.kind === 'conv' || (layer?.kind === 'dense' && layer.relu);
        if (relu) expect(listed.get(`${name} ${row.name}`), row.name).toEqual(row.outputShape);
      });
    }
    expect(BIAS_RELU_CASES.length).toBeGreaterThan(RELU_LAYER_SHAPES.length * 2);
  });
});
