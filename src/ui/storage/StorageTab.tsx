import type { ModelName } from '../../protocol';
import { isTrainingBusy, type TrainerView } from '../../client/trainerReducer';
import { savingEpoch, type ModelAvailability } from '../../client/trainerSelectors';
import type { TrainerCommands } from '../../client/useTrainer';
import { CheckpointPanel } from './CheckpointPanel';
import { ModelFilesPanel } from './ModelFilesPanel';
import { RunHistory } from './RunHistory';
import './StorageTab.css';

interface StorageTabProps {
  state: TrainerView;
  model: ModelAvailability;
  /** The network a checkpoint's size is estimated for: the run's, else the form's. */
  shownModel: ModelName;
  onTrainFromLoaded: () => void;
  /** A run from the loaded weights may start now; else why not (trainingGate). */
  canTrainFromLoaded: boolean;
  trainFromLoadedBlock: string | null;
  commands: Pick<
    TrainerCommands,
    | 'setCheckpointMode'
    | 'discardCheckpoint'
    | 'saveModel'
    | 'exportOnnx'
    | 'loadModel'
    | 'renameRun'
    | 'deleteRun'
    | 'removeDamagedRuns'
  >;
}

/** What is kept: the checkpoint settings and model files (left), the run history (right). */
export function StorageTab({
  state,
  model,
  shownModel,
  onTrainFromLoaded,
  canTrainFromLoaded,
  trainFromLoadedBlock,
  commands,
}: StorageTabProps) {
  const { training, storage } = state;
  const busy = isTrainingBusy(state);
  const storageBusy = state.requests.storage > 0;
  return (
    <div className="storage-tab">
      <div className="panel-column">
        <CheckpointPanel
          storage={storage}
          busy={storageBusy}
          saving={savingEpoch(state)}
          model={shownModel}
          onModeChange={commands.setCheckpointMode}
          onDiscard={commands.discardCheckpoint}
        />
        <ModelFilesPanel
          model={model}
          busy={busy}
          ready={state.worker.status === 'ready'}
          loaded={training.loaded}
          save={commands.saveModel}
          exportOnnx={commands.exportOnnx}
          load={commands.loadModel}
          onTrainFromLoaded={onTrainFromLoaded}
          canTrainFromLoaded={canTrainFromLoaded}
          trainFromLoadedBlock={trainFromLoadedBlock}
        />
      </div>
      <div className="panel-column">
        <RunHistory
          report={storage.report}
          currentRunId={busy ? training.recordId : null}
          otherTabRunIds={storage.report?.otherTab.runIds ?? []}
          checkpoint={storage.report?.checkpoint ?? null}
          busy={storageBusy}
          onRename={commands.renameRun}
          onDelete={commands.deleteRun}
          onRemoveDamaged={commands.removeDamagedRuns}
        />
      </div>
    </div>
  );
}
