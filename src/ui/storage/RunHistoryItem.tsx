import { useState } from 'react';
import type { FormEvent } from 'react';
import { cleanRunName, MAX_RUN_NAME, type RunRecord } from '../../protocol';
import { downloadFile } from '../shared/download';
import { formatDateTime, formatDuration } from '../shared/format';
import { exportFileName, runCsv, runJson } from './runExport';
import './RunHistoryItem.css';

/** The worker's limit; maxLength counts UTF-16 units, so a name of emoji stops short of it rather
 * than past it. */
const RUN_NAME_LIMIT = MAX_RUN_NAME;

interface RunHistoryItemProps {
  run: RunRecord;
  /** The run training in this tab now: it cannot be deleted. */
  current: boolean;
  /** Another tab is training it now. */
  elsewhere: boolean;
  /** Epochs of this run the stored checkpoint holds (0 when it holds another run's). */
  keptEpochs: number;
  selected: boolean;
  /** A storage request is on its way. */
  busy: boolean;
  onSelect: (selected: boolean) => void;
  onRename: (name: string) => void;
  onDelete: () => void;
}

/** An interrupted run whose last finished epochs were not checkpointed: what a resume gets back. */
function keptText(run: RunRecord, kept: number): string {
  const last = run.epochs.at(-1)?.epoch ?? 0;
  if (kept >= last || last >= run.config.epochs) return '';
  const from = kept > 0 ? `Resume takes up its checkpoint of epoch ${kept}` : 'nothing to resume';
  return `; epoch ${last}'s checkpoint did not complete: ${from}`;
}

function statusText(run: RunRecord, current: boolean, elsewhere: boolean, kept: number): string {
  const done = `${run.epochs.length} of ${run.config.epochs} epochs`;
  switch (run.status) {
    case 'finished':
      return `finished, ${done}`;
    case 'stopped':
      return `stopped, ${done}`;
    case 'failed':
      return `failed, ${done}`;
    case 'running':
      // A 'running' record no tab is training is one whose tab closed or crashed mid-way.
      if (current) return `training now, ${done}`;
      if (elsewhere) return `training in another tab, ${done}`;
      return `interrupted, ${done}${keptText(run, kept)}`;
  }
}

/** One stored run: compare checkbox, name, what it was and how it ended, and its actions. */
export function RunHistoryItem(props: RunHistoryItemProps) {
  const { run, current, elsewhere, keptEpochs, selected, busy } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(run.name);
  const last = run.epochs.at(-1);
  const backend = run.backend.adapter
    ? `${run.backend.name}, ${run.backend.adapter}`
    : run.backend.name;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = cleanRunName(name);
    if (trimmed && trimmed !== run.name) props.onRename(trimmed);
    setEditing(false);
  };

  return (
    <li className="run-item">
      {editing ? (
        <form className="run-rename" onSubmit={submit}>
          <label>
            <span className="visually-hidden">New name for {run.name}</span>
            <input
              type="text"
              value={name}
              maxLength={RUN_NAME_LIMIT}
              autoFocus
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <button type="submit" disabled={busy || cleanRunName(name) === ''}>
            Save name
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <label className="run-select">
          <input
            type="checkbox"
            checked={selected}
            disabled={run.epochs.length === 0}
            onChange={(e) => props.onSelect(e.target.checked)}
          />{' '}
          <strong>{run.name}</strong>
        </label>
      )}
      <p className="muted">
        {statusText(run, current, elsewhere, keptEpochs)}
        {last ? ` · test acc ${last.testAccuracy.toFixed(3)}` : ''} ·{' '}
        {formatDuration(run.durationSeconds)} · {backend}
        {run.backend.isSoftware ? ' (software)' : ''} · {formatDateTime(run.startedAt)}
      </p>
      {!editing && (
        <div className="button-row compact">
          <button
            type="button"
            aria-label={`Rename ${run.name}`}
            disabled={busy}
            onClick={() => {
              setName(run.name);
              setEditing(true);
            }}
          >
            Rename
          </button>
          <button
            type="button"
            aria-label={`Delete ${run.name}`}
            disabled={busy || current || elsewhere}
            onClick={props.onDelete}
          >
            Delete
          </button>
          <button
            type="button"
            aria-label={`Export ${run.name} as CSV`}
            disabled={run.epochs.length === 0}
            onClick={() => downloadFile(exportFileName(run, 'csv'), runCsv(run), 'text/csv')}
          >
            CSV
          </button>
          <button
            type="button"
            aria-label={`Export ${run.name} as JSON`}
            onClick={() =>
              downloadFile(exportFileName(run, 'json'), runJson(run), 'application/json')
            }
          >
            JSON
          </button>
        </div>
      )}
    </li>
  );
}
