import { FASHION_MNIST_CLASSES } from '../../protocol';
import { formatPercent } from '../shared/format';
import { argMax } from '../shared/probabilities';
import './PredictionBars.css';

/** The ten class probabilities as horizontal bars, the top class highlighted. */
export function PredictionBars({ probabilities }: { probabilities: Float32Array }) {
  const top = argMax(probabilities);
  return (
    <ol className="prediction-bars" aria-label="Class probabilities">
      {FASHION_MNIST_CLASSES.map((name, i) => {
        const p = probabilities[i] ?? 0;
        return (
          <li key={name} className={i === top ? 'top' : undefined}>
            <span className="bar-label">{name}</span>
            <span className="bar-track" aria-hidden="true">
              <span
                className="bar-fill"
                style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }}
              />
            </span>
            <span className="bar-value">{formatPercent(p)}</span>
          </li>
        );
      })}
    </ol>
  );
}
