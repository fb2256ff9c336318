// The matrix-product core: one WGSL program family for every convolution and dense product.
//
// C[z][m, n] = sum over k of A[m, k] * B[k, n], for operands read by coreOperands.ts (plain or
// transposed matrices, image patches, dy as patches, a transposed filter) and written by one of
// four epilogues: store C; store C + bias[n]; store relu(C + bias[n]); store a split's partial sums
// (z = split; the pass that adds them applies the bias and ReLU, sumSplitsProgram.ts).
//
// Register-blocked and tiled (coreGeometry.ts): a workgroup owns a tileM x tileN block of C, each
// invocation perM x perN entries of it, held in vec4 registers. Per K step the workgroup copies the
// next tileK-deep slices of A and B into workgroup memory as vec4s along m and n (with vec4 global
// loads where the layout allows), while it multiplies out of the other half: the tiles are double
// buffered, so each step needs one barrier. In tiles that lie wholly inside C and the reduction,
// the copies skip the range checks.

import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { ELEMENT } from './coreElement';
import { invocationsOf, type CorePlan, type CoreTiling } from './coreGeometry';
import type { OperandReader, Side } from './coreOperands';

export type CoreEpilogue = 'store' | 'bias' | 'biasRelu' | 'partial';

/** Whether an epilogue reads a bias (one per column n of C). */
export const epilogueHasBias = (e: CoreEpilogue) => e === 'bias' || e === 'biasRelu';

export interface CoreProgramSpec {
  a: OperandReader;
  b: OperandReader;
  epilogue: CoreEpilogue;
  plan: CorePlan;
  /** Whether the result (and the bias) are bound as vec4s (N % 4 == 0). */
  vec4Out: boolean;
  /** [splits, M * N] for partial sums, else the result's shape (M * N entries per batch). */
  outputShape: number[];
}

/** Uniforms every core program declares (runMatMulCore.ts fills them in this order). */
export const CORE_UNIFORMS =
  'M : i32, N : i32, K : i32, chunk : i32, aBatchStride : i32, bBatchStride : i32, splits : i32, ' +
  'cIn : vec4<i32>, cOut : vec4<i32>, cFilter : vec2<i32>, cStride : vec2<i32>, cPad : vec2<i32>,';

const VEC = `vec4<${ELEMENT}>`;

/**
 * WGSL copying one tileK x tile slice of an operand into workgroup memory half `buf`. In interior
 * steps (the whole slice inside M or N and K, uniform across the workgroup) `interior ||`
 * short-circuits every range check.
 */
function tileCopy(side: Side, reader: OperandReader, tile: number, t: CoreTiling): string {
  const threads = invocationsOf(t);
  const units = (tile * t.tileK) / 4;
  const rounds = Math.ceil(units / threads);
  const tile4 = tile / 4;
  const limit = side === 'A' ? 'uniforms.M' : 'uniforms.N';
  const origin = side === 'A' ? 'coreM0' : 'coreN0';
  const store = `tile${side}`;
  const outer = reader.along === 'outer';
  // Unit = 4 consecutive outer entries at one k (along 'outer'), or 4 consecutive k at one outer
  // entry (along 'k', written as one component of four vec4s).
  const kq = t.tileK / 4;
  const oLocal = outer ? `u % ${tile4} * 4` : `u / ${kq}`;
  const kLocal = outer ? `u / ${tile4}` : `u % ${kq} * 4`;
  const fetch = reader.vec4
    ? // Vec4 operands have the contiguous dimension a multiple of 4: a group is all in or all out.
      `if (interior || (o < ${limit} && k < uniforms.K)) { v = fetch${side}4(o, k); }`
    : `for (var c = 0; c < 4; c = c + 1) {
            let oc = ${outer ? 'o + c' : 'o'};
            let kc = ${outer ? 'k' : 'k + c'};
            if (interior || (oc < ${limit} && kc < uniforms.K)) { v[c] = fetch${side}1(oc, kc); }
          }`;
  const write = outer
    ? `${store}[buf + u] = v;`
    : [0, 1, 2, 3]
        .map((c) => `${store}[buf + (kl + ${c}) * ${tile4} + ol / 4][ol % 4] = v[${c}];`)
        .join(' ');
  const guard = units % threads === 0 ? '' : `if (u >= ${units}) { break; }`;
  return `fn copy${side}(buf : i32, kBase : i32, interior : bool) {
        for (var r = 0; r < ${rounds}; r = r + 1) {
          let u = i32(localIndex) + r * ${threads};
          ${guard}
          let ol = ${oLocal};
          let kl = ${kLocal};
          let o = ${origin} + ol;
          let k = kBase + kl;
          var v = ${VEC}(0.0);
          ${fetch}
          ${write}
        }
      }`;
}

