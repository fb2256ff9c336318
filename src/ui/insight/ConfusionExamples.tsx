import type { CellExamples } from '../../protocol';
import { IMAGE_PIXELS } from '../../protocol';
import { examplesCaption } from './confusionMatrix';
import { formatPercent } from '../shared/format';
import { testImageTarget, type InspectTarget } from '../shared/inspectTarget';
import { PixelImage } from '../shared/PixelImage';
import { classLabel } from '../shared/probabilities';
import './ConfusionExamples.css';

export type ExamplesView =
  | { kind: 'loading'; epoch: number; trueClass: number; predictedClass: number }
  | { kind: 'error'; epoch: number; trueClass: number; predictedClass: number; message: string }
  | { kind: 'ready'; examples: CellExamples };

interface ConfusionExamplesProps {
  view: ExamplesView;
  onInspect: (target: InspectTarget) => void;
  onClose: () => void;
}

function title(trueClass: number, predictedClass: number): string {
  const t = classLabel(trueClass);
  const p = classLabel(predictedClass);
  return trueClass === predictedClass ? `${t} classified right` : `${t} predicted as ${p}`;
}

/** The test images behind the open cell, as that epoch's evaluation classified them. */
export function ConfusionExamples({ view, onInspect, onClose }: ConfusionExamplesProps) {
  const cell = view.kind === 'ready' ? view.examples : view;
  return (
    <div className="confusion-examples" role="region" aria-label="Confusion examples">
      <div className="examples-header">
        <h3>{title(cell.trueClass, cell.predictedClass)}</h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {view.kind === 'loading' && <p className="muted">Fetching the images…</p>}
      {view.kind === 'error' && (
        <p className="error-text" role="alert">
          {view.message}
        </p>
      )}
      {view.kind === 'ready' && <ExampleList examples={view.examples} onInspect={onInspect} />}
    </div>
  );
}

function ExampleList({
  examples,
  onInspect,
}: {
  examples: CellExamples;
  onInspect: (target: InspectTarget) => void;
}) {
  const { total, indices, pixels, probabilities, epoch, trueClass, predictedClass } = examples;
  const predicted = classLabel(predictedClass);
  if (total === 0) {
    return (
      <p className="muted">
        No test image of a {classLabel(trueClass)} was predicted as {predicted} in epoch {epoch}.
      </p>
    );
  }
  const shown = indices.length;
  return (
    <>
      <p className="muted">
        {examplesCaption(shown, total, predicted, epoch)} Pick one to look inside.
      </p>
      <ul className="example-grid" aria-label={`${title(trueClass, predictedClass)}: test images`}>
        {[...indices].map((index, i) => {
          const bytes = pixels.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS);
          const probability = formatPercent(probabilities[i] ?? NaN, 0);
          const name = `Test image ${index}: true ${classLabel(trueClass)}, predicted as ${predicted} (${probability})`;
          return (
            <li key={index}>
              <button
                type="button"
                className="example"
                aria-label={name}
                onClick={() =>
                  onInspect(
                    testImageTarget(bytes, `test image ${index} (a ${classLabel(trueClass)})`),
                  )
                }
              >
                <PixelImage pixels={bytes} label={name} size={56} />
                <span>{probability}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
