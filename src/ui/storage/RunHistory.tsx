import { useState } from 'react';
import type { CheckpointSummary, StorageReport } from '../../protocol';
import { DamagedRuns } from './DamagedRuns';
import { RunComparisonCharts } from './RunComparisonCharts';
import { RunHistoryItem } from './RunHistoryItem';
import './RunHistory.css';

interface RunHistoryProps {
  report: StorageReport | null;
  /** The history entry of the run training now, if any. */
  currentRunId: string | null;
  /** Runs another tab is training now: not interrupted, and not to be deleted from here. */
  otherTabRunIds: readonly string[];
  /** The stored checkpoint: how many epochs of an interrupted run can be resumed. */
  checkpoint: CheckpointSummary | null;
  busy: boolean;
  onRename: (runId: string, name: string) => void;
  onDelete: (runId: string) => void;
  onRemoveDamaged: () => void;
}

/** Every stored run, newest first; the ones ticked are overlaid in the charts below the list. */
export function RunHistory(props: RunHistoryProps) {
  const {
    report,
    currentRunId,
    otherTabRunIds,
    checkpoint,
    busy,
    onRename,
    onDelete,
    onRemoveDamaged,
  } = props;
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const runs = report?.runs ?? [];
  // Deleted runs drop out of the selection by themselves.
  const selected = runs.filter((r) => selectedIds.has(r.id) && r.epochs.length > 0);

  const select = (id: string, on: boolean) =>
    setSelectedIds((ids) => {
      const next = new Set(ids);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <section className="card run-history" aria-labelledby="history-heading">
      <h2 id="history-heading">Run history</h2>
      {report === null && <p className="muted">Reading the runs kept in this browser…</p>}
      {report && !report.available && (
        <p className="muted">Runs are not kept: this browser offers no storage here.</p>
      )}
      {report?.available && report.problem && (
        <p className="warning" role="status">
          {report.problem}
        </p>
      )}
      {report && report.damagedRuns.length > 0 && (
        <DamagedRuns damaged={report.damagedRuns} busy={busy} onRemove={onRemoveDamaged} />
      )}
      {report?.available && runs.length === 0 && (
        <p className="muted">Each run you train is listed here, kept in this browser.</p>
      )}
      {runs.length > 0 && (
        <>
          <p className="muted">Tick runs to compare their curves with the reference run.</p>
          <ul className="run-list" aria-label="Stored runs">
            {runs.map((run) => (
              <RunHistoryItem
                key={run.id}
                run={run}
                current={run.id === currentRunId}
                elsewhere={otherTabRunIds.includes(run.id)}
                keptEpochs={checkpoint?.runId === run.id ? checkpoint.epochsDone : 0}
                selected={selectedIds.has(run.id)}
                busy={busy}
                onSelect={(on) => select(run.id, on)}
                onRename={(name) => onRename(run.id, name)}
                onDelete={() => onDelete(run.id)}
              />
            ))}
          </ul>
        </>
      )}
      {selected.length > 0 && <RunComparisonCharts runs={selected} />}
    </section>
  );
}