export class MatMulCoreProgram implements WebGPUProgram {
  variableNames: string[];
  variableComponents: number[];
  outputComponent: number;
  uniforms = CORE_UNIFORMS;
  outputShape: number[];
  shaderKey: string;
  // Not used to index (the shader works from workgroupId); non-flat so main() takes no index.
  dispatchLayout = { x: [1], z: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  private readonly spec: CoreProgramSpec;

  constructor(spec: CoreProgramSpec) {
    const { tiling } = spec.plan;
    if (tiling.perM % 4 || tiling.perN % 4 || tiling.tileK % 4) {
      throw new Error('MatMulCoreProgram: perM, perN and tileK must be multiples of 4.');
    }
    this.spec = spec;
    // In runMatMulCore's order: a, b, a's mask, b's mask, bias.
    const width = (vec4: boolean) => (vec4 ? 4 : 1);
    this.variableNames = ['a', 'b'];
    this.variableComponents = [width(spec.a.vec4), width(spec.b.vec4)];
    if (spec.a.masked) {
      this.variableNames.push('maskA');
      this.variableComponents.push(width(spec.a.vec4));
    }
    if (spec.b.masked) {
      this.variableNames.push('maskB');
      this.variableComponents.push(width(spec.b.vec4));
    }
    if (epilogueHasBias(spec.epilogue)) {
      this.variableNames.push('bias');
      this.variableComponents.push(width(spec.vec4Out));
    }
    this.outputComponent = spec.vec4Out ? 4 : 1;
    this.outputShape = spec.outputShape;
    this.workgroupSize = [tiling.tileN / tiling.perN, tiling.tileM / tiling.perM, 1];
    this.dispatch = [...spec.plan.dispatch];
    const { tileM, tileN, tileK, perM, perN } = tiling;
    this.shaderKey =
      `ownCore_${tileM}x${tileN}x${tileK}_${perM}x${perN}_${spec.a.key}_${spec.b.key}_` +
      `${spec.epilogue}_${spec.vec4Out ? 'o4' : 'o1'}`;
  }

  getUserCode(): string {
    const { a, b, epilogue, plan, vec4Out } = this.spec;
    const t = plan.tiling;
    const { tileM, tileN, tileK, perM, perN } = t;
    const half = tileM * (tileK / 4);
    const halfB = tileN * (tileK / 4);
    const rowsA = perM / 4;
    const colsB = perN / 4;
    const inner: string[] = [];
    for (let j = 0; j < colsB; j++) {
      inner.push(`let b${j} = tileB[bufB + kk * ${tileN / 4} + tx * ${colsB} + ${j}];`);
    }
    for (let i = 0; i < rowsA; i++) {
      inner.push(`let a${i} = tileA[bufA + kk * ${tileM / 4} + ty * ${rowsA} + ${i}];`);
      for (let c = 0; c < 4; c++) {
        for (let j = 0; j < colsB; j++) {
          const acc = `acc[${(i * 4 + c) * colsB + j}]`;
          inner.push(`${acc} = ${acc} + a${i}[${c}] * b${j};`);
        }
      }
    }
    const stores: string[] = [];
    for (let r = 0; r < perM; r++) {
      for (let j = 0; j < colsB; j++) {
        stores.push(`emit(rowBase + ${r}, colBase + ${j * 4}, acc[${r * colsB + j}]);`);
      }
    }
    return `
      var<workgroup> tileA : array<${VEC}, ${2 * half}>;
      var<workgroup> tileB : array<${VEC}, ${2 * halfB}>;
      // The split's step count, shared so the barrier loop is provably uniform (workgroupId is not,
      // to WGSL's uniformity analysis).
      var<workgroup> coreSteps : i32;
      var<private> coreBatch : i32;
      var<private> coreM0 : i32;
      var<private> coreN0 : i32;

      ${a.code('A', 'a', a.masked ? 'maskA' : undefined)}
      ${b.code('B', 'b', b.masked ? 'maskB' : undefined)}
      ${tileCopy('A', a, tileM, t)}
      ${tileCopy('B', b, tileN, t)}
      ${emitFunction(epilogue, vec4Out)}

      fn main() {
        let tx = i32(localId.x);
        let ty = i32(localId.y);
        coreN0 = i32(workgroupId.x) * ${tileN};
        coreM0 = i32(workgroupId.y) * ${tileM};
        let z = i32(workgroupId.z);
        let split = z % uniforms.splits;
        coreBatch = z / uniforms.splits;
        let kStart = split * uniforms.chunk;
        let kEnd = min(kStart + uniforms.chunk, uniforms.K);
        if (localIndex == 0u) {
          coreSteps = (kEnd - kStart + ${tileK - 1}) / ${tileK};
        }
        let steps = workgroupUniformLoad(&coreSteps);
        let interiorMN = coreM0 + ${tileM} <= uniforms.M && coreN0 + ${tileN} <= uniforms.N;

        var acc : array<${VEC}, ${perM * colsB}>;
        copyA(0, kStart, interiorMN && kStart + ${tileK} <= uniforms.K);
        copyB(0, kStart, interiorMN && kStart + ${tileK} <= uniforms.K);
        workgroupBarrier();
        for (var s = 0; s < steps; s = s + 1) {
          let cur = s % 2;
          if (s + 1 < steps) {
            let next = kStart + (s + 1) * ${tileK};
            let interior = interiorMN && next + ${tileK} <= uniforms.K;
            copyA((1 - cur) * ${half}, next, interior);
            copyB((1 - cur) * ${halfB}, next, interior);
          }
          let bufA = cur * ${half};
          let bufB = cur * ${halfB};
          for (var kk = 0; kk < ${tileK}; kk = kk + 1) {
            ${inner.join('\n            ')}
          }
          workgroupBarrier();
        }
        let rowBase = coreM0 + ty * ${perM};
        let colBase = coreN0 + tx * ${perN};
        // The layer of the output emit writes: the batch's, or with splits (batch 1) the split's.
        coreBatch = select(coreBatch, split, uniforms.splits > 1);
        ${stores.join('\n        ')}
      }
    `;
  }
}

/** `emit(m, n, value)`: writes C[z][m, n..n+3] through the epilogue, within M and N. */
function emitFunction(epilogue: CoreEpilogue, vec4Out: boolean): string {
  const apply = (v: string, bias: string) =>
    epilogue === 'biasRelu'
      ? `max(${v} + ${bias}, ${vec4Out ? VEC : ELEMENT}(0.0))`
      : epilogue === 'bias'
        ? `${v} + ${bias}`
        : v;
  if (vec4Out) {
    return `fn emit(m : i32, n : i32, value : ${VEC}) {
        if (m < uniforms.M && n < uniforms.N) {
          result[((coreBatch * uniforms.M + m) * uniforms.N + n) / 4] = ${apply('value', 'bias[n / 4]')};
        }
      }`;
  }
  return `fn emit(m : i32, n : i32, value : ${VEC}) {
        if (m < uniforms.M) {
          let row = (coreBatch * uniforms.M + m) * uniforms.N;
          for (var c = 0; c < 4; c = c + 1) {
            if (n + c < uniforms.N) {
              result[row + n + c] = ${apply('value[c]', 'bias[n + c]')};
            }
          }
        }
      }`;
}
