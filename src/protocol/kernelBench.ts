// The JSON `npm run bench:kernels -- --out FILE` writes (issue 7's shape, plus context fields), and
// the page's "Benchmark this GPU" writes the same with the browser's context added
// (BrowserKernelBenchReport). In protocol because the page shows and downloads it.

export interface KernelBenchAdapter {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isSoftware: boolean;
  /** The machine the numbers come from, e.g. "2 x AMD EPYC 7B13". */
  cpu: string;
}

export interface KernelBenchRow {
  model: string;
  layer: string;
  op: string;
  batch: number;
  /** Whether an own kernel computes this op (false: own = stock, timed once). */
  own: boolean;
  /** Median ms per call with tfjs's kernels; null if it did not run (budget, failure). */
  stockMs: number | null;
  /** Median ms per call with the own kernel; null where there is none (own = stock) or it did not run. */
  ownMs: number | null;
  /** Median CPU ms of this process per call (see timing.ts CallTime.cpuMs). */
  stockCpuMs: number | null;
  ownCpuMs: number | null;
  /** GPU ms of one call from timestamp queries (tf.time), where the adapter gives them. */
  stockGpuMs: number | null;
  ownGpuMs: number | null;
  /** Timed calls behind each median (0: not timed). */
  calls: number;
  /** Floating-point operations of one call (2 per multiply-add) for the products (convolutions and
   * matrix products and their gradients); null for the other ops. */
  flop?: number | null;
  /**
   * The own kernel's work at batch 128 as planned for a hardware adapter (whatever adapter ran the
   * benchmark): workgroups launched, multiply-adds per workgroup-memory load and per global load.
   */
  workgroups128: number | null;
  fmaPerSharedLoad: number | null;
  fmaPerGlobalLoad: number | null;
  /**
   * tfjs's own program for the op at batch 128, where src/kernels/webgpu/stockGeometry.ts models it
   * (fmaPerSharedLoad null: the program uses no workgroup memory).
   */
  stock128?: {
    program: string;
    workgroups: number;
    fmaPerSharedLoad: number | null;
    fmaPerGlobalLoad: number;
  };
  /** Why a value is missing, e.g. "no own kernel: own = stock". */
  note?: string;
}

export interface KernelBenchStep {
  model: string;
  batch: number;
  stockMs: number | null;
  ownMs: number | null;
  stockCpuMs: number | null;
  ownCpuMs: number | null;
  /** Timed steps behind each median (0: not timed). */
  calls: number;
  /** GPU dispatches in one training step, counted. */
  stockDispatches: number | null;
  ownDispatches: number | null;
  note?: string;
}

export interface KernelBenchReport {
  date: string;
  adapter: KernelBenchAdapter;
  /** Most timed calls per kernel mode (after warm-up) of which the median is reported. */
  reps: number;
  /** A row's time budget after its first timed round (see timing.ts AlternatingOptions). */
  rowSeconds: number;
  rows: KernelBenchRow[];
  steps: KernelBenchStep[];
  /** Set when --budget ran out before everything was measured. */
  stoppedEarly?: string;
}

/** What the page's "Benchmark this GPU" adds to the report: where it ran. */
export interface BrowserKernelBenchContext {
  /** navigator.userAgent. */
  browser: string;
  /** The adapter's limits that decide which batches fit. */
  limits: {
    maxBufferSize: number;
    maxStorageBufferBindingSize: number;
    maxComputeWorkgroupStorageSize: number;
    maxComputeInvocationsPerWorkgroup: number;
  };
  /** The adapter's features, e.g. 'timestamp-query'. */
  features: string[];
  /** The model, batch and time budget asked for. */
  request: { model: string; batch: number; layers: string[] | null; budgetSeconds: number };
}

export type BrowserKernelBenchReport = KernelBenchReport & BrowserKernelBenchContext;
