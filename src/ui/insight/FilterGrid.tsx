import { useCallback, useEffect, useRef, useState } from 'react';
import type { LayerFilters } from '../../protocol';
import type { ModelAvailability } from '../../client/trainerSelectors';
import { TileCanvas } from '../shared/TileCanvas';

interface FilterGridProps {
  model: ModelAvailability;
  firstLayerFilters: () => Promise<LayerFilters>;
}

interface Shown {
  runId: number;
  filters: LayerFilters;
  /** Which weights: "during epoch 2", "after 5 epochs". */
  when: string;
}

function weightsWhen(model: Exclude<ModelAvailability, { kind: 'none' }>): string {
  if (model.kind === 'training') return `during epoch ${model.epochsDone + 1}`;
  return `after ${model.epochsDone} epoch${model.epochsDone === 1 ? '' : 's'}`;
}

/**
 * The first conv layer's kernels as small grayscale images. Fetched when a run starts, at each
 * epoch's end and when asked: never per step.
 */
export function FilterGrid({ model, firstLayerFilters }: FilterGridProps) {
  const [shown, setShown] = useState<Shown | null>(null);
  // A failed request, for the run it was made in: once that model is gone (a new run, a dead
  // worker, whose banner says why) the message goes with it.
  const [failed, setFailed] = useState<{ runId: number; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const ticket = useRef(0);
  const runId = model.kind === 'none' ? null : model.runId;
  const epochsDone = model.kind === 'none' ? 0 : model.epochsDone;
  const kind = model.kind;

  /** Asks for the filters; the answer lands only if no later request was made meanwhile. */
  const fetchFilters = useCallback(
    (asked: Exclude<ModelAvailability, { kind: 'none' }>): Promise<void> => {
      const mine = ++ticket.current;
      return firstLayerFilters().then(
        (filters) => {
          if (mine !== ticket.current) return;
          setShown({ runId: asked.runId, filters, when: weightsWhen(asked) });
          setFailed(null);
        },
        (error: unknown) => {
          if (mine !== ticket.current) return;
          setFailed({
            runId: asked.runId,
            message: error instanceof Error ? error.message : String(error),
          });
        },
      );
    },
    [firstLayerFilters],
  );

  // A new run, each finished epoch and the run's end: fetch the filters again.
  useEffect(() => {
    if (kind === 'none' || runId === null) return;
    void fetchFilters({ kind, runId, epochsDone });
  }, [kind, runId, epochsDone, fetchFilters]);

  const current = shown && shown.runId === runId ? shown : null;
  const problem = failed?.runId === runId ? failed.message : null;
  const filters = current?.filters;
  return (
    <section className="card" aria-labelledby="filters-heading">
      <h2 id="filters-heading">conv1 filters</h2>
      <p className="muted">
        The weights the first conv layer slides over the image, one small picture per filter, each
        scaled to its own range: black its most negative weight, white its most positive.
      </p>
      <div className="button-row">
        <button
          type="button"
          disabled={runId === null || busy}
          onClick={() => {
            if (model.kind === 'none') return;
            setBusy(true);
            void fetchFilters(model).finally(() => setBusy(false));
          }}
        >
          Refresh filters
        </button>
        {runId === null && <span className="muted">Train a model first.</span>}
        {current && (
          <span className="muted">
            {filters?.count} filters of {filters?.size}x{filters?.size}, {current.when}.
          </span>
        )}
      </div>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      {filters && (
        <TileCanvas
          label={`conv1 filters: ${filters.count} grayscale images of ${filters.size}x${filters.size} weights`}
          values={filters.pixels}
          count={filters.count}
          width={filters.size}
          height={filters.size}
          columns={filters.count > 16 ? 12 : 8}
          palette="gray"
          gap={1}
          scale={filters.size > 5 ? 3 : 7}
        />
      )}
    </section>
  );
}
