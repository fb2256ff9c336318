// What an end-of-epoch checkpoint of a model takes, from the layer table: float32 weights, and with
// Adam's state two moments of the same size again. The worker says the same in CheckpointPlan once a
// run starts; this lets the page show it before.

import type { CheckpointMode, ModelName } from '../../protocol';
import { describeNamedModel } from '../../model/architecture';

export function checkpointBytes(model: ModelName, mode: CheckpointMode): number {
  const weights = describeNamedModel(model).totalParams * 4;
  if (mode === 'off') return 0;
  return mode === 'full' ? 3 * weights : weights;
}
