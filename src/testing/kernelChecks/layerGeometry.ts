// The models' conv layers as the filter-gradient kernel sees them, at a given batch: for the
// geometry test and the kernel benchmark's launch columns.

import type { FilterGradientShape } from '../../kernels/webgpu/filterGradientGeometry';
import { convLayerShapes } from '../../model/layerShapes';
import { MODEL_NAMES, type ModelName } from '../../protocol';

export interface LayerFilterGradient {
  model: ModelName;
  layer: string;
  shape: FilterGradientShape;
}

export function filterGradientLayers(batch: number, models = MODEL_NAMES): LayerFilterGradient[] {
  return models.flatMap((model) =>
    convLayerShapes(model).map(({ layer, filter, output }) => ({
      model,
      layer,
      shape: {
        batchSize: batch,
        inChannels: filter[2],
        outHeight: output[0],
        outWidth: output[1],
        outChannels: filter[3],
        filterHeight: filter[0],
        filterWidth: filter[1],
      },
    })),
  );
}
