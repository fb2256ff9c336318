import type { ModelName } from '../../protocol';
import type { TrainerState } from '../../client/trainerReducer';
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
  training: TrainerState['training'];
  model: ModelAvailability;
  /** The network the architecture table describes: the run's, else the form's. */
  shownModel: ModelName;
  /** The picture "What the network sees" looks inside: the last classified, or a test image picked. */
  inspected: InspectTarget | null;
  onInspect: (target: InspectTarget) => void;
  commands: Pick<TrainerCommands, 'confusionExamples' | 'firstLayerFilters' | 'inspect'>;
}

/** Inside the model. Left: the confusion matrix, whose images open in "What the network sees"
 * below it. Right: the per-class accuracy of the same epoch, conv1's filters and the layer table. */
export function InsightTab({
  training,
  model,
  shownModel,
  inspected,
  onInspect,
  commands,
}: InsightTabProps) {
  const shown = useEvaluatedEpoch(training.epochs, training.runId);
  return (
    <div className="insight-tab">
      <div className="panel-column">
        <ConfusionMatrixPanel
          evaluated={shown.evaluated}
          epoch={shown.epoch}
          following={shown.following}
          onSelectEpoch={shown.select}
          runId={training.runId}
          confusionExamples={commands.confusionExamples}
          onInspect={onInspect}
        />
        <NetworkView model={model} target={inspected} inspect={commands.inspect} />
      </div>
      <div className="panel-column">
        <PerClassAccuracyChart epoch={shown.epoch} previous={shown.previous} />
        <FilterGrid model={model} firstLayerFilters={commands.firstLayerFilters} />
        <ArchitectureTable model={shownModel} />
      </div>
    </div>
  );
}
