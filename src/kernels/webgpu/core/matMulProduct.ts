// A (batched) matrix product a x b, either operand possibly transposed, as the core reads it.
// Pure: the BatchMatMul kernel, its tests and the kernel benchmark share it.

import type { CoreProblem } from './coreGeometry';
import { matrixReader, type OperandReader } from './coreOperands';

export interface MatMulProduct extends CoreProblem {
  a: OperandReader;
  b: OperandReader;
  batch: number;
  /** Entries between consecutive batches of a and of b (0 where one batch is broadcast). */
  batchStrides: [number, number];
  outputShape: number[];
}

const product = (dims: readonly number[]) => dims.reduce((p, d) => p * d, 1);

/**
 * The product for BatchMatMul's inputs, or undefined for a batch broadcast other than one side's
 * being 1 (left to the stock kernel).
 */
export function matMulProduct(
  aShape: readonly number[],
  bShape: readonly number[],
  transposeA: boolean,
  transposeB: boolean,
): MatMulProduct | undefined {
  if (aShape.length < 2 || bShape.length < 2) return undefined;
  const [aRows = 0, aCols = 0] = aShape.slice(-2);
  const [bRows = 0, bCols = 0] = bShape.slice(-2);
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const n = transposeB ? bRows : bCols;
  if ((transposeB ? bCols : bRows) !== k || m < 1 || n < 1 || k < 1) return undefined;
  const outerA = aShape.slice(0, -2);
  const outerB = bShape.slice(0, -2);
  const batchA = product(outerA);
  const batchB = product(outerB);
  const same = outerA.length === outerB.length && outerA.every((d, i) => d === outerB[i]);
  if (!same && batchA !== 1 && batchB !== 1) return undefined;
  const outer = batchA === 1 && (batchB !== 1 || outerB.length > outerA.length) ? outerB : outerA;
  // vec4 reads need the contiguous dimension a multiple of 4.
  const vec4A = (transposeA ? m : k) % 4 === 0;
  const vec4B = (transposeB ? k : n) % 4 === 0;
  return {
    m,
    n,
    k,
    batch: Math.max(batchA, batchB),
    a: matrixReader('A', transposeA, vec4A),
    b: matrixReader('B', transposeB, vec4B),
    vec4A,
    vec4B,
    batchStrides: [batchA > 1 ? m * k : 0, batchB > 1 ? k * n : 0],
    outputShape: [...outer, m, n],
  };
}
