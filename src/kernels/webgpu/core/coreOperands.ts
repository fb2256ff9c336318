// How the matrix-product core reads its two operands. Each reader is WGSL that returns A[o, k] (or
// B[k, o], o being n) for in-range indices: `fetchA1(o, k) -> ELEMENT`, or, where the layout allows
// a vec4 global load, `fetchA4(o, k) -> vec4`, four consecutive entries along o (`along: 'outer'`)
// or along k (`along: 'k'`). Range checks against M, N, K are the core's (and are skipped in
// interior tiles); zeros an operand has by definition (padding outside the image, taps a stride
// skips) are the reader's.
//
// A reader may be masked (maskedByPositive): it then reads a second buffer of the operand's shape
// (a ReLU's output y) at the same index and returns zero where that is not positive, so a ReLU's
// input gradient dy * (y > 0) feeds the product without a pass of its own.
//
// The shape values come from the core's uniforms (matMulCoreProgram.ts): M, N, K; cIn = the conv
// input [batch, height, width, channels]; cOut = the conv output, likewise; cFilter = [height,
// width]; cStride; cPad = [top, left]; aBatchStride / bBatchStride for batched matrices.

import { ELEMENT } from './coreElement';

export type Side = 'A' | 'B';

export interface OperandReader {
  /** Contiguous direction in memory: along the result's rows/columns, or along the reduction. */
  along: 'outer' | 'k';
  /** One vec4 global load per four entries (the buffer is bound as vec4 array). */
  vec4: boolean;
  /** Key part for the shader cache. */
  key: string;
  /** Whether the reader also reads a mask buffer (maskedByPositive). */
  masked?: boolean;
  /**
   * WGSL defining fetch{Side}1 or fetch{Side}4, reading the buffer named `variable` (and, masked,
   * `mask` at the same index).
   */
  code(side: Side, variable: string, mask?: string): string;
}

const fetchHeader = (side: Side, vec4: boolean) =>
  vec4
    ? `fn fetch${side}4(o : i32, k : i32) -> vec4<${ELEMENT}>`
    : `fn fetch${side}1(o : i32, k : i32) -> ${ELEMENT}`;

const zero = (vec4: boolean) => (vec4 ? `vec4<${ELEMENT}>(0.0)` : `${ELEMENT}(0.0)`);

function read(variable: string, vec4: boolean, index: string, mask?: string): string {
  const at = vec4 ? `(${index}) / 4` : index;
  if (!mask) return `${variable}[${at}]`;
  return `select(${zero(vec4)}, ${variable}[${at}], ${mask}[${at}] > ${zero(vec4)})`;
}

/** `reader`, reading zero wherever a mask buffer of the operand's shape is not positive. */
export function maskedByPositive(reader: OperandReader): OperandReader {
  return { ...reader, masked: true, key: `${reader.key}m` };
}

/**
 * A plain matrix, row-major, possibly batched: A as [M, K] (or [K, M] transposed), B as [K, N]
 * (or [N, K] transposed). `vec4` needs the contiguous dimension to be a multiple of 4.
 */
export function matrixReader(side: Side, transposed: boolean, vec4: boolean): OperandReader {
  // A [M, K] and B^T [N, K] run along k; A^T and B along their outer dimension.
  const alongK = side === 'A' ? !transposed : transposed;
  return {
    along: alongK ? 'k' : 'outer',
    vec4,
    key: `mat${transposed ? 'T' : ''}${vec4 ? '4' : '1'}`,
    code(s, variable, mask) {
      const outer = s === 'A' ? 'uniforms.M' : 'uniforms.N';
      const stride = s === 'A' ? 'uniforms.aBatchStride' : 'uniforms.bBatchStride';
      const index = alongK ? `o * uniforms.K + k` : `k * ${outer} + o`;
      return `${fetchHeader(s, vec4)} {
        return ${read(variable, vec4, `coreBatch * ${stride} + ${index}`, mask)};
      }`;
    },
  };
}

