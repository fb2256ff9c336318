import { CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from 'recharts';
import { REFERENCE_LOG } from '../protocol';
import type { EpochMetrics } from '../protocol';
import type { BatchLossPoint } from '../client/trainerReducer';
import { accuracySummary, lossSummary } from './chartSummaries';

interface Point {
  x: number;
  y: number;
}

interface LossAccuracyChartsProps {
  epochs: readonly EpochMetrics[];
  batchLosses: readonly BatchLossPoint[];
  /** Epochs planned for the run, so the x axis does not rescale as epochs arrive. */
  plannedEpochs: number;
}

const COLORS = {
  batch: '#9bb7d4',
  train: '#1f6feb',
  test: '#d9480f',
  reference: '#6b7280',
};

const CHART_MARGIN = { top: 8, right: 16, bottom: 20, left: 4 };
const LEGEND_STYLE = { fontSize: 12, paddingBottom: 6 };

function epochTicks(maxEpoch: number): number[] {
  const step = Math.max(1, Math.ceil(maxEpoch / 10));
  const ticks: number[] = [];
  for (let e = 0; e <= maxEpoch; e += step) ticks.push(e);
  return ticks;
}

const series = (epochs: readonly EpochMetrics[], pick: (e: EpochMetrics) => number): Point[] =>
  epochs.map((e) => ({ x: e.epoch, y: pick(e) }));

/**
 * Loss and accuracy per epoch (drawn at each epoch's end), the running batch loss, and the reference.
 * Each chart is a named region with its numbers in words; the drawing is `inert`: hidden from
 * assistive technology and out of the tab order. Without that, Recharts' accessibility layer adds an
 * unnamed tab stop per chart, and Chromium makes every SVG <g> that React listens on for focus events
 * (Recharts renders its z-index layers as portals into them) a tab stop too: five per chart here.
 */
export function LossAccuracyCharts({
  epochs,
  batchLosses,
  plannedEpochs,
}: LossAccuracyChartsProps) {
  const maxEpoch = Math.max(1, plannedEpochs, epochs.at(-1)?.epoch ?? 0);
  const ticks = epochTicks(maxEpoch);
  const xAxis = (
    <XAxis
      dataKey="x"
      type="number"
      domain={[0, maxEpoch]}
      ticks={ticks}
      allowDecimals={false}
      label={{ value: 'Epoch', position: 'insideBottom', offset: -12 }}
    />
  );
  const reference: Point[] = REFERENCE_LOG.filter((r) => r.epoch <= maxEpoch).map((r) => ({
    x: r.epoch,
    y: r.testAccuracy,
  }));
  const batch: Point[] = batchLosses.map((p) => ({ x: p.x, y: p.loss }));
  const hasLoss = batch.length > 0 || epochs.length > 0;
  const line = { type: 'linear', dataKey: 'y', isAnimationActive: false } as const;

  return (
    <section className="card charts" aria-labelledby="charts-heading">
      <h2 id="charts-heading">Training curves</h2>
      <div className="chart-grid">
        <div className="chart" role="region" aria-label="Loss chart">
          <h3>Loss</h3>
          <p className="visually-hidden">{lossSummary(epochs, batchLosses.length)}</p>
          <div aria-hidden="true" inert>
            <LineChart
              responsive
              accessibilityLayer={false}
              style={{ width: '100%', height: 260 }}
              margin={CHART_MARGIN}
            >
              <CartesianGrid strokeDasharray="3 3" />
              {xAxis}
              <YAxis
                domain={hasLoss ? [0, 'auto'] : [0, 2.5]}
                width={48}
                tickFormatter={(v: number) => v.toFixed(1)}
              />
              <Legend verticalAlign="top" iconSize={10} wrapperStyle={LEGEND_STYLE} />
              <Line
                {...line}
                data={batch}
                name="batch loss (running)"
                stroke={COLORS.batch}
                dot={false}
                strokeWidth={1}
              />
              <Line
                {...line}
                data={series(epochs, (e) => e.trainLoss)}
                name="train loss"
                stroke={COLORS.train}
                strokeWidth={2}
              />
              <Line
                {...line}
                data={series(epochs, (e) => e.testLoss)}
                name="test loss"
                stroke={COLORS.test}
                strokeWidth={2}
              />
            </LineChart>
          </div>
        </div>
        <div className="chart" role="region" aria-label="Accuracy chart">
          <h3>Accuracy</h3>
          <p className="visually-hidden">{accuracySummary(epochs)}</p>
          <div aria-hidden="true" inert>
            <LineChart
              responsive
              accessibilityLayer={false}
              style={{ width: '100%', height: 260 }}
              margin={CHART_MARGIN}
            >
              <CartesianGrid strokeDasharray="3 3" />
              {xAxis}
              <YAxis
                domain={[0, 1]}
                ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
                width={48}
                tickFormatter={(v: number) => v.toFixed(1)}
              />
              <Legend verticalAlign="top" iconSize={10} wrapperStyle={LEGEND_STYLE} />
              <Line
                {...line}
                data={series(epochs, (e) => e.trainAccuracy)}
                name="train acc"
                stroke={COLORS.train}
                strokeWidth={2}
              />
              <Line
                {...line}
                data={series(epochs, (e) => e.testAccuracy)}
                name="test acc"
                stroke={COLORS.test}
                strokeWidth={2}
              />
              <Line
                {...line}
                data={reference}
                name="reference (PyTorch)"
                stroke={COLORS.reference}
                strokeDasharray="6 4"
                strokeWidth={1.5}
              />
            </LineChart>
          </div>
        </div>
      </div>
      <p className="muted">
        Dots mark the end of each epoch. Dashed: test accuracy of the reference PyTorch AlexNet run
        (Adam, lr 0.001, batch 128, full dataset).
      </p>
    </section>
  );
}
