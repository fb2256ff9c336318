import { useState } from 'react';
import type { EpochMetrics } from '../../protocol';

export interface EvaluatedEpoch {
  /** The epochs with a per-class evaluation, in order. */
  evaluated: readonly EpochMetrics[];
  /** The epoch shown: the one picked, else the latest (undefined before the first). */
  epoch: EpochMetrics | undefined;
  /** The evaluated epoch before it, for the per-class comparison. */
  previous: EpochMetrics | undefined;
  /** True while the view follows the latest epoch. */
  following: boolean;
  /** Picks an epoch; null follows the latest again. */
  select: (epoch: number | null) => void;
}

/**
 * The epoch the confusion matrix and the per-class accuracy show, chosen in the matrix's selector:
 * the latest unless another is picked. A pick belongs to its run, so a new run starts over at its
 * latest epoch.
 */
export function useEvaluatedEpoch(
  epochs: readonly EpochMetrics[],
  modelId: number | null,
): EvaluatedEpoch {
  const [choice, setChoice] = useState<{ modelId: number | null; epoch: number } | null>(null);
  const chosen = choice?.modelId === modelId ? choice.epoch : null;

  const evaluated = epochs.filter((e) => e.classes);
  const found = chosen === null ? -1 : evaluated.findIndex((e) => e.epoch === chosen);
  const index = found >= 0 ? found : evaluated.length - 1;
  return {
    evaluated,
    epoch: evaluated[index],
    previous: index > 0 ? evaluated[index - 1] : undefined,
    following: found < 0,
    select: (e) => setChoice(e === null ? null : { modelId, epoch: e }),
  };
}
