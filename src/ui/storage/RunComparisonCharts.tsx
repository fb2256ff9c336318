import { Line } from 'recharts';
import { REFERENCE_LOG } from '../../protocol';
import type { RunRecord } from '../../protocol';
import { comparedAccuracySummary, comparedLossSummary, runColor } from './comparisonSummary';
import { EpochLineChart, LINE_PROPS, REFERENCE_LINE_PROPS, series } from '../shared/EpochLineChart';

/**
 * The selected runs' training loss and test accuracy per epoch, overlaid, beside the reference run
 * (dashed). As in LossAccuracyCharts, the drawing is inert and the numbers are given in words.
 */
export function RunComparisonCharts({ runs }: { runs: readonly RunRecord[] }) {
  const maxEpoch = Math.max(1, ...runs.map((r) => r.epochs.length));
  const reference = REFERENCE_LOG.filter((r) => r.epoch <= maxEpoch);
  const line = { ...LINE_PROPS, strokeWidth: 2 } as const;

  return (
    <div className="chart-grid">
      <EpochLineChart
        label="Compared loss"
        title="Training loss"
        summary={comparedLossSummary(runs)}
        height={220}
        maxEpoch={maxEpoch}
        metric="loss"
      >
        {runs.map((run, i) => (
          <Line
            key={run.id}
            {...line}
            data={series(run.epochs, (e) => e.trainLoss)}
            name={run.name}
            stroke={runColor(i)}
          />
        ))}
        <Line {...REFERENCE_LINE_PROPS} data={reference.map((r) => ({ x: r.epoch, y: r.loss }))} />
      </EpochLineChart>
      <EpochLineChart
        label="Compared accuracy"
        title="Test accuracy"
        summary={comparedAccuracySummary(runs)}
        height={220}
        maxEpoch={maxEpoch}
        metric="accuracy"
      >
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
          {...REFERENCE_LINE_PROPS}
          data={reference.map((r) => ({ x: r.epoch, y: r.testAccuracy }))}
        />
      </EpochLineChart>
    </div>
  );
}
