// Per-layer timings, stock vs own, for every operation in OP_DESCRIPTORS. One module for every
// runner: `npm run bench:kernels` and the GPU kit in Node (Dawn), and the page's "Benchmark this
// GPU" in a browser worker (src/bench/kernels/kernelBench.worker.ts).

import * as tf from '@tensorflow/tfjs';
import { installKernels, ownKernelNames } from '../../kernels/installKernels';
import type { ModelName } from '../../protocol';
import type { KernelBenchRow } from './kernelBenchTypes';
import { benchLayers, OP_DESCRIPTORS, type BenchLayer, type OpDescriptor } from './opCases';
import { opFlop } from './opFlop';
import { timeAlternating } from './timing';
import { stockWorkFor } from './stockWork';

export interface OpBenchOptions {
  device: GPUDevice;
  model: ModelName;
  batch: number;
  reps: number;
  /** See AlternatingOptions.rowSeconds. */
  rowSeconds: number;
  /** Only these ops; all when undefined. */
  ops?: readonly string[];
  /** Only these layers (e.g. ['conv2']); all when undefined. */
  layers?: readonly string[];
  /** Time only rows with an own kernel (the others are listed, not timed). */
  ownOnly?: boolean;
  /** Checked before each row (and, unless `stopNow` is given, between calls): true ends the run,
   * leaving the rest unmeasured. */
  shouldStop: () => boolean;
  /** Checked between calls, where a row once begun should still get its timed round when only
   * the time budget (in `shouldStop`) has run out: the page's Stop button. */
  stopNow?: () => boolean;
  /** Each row as soon as it is measured. */
  onRow: (row: KernelBenchRow) => void;
}

/** The cases in the order they are timed: each layer of the model with each op that applies. */
export function opBenchCases(model: ModelName): { layer: BenchLayer; op: OpDescriptor }[] {
  return benchLayers(model).flatMap((layer) =>
    OP_DESCRIPTORS.filter((op) => op.appliesTo.includes(layer.kind)).map((op) => ({ layer, op })),
  );
}

/** The cases `benchOps` with these filters goes through (rows it reports), for a progress bar. */
export function selectedOpCases(
  model: ModelName,
  ops?: readonly string[],
  layers?: readonly string[],
): { layer: BenchLayer; op: OpDescriptor }[] {
  return opBenchCases(model).filter(
    ({ layer, op }) =>
      (!ops || ops.includes(op.op)) && (!layers || layers.includes(layer.shape.layer)),
  );
}

/**
 * GPU time of one call from timestamp queries (tf.time's kernelMs: the sum over the call's
 * dispatches), or null where the adapter or tfjs does not give it.
 */
async function gpuMs(mode: 'stock' | 'own', run: () => void): Promise<number | null> {
  installKernels('webgpu', mode);
  const info = await tf.time(run);
  return typeof info.kernelMs === 'number' && info.kernelMs > 0 ? info.kernelMs : null;
}

export async function benchOps(options: OpBenchOptions): Promise<void> {
  const { device, model, batch, reps, rowSeconds, ops, layers, ownOnly, shouldStop, onRow } =
    options;
  const stopNow = options.stopNow ?? shouldStop;
  const own = new Set(ownKernelNames('webgpu'));
  for (const { layer, op } of selectedOpCases(model, ops, layers)) {
    if (shouldStop()) return;
    const skip = op.notInTraining?.(layer);
    if (skip) {
      onRow({
        model,
        layer: layer.shape.layer,
        op: op.op,
        batch,
        own: false,
        stockMs: null,
        ownMs: null,
        stockCpuMs: null,
        ownCpuMs: null,
        stockGpuMs: null,
        ownGpuMs: null,
        calls: 0,
        workgroups128: null,
        fmaPerSharedLoad: null,
        fmaPerGlobalLoad: null,
        note: skip,
      });
      continue;
    }
    const hasOwn = own.has(op.kernel) && (op.ownHandles?.(layer, batch) ?? true);
    const work = hasOwn ? op.ownWork?.(layer, 128) : undefined;
    const inputs = op.inputShapes(layer, batch).map((shape) => tf.randomNormal(shape));
    const row: KernelBenchRow = {
      model,
      layer: layer.shape.layer,
      op: op.op,
      batch,
      own: hasOwn,
      stockMs: null,
      ownMs: null,
      stockCpuMs: null,
      ownCpuMs: null,
      stockGpuMs: null,
      ownGpuMs: null,
      calls: 0,
      flop: opFlop(layer, op.op, batch),
      workgroups128: work?.workgroups ?? null,
      fmaPerSharedLoad: work?.fmaPerSharedLoad ?? null,
      fmaPerGlobalLoad: work?.fmaPerGlobalLoad ?? null,
      ...stockWorkField(op.op, layer),
      ...(hasOwn
        ? {}
        : {
            note: own.has(op.kernel)
              ? `own ${op.kernel} hands this form to stock: own = stock`
              : `no own ${op.kernel} kernel: own = stock`,
          }),
    };
    if (ownOnly && !hasOwn) {
      onRow({ ...row, note: `${row.note ?? ''}; not timed (--own-only)` });
      tf.dispose(inputs);
      continue;
    }
    try {
      const { times, calls, warmupTimed } = await timeAlternating(
        device,
        hasOwn ? (['stock', 'own'] as const) : (['stock'] as const),
        (mode) => installKernels('webgpu', mode),
        () => tf.tidy(() => op.run(inputs, layer, batch)),
        { reps, rowSeconds, shouldStop: stopNow },
      );
      row.calls = calls;
      if (warmupTimed) {
        const long = 'a call over --row-seconds: its warm-up was its timed call';
        row.note = row.note ? `${row.note}; ${long}` : long;
      }
      row.stockMs = times.stock?.wallMs ?? null;
      row.ownMs = times.own?.wallMs ?? null;
      row.stockCpuMs = times.stock?.cpuMs ?? null;
      row.ownCpuMs = times.own?.cpuMs ?? null;
      if (row.stockMs !== null && !stopNow()) {
        const run = () => tf.dispose(tf.tidy(() => op.run(inputs, layer, batch)));
        row.stockGpuMs = await gpuMs('stock', run);
        if (hasOwn && row.ownMs !== null) row.ownGpuMs = await gpuMs('own', run);
      }
      if (row.stockMs === null) row.note = 'not measured: out of time';
    } catch (error) {
      row.note = `failed: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      op.dispose?.(inputs);
      tf.dispose(inputs);
      installKernels('webgpu', 'own');
    }
    onRow(row);
  }
}

/** The row's stock128 field, where stockWork.ts models the op's stock program. */
function stockWorkField(op: string, layer: BenchLayer): Pick<KernelBenchRow, 'stock128'> {
  const work = stockWorkFor(op, layer, 128);
  if (!work) return {};
  const { program, workgroups, fmaPerSharedLoad, fmaPerGlobalLoad } = work;
  return { stock128: { program, workgroups, fmaPerSharedLoad, fmaPerGlobalLoad } };
}
