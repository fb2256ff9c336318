import type { ResumableCheckpoint } from '../../client/trainerState';
import { formatDateTime } from '../shared/format';
import './ResumeBanner.css';

interface ResumeBannerProps {
  checkpoint: ResumableCheckpoint;
  /** Resume can be pressed (worker ready, data loaded, no run). */
  canResume: boolean;
  /** Why Resume cannot be pressed yet, shown while it cannot. */
  waitingFor: string | null;
  /** A Resume or Discard is on its way. */
  busy: boolean;
  onResume: () => void;
  onDiscard: () => void;
  /** Train was pressed while this run is unfinished: ask before its checkpoint is discarded. */
  newRun: { onConfirm: () => void; onCancel: () => void } | null;
}

/**
 * The stored checkpoint of an unfinished run: which model, how far it got, when, and the choice to
 * go on from it or throw it away. Shown on opening, after a stopped run and after Restart.
 */
export function ResumeBanner({
  checkpoint,
  canResume,
  waitingFor,
  busy,
  onResume,
  onDiscard,
  newRun,
}: ResumeBannerProps) {
  const { config, epoch, savedAt, contents } = checkpoint;
  return (
    <section className="notice banner resume-banner" aria-label="Unfinished run">
      <p>
        <strong>
          An unfinished run is saved in this browser: {config.model}, epoch {epoch} of{' '}
          {config.epochs}, saved {formatDateTime(savedAt)}.
        </strong>{' '}
        {/* The tensors are read and checked only when Resume is pressed (a damaged one is named
            then): promise nothing about them before. */}
        Resume checks the saved {contents === 'full' ? 'tensors' : 'weights'}, then goes on from
        epoch {epoch + 1}
        {contents === 'full'
          ? ' exactly as if it had never stopped.'
          : ' with a fresh optimizer: only the weights were kept.'}
        {!canResume && !busy && waitingFor && ` ${waitingFor}`}
      </p>
      {newRun && (
        <p role="alert">
          A new run replaces this unfinished one: its checkpoint is discarded and it cannot be
          resumed any more. Resume it instead, or discard it and train the new run?
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="primary"
          disabled={!canResume}
          aria-disabled={busy || undefined}
          onClick={() => !busy && onResume()}
        >
          Resume
        </button>
        {newRun ? (
          <>
            <button type="button" onClick={newRun.onConfirm}>
              Discard it and train
            </button>
            <button type="button" onClick={newRun.onCancel}>
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            aria-disabled={busy || undefined}
            onClick={() => !busy && onDiscard()}
          >
            Discard
          </button>
        )}
      </div>
    </section>
  );
}
