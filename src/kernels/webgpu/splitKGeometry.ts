// Launch geometry of the own split-K programs, as pure arithmetic: the kernels use it to size their
// dispatches, and the tests and `npm run bench:kernels` report it without a GPU.
//
// A split-K program computes an [m x n] result whose every entry is a sum of `reduceSize` products.
// Workgroups tile the result (tileM x tileN entries each, staged through workgroup memory tileK
// reduction rows at a time) and the reduction is cut into `splits` chunks, one per dispatch layer
// (z), each writing its own partial sums; a second, small program adds the partial sums up. The
// chunk length bounds how long one invocation runs in a row; the split count also lifts the number
// of invocations in flight, which a GPU needs (~100k) to hide memory latency.

/** How an own split-K program tiles its result. */
export interface SplitKTiling {
  /** Invocations per workgroup along n (x) and m (y). */
  workgroup: readonly [number, number];
  /** Result entries each invocation accumulates, along n and m. */
  perInvocation: readonly [number, number];
  /** Reduction rows staged in workgroup memory per step. */
  tileK: number;
}

export interface SplitKProblem {
  /** Rows of the result. */
  m: number;
  /** Columns of the result. */
  n: number;
  /** Products summed into each result entry. */
  reduceSize: number;
}

export interface SplitKLimits {
  /** Most multiply-adds one invocation may run in a row. */
  maxSerialMacs: number;
  /** Invocations to aim for, when the reduction is long enough to split that finely. */
  targetInvocations: number;
  /** WebGPU's default maxComputeWorkgroupsPerDimension. */
  maxWorkgroupsPerDimension: number;
}

/** The project's rule for own kernels (issue 7): >= 100k invocations, <= 8,192 serial MACs each. */
export const SPLIT_K_LIMITS: SplitKLimits = {
  maxSerialMacs: 8192,
  targetInvocations: 100_000,
  maxWorkgroupsPerDimension: 65_535,
};

/**
 * On a CPU-emulated adapter: no occupancy target (a few CPU threads run the workgroups; see
 * adapterKind.ts), only the serial-length rule.
 */
export const SOFTWARE_SPLIT_K_LIMITS: SplitKLimits = { ...SPLIT_K_LIMITS, targetInvocations: 0 };

/** What a kernel launches, and how long its longest-running invocation works in a row. */
export interface LaunchGeometry {
  /** Invocations launched by the main (multiply-add) pass, idle ones at ragged edges included. */
  invocations: number;
  /** Most multiply-adds (or adds, in a reduction pass) one invocation runs in a row. */
  serialMacs: number;
  /** GPU dispatches per call. */
  dispatches: number;
}

export interface SplitKPlan extends LaunchGeometry {
  tiling: SplitKTiling;
  tileM: number;
  tileN: number;
  /** Reduction chunks, one per workgroup layer (dispatch z). */
  splits: number;
  /** Reduction rows per chunk: a multiple of tileK; the last chunk may be shorter. */
  chunk: number;
  /** Workgroups along x (n tiles), y (m tiles) and z (splits). */
  dispatch: [number, number, number];
  /** Multiply-adds one invocation runs: its result entries x the chunk length. */
  mainSerialMacs: number;
  /** Floats of partial sums (0 when there is one split and no reduction pass). */
  partialFloats: number;
  /** Share of the tiles' entries inside the result (the rest are computed and dropped). */
  utilisation: number;
}

/** Invocations per workgroup of the pass that adds the partial sums (one invocation per entry). */
export const SUM_SPLITS_WORKGROUP = 64;

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

/**
 * Splits and dispatch for `problem` under `tiling`: as many splits as needed to keep each
 * invocation within `maxSerialMacs`, more while that brings the launch up to `targetInvocations`,
 * never a chunk shorter than one tile step. Returns undefined when the reduction is so long that
 * the splits would exceed the dispatch limit (the caller falls back to the stock kernel).
 */
export function planSplitK(
  problem: SplitKProblem,
  tiling: SplitKTiling,
  limits: SplitKLimits = SPLIT_K_LIMITS,
): SplitKPlan | undefined {
  const { m, n, reduceSize } = problem;
  const [wgX, wgY] = tiling.workgroup;
  const [perN, perM] = tiling.perInvocation;
  const { tileK } = tiling;
  const tileM = wgY * perM;
  const tileN = wgX * perN;
  const entriesPerInvocation = perM * perN;
  const maxChunk = Math.floor(limits.maxSerialMacs / entriesPerInvocation / tileK) * tileK;
  if (m < 1 || n < 1 || reduceSize < 1 || maxChunk < tileK) return undefined;

  const tilesX = ceilDiv(n, tileN);
  const tilesY = ceilDiv(m, tileM);
  const invocationsPerSplit = tilesX * tilesY * wgX * wgY;
  const wanted = Math.max(
    ceilDiv(reduceSize, maxChunk),
    ceilDiv(limits.targetInvocations, invocationsPerSplit),
  );
  // Whole tile steps per split, rounded down so there are at least `wanted` splits (never more
  // than one per tile step); rounding down never lengthens a chunk past maxChunk.
  const steps = ceilDiv(reduceSize, tileK);
  const chunk = Math.max(1, Math.floor(steps / wanted)) * tileK;
  const splits = ceilDiv(reduceSize, chunk);
  const limit = limits.maxWorkgroupsPerDimension;
  if (splits > limit || tilesX > limit || tilesY > limit) return undefined;

  const mainSerialMacs = entriesPerInvocation * chunk;
  return {
    utilisation: (m * n) / (tilesX * tileM * tilesY * tileN),
    tiling,
    tileM,
    tileN,
    splits,
    chunk,
    dispatch: [tilesX, tilesY, splits],
    invocations: invocationsPerSplit * splits,
    mainSerialMacs,
    serialMacs: Math.max(mainSerialMacs, splits > 1 ? splits : 0),
    dispatches: splits > 1 ? 2 : 1,
    partialFloats: splits > 1 ? m * n * splits : 0,
  };
}
