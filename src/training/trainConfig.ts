// The worker's check of a TrainConfig before any tensor is made: the shared rules of
// src/protocol/configRules (the same the page's form and URL parser apply), thrown as one error.

import { configProblems, type ConfigContext, type TrainConfig } from '../protocol';

export class TrainConfigError extends Error {
  override name = 'TrainConfigError';
}

/** Throws a TrainConfigError naming the first broken rule. `available` = images loaded per split;
 * `limits`, when given, are the WebGPU adapter's. */
export function validateTrainConfig(
  config: TrainConfig,
  available: { train: number; test: number },
  limits?: ConfigContext['limits'],
): void {
  const [first] = configProblems(config, { available, limits });
  if (first) throw new TrainConfigError(first.message);
}
