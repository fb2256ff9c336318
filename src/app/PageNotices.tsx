import type { TrainConfig } from '../protocol';
import type { TrainerView } from '../client/trainerReducer';
import type { ResumableCheckpoint } from '../client/trainerState';
import type { TrainerCommands } from '../client/useTrainer';
import { WorkerFailure, WorkerSilent } from '../ui/shared/WorkerFailure';
import { ResumeBanner } from '../ui/storage/ResumeBanner';

/** A Train that waits for the user: an unfinished run is stored and the new one would replace it. */
export interface PendingTrain {
  config: TrainConfig;
  fromCurrentWeights: boolean;
}

interface PageNoticesProps {
  state: TrainerView;
  /** The stored unfinished run to offer, or null (none, or a run is training). */
  resumable: ResumableCheckpoint | null;
  /** Resume may be pressed; else why not (trainingGate). */
  canResume: boolean;
  resumeBlock: string | null;
  /** Settings in the address that were not used. */
  urlNotes: readonly string[];
  onRestart: () => void;
  pendingTrain: PendingTrain | null;
  onPendingTrainChange: (pending: PendingTrain | null) => void;
  commands: Pick<
    TrainerCommands,
    'train' | 'resumeCheckpoint' | 'discardCheckpoint' | 'dismissNotice'
  >;
}

/** What the page says above every tab: a dead or silent worker, an unfinished run to resume, a
 * notice from the worker and the address's unused settings. */
export function PageNotices({
  state,
  resumable,
  canResume,
  resumeBlock,
  urlNotes,
  onRestart,
  pendingTrain,
  onPendingTrainChange,
  commands,
}: PageNoticesProps) {
  const resumeEpoch = state.resumable?.epoch ?? null;
  const confirmNewRun = () => {
    if (!pendingTrain) return;
    commands.discardCheckpoint();
    commands.train(pendingTrain.config, pendingTrain.fromCurrentWeights);
    onPendingTrainChange(null);
  };
  return (
    <>
      {state.worker.status === 'failed' && (
        <WorkerFailure
          message={state.worker.error ?? 'It stopped without saying why.'}
          onRestart={onRestart}
          resumeEpoch={resumeEpoch}
        />
      )}
      {state.worker.status !== 'failed' && state.worker.silent && (
        <WorkerSilent
          stillRunning={state.worker.silent.stillRunning}
          onRestart={onRestart}
          resumeEpoch={resumeEpoch}
        />
      )}
      {resumable && state.worker.status !== 'failed' && (
        <ResumeBanner
          checkpoint={resumable}
          canResume={canResume}
          waitingFor={resumeBlock}
          busy={state.requests.storage > 0}
          onResume={() => {
            onPendingTrainChange(null);
            commands.resumeCheckpoint(resumable.config);
          }}
          onDiscard={commands.discardCheckpoint}
          newRun={
            pendingTrain && {
              onConfirm: confirmNewRun,
              onCancel: () => onPendingTrainChange(null),
            }
          }
        />
      )}
      {state.notice && (
        <div className="notice" role="status">
          <p>{state.notice}</p>
          <button type="button" onClick={commands.dismissNotice}>
            Dismiss
          </button>
        </div>
      )}
      {urlNotes.length > 0 && (
        <div className="notice" role="note" aria-label="URL settings">
          <p>Some settings in the address were not used:</p>
          <ul>
            {urlNotes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
