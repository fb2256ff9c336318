// The kernel benchmark's report as plain-text tables. Pure, so it is unit-tested.

import type { KernelBenchReport, KernelBenchRow, KernelBenchStep } from './kernelBenchTypes';

const ms = (v: number | null) => (v === null ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const ratio = (stock: number | null, own: number | null) =>
  stock === null || own === null || own <= 0 ? '—' : `${(stock / own).toFixed(2)}x`;
const fixed = (v: number | null) => (v === null ? '—' : v.toFixed(1));
const count = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-US'));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function opRow(r: KernelBenchRow): string[] {
  const sameAsStock = !r.own && r.stockMs !== null;
  return [
    `${r.model} ${r.layer}`,
    r.op,
    String(r.batch),
    ms(r.stockMs),
    sameAsStock ? '= stock' : ms(r.ownMs),
    ratio(r.stockMs, r.ownMs),
    ms(r.stockCpuMs),
    sameAsStock ? '= stock' : ms(r.ownCpuMs),
    ratio(r.stockCpuMs, r.ownCpuMs),
    ms(r.stockGpuMs),
    sameAsStock ? '= stock' : ms(r.ownGpuMs),
    r.calls > 0 ? String(r.calls) : '—',
    r.workgroups128 === null
      ? '—'
      : `${count(r.workgroups128)}, ${fixed(r.fmaPerSharedLoad)}, ${fixed(r.fmaPerGlobalLoad)}`,
    r.stock128
      ? `${r.stock128.program}: ${count(r.stock128.workgroups)}, ` +
        `${fixed(r.stock128.fmaPerSharedLoad)}, ${fixed(r.stock128.fmaPerGlobalLoad)}`
      : '—',
    r.note ?? '',
  ];
}

function stepRow(s: KernelBenchStep): string[] {
  return [
    s.model,
    String(s.batch),
    ms(s.stockMs),
    ms(s.ownMs),
    ratio(s.stockMs, s.ownMs),
    ms(s.stockCpuMs),
    ms(s.ownCpuMs),
    ratio(s.stockCpuMs, s.ownCpuMs),
    s.calls > 0 ? String(s.calls) : '—',
    `${count(s.stockDispatches)} / ${count(s.ownDispatches)}`,
    s.note ?? '',
  ];
}

export function formatKernelBench(report: KernelBenchReport): string {
  const { adapter } = report;
  const lines = [
    `Adapter: ${adapter.description || adapter.vendor} (${adapter.vendor}/${adapter.architecture})` +
      `${adapter.isSoftware ? ', software (CPU-emulated)' : ', hardware'}; CPU: ${adapter.cpu}`,
    `Median of up to ${report.reps} timed calls per kernel mode (no new round after ` +
      `${report.rowSeconds} s), after one warm-up call each; ` +
      'ms: wall time to GPU idle; cpu ms: CPU time of this process (the work itself on a software adapter).',
    '',
    table(
      [
        'layer',
        'op',
        'batch',
        'stock ms',
        'own ms',
        'stock/own',
        'stock cpu ms',
        'own cpu ms',
        'cpu stock/own',
        'stock gpu ms',
        'own gpu ms',
        'calls',
        'own at batch 128, GPU plan (workgroups, FMA per shared load, per global load)',
        'stock program at batch 128 (same figures)',
        'note',
      ],
      report.rows.map(opRow),
    ),
  ];
  if (report.steps.length > 0) {
    lines.push(
      '',
      table(
        [
          'training step',
          'batch',
          'stock ms',
          'own ms',
          'stock/own',
          'stock cpu ms',
          'own cpu ms',
          'cpu stock/own',
          'steps',
          'dispatches stock / own',
          'note',
        ],
        report.steps.map(stepRow),
      ),
    );
  }
  if (report.stoppedEarly) lines.push('', `Stopped early: ${report.stoppedEarly}`);
  return lines.join('\n');
}
