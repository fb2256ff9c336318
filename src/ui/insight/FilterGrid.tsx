import { useEffect } from 'react';
import type { LayerFilters } from '../../protocol';
import type { ModelAvailability } from '../../client/trainerSelectors';
import { useRequest } from '../../client/useRequest';
import { TileCanvas } from '../shared/TileCanvas';

interface FilterGridProps {
  model: ModelAvailability;
  firstLayerFilters: (signal?: AbortSignal) => Promise<LayerFilters>;
}

interface Shown {
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
  const modelId = model.kind === 'none' ? null : model.modelId;
  // Answers and failures are kept for the model that gave them: once that model is gone (a new
  // run, a dead worker, whose banner says why) they go with it.
  const request = useRequest<Shown>(modelId);
  const { run } = request;
  const epochsDone = model.kind === 'none' ? 0 : model.epochsDone;
  const kind = model.kind;

  /** Asks for the filters; a newer request cancels an older one. */
  const fetchFilters = (asked: Exclude<ModelAvailability, { kind: 'none' }>) =>
    run(async (signal) => ({ filters: await firstLayerFilters(signal), when: weightsWhen(asked) }));

  // A new run, each finished epoch and the run's end: fetch the filters again.
  useEffect(() => {
    if (kind === 'none' || modelId === null) return;
    const asked = { kind, modelId, epochsDone };
    void run(async (signal) => ({
      filters: await firstLayerFilters(signal),
      when: weightsWhen(asked),
    }));
  }, [kind, modelId, epochsDone, run, firstLayerFilters]);

  const current = request.value;
  const problem = request.error;
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
          disabled={modelId === null || request.loading}
          onClick={() => {
            if (model.kind !== 'none') void fetchFilters(model);
          }}
        >
          Refresh filters
        </button>
        {modelId === null && <span className="muted">Train a model first.</span>}
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
