import type { ResumableCheckpoint } from '../client/trainerState';
import { formatDateTime } from './format';

interface ResumeBannerProps {
  checkpoint: ResumableCheckpoint;
  /** Resume can be pressed (worker ready, data loaded, no run). */
  canResume: boolean;
  /** A Resume or Discard is on its way. */
  busy: boolean;
  onResume: () => void;
  onDiscard: () => void;
}

/**
 * The stored checkpoint of an unfinished run: which model, how far it got, when, and the choice to
 * go on from it or throw it away. Shown on opening, after a stopped run and after Restart.
 */
export function ResumeBanner({
  checkpoint,
  canResume,
  busy,
  onResume,
  onDiscard,
}: ResumeBannerProps) {
  const { config, epoch, savedAt, contents } = checkpoint;
  return (
    <section className="notice banner resume-banner" aria-label="Unfinished run">
      <p>
        <strong>
          An unfinished run is saved in this browser: {config.model}, epoch {epoch} of{' '}
          {config.epochs}, saved {formatDateTime(savedAt)}.
        </strong>{' '}
        {contents === 'full'
          ? 'Resume goes on from epoch ' +
            String(epoch + 1) +
            ' exactly as if it had never stopped.'
          : 'Only its weights were kept: Resume goes on from epoch ' +
            String(epoch + 1) +
            ' with a fresh optimizer.'}
        {!canResume && !busy && ' Resume is possible once the dataset has loaded.'}
      </p>
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
        <button
          type="button"
          aria-disabled={busy || undefined}
          onClick={() => !busy && onDiscard()}
        >
          Discard
        </button>
      </div>
    </section>
  );
}
