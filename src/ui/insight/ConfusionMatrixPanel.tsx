import { useState } from 'react';
import type { CellExamples, EpochMetrics } from '../../protocol';
import { useRequest } from '../../client/useRequest';
import { ConfusionExamples, type ExamplesView } from './ConfusionExamples';
import { ConfusionMatrixTable } from './ConfusionMatrixTable';
import {
  confusionSummary,
  LEGEND_GRADIENT,
  totalCount,
  type ConfusionCell,
} from './confusionMatrix';
import { formatCount } from '../shared/format';
import type { InspectTarget } from '../shared/inspectTarget';
import './ConfusionMatrixPanel.css';

interface ConfusionMatrixPanelProps {
  /** The epochs that have a confusion matrix, in order. */
  evaluated: readonly EpochMetrics[];
  /** The epoch shown, one of `evaluated`. */
  epoch: EpochMetrics | undefined;
  /** null: follow the latest epoch. */
  onSelectEpoch: (epoch: number | null) => void;
  following: boolean;
  /** Which model the matrices belong to: an open cell closes when it changes. */
  modelId: number | null;
  confusionExamples: (
    epoch: number,
    t: number,
    p: number,
    signal?: AbortSignal,
  ) => Promise<CellExamples>;
  onInspect: (target: InspectTarget) => void;
}

interface Asked {
  epoch: number;
  trueClass: number;
  predictedClass: number;
}

/** The chosen epoch's confusion matrix, an epoch selector, and the images behind a chosen cell. */
export function ConfusionMatrixPanel(props: ConfusionMatrixPanelProps) {
  const { evaluated, epoch, onSelectEpoch, following, modelId, confusionExamples, onInspect } =
    props;
  // The open cell, for the model it was opened with: a new model's matrices close it.
  const [cell, setCell] = useState<{ modelId: number | null; asked: Asked } | null>(null);
  const request = useRequest<CellExamples>(modelId);
  const open = cell?.modelId === modelId ? cell.asked : null;
  const examples: ExamplesView | null = !open
    ? null
    : request.loading || (!request.value && !request.error)
      ? { kind: 'loading', ...open }
      : request.error
        ? { kind: 'error', ...open, message: request.error }
        : request.value && { kind: 'ready', examples: request.value };

  const openCell = (chosen: ConfusionCell) => {
    if (!epoch) return;
    const asked = {
      epoch: epoch.epoch,
      trueClass: chosen.trueClass,
      predictedClass: chosen.predictedClass,
    };
    setCell({ modelId, asked });
    // A newer cell's request cancels this one.
    void request.run((signal) =>
      confusionExamples(asked.epoch, asked.trueClass, asked.predictedClass, signal),
    );
  };

  const confusion = epoch?.classes?.confusion;
  const openCellOf = (view: ExamplesView | null) => {
    if (!view || !epoch) return null;
    const cell = view.kind === 'ready' ? view.examples : view;
    return cell.epoch === epoch.epoch ? { row: cell.trueClass, column: cell.predictedClass } : null;
  };

  return (
    <section className="card confusion" aria-labelledby="confusion-heading">
      <h2 id="confusion-heading">Confusion matrix</h2>
      <p className="muted">
        Rows: the true class of each test image; columns: the class the model predicted. The
        diagonal holds the right answers. Pick a cell to see its images.
      </p>
      {!epoch || !confusion ? (
        <p className="muted">
          No confusion matrix yet: it appears as each epoch&apos;s test evaluation ends.
        </p>
      ) : (
        <>
          <div className="confusion-toolbar">
            <label>
              Epoch{' '}
              <select
                value={following ? 'latest' : String(epoch.epoch)}
                onChange={(e) =>
                  onSelectEpoch(e.target.value === 'latest' ? null : Number(e.target.value))
                }
              >
                <option value="latest">latest ({evaluated.at(-1)?.epoch})</option>
                {evaluated.map((e) => (
                  <option key={e.epoch} value={e.epoch}>
                    {e.epoch}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted">{formatCount(totalCount(confusion))} test images</span>
          </div>
          <p className="confusion-summary">{confusionSummary(confusion, epoch.epoch)}</p>
          <div className="confusion-scroll">
            <ConfusionMatrixTable
              confusion={confusion}
              open={openCellOf(examples)}
              onOpen={openCell}
            />
          </div>
          <div className="confusion-legend">
            <span>Colour: share of the true class&apos;s images, 0%</span>
            <span
              className="legend-bar"
              aria-hidden="true"
              style={{ background: LEGEND_GRADIENT }}
            />
            <span>100%</span>
          </div>
          {/* Only the shown matrix's cell: another epoch's images wait until that epoch is chosen
              again, rather than sit under a matrix whose counts differ. */}
          {examples && openCellOf(examples) && (
            <ConfusionExamples
              view={examples}
              onInspect={onInspect}
              onClose={() => {
                request.reset();
                setCell(null);
              }}
            />
          )}
        </>
      )}
    </section>
  );
}
