import type { DamagedRun } from '../../protocol';

interface DamagedRunsProps {
  damaged: readonly DamagedRun[];
  busy: boolean;
  onRemove: () => void;
}

/** Run-history records that cannot be listed: each named with what is wrong, and a way to remove them. */
export function DamagedRuns({ damaged, busy, onRemove }: DamagedRunsProps) {
  const count = damaged.length;
  return (
    <div className="warning damaged-runs" role="group" aria-label="Damaged runs">
      <p>
        {count === 1 ? 'One stored run is' : `${count} stored runs are`} damaged or from another
        version of this app, and not listed:
      </p>
      <ul>
        {damaged.map((run, i) => (
          <li key={`${i}-${run.name}`}>
            {run.name}: {run.problem}.
          </li>
        ))}
      </ul>
      <button type="button" disabled={busy} onClick={onRemove}>
        Remove {count === 1 ? 'it' : 'them'}
      </button>
    </div>
  );
}
