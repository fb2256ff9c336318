import './ProgressBar.css';

/** A labelled progress bar; `value` null means the total is not known yet (indeterminate). */
export function ProgressBar({ label, value }: { label: string; value: number | null }) {
  const clamped = value === null ? null : Math.min(1, Math.max(0, value));
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped === null ? undefined : Math.round(clamped * 100)}
    >
      <div
        className={clamped === null ? 'progress-fill indeterminate' : 'progress-fill'}
        style={{ width: `${clamped === null ? 30 : clamped * 100}%` }}
      />
    </div>
  );
}
