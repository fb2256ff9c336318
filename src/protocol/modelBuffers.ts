// The two numbers per network that decide whether a batch fits the GPU's per-buffer limits: the
// largest activation of one image (every activation grows with the batch) and the largest weight
// tensor (which does not). Copied here as data so the page's form, the URL parser and the worker can
// share one buffer-limit rule without the layer table (src/model may not be imported by protocol);
// src/model/modelBuffers.test.ts recomputes both from the layer table, so they cannot drift.

import type { ModelName } from './training';

export interface BufferNeed {
  /** The layer, e.g. "conv1", or "fc1 weights" for a kernel (Adam's two moments are the same size). */
  layer: string;
  bytes: number;
}

export interface ModelBufferSizes {
  /** The largest per-image activation, the resized input included, in float32 bytes. */
  perImage: BufferNeed;
  /** The largest kernel (biases apart), in float32 bytes, whatever the batch. */
  weights: BufferNeed;
}

export const MODEL_BUFFERS: Readonly<Record<ModelName, ModelBufferSizes>> = {
  // conv1: 54 x 54 x 96 floats; fc1: 6400 x 4096 floats.
  alexnet: {
    perImage: { layer: 'conv1', bytes: 54 * 54 * 96 * 4 },
    weights: { layer: 'fc1 weights', bytes: 6400 * 4096 * 4 },
  },
  // conv1: 28 x 28 x 16 floats; fc2: 256 x 256 floats.
  'alexnet-mini': {
    perImage: { layer: 'conv1', bytes: 28 * 28 * 16 * 4 },
    weights: { layer: 'fc2 weights', bytes: 256 * 256 * 4 },
  },
};

/** The biggest single buffer one training step of `model` at `batchSize` needs. */
export function largestBuffer(model: ModelName, batchSize: number): BufferNeed {
  const { perImage, weights } = MODEL_BUFFERS[model];
  const activation = { layer: perImage.layer, bytes: batchSize * perImage.bytes };
  return weights.bytes > activation.bytes ? weights : activation;
}
