import type { CheckpointMode, ModelName } from '../../protocol';
import type { TrainerState } from '../../client/trainerState';
import { checkpointBytes } from './checkpointSizes';
import { formatBytes } from '../shared/format';
import './CheckpointPanel.css';

interface CheckpointPanelProps {
  storage: TrainerState['storage'];
  /** A storage request is under way: the choices wait for it. */
  busy: boolean;
  /** The epoch whose checkpoint is being written, if any: not kept until it is saved. */
  saving: number | null;
  /** The model of the run going on, or the form's. */
  model: ModelName;
  onModeChange: (mode: CheckpointMode) => void;
  onDiscard: () => void;
}

const MODE_LABELS: Readonly<Record<CheckpointMode, string>> = {
  full: 'Weights and optimizer state (resumes exactly)',
  weights: 'Weights only (resumes with a fresh optimizer)',
  off: 'None',
};

/**
 * What each epoch's checkpoint holds and takes, the room this site has, the last checkpoint saved or
 * why it was not, and a way out when the stored one cannot be used.
 */
export function CheckpointPanel(props: CheckpointPanelProps) {
  const { storage, busy, saving, model, onModeChange, onDiscard } = props;
  const { report, plan, lastSaved, failure, error } = storage;
  const mode = report?.mode ?? 'full';
  // The same numbers as the worker's plan; the mode may have changed since the run started.
  const needed = checkpointBytes(model, mode);
  const freeBytes =
    plan?.freeBytes ??
    (report && report.quotaBytes !== null && report.usageBytes !== null
      ? report.quotaBytes - report.usageBytes
      : null);
  const short = freeBytes !== null && mode !== 'off' && freeBytes < needed;

  return (
    <section className="card checkpoints" aria-labelledby="checkpoints-heading">
      <h2 id="checkpoints-heading">Checkpoints</h2>
      {report === null && <p className="muted">Checking what this browser keeps…</p>}
      {report && !report.available && (
        <p className="warning" role="status">
          Nothing can be kept in this browser here ({report.problem ?? 'no IndexedDB'}). Training
          works; runs and checkpoints are not saved, so a reload loses them.
        </p>
      )}
      {report?.available && (
        <>
          <fieldset className="choice-group" disabled={busy}>
            <legend>At the end of each epoch, save</legend>
            {(['full', 'weights', 'off'] as const).map((m) => (
              <label key={m}>
                <input
                  type="radio"
                  name="checkpoint-mode"
                  value={m}
                  checked={mode === m}
                  onChange={() => onModeChange(m)}
                />
                <span>
                  {MODE_LABELS[m]}
                  {m !== 'off' && (
                    <span className="muted"> · {formatBytes(checkpointBytes(model, m))}</span>
                  )}
                </span>
              </label>
            ))}
          </fieldset>
          <p className="muted">
            {model}: each checkpoint replaces the previous one.
            {report.usageBytes !== null && report.quotaBytes !== null
              ? ` This site uses ${formatBytes(report.usageBytes)} of the ${formatBytes(report.quotaBytes)} the browser allows it.`
              : ''}
          </p>
          {short && (
            <p className="warning" role="status">
              Storage is short: {formatBytes(freeBytes)} free, and a checkpoint needs{' '}
              {formatBytes(needed)}. Choose weights only or none above, or free space in the
              browser&apos;s site settings. Training goes on either way.
            </p>
          )}
        </>
      )}
      {saving !== null && (
        <p className="muted" aria-live="polite">
          Saving epoch {saving}… (until it is saved, a reload resumes from{' '}
          {storage.savedEpoch > 0 ? `epoch ${storage.savedEpoch}` : 'nothing'}).
        </p>
      )}
      {lastSaved && (
        <p className="ok" aria-live="polite">
          Epoch {lastSaved.epoch} saved ({formatBytes(lastSaved.bytes)},{' '}
          {lastSaved.contents === 'full' ? 'with optimizer state' : 'weights only'}, in{' '}
          {lastSaved.seconds.toFixed(1)} s).
        </p>
      )}
      {failure && (
        <div className="warning" role="alert">
          <p>
            The checkpoint of epoch {failure.epoch} was not saved: {failure.message}
            {failure.reason === 'quota' &&
              ` It needs ${formatBytes(failure.neededBytes)}${failure.freeBytes !== null ? `; ${formatBytes(failure.freeBytes)} is free` : ''}.`}{' '}
            Training goes on, and the previous checkpoint is kept.
          </p>
          {failure.reason === 'quota' && (
            <div className="button-row">
              {mode === 'full' && (
                <button type="button" onClick={() => onModeChange('weights')}>
                  Save weights only
                </button>
              )}
              <button type="button" onClick={() => onModeChange('off')}>
                Save no checkpoints
              </button>
            </div>
          )}
        </div>
      )}
      {report?.checkpointProblem && (
        <div className="error-box" role="alert">
          <p>The stored checkpoint cannot be used: {report.checkpointProblem}</p>
          <button type="button" onClick={onDiscard}>
            Discard it
          </button>
        </div>
      )}
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
