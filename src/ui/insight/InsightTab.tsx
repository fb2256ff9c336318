import type { ModelName } from '../../protocol';
import type { TrainerView } from '../../client/trainerReducer';
import type { ModelAvailability } from '../../client/trainerSelectors';
import type { TrainerCommands } from '../../client/useTrainer';
import type { InspectTarget } from '../shared/inspectTarget';
import { ArchitectureTable } from './ArchitectureTable';
import { ConfusionMatrixPanel } from './ConfusionMatrixPanel';
import { FilterGrid } from './FilterGrid';
import { NetworkView } from './NetworkView';
import { PerClassAccuracyChart } from './PerClassAccuracyChart';
import { useEvaluatedEpoch } from './useEvaluatedEpoch';
import './InsightTab.css';

interface InsightTabProps {
  training: TrainerView['training'];
  model: ModelAvailability;
  /** The network the architecture table describes: the run's, else the form's. */
  shownModel: ModelName;
  /** The picture "What the network sees" looks inside: the last classified, or a test image picked. */
  inspected: InspectTarget | null;
  onInspect: (target: InspectTarget) => void;
  commands: Pick<TrainerCommands, 'confusionExamples' | 'firstLayerFilters' | 'inspect'>;
}

/** Inside the model. Left: the confusion matrix and the per-class accuracy of the same epoch.
 * Right: "What the network sees" (a test image picked in the matrix opens there) and conv1's
 * filters. Across the bottom: the layer table, which needs the width. */
export function InsightTab({
  training,
  model,
  shownModel,
  inspected,
  onInspect,
  commands,
}: InsightTabProps) {
  const shown = useEvaluatedEpoch(training.epochs, training.modelId);
  return (
    <div className="insight-tab">
      <div className="panel-column">
        <ConfusionMatrixPanel
          evaluated={shown.evaluated}
          epoch={shown.epoch}
          following={shown.following}
          onSelectEpoch={shown.select}
          modelId={training.modelId}
          confusionExamples={commands.confusionExamples}
          onInspect={onInspect}
        />
        <PerClassAccuracyChart epoch={shown.epoch} previous={shown.previous} />
      </div>
      <div className="panel-column">
        <NetworkView model={model} target={inspected} inspect={commands.inspect} />
        <FilterGrid model={model} firstLayerFilters={commands.firstLayerFilters} />
      </div>
      <div className="insight-wide">
        <ArchitectureTable model={shownModel} />
      </div>
    </div>
  );
}
