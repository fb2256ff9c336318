import { describe, expect, it } from 'vitest';
import { describeNamedModel } from '../../model/architecture';
import { MODEL_NAMES } from '../../protocol';
import { benchLayers } from './opCases';
import { opFlop } from './opFlop';

describe('opFlop', () => {
  it.each(MODEL_NAMES)(
    "%s: each product's FLOP at batch 1 is twice the layer's forward multiply-adds in the architecture table",
    (model) => {
      const macs = new Map(describeNamedModel(model).rows.map((r) => [r.name, r.macs]));
      for (const layer of benchLayers(model)) {
        const ops =
          layer.kind === 'conv'
            ? ['forwardConv', 'convBiasRelu', 'inputGradient', 'filterGradient']
            : ['denseForward', 'denseInputGradient', 'denseWeightGradient'];
        for (const op of ops) {
          expect(opFlop(layer, op, 1), `${layer.shape.layer} ${op}`).toBe(
            2 * macs.get(layer.shape.layer)!,
          );
        }
      }
    },
  );

  it('grows with the batch and is null for ops that are not products', () => {
    const [conv1] = benchLayers('alexnet-mini');
    expect(opFlop(conv1!, 'filterGradient', 8)).toBe(8 * opFlop(conv1!, 'filterGradient', 1)!);
    expect(opFlop(conv1!, 'adam', 8)).toBeNull();
    expect(opFlop(conv1!, 'denseForward', 8)).toBeNull();
  });
});
