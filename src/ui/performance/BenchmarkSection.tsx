import { useState } from 'react';
import type { KernelBenchRequest, ModelName } from '../../protocol';
import { BENCH_BUDGETS, MODEL_NAMES, parseBenchBatch } from '../../protocol';
import { describeNamedModel } from '../../model/architecture';
import { kernelBenchProgress } from '../../client/kernelBenchState';
import type { KernelBench } from '../../client/useKernelBench';
import { downloadFile } from '../shared/download';
import { ProgressBar } from '../shared/ProgressBar';
import { benchMarkdown } from './benchMarkdown';
import { BenchChart } from './BenchChart';
import { BenchTable } from './BenchTable';
import { EPOCH_IMAGES, projectEpoch } from './benchSummary';

interface BenchmarkSectionProps {
  bench: KernelBench;
  /** The form's model and batch: the benchmark's defaults. */
  model: ModelName;
  batch: number;
  /** Why the benchmark may not start now (a run is training, no WebGPU), or null. */
  refusal: string | null;
}

const rowCount = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

const benchLayers = (model: ModelName) =>
  describeNamedModel(model)
    .rows.filter((r) => r.kind === 'conv' || r.kind === 'dense')
    .map((r) => r.name);

/** "Benchmark this GPU": the per-layer kernel benchmark in its own worker, stock beside own. */
export function BenchmarkSection({ bench, model, batch, refusal }: BenchmarkSectionProps) {
  const [chosenModel, setModel] = useState<ModelName>(model);
  // The batch as typed, checked strictly (as the training form's fields are): Start waits for a
  // valid one rather than the field rewriting what the user types.
  const [batchText, setBatchText] = useState(String(batch));
  const parsedBatch = parseBenchBatch(batchText);
  const chosenBatch = 'value' in parsedBatch ? parsedBatch.value : batch;
  const batchError = 'error' in parsedBatch ? parsedBatch.error : null;
  const [layer, setLayer] = useState('all');
  const [budget, setBudget] = useState<number>(BENCH_BUDGETS[1]);
  const [copied, setCopied] = useState<string | null>(null);
  const { state } = bench;
  const running = state.status === 'running' || state.status === 'stopping';
  const report = state.report;
  const projection = projectEpoch(state.rows, state.request?.batch ?? chosenBatch);

  const start = () => {
    const request: KernelBenchRequest = {
      model: chosenModel,
      batch: chosenBatch,
      layers: layer === 'all' ? null : [layer],
      budgetSeconds: budget,
      reps: 5,
    };
    setCopied(null);
    bench.start(request);
  };
  const download = () => {
    if (!report) return;
    const name = `bench-${report.request.model}-b${report.request.batch}-${report.date.slice(0, 10)}.json`;
    downloadFile(name, JSON.stringify(report, null, 2) + '\n', 'application/json');
  };
  const copy = () => {
    if (!report) return;
    navigator.clipboard.writeText(benchMarkdown(report)).then(
      () => setCopied('Copied the table as Markdown.'),
      () => setCopied('The browser did not allow copying to the clipboard.'),
    );
  };

  return (
    <section aria-labelledby="bench-heading" className="bench">
      <h3 id="bench-heading">Benchmark this GPU</h3>
      <p className="muted">
        Times each layer&apos;s operations, tfjs&apos;s kernels beside this project&apos;s, with the
        same code as <code>npm run bench:kernels</code>, in a separate worker with its own GPU
        device: a trained model is never touched. Nothing is sent anywhere.
      </p>
      <div className="bench-form">
        <label>
          Model{' '}
          <select
            value={chosenModel}
            disabled={running}
            onChange={(e) => {
              setModel(e.target.value as ModelName);
              setLayer('all');
            }}
          >
            {MODEL_NAMES.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label>
          Batch{' '}
          <input
            inputMode="numeric"
            value={batchText}
            disabled={running}
            aria-invalid={batchError ? true : undefined}
            aria-describedby={batchError ? 'bench-batch-error' : undefined}
            onChange={(e) => setBatchText(e.target.value)}
          />
          {batchError && (
            <span className="field-error" id="bench-batch-error">
              {batchError}
            </span>
          )}
        </label>
        <label>
          Layers{' '}
          <select value={layer} disabled={running} onChange={(e) => setLayer(e.target.value)}>
            <option value="all">all layers</option>
            {benchLayers(chosenModel).map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Time budget{' '}
          <select
            value={budget}
            disabled={running}
            onChange={(e) => setBudget(Number(e.target.value))}
          >
            {BENCH_BUDGETS.map((s) => (
              <option key={s} value={s}>
                {s < 60 ? `${s} s` : `${s / 60} min`}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="button-row">
        <button
          type="button"
          onClick={start}
          disabled={running || refusal !== null || batchError !== null}
        >
          Benchmark this GPU
        </button>
        {/* Not "Stop…": the run's Stop button must stay the only one of that name. */}
        <button type="button" onClick={bench.stop} disabled={state.status !== 'running'}>
          End benchmark
        </button>
        <button type="button" onClick={download} disabled={!report}>
          Download JSON
        </button>
        <button type="button" onClick={copy} disabled={!report}>
          Copy as Markdown
        </button>
      </div>
      {refusal && !running && <p role="note">{refusal}</p>}
      {running && (
        <>
          <ProgressBar label="Benchmark progress" value={kernelBenchProgress(state)} />
          <p role="status">
            {state.status === 'stopping' ? 'Stopping after the call in flight… ' : ''}
            {state.rows.length} of {state.totalRows || '…'} rows measured
            {state.adapter ? ` on ${state.adapter}` : ''}.
          </p>
        </>
      )}
      {state.status === 'failed' && <p role="alert">{state.error}</p>}
      {state.status === 'finished' && report && (
        <p role="status">
          Finished: {rowCount(report.rows.length)}
          {report.stoppedEarly ? ` (stopped early: ${report.stoppedEarly})` : ''}.
        </p>
      )}
      {copied && <p role="status">{copied}</p>}
      {projection && state.request && (
        <p>
          Projected epoch ({EPOCH_IMAGES.toLocaleString('en-US')} images at batch{' '}
          {state.request.batch}, from {projection.layers.join(', ')}
          {projection.missing > 0 ? `; ${projection.missing} ops not measured` : ''}):{' '}
          <strong>{projection.epochSeconds.toFixed(1)} s</strong> with own kernels,{' '}
          {projection.stockEpochSeconds.toFixed(1)} s with stock. A lower bound: pooling, the loss
          and gaps between dispatches are not timed.
        </p>
      )}
      {state.rows.length > 0 && (
        <>
          <BenchChart rows={state.rows} />
          <BenchTable rows={state.rows} />
        </>
      )}
    </section>
  );
}
