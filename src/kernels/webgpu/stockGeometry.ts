// The work tfjs 4.22's own WebGPU programs launch for the products an alexnet step runs, read from
// tfjs-backend-webgpu's source (conv2d_mm_webgpu.ts, conv_backprop_webgpu.ts,
// matmul_packed_webgpu.ts, kernels/BatchMatMul_impl.ts, webgpu_util.ts), as the core's
// coreWork states its own: workgroups, invocations per workgroup, multiply-adds per
// workgroup-memory load (null: the program stages nothing in workgroup memory) and per global load.
// A load is one load instruction (a vec4 or a scalar), counted in the inner loop. Pure: the kernel
// benchmark's stock rows show it beside the own kernel's.

import type { ConvShape } from './core/convProducts';

export interface StockWork {
  program: string;
  workgroups: number;
  invocationsPerWorkgroup: number;
  fmaPerSharedLoad: number | null;
  fmaPerGlobalLoad: number;
}

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

/**
 * A 32 x 32-style packed product (makeMatMulPackedSource / …Vec4Source): per K step of `tileK` the
 * workgroup copies a tileM x tileK slice of A and a tileK x tileN slice of B; each invocation then
 * reads `sharedLoadsPerStep` values and does perM x perN x tileK multiply-adds.
 */
function packed(
  tileM: number,
  tileN: number,
  tileK: number,
  aGlobalWidth: number,
  bGlobalWidth: number,
  fmaPerSharedLoad: number,
) {
  const fmas = tileM * tileN * tileK;
  const globalLoads = (tileM * tileK) / aGlobalWidth + (tileK * tileN) / bGlobalWidth;
  return { fmaPerSharedLoad, fmaPerGlobalLoad: fmas / globalLoads };
}

/**
 * Conv2DMMProgram (the stock Conv2D, NHWC): vec4 where Cin % 4 or % 3 is 0 and Cout % 4 is 0, 8 x 8
 * invocations of 4 x 4 outputs; otherwise scalar, 16 x 16 invocations of 2 x 2 (alexnet's conv1:
 * one input channel). Its dispatch tiles each image's pixels separately (z = batch). Undefined
 * where tfjs takes another route (not modelled): a 1 x 1 kernel at stride 1 or a kernel the size
 * of the input (one matmul), or at most `threshold` 32 x 32 tiles (im2col, then a matmul).
 */
export function stockConv2DWork(s: ConvShape, threshold = 8): StockWork | undefined {
  const pixels = s.outHeight * s.outWidth;
  const pointwise =
    s.filterHeight === 1 && s.filterWidth === 1 && s.strideHeight === 1 && s.strideWidth === 1;
  const whole = s.filterHeight === s.inHeight && s.filterWidth === s.inWidth;
  const tiles32 = s.batchSize * ceilDiv(pixels, 32) * ceilDiv(s.outChannels, 32);
  if (pointwise || whole || tiles32 <= threshold) return undefined;
  const vec4 = (s.inChannels % 4 === 0 || s.inChannels % 3 === 0) && s.outChannels % 4 === 0;
  if (vec4) {
    // innerElementSize 4, or 3 where Cin % 4 != 0 (x read as three scalars).
    const inner = s.inChannels % 4 === 0 ? 4 : 3;
    const tileK = 8 * inner;
    // Per `inner` k: `inner` vec4s of B and 4 of A, 4 x 4 x inner multiply-adds.
    const work = packed(32, 32, tileK, inner === 4 ? 4 : 1, 4, (16 * inner) / (inner + 4));
    return {
      program: 'Conv2DMMProgram (vec4)',
      workgroups: ceilDiv(s.outChannels, 32) * ceilDiv(pixels, 32) * s.batchSize,
      invocationsPerWorkgroup: 64,
      ...work,
    };
  }
  const [wgX, wgY, perX, perY] =
    s.outChannels <= 4 ? [4, 16, 1, 2] : pixels <= 4 ? [16, 4, 2, 1] : [16, 16, 2, 2];
  const tileN = wgX * perX;
  const tileM = wgY * perY;
  const tileK = Math.max(wgX * perX, wgY);
  return {
    program: 'Conv2DMMProgram (scalar)',
    workgroups: ceilDiv(s.outChannels, tileN) * ceilDiv(pixels, tileM) * s.batchSize,
    invocationsPerWorkgroup: wgX * wgY,
    ...packed(tileM, tileN, tileK, 1, 1, (perX * perY) / (perX + perY)),
  };
}

