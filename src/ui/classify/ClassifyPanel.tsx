import { useRef, useState } from 'react';
import { toModelInput28 } from '../../client/preprocess';
import type { RasterImage } from '../../client/preprocess';
import { decodeImageFile, ImageFileError } from '../../client/imageFile';
import type { ModelAvailability } from '../../client/trainerSelectors';
import { DrawingPad } from './DrawingPad';
import { formatPercent } from '../shared/format';
import { ImageUpload } from './ImageUpload';
import type { InspectTarget } from '../shared/inspectTarget';
import { PixelImage } from '../shared/PixelImage';
import { PredictionBars } from './PredictionBars';
import { argMax, classLabel } from '../shared/probabilities';
import './ClassifyPanel.css';

type View =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string; input?: Float32Array }
  | { kind: 'message'; tone: 'info' | 'error'; text: string; input?: Float32Array }
  | {
      kind: 'result';
      input: Float32Array;
      probabilities: Float32Array;
      source: string;
      /** The model whose weights answered, and what they were at the time. */
      modelId: number;
      weights: string;
    };

interface ClassifyPanelProps {
  model: ModelAvailability;
  predict: (pixels: Float32Array, signal?: AbortSignal) => Promise<Float32Array>;
  /** Told of each picture classified, for "What the network sees". */
  onClassified?: (target: InspectTarget) => void;
}

/** Which weights answered, written when the answer came (the run may move on afterwards). */
function weightsNote(model: Exclude<ModelAvailability, { kind: 'none' }>): string {
  const epochs = `${model.epochsDone} epoch${model.epochsDone === 1 ? '' : 's'}`;
  return model.kind === 'training'
    ? `Made mid-training, after ${epochs}.`
    : `Made with the weights after ${epochs} of training.`;
}

/** The caption of a result: its weights, or that they have since been replaced or discarded. */
function resultCaption(result: { modelId: number; weights: string }, model: ModelAvailability) {
  if (model.kind !== 'none' && model.modelId === result.modelId) return result.weights;
  return model.kind === 'none'
    ? 'From a model that no longer exists: train again to classify with new weights.'
    : 'From the previous model: draw or upload again to ask the current one.';
}

/** Draw or upload a picture, see the 28x28 input it becomes and the model's ten probabilities. */
export function ClassifyPanel({ model, predict, onClassified }: ClassifyPanelProps) {
  const [view, setView] = useState<View>({ kind: 'idle' });
  // Only the latest picture may update the view: a slow upload must not overwrite a newer drawing.
  // Each new one aborts the one before, and with it its prediction request (the client drops the
  // answer).
  const latest = useRef<AbortController | null>(null);
  const begin = (): AbortSignal => {
    latest.current?.abort();
    latest.current = new AbortController();
    return latest.current.signal;
  };

  const classify = async (
    image: RasterImage,
    source: string,
    emptyText: string,
    signal: AbortSignal = begin(),
  ) => {
    const prepared = toModelInput28(image);
    if (!prepared) {
      setView({ kind: 'message', tone: 'error', text: emptyText });
      return;
    }
    const input = prepared.pixels;
    if (model.kind === 'none') {
      setView({
        kind: 'message',
        tone: 'info',
        input,
        text: 'No trained model yet: press Train first. Predictions use the current weights, during or after training.',
      });
      return;
    }
    setView({ kind: 'busy', text: 'Classifying…', input });
    const asked = model;
    try {
      // The worker takes ownership of the buffer it is sent; keep our copy for the preview.
      const probabilities = await predict(input.slice(), signal);
      if (signal.aborted) return;
      setView({
        kind: 'result',
        input,
        probabilities,
        source,
        modelId: asked.modelId,
        weights: weightsNote(asked),
      });
      onClassified?.({ pixels: input, source });
    } catch (error) {
      if (signal.aborted) return;
      const text = error instanceof Error ? error.message : String(error);
      setView({ kind: 'message', tone: 'error', input, text: `Prediction failed: ${text}` });
    }
  };

  const onFile = async (file: File) => {
    const signal = begin();
    setView({ kind: 'busy', text: `Reading ${file.name}…` });
    try {
      const image = await decodeImageFile(file);
      if (signal.aborted) return;
      await classify(
        image,
        `the picture ${file.name}`,
        'Nothing stands out in that picture: it looks blank.',
        signal,
      );
    } catch (error) {
      if (signal.aborted) return;
      const text =
        error instanceof ImageFileError
          ? error.message
          : `That file is not an image we can read (${error instanceof Error ? error.message : String(error)}).`;
      setView({ kind: 'message', tone: 'error', text });
    }
  };

  const input = view.kind === 'idle' ? undefined : view.input;
  const top = view.kind === 'result' ? argMax(view.probabilities) : -1;

  return (
    <section className="card classify" aria-labelledby="classify-heading">
      <h2 id="classify-heading">Classify your own picture</h2>
      <div className="classify-grid">
        <div>
          <h3>Draw</h3>
          <DrawingPad
            onDrawing={(image) => void classify(image, 'your drawing', 'Draw something first.')}
            onClear={() => {
              begin();
              setView({ kind: 'idle' });
            }}
          />
        </div>
        <div>
          <h3>Or upload</h3>
          <ImageUpload onFile={(file) => void onFile(file)} />
        </div>
        <div className="prediction" role="region" aria-label="Prediction" aria-live="polite">
          <h3>Prediction</h3>
          {input && (
            <figure className="model-input">
              <PixelImage pixels={input} label="The 28x28 input the model sees" />
              <figcaption className="muted">What the model sees (28x28)</figcaption>
            </figure>
          )}
          {view.kind === 'idle' && (
            <p className="muted">
              Draw a garment or upload a photo to see what the model makes of it.
            </p>
          )}
          {view.kind === 'busy' && <p className="muted">{view.text}</p>}
          {view.kind === 'message' && (
            <p
              className={view.tone === 'error' ? 'error-text' : 'info-text'}
              role={view.tone === 'error' ? 'alert' : undefined}
            >
              {view.text}
            </p>
          )}
          {view.kind === 'result' && (
            <>
              <p className="top-class">
                Top class: <strong>{classLabel(top)}</strong> (
                {formatPercent(view.probabilities[top] ?? 0)}) for {view.source}.
              </p>
              <p className="muted">{resultCaption(view, model)}</p>
              <PredictionBars probabilities={view.probabilities} />
            </>
          )}
        </div>
      </div>
    </section>
  );
}
