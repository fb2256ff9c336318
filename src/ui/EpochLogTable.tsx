import type { EpochMetrics } from '../protocol';

/** One row per finished epoch, like the reference run's printout. */
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
