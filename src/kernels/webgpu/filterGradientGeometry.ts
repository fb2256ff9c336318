// The filter gradient as a matrix product, and its launch geometry, own and stock. Pure: the kernel,
// its tests and the kernel benchmark share it.
//
// dW[kh, kw, ci, co] = sum over (b, oh, ow) of x[b, oh*s + kh - pad, ow*s + kw - pad, ci] * dy[b, oh, ow, co]
// is an [m x n] = [kh*kw*ci x co] result summed over reduceSize = batch * outHeight * outWidth.

import {
  planSplitK,
  SPLIT_K_LIMITS,
  type LaunchGeometry,
  type SplitKLimits,
  type SplitKPlan,
  type SplitKProblem,
  type SplitKTiling,
} from './splitKGeometry';

/** The sizes that matter, as in tfjs's Conv2DInfo (NHWC). */
export interface FilterGradientShape {
  batchSize: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
}

/**
 * The tilings the kernel chooses from, best first. More result entries per invocation means fewer
 * loads from workgroup memory per multiply-add, but at a fixed serial length (8,192) shorter chunks,
 * so more splits and more partial sums: 4 x 4 entries give conv2 at batch 128 415 MB of them, 1 x 1
 * give 26 MB. The kernel takes the first whose partial sums fit PARTIAL_SUMS_CAP_BYTES and whose
 * tiles are mostly inside the result (alexnet-mini's 16-channel layers waste most of a 32-wide tile).
 */
export const FILTER_GRADIENT_TILINGS: readonly SplitKTiling[] = [
  { workgroup: [8, 8], perInvocation: [4, 4], tileK: 16 },
  { workgroup: [8, 8], perInvocation: [2, 2], tileK: 16 },
  { workgroup: [16, 16], perInvocation: [1, 1], tileK: 16 },
];

/** Most bytes of partial sums one call may allocate (half WebGPU's default binding limit). */
export const PARTIAL_SUMS_CAP_BYTES = 64 * 1024 * 1024;

/** Least share of a tiling's tiles inside the result for it to be chosen over a smaller one. */
export const MIN_TILE_UTILISATION = 0.5;

export function filterGradientProblem(shape: FilterGradientShape): SplitKProblem {
  return {
    m: shape.filterHeight * shape.filterWidth * shape.inChannels,
    n: shape.outChannels,
    reduceSize: shape.batchSize * shape.outHeight * shape.outWidth,
  };
}

/**
 * The own kernel's launch: the first of `tilings` whose partial sums fit the cap and whose tiles are
 * used well enough (the last only needs to fit), or undefined where none fits (the kernel then hands
 * the shape to the stock one).
 */
export function filterGradientPlan(
  shape: FilterGradientShape,
  tilings: readonly SplitKTiling[] = FILTER_GRADIENT_TILINGS,
  limits: SplitKLimits = SPLIT_K_LIMITS,
): SplitKPlan | undefined {
  const problem = filterGradientProblem(shape);
  const plans = tilings.map((tiling) => planSplitK(problem, tiling, limits));
  const fits = (plan: SplitKPlan | undefined): plan is SplitKPlan =>
    plan !== undefined && plan.partialFloats * 4 <= PARTIAL_SUMS_CAP_BYTES;
  return (
    plans.find((plan) => fits(plan) && plan.utilisation >= MIN_TILE_UTILISATION) ??
    plans.filter(fits).at(-1)
  );
}

/**
 * tfjs 4.22's Conv2DDerFilterProgram: one invocation per filter weight, each summing all
 * batch x outHeight x outWidth products in a row, in one dispatch.
 */
export function stockFilterGradientGeometry(shape: FilterGradientShape): LaunchGeometry {
  const { m, n, reduceSize } = filterGradientProblem(shape);
  return { invocations: m * n, serialMacs: reduceSize, dispatches: 1 };
}
