import { Line } from 'recharts';
import { REFERENCE_LOG } from '../../protocol';
import type { EpochMetrics, TrainConfig } from '../../protocol';
import type { BatchLossPoint } from '../../client/trainerReducer';
import { accuracySummary, lossSummary } from './chartSummaries';
import {
  EpochLineChart,
  LINE_PROPS,
  REFERENCE_LINE_PROPS,
  series,
  type Point,
} from '../shared/EpochLineChart';
import { learningRateCurve, learningRateSummary } from './learningRateCurve';
import './LossAccuracyCharts.css';

interface LossAccuracyChartsProps {
  epochs: readonly EpochMetrics[];
  batchLosses: readonly BatchLossPoint[];
  /** Epochs planned for the run, so the x axis does not rescale as epochs arrive. */
  plannedEpochs: number;
  /** The run's settings (or the form's, before a run): the learning-rate line follows them. */
  config: TrainConfig;
}

const COLORS = {
  batch: '#9bb7d4',
  train: '#1f6feb',
  test: '#d9480f',
  rate: '#2f9e44',
};

function epochTicks(maxEpoch: number): number[] {
  const step = Math.max(1, Math.ceil(maxEpoch / 10));
  const ticks: number[] = [];
  for (let e = 0; e <= maxEpoch; e += step) ticks.push(e);
  return ticks;
}

/**
 * Loss and accuracy per epoch (drawn at each epoch's end), the running batch loss, the reference
 * run's test accuracy, and under the loss the learning rate the schedule sets at each step. Each
 * chart is a named region with its numbers in words (EpochLineChart).
 */
export function LossAccuracyCharts({
  epochs,
  batchLosses,
  plannedEpochs,
  config,
}: LossAccuracyChartsProps) {
  const maxEpoch = Math.max(1, plannedEpochs, epochs.at(-1)?.epoch ?? 0);
  const ticks = epochTicks(maxEpoch);
  const reference: Point[] = REFERENCE_LOG.filter((r) => r.epoch <= maxEpoch).map((r) => ({
    x: r.epoch,
    y: r.testAccuracy,
  }));
  const batch: Point[] = batchLosses.map((p) => ({ x: p.x, y: p.loss }));
  const axes = { height: 260, maxEpoch, ticks };

  return (
    <section className="card charts" aria-labelledby="charts-heading">
      <h2 id="charts-heading">Training curves</h2>
      <div className="chart-grid">
        <div className="chart-stack">
          <EpochLineChart
            {...axes}
            label="Loss chart"
            title="Loss"
            summary={lossSummary(epochs, batchLosses.length)}
            metric="loss"
            hasData={batch.length > 0 || epochs.length > 0}
          >
            <Line
              {...LINE_PROPS}
              data={batch}
              name="batch loss (running)"
              stroke={COLORS.batch}
              dot={false}
              strokeWidth={1}
            />
            <Line
              {...LINE_PROPS}
              data={series(epochs, (e) => e.trainLoss)}
              name="train loss"
              stroke={COLORS.train}
              strokeWidth={2}
            />
            <Line
              {...LINE_PROPS}
              data={series(epochs, (e) => e.testLoss)}
              name="test loss"
              stroke={COLORS.test}
              strokeWidth={2}
            />
          </EpochLineChart>
          <EpochLineChart
            {...axes}
            height={120}
            label="Learning rate chart"
            title="Learning rate"
            summary={learningRateSummary(config)}
            metric="learningRate"
          >
            <Line
              {...LINE_PROPS}
              data={learningRateCurve(config)}
              name="learning rate (per step)"
              stroke={COLORS.rate}
              dot={false}
              strokeWidth={1.5}
            />
          </EpochLineChart>
        </div>
        <EpochLineChart
          {...axes}
          label="Accuracy chart"
          title="Accuracy"
          summary={accuracySummary(epochs)}
          metric="accuracy"
        >
          <Line
            {...LINE_PROPS}
            data={series(epochs, (e) => e.trainAccuracy)}
            name="train acc"
            stroke={COLORS.train}
            strokeWidth={2}
          />
          <Line
            {...LINE_PROPS}
            data={series(epochs, (e) => e.testAccuracy)}
            name="test acc"
            stroke={COLORS.test}
            strokeWidth={2}
          />
          <Line {...REFERENCE_LINE_PROPS} data={reference} />
        </EpochLineChart>
      </div>
      <p className="muted">
        Dots mark the end of each epoch. Dashed: test accuracy of the reference PyTorch AlexNet run
        (Adam, lr 0.001, batch 128, full dataset). The learning rate is the one this run's schedule
        sets at each step.
      </p>
    </section>
  );
}
