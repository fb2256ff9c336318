import type { TrainerState } from '../../client/trainerReducer';
import type { Eta } from '../../client/trainerSelectors';
import { formatCount, formatDuration } from '../shared/format';
import { ProgressBar } from '../shared/ProgressBar';
import './EpochProgress.css';

const STATUS_TEXT: Record<TrainerState['training']['status'], string> = {
  idle: 'Not started.',
  running: 'Training.',
  paused: 'Paused.',
  finished: 'Finished.',
  stopped: 'Stopped.',
  failed: 'Failed: the run ended with an error, and its weights were discarded.',
};

/** The current epoch's progress bar, speed and time left. */
export function EpochProgress({ training, eta }: { training: TrainerState['training']; eta: Eta }) {
  const { progress, config, status } = training;
  if (!progress || !config) {
    return <p className="muted epoch-status">{STATUS_TEXT[status]}</p>;
  }
  const fraction = progress.imagesTotal > 0 ? progress.imagesDone / progress.imagesTotal : 0;
  return (
    <div className="epoch-progress">
      <p className="epoch-status" aria-live="polite">
        <strong>
          Epoch {progress.epoch} of {config.epochs}
        </strong>{' '}
        · {STATUS_TEXT[status]}
      </p>
      <ProgressBar label="Epoch progress" value={fraction} />
      <p className="muted stats">
        <span>
          {formatCount(progress.imagesDone)} / {formatCount(progress.imagesTotal)} images
        </span>
        <span>
          {progress.imagesPerSec > 0
            ? `${progress.imagesPerSec.toFixed(1)} images/s`
            : 'measuring speed…'}
        </span>
        {(status === 'running' || status === 'paused') && (
          <span>
            ETA: epoch {formatDuration(eta.epochSeconds)}, run {formatDuration(eta.runSeconds)}
          </span>
        )}
      </p>
    </div>
  );
}
