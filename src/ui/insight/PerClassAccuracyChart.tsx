import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from 'recharts';
import type { EpochMetrics } from '../../protocol';
import { perClassRows, perClassSummary } from './perClassAccuracy';

interface PerClassAccuracyChartProps {
  epoch: EpochMetrics | undefined;
  /** The epoch before `epoch`, if there was one. */
  previous: EpochMetrics | undefined;
}

const COLORS = { current: '#1f6feb', previous: '#b6c8e2' };
const LEGEND_STYLE = { fontSize: 12, paddingBottom: 6 };

/**
 * Each class's test accuracy (its recall) in the chosen epoch beside the epoch before. As with the
 * training curves, the drawing is `inert` and hidden from assistive technology, and its numbers are
 * given in words instead.
 */
export function PerClassAccuracyChart({ epoch, previous }: PerClassAccuracyChartProps) {
  const rows = perClassRows(epoch, previous);
  const summary = perClassSummary(
    rows,
    epoch?.classes ? epoch.epoch : null,
    previous?.classes ? previous.epoch : null,
  );
  return (
    <section className="card" aria-labelledby="per-class-heading">
      <h2 id="per-class-heading">Per-class accuracy</h2>
      <p className="muted">
        The share of each class&apos;s test images the model got right
        {previous?.classes ? ', in the chosen epoch beside the one before.' : '.'}
      </p>
      <div className="chart" role="region" aria-label="Per-class accuracy chart">
        <p className="visually-hidden">{summary}</p>
        <div aria-hidden="true" inert>
          <BarChart
            responsive
            accessibilityLayer={false}
            layout="vertical"
            data={rows}
            style={{ width: '100%', height: 340 }}
            margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
            barGap={1}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              domain={[0, 1]}
              ticks={[0, 0.25, 0.5, 0.75, 1]}
              tickFormatter={(v: number) => `${Math.round(v * 100)}%`}
            />
            <YAxis type="category" dataKey="name" width={96} tick={{ fontSize: 12 }} interval={0} />
            <Legend verticalAlign="top" iconSize={10} wrapperStyle={LEGEND_STYLE} />
            {previous?.classes && (
              <Bar
                dataKey="previous"
                name={`epoch ${previous.epoch}`}
                fill={COLORS.previous}
                isAnimationActive={false}
              />
            )}
            <Bar
              dataKey="current"
              name={epoch?.classes ? `epoch ${epoch.epoch}` : 'no epoch yet'}
              fill={COLORS.current}
              isAnimationActive={false}
            />
          </BarChart>
        </div>
      </div>
    </section>
  );
}