/**
 * Conv2DDerInputProgram (the stock Conv2DBackpropInput: WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE defaults
 * to true): no workgroup memory. vec4 (Cin and Cout % 4 == 0): 4 x 4 x 4 invocations, each 4 input
 * channels of 2 pixels, 6 vec4 loads (4 of W, 2 of dy) per 32 multiply-adds; otherwise one
 * invocation per dx entry, a dy and a W load per multiply-add.
 */
export function stockInputGradientWork(s: ConvShape): StockWork {
  if (s.inChannels % 4 === 0 && s.outChannels % 4 === 0) {
    return {
      program: 'Conv2DDerInputProgram (vec4)',
      workgroups:
        ceilDiv(s.inChannels, 16) * ceilDiv(s.inWidth, 8) * ceilDiv(s.batchSize * s.inHeight, 4),
      invocationsPerWorkgroup: 64,
      fmaPerSharedLoad: null,
      fmaPerGlobalLoad: 32 / 6,
    };
  }
  const size = s.batchSize * s.inHeight * s.inWidth * s.inChannels;
  return {
    program: 'Conv2DDerInputProgram (scalar)',
    workgroups: ceilDiv(size, 64),
    invocationsPerWorkgroup: 64,
    fmaPerSharedLoad: null,
    fmaPerGlobalLoad: 0.5,
  };
}

/**
 * Conv2DDerFilterProgram (the stock Conv2DBackpropFilter): one invocation per filter weight, each
 * summing batch x outH x outW products with an x and a dy load apiece; no workgroup memory.
 */
export function stockFilterGradientWork(s: ConvShape): StockWork {
  const weights = s.filterHeight * s.filterWidth * s.inChannels * s.outChannels;
  return {
    program: 'Conv2DDerFilterProgram',
    workgroups: ceilDiv(weights, 64),
    invocationsPerWorkgroup: 64,
    fmaPerSharedLoad: null,
    fmaPerGlobalLoad: 0.5,
  };
}

/**
 * The stock BatchMatMul's program for C[m, n] = A[m, k] B[k, n] at batch 1, when tfjs picks
 * MatMulPackedProgram (more 32 x 32 tiles than the adapter's threshold: 8, 16 on Intel gen 12+);
 * undefined for its other programs (split-K, small-output, reduce, vector-matrix), not modelled.
 */
export function stockMatMulWork(
  m: number,
  n: number,
  k: number,
  transposeA: boolean,
  transposeB: boolean,
  threshold = 8,
): StockWork | undefined {
  const tiles32 = ceilDiv(m, 32) * ceilDiv(n, 32);
  const few = tiles32 <= threshold || (m <= 8 && tiles32 <= threshold * 2);
  if (few || (m === 1 && !transposeA)) return undefined;
  const vec4 = ((k % 4 === 0 && !transposeA) || (m % 4 === 0 && transposeA)) && n % 4 === 0;
  const isVec4 = vec4 && !transposeB;
  const wgX = !transposeA && k <= 16 && n <= 16 ? 4 : 8;
  const perM = !transposeA && m <= 8 ? 1 : 4;
  const tileM = 8 * perM;
  const tileN = wgX * 4;
  const work = isVec4
    ? // Per 4 k: 4 vec4s of B and perM of A, perM x 4 x 4 multiply-adds.
      packed(tileM, tileN, 32, 4, 4, (16 * perM) / (4 + perM))
    : packed(tileM, tileN, 32, 1, 1, (4 * perM) / (4 + perM));
  return {
    program: `MatMulPackedProgram (${isVec4 ? 'vec4' : 'scalar'})`,
    workgroups: ceilDiv(n, tileN) * ceilDiv(m, tileM),
    invocationsPerWorkgroup: wgX * 8,
    ...work,
  };
}
