import { useEffect } from 'react';
import type { Inspection } from '../../protocol';
import type { ModelAvailability } from '../../client/trainerSelectors';
import { useRequest } from '../../client/useRequest';
import { FeatureMapGrid } from './FeatureMapGrid';
import { formatPercent } from '../shared/format';
import type { InspectTarget } from '../shared/inspectTarget';
import { PixelImage } from '../shared/PixelImage';
import { classLabel } from '../shared/probabilities';
import { SaliencyImage } from './SaliencyImage';
import './NetworkView.css';

interface NetworkViewProps {
  model: ModelAvailability;
  /** The picture to look inside: the last one classified, or a test image picked. */
  target: InspectTarget | null;
  inspect: (pixels: Float32Array, signal?: AbortSignal) => Promise<Inspection>;
}

type Available = Exclude<ModelAvailability, { kind: 'none' }>;

interface Seen {
  target: InspectTarget;
  inspection: Inspection;
  when: string;
}

function weightsWhen(model: Available): string {
  const epochs = `${model.epochsDone} epoch${model.epochsDone === 1 ? '' : 's'}`;
  return model.kind === 'training' ? `mid-training, after ${epochs}` : `after ${epochs}`;
}

/**
 * Feature maps of conv1 and conv2 and a gradient saliency map for one picture, computed in the
 * worker with the current weights: when the picture changes, at each epoch's end, and when asked.
 */
export function NetworkView({ model, target, inspect }: NetworkViewProps) {
  const modelId = model.kind === 'none' ? null : model.modelId;
  // Answers and failures are kept for the model that gave them: once that model is gone (a new
  // run, a dead worker, whose banner says why) they go with it.
  const request = useRequest<Seen>(modelId);
  const { run } = request;
  const kind = model.kind;
  const epochsDone = model.kind === 'none' ? 0 : model.epochsDone;

  /** Looks inside; a newer request cancels an older one. */
  const look = (picture: InspectTarget, asked: Available) =>
    run(async (signal) => ({
      target: picture,
      // The worker takes the buffer it is sent: keep the target's own pixels for the display.
      inspection: await inspect(picture.pixels.slice(), signal),
      when: weightsWhen(asked),
    }));

  // A new picture, a new run, each finished epoch and the run's end: look inside again.
  useEffect(() => {
    if (!target || kind === 'none' || modelId === null) return;
    const asked = { kind, modelId, epochsDone };
    void run(async (signal) => ({
      target,
      inspection: await inspect(target.pixels.slice(), signal),
      when: weightsWhen(asked),
    }));
  }, [target, kind, modelId, epochsDone, run, inspect]);

  const current = request.value?.target === target ? request.value : null;
  const problem = request.error;
  const inspection = current?.inspection;
  const top = inspection?.topClass ?? 0;
  return (
    <section className="card network-view" aria-labelledby="network-heading">
      <h2 id="network-heading">What the network sees</h2>
      <p className="muted">
        The picture last classified (a drawing, an upload or a test image you pick), the first 16
        channels of what conv1 and conv2 make of it, and where it looks: computed in the worker with
        the current weights.
      </p>
      <div className="button-row">
        <button
          type="button"
          disabled={!target || model.kind === 'none' || request.loading}
          onClick={() => {
            if (target && model.kind !== 'none') void look(target, model);
          }}
        >
          Look again with the current weights
        </button>
        {model.kind === 'none' && <span className="muted">Train a model first.</span>}
        {/* On a software adapter the first inspection takes a while: say that one is coming. */}
        {target && model.kind !== 'none' && !current && !problem && (
          <span className="muted" role="status">
            Looking inside with the current weights…
          </span>
        )}
        {model.kind !== 'none' && !target && (
          <span className="muted">Classify a drawing or an upload, or pick a test image.</span>
        )}
      </div>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      {target && inspection && current && (
        <>
          <p className="top-class">
            Top class: <strong>{classLabel(top)}</strong> (
            {formatPercent(inspection.probabilities[top] ?? 0)}) for {target.source}, with the
            weights {current.when}.
          </p>
          <div className="seen-pair">
            <figure>
              <PixelImage pixels={target.pixels} label="The 28x28 input" size={140} />
              <figcaption className="muted">Input (28x28)</figcaption>
            </figure>
            <figure>
              <SaliencyImage
                picture={target.pixels}
                saliency={inspection.saliency}
                label={`Saliency: the pixels whose change moves the ${classLabel(top)} score most, over the input`}
                size={140}
              />
              <figcaption className="muted">
                Saliency: |gradient of the {classLabel(top)} logit| per pixel (plain gradient)
              </figcaption>
            </figure>
          </div>
          {inspection.featureMaps.map((maps) => (
            <FeatureMapGrid key={maps.layer} maps={maps} />
          ))}
        </>
      )}
    </section>
  );
}
