import { useMemo } from 'react';
import type { ModelName } from '../../protocol';
import { describeNamedModel, MODEL_SPECS } from '../../model/architecture';
import { formatCompact, formatCount } from '../shared/format';

/** Each layer's output shape, parameters and multiply-adds for the chosen model, with totals. */
export function ArchitectureTable({ model }: { model: ModelName }) {
  const description = useMemo(() => describeNamedModel(model), [model]);
  const spec = MODEL_SPECS[model];
  return (
    <section className="card" aria-labelledby="arch-heading">
      <h2 id="arch-heading">Architecture: {model}</h2>
      <p className="muted">{spec.summary}</p>
      <div className="table-scroll">
        <table className="numeric-table arch-table" aria-label={`Architecture of ${model}`}>
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col" className="text">
                Settings
              </th>
              <th scope="col">Output shape</th>
              <th scope="col">Parameters</th>
              <th scope="col">Multiply-adds</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">input</th>
              <td className="text">grayscale image</td>
              <td>
                {spec.sourceSize}x{spec.sourceSize}x1
              </td>
              <td>0</td>
              <td>0</td>
            </tr>
            {description.rows.map((row) => (
              <tr key={row.name}>
                <th scope="row">{row.name}</th>
                <td className="text">{row.detail}</td>
                <td>{row.outputShape.join('x')}</td>
                <td>{formatCount(row.params)}</td>
                <td>{formatCompact(row.macs)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td />
              <td />
              <td>{formatCount(description.totalParams)}</td>
              <td>{formatCompact(description.totalMacs)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted">
        Multiply-adds are per image, forward pass; training costs about three times that.
      </p>
    </section>
  );
}
