import { useState } from 'react';
import type { ClassifiedSample } from '../../protocol';
import type { ModelAvailability } from '../../client/trainerSelectors';
import { testImageTarget, type InspectTarget } from '../shared/inspectTarget';
import { PixelImage } from '../shared/PixelImage';
import { argMax, classLabel } from '../shared/probabilities';
import './SampleGallery.css';

const SAMPLE_COUNT = 8;

interface SampleGalleryProps {
  model: ModelAvailability;
  classifySamples: (count: number) => Promise<ClassifiedSample[]>;
  /** Picks a test image for "What the network sees". */
  onInspect?: (target: InspectTarget) => void;
}

/** A few random test images with their true and predicted labels. */
export function SampleGallery({ model, classifySamples, onInspect }: SampleGalleryProps) {
  const [samples, setSamples] = useState<ClassifiedSample[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      setSamples(await classifySamples(SAMPLE_COUNT));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const correct = samples.filter((s) => argMax(s.probabilities) === s.label).length;
  return (
    <section className="card" aria-labelledby="samples-heading">
      <h2 id="samples-heading">Test images</h2>
      <div className="button-row">
        <button type="button" onClick={() => void load()} disabled={busy || model.kind === 'none'}>
          Classify test images
        </button>
        {model.kind === 'none' && <span className="muted">Train a model first.</span>}
        {samples.length > 0 && (
          <span className="muted">
            {correct} of {samples.length} right{onInspect ? '; pick one to look inside' : ''}
          </span>
        )}
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {samples.length > 0 && (
        <ul className="sample-grid" aria-label="Classified test images">
          {samples.map((s, i) => {
            const predicted = argMax(s.probabilities);
            const right = predicted === s.label;
            return (
              <li key={i} className={right ? 'sample right' : 'sample wrong'}>
                {onInspect ? (
                  <button
                    type="button"
                    className="example"
                    aria-label={`Look inside: test image of a ${classLabel(s.label)}`}
                    onClick={() =>
                      onInspect(
                        testImageTarget(s.pixels, `a test image of a ${classLabel(s.label)}`),
                      )
                    }
                  >
                    <PixelImage
                      pixels={s.pixels}
                      label={`Test image of a ${classLabel(s.label)}`}
                      size={84}
                    />
                  </button>
                ) : (
                  <PixelImage
                    pixels={s.pixels}
                    label={`Test image of a ${classLabel(s.label)}`}
                    size={84}
                  />
                )}
                <span>true: {classLabel(s.label)}</span>
                <span>
                  predicted: {classLabel(predicted)} {right ? '✓' : '✗'}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
