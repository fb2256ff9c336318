// Launch geometry of the matrix-product core (matMulCoreProgram.ts), as pure arithmetic: the
// kernels size their dispatches with it, and the tests and `npm run bench:kernels` report it
// without a GPU.
//
// The core computes C[z][m, n] = sum over k of A[m, k] * B[k, n]. A workgroup owns a tileM x tileN
// block of C; each of its invocations accumulates perM x perN entries in registers. Per K step the
// workgroup copies a tileK-deep slice of A and of B into workgroup memory (as vec4s along m and n),
// and every invocation then reads perM / 4 + perN / 4 vec4s per k and does perM x perN multiply-adds
// with them: 8 x 8 gives 16 multiply-adds per workgroup-memory load, 4 x 4 gives 8.
//
// Split-K: where the tiles alone are too few to fill a GPU, the k range is cut into `splits`
// chunks (dispatch z), each writing its own partial sums; a second pass adds them (and applies the
// bias and ReLU where the call asks for them). A product too small for that (alexnet's fc3: 1,280
// outputs, or a reduction of 10) is "starved": its splits may be as short as one K step, and where
// even that leaves too few workgroups, a tiling with smaller tiles (still 4 x 4 an invocation) is
// taken instead.

/** How the core tiles its result. */
export interface CoreTiling {
  /** Rows (m) and columns (n) of C per workgroup. */
  tileM: number;
  tileN: number;
  /** Entries per invocation along m and n (multiples of 4). */
  perM: number;
  perN: number;
  /** Reduction depth staged in workgroup memory per step (a multiple of 4). */
  tileK: number;
}

export const TILE_64x64: CoreTiling = { tileM: 64, tileN: 64, perM: 8, perN: 8, tileK: 8 };
export const TILE_64x32: CoreTiling = { tileM: 64, tileN: 32, perM: 8, perN: 4, tileK: 8 };
export const TILE_32x32: CoreTiling = { tileM: 32, tileN: 32, perM: 4, perN: 4, tileK: 8 };
export const TILE_64x16: CoreTiling = { tileM: 64, tileN: 16, perM: 4, perN: 4, tileK: 8 };
/** For a handful of rows (a dense layer at a small batch); tileK 4 keeps its B tiles in 8 KB. */
export const TILE_4x256: CoreTiling = { tileM: 4, tileN: 256, perM: 4, perN: 4, tileK: 4 };

/** Best first: the planner takes the first that uses at least MIN_TILE_USE of its entries. */
export const CORE_TILINGS: readonly CoreTiling[] = [
  TILE_64x64,
  TILE_64x32,
  TILE_32x32,
  TILE_64x16,
  TILE_4x256,
];
export const MIN_TILE_USE = 0.7;

export const invocationsOf = (t: CoreTiling) => (t.tileM / t.perM) * (t.tileN / t.perN);

/** The product, as the core sees it. */
export interface CoreProblem {
  m: number;
  n: number;
  k: number;
  /** Independent products (a batched matmul's batch); 1 for convolutions. */
  batch?: number;
  /** Whether A and B are read with vec4 global loads (else four scalar loads per vec4). */
  vec4A?: boolean;
  vec4B?: boolean;
}

/** What the adapter allows and how many workgroups to aim for. */
export interface SplitPolicy {
  /** Below this many workgroups, the reduction is split; 0 never splits. */
  minWorkgroups: number;
  /** Split until about this many workgroups run. */
  targetWorkgroups: number;
  /** Fewest K steps one split runs (the partial sums cost a write and a read per entry). */
  minStepsPerSplit: number;
  /**
   * Fewest K steps per split for a product whose splits of minStepsPerSplit still leave fewer
   * than minWorkgroups (a tiny product: its partial sums are a few MB however short the splits).
   */
  minStepsWhenStarved: number;
  /** The adapter's maxComputeWorkgroupsPerDimension. */
  maxWorkgroupsPerDimension: number;
  /** The adapter's maxStorageBufferBindingSize: the partial sums are one binding. */
  maxBindingBytes: number;
}

/** A hardware GPU (~100-140 SMs): ~2,000-4,000 workgroups keep every SM busy several times over. */
export const GPU_SPLIT_POLICY: SplitPolicy = {
  minWorkgroups: 1000,
  targetWorkgroups: 3000,
  minStepsPerSplit: 4,
  minStepsWhenStarved: 1,
  maxWorkgroupsPerDimension: 65_535,
  maxBindingBytes: 128 * 1024 * 1024,
};

/**
 * A CPU-emulated adapter (adapterKind.ts): a few threads run the workgroups, so a handful of them
 * is enough, and every split costs memory traffic a CPU pays in full.
 */
export const SOFTWARE_SPLIT_POLICY: SplitPolicy = {
  ...GPU_SPLIT_POLICY,
  minWorkgroups: 4,
  targetWorkgroups: 8,
  minStepsPerSplit: 64,
  minStepsWhenStarved: 64,
};

export interface CorePlan {
  tiling: CoreTiling;
  /** Workgroups along x (n tiles), y (m tiles) and z (batch x splits). */
  dispatch: [number, number, number];
  splits: number;
  /** k per split: a multiple of tileK; the last split may be shorter. */
  chunk: number;
  /** GPU dispatches per call: 2 when a pass adds the splits' partial sums. */
  dispatches: number;
  partialFloats: number;
}

export interface CoreWork {
  workgroups: number;
  invocationsPerWorkgroup: number;
  /** Multiply-adds issued, padding of ragged tiles included. */
  fmas: number;
  /** vec4 loads from workgroup memory in the inner loop. */
  sharedLoads: number;
  /** Loads from global memory into workgroup memory (a vec4 load counts one). */
  globalLoads: number;
  fmaPerSharedLoad: number;
  fmaPerGlobalLoad: number;
  /** Workgroup barriers per K step. */
  barriersPerStep: number;
  dispatches: number;
}

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

