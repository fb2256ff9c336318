// "Copy as Markdown": a benchmark as a table ready to paste into an issue. Pure.

import type { BrowserKernelBenchReport, KernelBenchRow } from '../../protocol';
import { gflops, projectEpoch } from './benchSummary';

const ms = (v: number | null) => (v === null ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(2));
const rate = (v: number | null) => (v === null ? '—' : v.toFixed(1));
const cell = (s: string) => s.replace(/\|/g, '\\|');

function row(r: KernelBenchRow): string {
  const own = r.own ? ms(r.ownMs) : '= stock';
  const ratio =
    r.own && r.stockMs !== null && r.ownMs !== null && r.ownMs > 0
      ? `${(r.stockMs / r.ownMs).toFixed(2)}x`
      : '—';
  const ownRate = r.own ? rate(gflops(r.flop, r.ownMs)) : '= stock';
  return `| ${r.layer} | ${r.op} | ${ms(r.stockMs)} | ${own} | ${ratio} | ${rate(gflops(r.flop, r.stockMs))} | ${ownRate} | ${cell(r.note ?? '')} |`;
}

export function benchMarkdown(report: BrowserKernelBenchReport): string {
  const { adapter, request } = report;
  const projection = projectEpoch(report.rows, request.batch);
  const lines = [
    `### Benchmark this GPU: ${request.model}, batch ${request.batch}`,
    '',
    `- Adapter: ${adapter.description || adapter.vendor || 'unnamed'} (${adapter.vendor}/${adapter.architecture})${adapter.isSoftware ? ', software (CPU-emulated)' : ''}`,
    `- Browser: ${report.browser}`,
    `- Date: ${report.date}; median of up to ${report.reps} timed calls after a warm-up`,
    `- Limits: largest buffer ${report.limits.maxBufferSize} B, largest storage binding ${report.limits.maxStorageBufferBindingSize} B; timestamp-query: ${report.features.includes('timestamp-query') ? 'yes' : 'no'}`,
  ];
  if (projection) {
    lines.push(
      `- Projected epoch (${projection.layers.join(', ')}; sum of the measured ops, a lower bound): own ${projection.epochSeconds.toFixed(1)} s, stock ${projection.stockEpochSeconds.toFixed(1)} s`,
    );
  }
  if (report.stoppedEarly) lines.push(`- Stopped early: ${report.stoppedEarly}`);
  lines.push(
    '',
    '| layer | op | stock ms | own ms | stock/own | stock GFLOP/s | own GFLOP/s | note |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...report.rows.map(row),
  );
  return lines.join('\n') + '\n';
}
