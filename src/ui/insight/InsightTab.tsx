import type { ModelName } from '../../protocol';
import type { TrainerState } from '../../client/trainerReducer';
import type { ModelAvailability } from '../../client/trainerSelectors';
import type { TrainerCommands } from '../../client/useTrainer';
import type { InspectTarget } from '../shared/inspectTarget';
import { ArchitectureTable } from './ArchitectureTable';
import { EvaluationPanels } from './EvaluationPanels';
import { FilterGrid } from './FilterGrid';
import { NetworkView } from './NetworkView';
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

/** Inside the model: the evaluation by class (confusion matrix, per-class accuracy), conv1's
 * filters, what the network sees in one picture, and the layer table. */
export function InsightTab({
  training,
  model,
  shownModel,
  inspected,
  onInspect,
  commands,
}: InsightTabProps) {
  return (
    <div className="insight-tab">
      <EvaluationPanels
        epochs={training.epochs}
        runId={training.runId}
        confusionExamples={commands.confusionExamples}
        onInspect={onInspect}
      />
      <div className="insight-views">
        <FilterGrid model={model} firstLayerFilters={commands.firstLayerFilters} />
        <NetworkView model={model} target={inspected} inspect={commands.inspect} />
      </div>
      <ArchitectureTable model={shownModel} />
    </div>
  );
}