/** The first tiling of `tilings` that wastes little of its tiles on this result, else the fullest. */
export function chooseTiling(
  m: number,
  n: number,
  tilings: readonly CoreTiling[] = CORE_TILINGS,
): CoreTiling {
  const use = (t: CoreTiling) => tileUse({ m, n, k: 0 }, t);
  const good = tilings.find((t) => use(t) >= MIN_TILE_USE);
  return good ?? tilings.reduce((best, t) => (use(t) > use(best) ? t : best));
}

/**
 * Tiling, splits and dispatch. Splits only when the tiles are fewer than policy.minWorkgroups, up to
 * about policy.targetWorkgroups, keeping every split >= minStepsPerSplit K steps (a starved product:
 * minStepsWhenStarved, then smaller tiles, see above) and the partial sums within one binding.
 * `allowSplit` is false where the caller cannot take partial sums. A batched product never splits.
 * Undefined when a dimension exceeds the limit.
 */
export function planCore(
  problem: CoreProblem,
  policy: SplitPolicy = GPU_SPLIT_POLICY,
  options: { tilings?: readonly CoreTiling[]; allowSplit?: boolean } = {},
): CorePlan | undefined {
  const tilings = options.tilings ?? CORE_TILINGS;
  const first = chooseTiling(problem.m, problem.n, tilings);
  const canSplit = (options.allowSplit ?? true) && (problem.batch ?? 1) === 1;
  const plan = planWith(problem, policy, first, canSplit, policy.minStepsPerSplit);
  if (!plan || !canSplit || workgroupsOf(plan) >= policy.minWorkgroups) return plan;
  // Starved: shorter splits, then, if the reduction is too short for those, smaller tiles that
  // still fill MIN_TILE_USE of their entries (in the tilings' order of preference).
  const candidates = [
    first,
    ...tilings.filter((t) => t !== first && tileUse(problem, t) >= MIN_TILE_USE),
  ];
  let best = plan;
  for (const tiling of candidates) {
    const starved = planWith(problem, policy, tiling, true, policy.minStepsWhenStarved);
    if (starved && workgroupsOf(starved) > workgroupsOf(best)) best = starved;
    if (workgroupsOf(best) >= policy.minWorkgroups) break;
  }
  return best;
}

const workgroupsOf = (plan: CorePlan) => plan.dispatch[0] * plan.dispatch[1] * plan.dispatch[2];

function tileUse({ m, n }: CoreProblem, t: CoreTiling): number {
  return (m * n) / (ceilDiv(m, t.tileM) * t.tileM * ceilDiv(n, t.tileN) * t.tileN);
}

function planWith(
  problem: CoreProblem,
  policy: SplitPolicy,
  tiling: CoreTiling,
  canSplit: boolean,
  minSteps: number,
): CorePlan | undefined {
  const { m, n, k } = problem;
  const batch = problem.batch ?? 1;
  const tilesX = ceilDiv(n, tiling.tileN);
  const tilesY = ceilDiv(m, tiling.tileM);
  const tiles = tilesX * tilesY * batch;
  const steps = Math.max(1, ceilDiv(k, tiling.tileK));
  let splits = 1;
  if (canSplit && tiles < policy.minWorkgroups) {
    const wanted = ceilDiv(policy.targetWorkgroups, tiles);
    const byLength = Math.floor(steps / minSteps);
    const byMemory = Math.floor(policy.maxBindingBytes / (m * n * 4));
    splits = Math.max(1, Math.min(wanted, byLength, byMemory, policy.maxWorkgroupsPerDimension));
  }
  const chunk = ceilDiv(steps, splits) * tiling.tileK;
  splits = Math.max(1, ceilDiv(k, chunk));
  const limit = policy.maxWorkgroupsPerDimension;
  if (tilesX > limit || tilesY > limit || splits * batch > limit) return undefined;
  return {
    tiling,
    dispatch: [tilesX, tilesY, batch * splits],
    splits,
    chunk,
    dispatches: splits > 1 ? 2 : 1,
    partialFloats: splits > 1 ? m * n * splits : 0,
  };
}

/** The work a plan launches (the main pass; the sum of the splits is a small second pass). */
export function coreWork(problem: CoreProblem, plan: CorePlan): CoreWork {
  const { tiling } = plan;
  const { tileM, tileN, tileK, perM, perN } = tiling;
  const threads = invocationsOf(tiling);
  const [x, y, z] = plan.dispatch;
  const workgroups = x * y * z;
  // K steps summed over the splits (the last split may run fewer).
  let stepsPerColumn = 0;
  for (let s = 0; s < plan.splits; s++) {
    const length = Math.max(0, Math.min(plan.chunk, problem.k - s * plan.chunk));
    stepsPerColumn += ceilDiv(length, tileK);
  }
  const columns = x * y * (problem.batch ?? 1);
  const steps = columns * stepsPerColumn;
  const fmas = steps * threads * perM * perN * tileK;
  const sharedLoads = steps * threads * tileK * (perM / 4 + perN / 4);
  const perVec4 = (vec4: boolean | undefined) => (vec4 ? 1 : 4);
  const globalLoads =
    steps * ((tileM * tileK) / 4) * perVec4(problem.vec4A) +
    steps * ((tileN * tileK) / 4) * perVec4(problem.vec4B);
  return {
    workgroups,
    invocationsPerWorkgroup: threads,
    fmas,
    sharedLoads,
    globalLoads,
    fmaPerSharedLoad: fmas / sharedLoads,
    fmaPerGlobalLoad: fmas / globalLoads,
    barriersPerStep: 1,
    dispatches: plan.dispatches,
  };
}
