// Reductions and matrix products on flat Float32Arrays for register.ts. tfjs's CPU Sum
// transposes the whole tensor before reducing over leading axes (the bias gradients of every conv
// layer), and its matMul runs at ~100 M multiply-adds/s here; these are several times faster.

/**
 * out[o + i] += alpha * src[s + i] for i < n, unrolled by four: twice as fast as the plain loop in
 * V8, which neither unrolls nor vectorises. Small and monomorphic, so V8 inlines it.
 */
export function axpy(
  out: Float32Array,
  o: number,
  alpha: number,
  src: Float32Array,
  s: number,
  n: number,
) {
  let i = 0;
  for (; i + 3 < n; i += 4) {
    out[o + i]! += alpha * src[s + i]!;
    out[o + i + 1]! += alpha * src[s + i + 1]!;
    out[o + i + 2]! += alpha * src[s + i + 2]!;
    out[o + i + 3]! += alpha * src[s + i + 3]!;
  }
  for (; i < n; i++) out[o + i]! += alpha * src[s + i]!;
}

/** out[c] = sum over rows r of x[r * width + c]: a [rows, width] array summed over its rows. */
export function sumRows(x: Float32Array, width: number): Float32Array {
  const out = new Float32Array(width);
  for (let base = 0; base < x.length; base += width) {
    for (let c = 0; c < width; c++) out[c]! += x[base + c]!;
  }
  return out;
}

/** The transpose of a [rows, cols] matrix. */
export function transpose2d(x: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) out[c * rows + r] = x[r * cols + c]!;
  return out;
}

/**
 * [m, k] x [k, n] -> [m, n], row by row: each output row accumulates rows of `b` scaled by the row
 * of `a` (axpy), so the inner loop runs over contiguous memory; zeros of `a` (ReLU
 * outputs, dropped units) are skipped.
 */
export function matMul2d(
  a: Float32Array,
  b: Float32Array,
  m: number,
  k: number,
  n: number,
): Float32Array {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    const o = i * n;
    for (let p = 0; p < k; p++) {
      const alpha = a[i * k + p]!;
      if (alpha === 0) continue;
      axpy(out, o, alpha, b, p * n, n);
    }
  }
  return out;
}
