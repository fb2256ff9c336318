// The weights each network has, by name and shape, from its spec alone (no tfjs, nothing allocated):
// what a model file must hold to be one of this app's networks. tfjs names a layer's weights
// `<layer>/kernel` and `<layer>/bias`; conv kernels are [k, k, in, out], dense ones [in, out].

import type { ModelName } from '../protocol';
import { describeModel, MODEL_SPECS } from './architecture';

export interface WeightShape {
  name: string;
  shape: number[];
}

export function expectedWeights(name: ModelName): WeightShape[] {
  const spec = MODEL_SPECS[name];
  const { rows } = describeModel(spec, spec.sourceSize);
  const weights: WeightShape[] = [];
  spec.layers.forEach((layer, i) => {
    const input = rows[i - 1]?.outputShape ?? [spec.sourceSize, spec.sourceSize, 1];
    if (layer.kind === 'conv') {
      const channels = input.at(-1) ?? 1;
      weights.push(
        {
          name: `${layer.name}/kernel`,
          shape: [layer.kernel, layer.kernel, channels, layer.filters],
        },
        { name: `${layer.name}/bias`, shape: [layer.filters] },
      );
    } else if (layer.kind === 'dense') {
      const inputs = input.reduce((a, b) => a * b, 1);
      weights.push(
        { name: `${layer.name}/kernel`, shape: [inputs, layer.units] },
        { name: `${layer.name}/bias`, shape: [layer.units] },
      );
    }
  });
  return weights;
}
