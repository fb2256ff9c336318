import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from 'recharts';
import type { KernelBenchRow } from '../../protocol';
import { chartRows } from './benchSummary';

const COLORS = { stock: '#b6c8e2', own: '#1f6feb' };

/** ms per layer and op, stock beside own. Drawn inert; the table beside it holds the numbers. */
export function BenchChart({ rows }: { rows: readonly KernelBenchRow[] }) {
  const data = chartRows(rows);
  if (data.length === 0) return null;
  return (
    <div className="chart" role="region" aria-label="Milliseconds per layer and operation chart">
      <p className="visually-hidden">The same numbers as the table below.</p>
      <div aria-hidden="true" inert>
        <BarChart
          responsive
          accessibilityLayer={false}
          layout="vertical"
          data={data}
          style={{ width: '100%', height: Math.max(120, 40 + data.length * 26) }}
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
          barGap={1}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v: number) => `${v} ms`} />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 11 }} interval={0} />
          <Legend verticalAlign="top" iconSize={10} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="stock" name="stock" fill={COLORS.stock} isAnimationActive={false} />
          <Bar dataKey="own" name="own" fill={COLORS.own} isAnimationActive={false} />
        </BarChart>
      </div>
    </div>
  );
}
