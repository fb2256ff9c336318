// "Benchmark this GPU": the same per-layer measurement as `npm run bench:kernels` (benchOps), run in
// the page's benchmark worker on its own WebGPU device, reported in the same JSON shape plus where
// it ran (browser, adapter limits and features, the request).

import type {
  AdapterLimits,
  BrowserKernelBenchReport,
  KernelBenchRequest,
  KernelBenchUpdate,
} from '../../protocol';
import type { SelectedBackend } from '../../runtime/backendSelection';
import { benchOps, selectedOpCases } from './opBench';

/** No new round of a row starts after this many seconds (as `--row-seconds`). */
const ROW_SECONDS = 10;

export interface BrowserBenchOptions {
  request: KernelBenchRequest;
  backend: SelectedBackend;
  /** The adapter's features (timestamp-query among them, or not). */
  features: string[];
  browser: string;
  /** Logical CPUs (navigator.hardwareConcurrency). */
  cpus: number;
  /** True once the page asked to stop. */
  stopAsked: () => boolean;
  post: (update: KernelBenchUpdate) => void;
  now?: () => number;
}

export async function runBrowserKernelBench(options: BrowserBenchOptions): Promise<void> {
  const { request, backend, post } = options;
  const { device, info } = backend;
  if (!device || !info.adapter || !info.limits) {
    post({
      type: 'failed',
      message: 'Benchmark this GPU needs WebGPU, and this browser has none.',
    });
    return;
  }
  const now = options.now ?? (() => performance.now());
  const deadline = now() + request.budgetSeconds * 1000;
  const layers = request.layers ?? undefined;
  const totalRows = selectedOpCases(request.model, undefined, layers).length;
  const { vendor, architecture, device: deviceName, description } = info.adapter;
  const limits: AdapterLimits = info.limits;
  const report: BrowserKernelBenchReport = {
    date: new Date().toISOString(),
    adapter: {
      vendor,
      architecture,
      device: deviceName,
      description,
      isSoftware: info.isSoftware,
      cpu: `${options.cpus} logical CPUs`,
    },
    reps: request.reps,
    rowSeconds: ROW_SECONDS,
    rows: [],
    steps: [],
    browser: options.browser,
    limits,
    features: options.features,
    request: {
      model: request.model,
      batch: request.batch,
      layers: request.layers,
      budgetSeconds: request.budgetSeconds,
    },
  };
  post({ type: 'started', adapter: info.adapter, isSoftware: info.isSoftware, totalRows });
  // The budget is checked before each row: a row once begun gets its warm-up and timed round (at
  // most ROW_SECONDS more), so even a short budget gives a row; Stop ends the call in flight's row.
  const stopNow = () => {
    if (!options.stopAsked()) return false;
    report.stoppedEarly = 'stopped';
    return true;
  };
  const shouldStop = () => {
    if (options.stopAsked()) {
      report.stoppedEarly ??= 'stopped';
      return true;
    }
    if (now() <= deadline) return false;
    report.stoppedEarly ??= `the ${request.budgetSeconds} s budget ran out`;
    return true;
  };
  await benchOps({
    device,
    model: request.model,
    batch: request.batch,
    reps: request.reps,
    rowSeconds: ROW_SECONDS,
    ...(layers ? { layers } : {}),
    shouldStop,
    stopNow,
    onRow: (row) => {
      report.rows.push(row);
      post({ type: 'row', row, rowsDone: report.rows.length, totalRows });
    },
  });
  if (report.rows.length < totalRows) shouldStop();
  post({ type: 'finished', report });
}
