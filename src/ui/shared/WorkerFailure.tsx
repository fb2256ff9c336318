import { HEARTBEAT_TIMING } from '../../client/heartbeat';

/** What a restart keeps: the stored checkpoint's epoch, when there is one to resume. */
function afterRestart(resumeEpoch: number | null): string {
  return resumeEpoch === null
    ? 'the weights trained so far are lost'
    : `then it offers to resume from the checkpoint of epoch ${resumeEpoch} (training after it is lost)`;
}

/** Shown when the worker died or cannot go on: what happened, and a way to start over. */
export function WorkerFailure({
  message,
  onRestart,
  resumeEpoch = null,
}: {
  message: string;
  onRestart: () => void;
  /** The epoch of the checkpoint a restart can resume from. */
  resumeEpoch?: number | null;
}) {
  return (
    <div className="error-box banner" role="alert">
      <p>
        <strong>The training worker stopped.</strong> {message} Restarting loads the data again;{' '}
        {afterRestart(resumeEpoch)}.
      </p>
      <button type="button" onClick={onRestart}>
        Restart worker
      </button>
    </div>
  );
}

const SILENT_SECONDS = Math.round(HEARTBEAT_TIMING.silentAfterMs / 1000);

/** Shown while the worker does not answer its heartbeat: it may be busy, or stuck. */
export function WorkerSilent({
  stillRunning,
  onRestart,
  resumeEpoch = null,
}: {
  stillRunning: boolean;
  onRestart: () => void;
  resumeEpoch?: number | null;
}) {
  return (
    <div className="notice banner" role="status">
      <p>
        <strong>The training worker has not answered for over {SILENT_SECONDS} seconds.</strong>{' '}
        {stillRunning
          ? 'It is still running, probably busy with a long step (on the CPU or a software GPU one full-AlexNet step can take minutes). A worker that has ended looks the same until the browser has let go of its GPU work; then this turns into an error.'
          : 'It may be busy with a long step, or it may have stopped.'}{' '}
        Wait for it, or restart it ({afterRestart(resumeEpoch)}).
      </p>
      <button type="button" onClick={onRestart}>
        Restart worker
      </button>
    </div>
  );
}
