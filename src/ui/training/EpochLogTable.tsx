import type { EpochMetrics } from '../../protocol';
import { referenceMargin } from './learningRateCurve';
import './EpochLogTable.css';

/** Above the reference by this much or more: a pass, not a tie in the third decimal. */
const PASS_MARGIN = 0.0005;

/** Test accuracy against the reference run's at the same epoch, marked when it passes it. */
function ReferenceCell({ epoch }: { epoch: EpochMetrics }) {
  const margin = referenceMargin(epoch);
  if (margin === null) return <td className="muted">no reference</td>;
  const signed = `${margin >= 0 ? '+' : '−'}${Math.abs(margin).toFixed(3)}`;
  return margin >= PASS_MARGIN ? (
    <td className="passes-reference">
      {signed} <strong>passes the reference</strong>
    </td>
  ) : (
    <td>{signed}</td>
  );
}

/** One row per finished epoch, like the reference run's printout, with the test accuracy set
 * against the reference run's at the same epoch. */
export function EpochLogTable({ epochs }: { epochs: readonly EpochMetrics[] }) {
  return (
    <section className="card" aria-labelledby="log-heading">
      <h2 id="log-heading">Epoch log</h2>
      <div className="table-scroll">
        <table className="numeric-table" aria-label="Epoch log">
          <thead>
            <tr>
              <th scope="col">Epoch</th>
              <th scope="col">Loss</th>
              <th scope="col">Train acc</th>
              <th scope="col">Test loss</th>
              <th scope="col">Test acc</th>
              <th scope="col">vs reference</th>
              <th scope="col">Time (s)</th>
              <th scope="col">Images/s</th>
            </tr>
          </thead>
          <tbody>
            {epochs.map((e) => (
              <tr key={e.epoch}>
                <th scope="row">{e.epoch}</th>
                <td>{e.trainLoss.toFixed(4)}</td>
                <td>{e.trainAccuracy.toFixed(3)}</td>
                <td>{e.testLoss.toFixed(4)}</td>
                <td>{e.testAccuracy.toFixed(3)}</td>
                <ReferenceCell epoch={e} />
                <td
                  title={`training ${e.trainSeconds.toFixed(1)} s, testing ${e.evalSeconds.toFixed(1)} s`}
                >
                  {(e.trainSeconds + e.evalSeconds).toFixed(1)}
                </td>
                <td>{e.imagesPerSec.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {epochs.length === 0 && <p className="muted">A row appears here as each epoch ends.</p>}
    </section>
  );
}
