import { CartesianGrid, Legend, Line, LineChart, XAxis, YAxis } from 'recharts';
import { REFERENCE_LOG } from '../protocol';
import type { EpochMetrics, RunRecord } from '../protocol';
import { comparedAccuracySummary, comparedLossSummary, runColor } from './comparisonSummary';

const CHART_MARGIN = { top: 8, right: 16, bottom: 20, left: 4 };
const LEGEND_STYLE = { fontSize: 12, paddingBottom: 6 };
const REFERENCE_COLOR = '#6b7280';

const series = (epochs: readonly EpochMetrics[], pick: (e: EpochMetrics) => number) =>
  epochs.map((e) => ({ x: e.epoch, y: pick(e) }));

/**
 * The selected runs' training loss and test accuracy per epoch, overlaid, beside the reference run
 * (dashed). As in LossAccuracyCharts, the drawing is inert and the numbers are given in words.
 */
export function RunComparisonCharts({ runs }: { runs: readonly RunRecord[] }) {
  const maxEpoch = Math.max(1, ...runs.map((r) => r.epochs.length));
  const xAxis = (
    <XAxis
      dataKey="x"
      type="number"
      domain={[0, maxEpoch]}
      allowDecimals={false}
      label={{ value: 'Epoch', position: 'insideBottom', offset: -12 }}
    />
  );
  const reference = REFERENCE_LOG.filter((r) => r.epoch <= maxEpoch);
  const line = { type: 'linear', dataKey: 'y', isAnimationActive: false, strokeWidth: 2 } as const;
  const referenceLine = {
    ...line,
    name: 'reference (PyTorch)',
    stroke: REFERENCE_COLOR,
    strokeDasharray: '6 4',
    strokeWidth: 1.5,
  } as const;

  return (
    <div className="chart-grid">
      <div className="chart" role="region" aria-label="Compared loss">
        <h3>Training loss</h3>
        <p className="visually-hidden">{comparedLossSummary(runs)}</p>
        <div aria-hidden="true" inert>
          <LineChart
            responsive
            accessibilityLayer={false}
            style={{ width: '100%', height: 220 }}
            margin={CHART_MARGIN}
          >
            <CartesianGrid strokeDasharray="3 3" />
            {xAxis}
            <YAxis domain={[0, 'auto']} width={48} tickFormatter={(v: number) => v.toFixed(1)} />
            <Legend verticalAlign="top" iconSize={10} wrapperStyle={LEGEND_STYLE} />
            {runs.map((run, i) => (
              <Line
                key={run.id}
                {...line}
                data={series(run.epochs, (e) => e.trainLoss)}
                name={run.name}
                stroke={runColor(i)}
              />
            ))}
            <Line {...referenceLine} data={reference.map((r) => ({ x: r.epoch, y: r.loss }))} />
          </LineChart>
        </div>
      </div>
      <div className="chart" role="region" aria-label="Compared accuracy">
        <h3>Test accuracy</h3>
        <p className="visually-hidden">{comparedAccuracySummary(runs)}</p>
        <div aria-hidden="true" inert>
          <LineChart
            responsive
            accessibilityLayer={false}
            style={{ width: '100%', height: 220 }}
            margin={CHART_MARGIN}
          >
            <CartesianGrid strokeDasharray="3 3" />
            {xAxis}
            <YAxis
              domain={[0, 1]}
              ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]}
              interval={0}
              width={48}
              tickFormatter={(v: number) => v.toFixed(1)}
            />
            <Legend verticalAlign="top" iconSize={10} wrapperStyle={LEGEND_STYLE} />
            {runs.map((run, i) => (
              <Line
                key={run.id}
                {...line}
                data={series(run.epochs, (e) => e.testAccuracy)}
                name={run.name}
                stroke={runColor(i)}
              />
            ))}
            <Line
              {...referenceLine}
              data={reference.map((r) => ({ x: r.epoch, y: r.testAccuracy }))}
            />
          </LineChart>
        </div>
      </div>
    </div>
  );
}
