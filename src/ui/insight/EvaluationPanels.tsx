import { useState } from 'react';
import type { CellExamples, EpochMetrics } from '../../protocol';
import { ConfusionMatrixPanel } from './ConfusionMatrixPanel';
import type { InspectTarget } from '../shared/inspectTarget';
import { PerClassAccuracyChart } from './PerClassAccuracyChart';
import './EvaluationPanels.css';

interface EvaluationPanelsProps {
  epochs: readonly EpochMetrics[];
  runId: number | null;
  confusionExamples: (epoch: number, t: number, p: number) => Promise<CellExamples>;
  onInspect: (target: InspectTarget) => void;
}

/**
 * The test evaluation by class: the confusion matrix and the per-class accuracy, both for the
 * epoch chosen in the matrix's selector (the latest unless another is picked).
 */
export function EvaluationPanels({
  epochs,
  runId,
  confusionExamples,
  onInspect,
}: EvaluationPanelsProps) {
  // The epoch picked, for the run it was picked in: a new run starts over at its latest epoch.
  const [choice, setChoice] = useState<{ runId: number | null; epoch: number } | null>(null);
  const chosen = choice?.runId === runId ? choice.epoch : null;

  const evaluated = epochs.filter((e) => e.classes);
  const found = chosen === null ? -1 : evaluated.findIndex((e) => e.epoch === chosen);
  const index = found >= 0 ? found : evaluated.length - 1;
  const epoch = evaluated[index];
  const previous = index > 0 ? evaluated[index - 1] : undefined;

  return (
    <div className="evaluation-grid">
      <ConfusionMatrixPanel
        evaluated={evaluated}
        epoch={epoch}
        following={found < 0}
        onSelectEpoch={(e) => setChoice(e === null ? null : { runId, epoch: e })}
        runId={runId}
        confusionExamples={confusionExamples}
        onInspect={onInspect}
      />
      <PerClassAccuracyChart epoch={epoch} previous={previous} />
    </div>
  );
}
