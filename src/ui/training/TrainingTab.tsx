import type { TrainConfig } from '../../protocol';
import type { TrainerView } from '../../client/trainerReducer';
import { trainingEta } from '../../client/trainerSelectors';
import type { TrainerCommands } from '../../client/useTrainer';
import { DataProgress } from './DataProgress';
import { EpochLogTable } from './EpochLogTable';
import { EpochProgress } from './EpochProgress';
import { LossAccuracyCharts } from './LossAccuracyCharts';
import { TrainingControls } from './TrainingControls';
import './TrainingTab.css';

interface TrainingTabProps {
  state: TrainerView;
  /** The form's settings: App keeps them, as the address bar and Train from loaded weights use them. */
  config: TrainConfig;
  /** Changes when `config` was replaced from outside the form: the form starts over from it. */
  formVersion: number;
  onConfigChange: (config: TrainConfig) => void;
  /** Whether every field of the form parses and keeps the rules. */
  onValidityChange: (valid: boolean) => void;
  /** A run may start (trainingGate). */
  canTrain: boolean;
  /** Why Train is not offered yet, or null. */
  waitingFor: string | null;
  onTrain: (config: TrainConfig) => void;
  commands: Pick<TrainerCommands, 'control' | 'retryData'>;
}

/** The training story: the dataset, the settings and run buttons with the epoch's progress (left);
 * the loss and accuracy curves and the epoch log (right). */
export function TrainingTab({
  state,
  config,
  formVersion,
  onConfigChange,
  onValidityChange,
  canTrain,
  waitingFor,
  onTrain,
  commands,
}: TrainingTabProps) {
  const { training } = state;
  return (
    <div className="training-tab">
      <div className="panel-column">
        <DataProgress
          data={state.data}
          onRetry={commands.retryData}
          canRetry={state.worker.status === 'ready'}
        />
        <TrainingControls
          key={formVersion}
          config={config}
          onConfigChange={onConfigChange}
          onValidityChange={onValidityChange}
          training={training}
          requests={state.requests}
          backend={state.worker.backend}
          context={{
            available: state.data.loaded
              ? { train: state.data.loaded.trainCount, test: state.data.loaded.testCount }
              : null,
            limits: state.worker.backend?.limits ?? null,
          }}
          canTrain={canTrain}
          waitingFor={waitingFor}
          onTrain={onTrain}
          onControl={commands.control}
        >
          <EpochProgress training={training} eta={trainingEta(state)} />
        </TrainingControls>
      </div>
      <div className="panel-column">
        <LossAccuracyCharts
          epochs={training.epochs}
          batchLosses={training.batchLosses}
          plannedEpochs={training.config?.epochs ?? config.epochs}
          config={training.config ?? config}
        />
        <EpochLogTable epochs={training.epochs} />
      </div>
    </div>
  );
}
