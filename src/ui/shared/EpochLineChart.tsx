import type { ReactNode } from 'react';
import { CartesianGrid, Legend, LineChart, XAxis, YAxis } from 'recharts';
import type { EpochMetrics } from '../../protocol';

export interface Point {
  x: number;
  y: number;
}

/** One metric of each epoch as chart points, x being the epoch. */
export const series = (
  epochs: readonly EpochMetrics[],
  pick: (e: EpochMetrics) => number,
): Point[] => epochs.map((e) => ({ x: e.epoch, y: pick(e) }));

export const REFERENCE_COLOR = '#6b7280';

/** Props every <Line> here shares: points at each epoch, drawn at once (no animation). */
export const LINE_PROPS = { type: 'linear', dataKey: 'y', isAnimationActive: false } as const;

/** The reference PyTorch run's line: grey and dashed, beside the runs drawn in colour. */
export const REFERENCE_LINE_PROPS = {
  ...LINE_PROPS,
  name: 'reference (PyTorch)',
  stroke: REFERENCE_COLOR,
  strokeDasharray: '6 4',
  strokeWidth: 1.5,
} as const;

const CHART_MARGIN = { top: 8, right: 16, bottom: 20, left: 4 };
const LEGEND_STYLE = { fontSize: 12, paddingBottom: 6 };
const ACCURACY_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

interface EpochLineChartProps {
  /** The region's accessible name. */
  label: string;
  title: string;
  /** The chart's numbers in words, for screen readers (the drawing itself is hidden from them). */
  summary: string;
  height: number;
  maxEpoch: number;
  /** Epoch ticks; Recharts picks them when absent. */
  ticks?: number[];
  /** Accuracy: a fixed 0-1 axis. Loss: from 0 up to the data, or 0-2.5 while there is none.
   * Learning rate: from 0 up to the data, in exponent notation. */
  metric: 'loss' | 'accuracy' | 'learningRate';
  hasData?: boolean;
  /** The <Line> elements. */
  children: ReactNode;
}

/**
 * One chart of per-epoch lines: a named region with its numbers in words, and the drawing `inert`:
 * hidden from assistive technology and out of the tab order. Without that, Recharts' accessibility
 * layer adds an unnamed tab stop per chart, and Chromium makes every SVG <g> that React listens on
 * for focus events (Recharts renders its z-index layers as portals into them) a tab stop too.
 */
export function EpochLineChart({
  label,
  title,
  summary,
  height,
  maxEpoch,
  ticks,
  metric,
  hasData = true,
  children,
}: EpochLineChartProps) {
  return (
    <div className="chart" role="region" aria-label={label}>
      <h3>{title}</h3>
      <p className="visually-hidden">{summary}</p>
      <div aria-hidden="true" inert>
        <LineChart
          responsive
          accessibilityLayer={false}
          style={{ width: '100%', height }}
          margin={CHART_MARGIN}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={[0, maxEpoch]}
            ticks={ticks}
            allowDecimals={false}
            label={{ value: 'Epoch', position: 'insideBottom', offset: -12 }}
          />
          {metric === 'learningRate' && (
            <YAxis
              domain={[0, 'auto']}
              width={48}
              tickFormatter={(v: number) => (v === 0 ? '0' : v.toExponential(0))}
            />
          )}
          {metric === 'accuracy' && (
            <YAxis
              domain={[0, 1]}
              ticks={ACCURACY_TICKS}
              interval={0}
              width={48}
              tickFormatter={(v: number) => v.toFixed(1)}
            />
          )}
          {metric === 'loss' && (
            <YAxis
              domain={hasData ? [0, 'auto'] : [0, 2.5]}
              width={48}
              tickFormatter={(v: number) => v.toFixed(1)}
            />
          )}
          <Legend verticalAlign="top" iconSize={10} wrapperStyle={LEGEND_STYLE} />
          {children}
        </LineChart>
      </div>
    </div>
  );
}
