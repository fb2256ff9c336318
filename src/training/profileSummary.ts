// One profiled training step's kernels, grouped: forward, input gradients, weight gradients,
// optimizer and the rest; per layer; the most expensive kernels. Pure (kernel records in, summary
// out), so it is unit-tested without a GPU.

import type { StepPhase } from '../protocol';
import { STEP_PHASES } from '../protocol';
import type { PhaseMark } from './stepPhases';

/** What tf.profile records of one kernel, reduced to what the summary needs. */
export interface ProfiledKernel {
  name: string;
  inputShapes: number[][];
  outputShapes: number[][];
  /** GPU ms from timestamp queries (0 without them). */
  ms: number;
}

/** A layer's weight tensor shape (its kernel: biases of equal size are ambiguous, so they name no
 * layer) and its bias's length (a gradient of that shape is still a weight gradient). */
export interface LayerWeights {
  layer: string;
  shape: number[];
  bias: number;
}

export interface ProfileSummary {
  gpuMs: number;
  phases: Record<StepPhase, number>;
  layers: { layer: string; phases: Record<StepPhase, number> }[];
  top: { kernel: string; layer: string; phase: StepPhase; ms: number; share: number }[];
  rounded100us: boolean;
}

const key = (shape: readonly number[]) => shape.join('x');
const zeroPhases = (): Record<StepPhase, number> =>
  Object.fromEntries(STEP_PHASES.map((p) => [p, 0])) as Record<StepPhase, number>;

/** The phase each kernel ran in, from the marks (kernels before the first mark are 'rest'). */
function markedPhases(
  count: number,
  marks: readonly PhaseMark[],
): ('forward' | 'backward' | 'optimizer' | 'rest')[] {
  const phases = new Array<'forward' | 'backward' | 'optimizer' | 'rest'>(count).fill('rest');
  const sorted = [...marks].sort((a, b) => a.index - b.index);
  sorted.forEach((m, i) => {
    const end = sorted[i + 1]?.index ?? count;
    const phase = m.mark === 'after' ? 'rest' : m.mark;
    for (let k = m.index; k < Math.min(end, count); k++) phases[k] = phase;
  });
  return phases;
}

/**
 * Kernel `i`'s layer: the layer whose weights it reads or writes; otherwise, in the forward pass and
 * the optimizer, the last such layer before it (bias, activation, pooling, the loss after the last
 * layer), and in the backward pass, which runs the layers in reverse, the next such layer after it.
 */
function layerOf(
  kernels: readonly ProfiledKernel[],
  phases: readonly string[],
  weights: readonly LayerWeights[],
): string[] {
  const byShape = new Map(weights.map((w) => [key(w.shape), w.layer]));
  const direct = kernels.map(
    (k) =>
      [...k.inputShapes, ...k.outputShapes]
        .map((s) => byShape.get(key(s)))
        .find((l): l is string => l !== undefined) ?? null,
  );
  return kernels.map((_, i) => {
    const own = direct[i];
    if (own) return own;
    const phase = phases[i];
    const step = phase === 'backward' ? 1 : -1;
    for (let j = i + step; j >= 0 && j < kernels.length && phases[j] === phase; j += step) {
      const near = direct[j];
      if (near) return near;
    }
    return phase === 'rest' || phase === 'forward' ? 'input' : (weights.at(0)?.layer ?? 'input');
  });
}

export function summarizeProfile(
  kernels: readonly ProfiledKernel[],
  marks: readonly PhaseMark[],
  weights: readonly LayerWeights[],
): ProfileSummary {
  const weightShapes = new Set(weights.flatMap((w) => [key(w.shape), key([w.bias])]));
  const marked = markedPhases(kernels.length, marks);
  const phases: StepPhase[] = kernels.map((k, i) => {
    const phase = marked[i]!;
    if (phase !== 'backward') return phase === 'forward' ? 'forward' : phase;
    // A gradient whose result has a weight's shape is that weight's gradient.
    return k.outputShapes.some((s) => weightShapes.has(key(s)))
      ? 'weightGradients'
      : 'inputGradients';
  });
  const layerNames = layerOf(kernels, marked, weights);
  const totals = zeroPhases();
  const perLayer = new Map<string, Record<StepPhase, number>>();
  const groups = new Map<string, { kernel: string; layer: string; phase: StepPhase; ms: number }>();
  kernels.forEach((k, i) => {
    const phase = phases[i]!;
    const layer = layerNames[i]!;
    totals[phase] += k.ms;
    const row = perLayer.get(layer) ?? zeroPhases();
    row[phase] += k.ms;
    perLayer.set(layer, row);
    const id = `${k.name}|${layer}|${phase}`;
    const group = groups.get(id) ?? { kernel: k.name, layer, phase, ms: 0 };
    group.ms += k.ms;
    groups.set(id, group);
  });
  const gpuMs = STEP_PHASES.reduce((sum, p) => sum + totals[p], 0);
  const order = ['input', ...weights.map((w) => w.layer)];
  const layers = [...perLayer.entries()]
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))
    .map(([layer, p]) => ({ layer, phases: p }));
  const top = [...groups.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map((g) => ({ ...g, share: gpuMs > 0 ? g.ms / gpuMs : 0 }));
  const timed = kernels.filter((k) => k.ms > 0);
  // Chrome reports timestamps quantised to 100 µs unless its WebGPU developer features are on.
  const rounded100us =
    timed.length > 0 && timed.every((k) => Math.abs(k.ms * 10 - Math.round(k.ms * 10)) < 1e-6);
  return { gpuMs, phases: totals, layers, top, rounded100us };
}
