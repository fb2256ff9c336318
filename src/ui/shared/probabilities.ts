import { FASHION_MNIST_CLASSES } from '../../protocol';

/** Index of the largest value; -1 for an empty array. */
export function argMax(values: ArrayLike<number>): number {
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? -Infinity;
    if (v > bestValue) {
      best = i;
      bestValue = v;
    }
  }
  return best;
}

/** The Fashion-MNIST name of a label, or "class N" for one outside 0-9. */
export function classLabel(index: number): string {
  return FASHION_MNIST_CLASSES[index] ?? `class ${index}`;
}
