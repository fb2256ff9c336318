// The filter gradient's main pass: a tiled implicit matrix product with a split reduction.
//
// Result [m x n] = patches(x)^T x dy, where row r = (b, oh, ow) of the patch matrix holds the input
// pixels filter tap m = (kh, kw, ci) sees at output pixel (oh, ow); the patches are never
// materialised (for conv2 at batch 128 they would be 830 MB): each workgroup gathers the tileK x
// tileM slice it needs into workgroup memory, beside the matching tileK x tileN slice of dy, and
// every invocation multiplies out of workgroup memory. Workgroup layer z sums reduction rows
// [z*chunk, (z+1)*chunk) only and writes its own partial sums, [splits, m*n]; SumSplitsProgram adds
// them (with one split the result is written directly, shaped as the filter).
//
// Shape-dependent values come in as uniforms, so one pipeline serves every layer.

import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { SplitKPlan } from './splitKGeometry';

export class FilterGradientProgram implements WebGPUProgram {
  variableNames = ['x', 'dy'];
  uniforms =
    'pads : vec2<i32>, strides : vec2<i32>, filterWidth : i32, chunk : i32, reduceSize : i32, m : i32, n : i32,';
  outputShape: number[];
  shaderKey: string;
  // Not used to index (the shader works from workgroupId); kept non-flat so main() takes no index.
  dispatchLayout = { x: [1], z: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  private readonly plan: SplitKPlan;

  /** `outputShape`: [splits, m * n] for partial sums, or the filter's shape when splits = 1. */
  constructor(plan: SplitKPlan, outputShape: number[]) {
    const [wgX, wgY] = plan.tiling.workgroup;
    const threads = wgX * wgY;
    if (threads % plan.tileM !== 0 || threads % plan.tileN !== 0 || threads < plan.tiling.tileK) {
      throw new Error(
        'FilterGradientProgram: the workgroup must be a multiple of the tile sides, and >= tileK.',
      );
    }
    this.plan = plan;
    this.outputShape = outputShape;
    this.workgroupSize = [wgX, wgY, 1];
    this.dispatch = [...plan.dispatch];
    const [perN, perM] = plan.tiling.perInvocation;
    this.shaderKey = `ownFilterGradient_${wgX}x${wgY}_${perN}x${perM}_${plan.tiling.tileK}`;
  }

  getUserCode(): string {
    const { tileM, tileN } = this.plan;
    const { tileK } = this.plan.tiling;
    const [wgX, wgY] = this.plan.tiling.workgroup;
    const [perN, perM] = this.plan.tiling.perInvocation;
    const threads = wgX * wgY;
    const accumulate: string[] = [];
    const write: string[] = [];
    for (let i = 0; i < perM; i++) {
      accumulate.push(`let a${i} = xTile[k * ${tileM} + ty + ${i * wgY}];`);
      for (let j = 0; j < perN; j++) {
        const acc = `acc[${i * perN + j}]`;
        accumulate.push(`${acc} = ${acc} + a${i} * dyTile[k * ${tileN} + tx + ${j * wgX}];`);
        write.push(`store(m0 + ty + ${i * wgY}, n0 + tx + ${j * wgX}, split, ${acc});`);
      }
    }
    return `
      var<workgroup> xTile : array<f32, ${tileK * tileM}>;
      var<workgroup> dyTile : array<f32, ${tileK * tileN}>;
      // Where each reduction row r = (b, oh, ow) of the next two steps starts in x (double-buffered,
      // so row decoding, with its divisions, is done once per row rather than once per element).
      var<workgroup> rowBase : array<i32, ${2 * tileK}>;
      var<workgroup> rowTop : array<i32, ${2 * tileK}>;
      var<workgroup> rowLeft : array<i32, ${2 * tileK}>;

      // Rows past the chunk get a top far outside the image, so every tap reads as zero.
      fn decodeRow(slot : i32, r : i32, rEnd : i32) {
        let outWidth = uniforms.dyShape[2];
        let outHeight = uniforms.dyShape[1];
        let ow = r % outWidth;
        let rest = r / outWidth;
        let oh = rest % outHeight;
        let b = rest / outHeight;
        let top = oh * uniforms.strides.x - uniforms.pads.x;
        let left = ow * uniforms.strides.y - uniforms.pads.y;
        rowBase[slot] = ((b * uniforms.xShape[1] + top) * uniforms.xShape[2] + left) * uniforms.xShape[3];
        rowTop[slot] = select(-4194304, top, r < rEnd);
        rowLeft[slot] = left;
      }

      fn store(m : i32, n : i32, split : i32, value : f32) {
        if (m < uniforms.m && n < uniforms.n) {
          result[(split * uniforms.m + m) * uniforms.n + n] = value;
        }
      }

      fn main() {
        let local = i32(localIndex);
        let tx = i32(localId.x);
        let ty = i32(localId.y);
        let n0 = i32(workgroupId.x) * ${tileN};
        let m0 = i32(workgroupId.y) * ${tileM};
        let split = i32(workgroupId.z);
        let rStart = split * uniforms.chunk;
        let rEnd = min(rStart + uniforms.chunk, uniforms.reduceSize);
        let inHeight = uniforms.xShape[1];
        let inWidth = uniforms.xShape[2];

        // Each invocation always loads the same patch column and dy column (the workgroup is a
        // multiple of both tile sides): its filter tap and channel are decoded once.
        let xCol = local % ${tileM};
        let m = m0 + xCol;
        let ci = m % uniforms.xShape[3];
        let tap = m / uniforms.xShape[3];
        let kw = tap % uniforms.filterWidth;
        let tapRow = tap / uniforms.filterWidth;
        let colOffset = (tapRow * inWidth + kw) * uniforms.xShape[3] + ci;
        // A column past the filter gets a tap row no image row can reach: it reads zeros.
        let kh = select(1048576, tapRow, m < uniforms.m);
        let dyCol = local % ${tileN};
        let n = n0 + dyCol;
        let nInside = n < uniforms.n;

        if (local < ${tileK}) {
          decodeRow(local, rStart + local, rEnd);
        }
        workgroupBarrier();

        var acc : array<f32, ${perM * perN}>;
        // The trip count is uniform across the workgroup (the barriers need it).
        for (var t = 0; t < uniforms.chunk; t = t + ${tileK}) {
          let slot = (t / ${tileK}) % 2 * ${tileK};
          for (var k = local / ${tileM}; k < ${tileK}; k = k + ${threads / tileM}) {
            let ih = rowTop[slot + k] + kh;
            let iw = rowLeft[slot + k] + kw;
            var v = 0.0;
            if (ih >= 0 && ih < inHeight && iw >= 0 && iw < inWidth) {
              v = x[rowBase[slot + k] + colOffset];
            }
            xTile[k * ${tileM} + xCol] = v;
          }
          let r0 = rStart + t;
          for (var k = local / ${tileN}; k < ${tileK}; k = k + ${threads / tileN}) {
            let r = r0 + k;
            var v = 0.0;
            if (nInside && r < rEnd) {
              v = dy[r * uniforms.n + n];
            }
            dyTile[k * ${tileN} + dyCol] = v;
          }
          if (local < ${tileK}) {
            decodeRow(${tileK} - slot + local, r0 + ${tileK} + local, rEnd);
          }
          workgroupBarrier();
          for (var k = 0; k < ${tileK}; k = k + 1) {
            ${accumulate.join('\n            ')}
          }
          workgroupBarrier();
        }
        ${write.join('\n        ')}
      }
    `;
  }
}
