import type { TrainerState } from '../../client/trainerReducer';
import { formatCount, formatMegabytes, formatPercent } from '../shared/format';
import { ProgressBar } from '../shared/ProgressBar';
import { originText } from './dataOrigin';

interface DataProgressProps {
  data: TrainerState['data'];
  onRetry: () => void;
  /** False while the worker is down: Retry would have nobody to ask. */
  canRetry: boolean;
}

/**
 * The dataset's size (the manifest's counts while loading, the worker's once loaded; none after a
 * failed load, whose manifest may be what was wrong), the download's progress, and Retry.
 */
export function DataProgress({ data, onRetry, canRetry }: DataProgressProps) {
  const { status, loadedBytes, totalBytes } = data;
  const fraction = totalBytes > 0 ? loadedBytes / totalBytes : null;
  const counts = data.loaded ?? data.summary;
  return (
    <section className="card" aria-labelledby="dataset-heading">
      <h2 id="dataset-heading">Dataset: Fashion-MNIST</h2>
      {counts && (
        <dl className="counts">
          <div>
            <dt>Training images</dt>
            <dd>{formatCount(counts.trainCount)}</dd>
          </div>
          <div>
            <dt>Test images</dt>
            <dd>{formatCount(counts.testCount)}</dd>
          </div>
        </dl>
      )}
      {!counts && status === 'loading' && <p className="muted">Reading the dataset manifest…</p>}
      {status !== 'loaded' && status !== 'error' && (
        <>
          <ProgressBar label="Dataset download" value={fraction} />
          <p className="muted" aria-live="polite">
            {fraction === null
              ? 'Waiting for the worker…'
              : `Downloading ${formatPercent(fraction, 0)} (${formatMegabytes(loadedBytes)} of ${formatMegabytes(totalBytes)})`}
          </p>
        </>
      )}
      {status === 'loaded' && (
        <p className="ok">
          Loaded
          {data.loaded
            ? `: ${formatCount(data.loaded.trainCount)} + ${formatCount(data.loaded.testCount)} images in the worker`
            : ''}
          {totalBytes > 0 ? ` (${formatMegabytes(totalBytes)})` : ''}.
        </p>
      )}
      {status === 'loaded' && data.origin && <p className="muted">{originText(data.origin)}</p>}
      {status === 'error' && (
        <div className="error-box" role="alert">
          <p>The dataset could not be loaded: {data.error}</p>
          <button type="button" onClick={onRetry} disabled={!canRetry}>
            Retry
          </button>
        </div>
      )}
    </section>
  );
}
