import type { BenchResult } from './benchTypes';

const MB = 1024 * 1024;

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** A plain-text table of benchmark results, one row per backend x model. */
export function formatBenchTable(results: readonly BenchResult[]): string {
  const header = [
    'backend',
    'kernels',
    'adapter',
    'model',
    'batch',
    'loop img/s',
    'bare img/s',
    'loop/bare',
    'first step ms (loop/bare)',
    'peak MB (loop/bare)',
  ];
  const rows = results.map((r) => {
    const adapter = r.backend?.adapter?.description || r.backend?.adapter?.vendor || '';
    return [
      r.backend?.name ?? r.case.backend,
      r.case.profile === false ? `${r.case.kernels}, no profile` : r.case.kernels,
      (adapter + (r.backend?.isSoftware ? ' (software)' : '')).trim() || '—',
      r.case.model,
      String(r.case.batchSize),
      fixed(r.loop?.imagesPerSec, 1),
      fixed(r.bare?.imagesPerSec, 1),
      fixed(r.loopToBareRatio, 2),
      `${fixed(r.loop?.firstStepMs, 0)} / ${fixed(r.bare?.firstStepMs, 0)}`,
      `${fixed(r.loop && r.loop.peakBytes / MB, 0)} / ${fixed(r.bare && r.bare.peakBytes / MB, 0)}`,
    ];
  });
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  const errors = results
    .filter((r) => r.error)
    .map((r) => `! ${r.case.backend}/${r.case.kernels}/${r.case.model}: ${r.error}`);
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ...errors].join(
    '\n',
  );
}
