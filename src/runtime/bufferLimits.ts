// Predicts, before training starts, whether the largest tensor of a step fits the WebGPU device's
// per-buffer limits. Past them tfjs does not throw: buffer creation fails on the GPU side and the
// step silently computes garbage, so the check is made up front with a message naming the layer.

import type { AdapterLimits, ModelName } from '../protocol';
import { describeNamedModel, MODEL_SPECS } from '../model/architecture';

const BYTES_PER_FLOAT = 4;

export interface LargestActivation {
  layer: string;
  bytes: number;
}

/** The biggest per-batch activation of the model (the resized input counts as one). */
export function largestActivation(model: ModelName, batchSize: number): LargestActivation {
  const { rows } = describeNamedModel(model);
  const spec = MODEL_SPECS[model];
  let largest: LargestActivation = {
    layer: 'input',
    bytes: batchSize * spec.inputSize * spec.inputSize * BYTES_PER_FLOAT,
  };
  for (const row of rows) {
    const bytes = batchSize * row.outputShape.reduce((a, b) => a * b, 1) * BYTES_PER_FLOAT;
    if (bytes > largest.bytes) largest = { layer: row.name, bytes };
  }
  for (const row of rows) {
    // Kernels (and Adam's two moments, same size) live in buffers of their own; the bias is apart.
    if (row.params === 0) continue;
    const bytes = (row.params - (row.outputShape.at(-1) ?? 0)) * BYTES_PER_FLOAT;
    if (bytes > largest.bytes) largest = { layer: `${row.name} weights`, bytes };
  }
  return largest;
}

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/**
 * A message saying why `model` at `batchSize` cannot run within `limits`, with the largest batch
 * that would; null when it fits.
 */
export function bufferLimitProblem(
  model: ModelName,
  batchSize: number,
  limits: Pick<AdapterLimits, 'maxBufferSize' | 'maxStorageBufferBindingSize'>,
): string | null {
  const limit = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  const largest = largestActivation(model, batchSize);
  if (largest.bytes <= limit) return null;
  let fits = batchSize;
  while (fits > 1 && largestActivation(model, fits).bytes > limit) fits -= 1;
  const advice =
    largestActivation(model, fits).bytes <= limit
      ? `use a batch of ${fits} or less, or alexnet-mini`
      : 'use alexnet-mini';
  return (
    `${model} at batch ${batchSize} needs a ${mb(largest.bytes)} buffer (${largest.layer}), ` +
    `but this GPU allows ${mb(limit)} per buffer: ${advice}.`
  );
}
