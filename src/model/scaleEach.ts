// Scaling for display: filters and feature maps to [0, 1] each over its own range, a saliency map
// by its maximum. Pure: no tfjs.

/**
 * Splits `values` into `count` equal segments and maps each linearly onto [0, 1], its minimum to 0
 * and its maximum to 1. A constant segment (a dead ReLU channel) becomes all 0.
 */
export function scaleEach(values: ArrayLike<number>, count: number): Float32Array {
  if (!Number.isInteger(count) || count < 1 || values.length % count !== 0) {
    throw new Error(`${values.length} values do not split into ${count} equal parts.`);
  }
  const size = values.length / count;
  const scaled = new Float32Array(values.length);
  for (let s = 0; s < count; s++) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = s * size; i < (s + 1) * size; i++) {
      min = Math.min(min, values[i] ?? 0);
      max = Math.max(max, values[i] ?? 0);
    }
    const range = max - min;
    if (!(range > 0)) continue; // constant (or not finite): left at 0
    for (let i = s * size; i < (s + 1) * size; i++) scaled[i] = ((values[i] ?? 0) - min) / range;
  }
  return scaled;
}

/** |v| / max |v|: 1 where the magnitude is largest, 0 where it is 0; all 0 when every value is. */
export function scaleMagnitude(values: ArrayLike<number>): Float32Array {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i] ?? 0));
  const scaled = new Float32Array(values.length);
  if (!(max > 0) || !Number.isFinite(max)) return scaled;
  for (let i = 0; i < values.length; i++) scaled[i] = Math.abs(values[i] ?? 0) / max;
  return scaled;
}