/**
 * Image patches of x [batch, H, W, C] (cIn), never materialised: pixel p = (b, oh, ow) of the
 * output (cOut), tap t = (kh, kw, ci) of the filter (cFilter). Forward: A[p, t] (along k: channels
 * are contiguous); filter gradient: A[t, p] (along the outer dimension). vec4 needs C % 4 == 0.
 */
export function patchReader(role: 'pixelRows' | 'tapRows', vec4: boolean): OperandReader {
  const [p, t] = role === 'pixelRows' ? ['o', 'k'] : ['k', 'o'];
  return {
    along: role === 'pixelRows' ? 'k' : 'outer',
    vec4,
    key: `patch${role === 'pixelRows' ? 'P' : 'T'}${vec4 ? '4' : '1'}`,
    code(side, variable) {
      return `${fetchHeader(side, vec4)} {
        let ow = ${p} % uniforms.cOut.z;
        let pr = ${p} / uniforms.cOut.z;
        let oh = pr % uniforms.cOut.y;
        let b = pr / uniforms.cOut.y;
        let ci = ${t} % uniforms.cIn.w;
        let tr = ${t} / uniforms.cIn.w;
        let kw = tr % uniforms.cFilter.y;
        let kh = tr / uniforms.cFilter.y;
        let ih = oh * uniforms.cStride.x - uniforms.cPad.x + kh;
        let iw = ow * uniforms.cStride.y - uniforms.cPad.y + kw;
        if (ih < 0 || ih >= uniforms.cIn.y || iw < 0 || iw >= uniforms.cIn.z) {
          return ${zero(vec4)};
        }
        return ${read(variable, vec4, `((b * uniforms.cIn.y + ih) * uniforms.cIn.z + iw) * uniforms.cIn.w + ci`)};
      }`;
    },
  };
}

/**
 * The input gradient's A: dy [batch, OH, OW, CO] (cOut) read as patches of the input's pixels.
 * Row m = (b, ih, iw) of dx (cIn), column k = (kh, kw, co): dy at (ih + padTop - kh) / strideH,
 * where that divides exactly and lies inside dy, else zero. vec4 needs CO % 4 == 0.
 */
export function dyPatchReader(vec4: boolean): OperandReader {
  return {
    along: 'k',
    vec4,
    key: `dyPatch${vec4 ? '4' : '1'}`,
    code(side, variable, mask) {
      return `${fetchHeader(side, vec4)} {
        let iw = o % uniforms.cIn.z;
        let pr = o / uniforms.cIn.z;
        let ih = pr % uniforms.cIn.y;
        let b = pr / uniforms.cIn.y;
        let co = k % uniforms.cOut.w;
        let tr = k / uniforms.cOut.w;
        let kw = tr % uniforms.cFilter.y;
        let kh = tr / uniforms.cFilter.y;
        let y = ih + uniforms.cPad.x - kh;
        let x = iw + uniforms.cPad.y - kw;
        if (y < 0 || x < 0 || y % uniforms.cStride.x != 0 || x % uniforms.cStride.y != 0) {
          return ${zero(vec4)};
        }
        let oh = y / uniforms.cStride.x;
        let ow = x / uniforms.cStride.y;
        if (oh >= uniforms.cOut.y || ow >= uniforms.cOut.z) {
          return ${zero(vec4)};
        }
        return ${read(variable, vec4, `((b * uniforms.cOut.y + oh) * uniforms.cOut.z + ow) * uniforms.cOut.w + co`, mask)};
      }`;
    },
  };
}

/**
 * The input gradient's B: the filter [KH, KW, CI, CO] read as B[k = (kh, kw, co), n = ci], that is
 * transposed in its last two axes (along k: co is contiguous). vec4 needs CO % 4 == 0.
 */
export function filterTransposedReader(vec4: boolean): OperandReader {
  return {
    along: 'k',
    vec4,
    key: `filterT${vec4 ? '4' : '1'}`,
    code(side, variable) {
      return `${fetchHeader(side, vec4)} {
        let co = k % uniforms.cOut.w;
        let tap = k / uniforms.cOut.w;
        return ${read(variable, vec4, `(tap * uniforms.cIn.w + o) * uniforms.cOut.w + co`)};
      }`;
    },
  };
}
