import type { KernelBenchRow } from '../../protocol';
import { gflops } from './benchSummary';

const ms = (v: number | null) => (v === null ? '—' : v >= 100 ? v.toFixed(0) : v.toFixed(2));
const rate = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/** One row per layer and op: ms per call (median), stock and own, and GFLOP/s of the products. */
export function BenchTable({ rows }: { rows: readonly KernelBenchRow[] }) {
  return (
    <div className="table-scroll">
      <table className="bench-table">
        <caption className="visually-hidden">Benchmark this GPU: results per layer</caption>
        <thead>
          <tr>
            <th scope="col">layer</th>
            <th scope="col">op</th>
            <th scope="col">stock ms</th>
            <th scope="col">own ms</th>
            <th scope="col">stock GFLOP/s</th>
            <th scope="col">own GFLOP/s</th>
            <th scope="col">note</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.layer} ${r.op}`}>
              <th scope="row">{r.layer}</th>
              <td>{r.op}</td>
              <td className="num">{ms(r.stockMs)}</td>
              <td className="num">{r.own ? ms(r.ownMs) : '= stock'}</td>
              <td className="num">{rate(gflops(r.flop, r.stockMs))}</td>
              <td className="num">{r.own ? rate(gflops(r.flop, r.ownMs)) : '= stock'}</td>
              <td className="muted">{r.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
