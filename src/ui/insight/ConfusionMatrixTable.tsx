import { useRef, useState, type KeyboardEvent } from 'react';
import {
  cellColors,
  cellLabel,
  confusionRows,
  moveCell,
  type CellPosition,
  type ConfusionCell,
} from './confusionMatrix';
import { classLabel } from '../shared/probabilities';
import './ConfusionMatrixTable.css';

interface ConfusionMatrixTableProps {
  confusion: ArrayLike<number>;
  /** The open cell, marked as pressed. */
  open: CellPosition | null;
  onOpen: (cell: ConfusionCell) => void;
}

/**
 * The matrix as a table: true classes as row headers, predicted classes as column headers, a count
 * per cell coloured by its share of the row. Each cell is a button; the table is one tab stop, and
 * the arrow keys (Home, End) move between cells.
 */
export function ConfusionMatrixTable({ confusion, open, onOpen }: ConfusionMatrixTableProps) {
  const rows = confusionRows(confusion);
  const [focus, setFocus] = useState<CellPosition>({ row: 0, column: 0 });
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const key = (p: CellPosition) => `${p.row},${p.column}`;

  const onKeyDown = (event: KeyboardEvent, position: CellPosition) => {
    const next = moveCell(position, event.key);
    if (!next) return;
    event.preventDefault();
    setFocus(next);
    buttons.current.get(key(next))?.focus();
  };

  return (
    <table className="confusion-table" aria-label="Confusion matrix">
      <thead>
        <tr>
          <td className="corner">
            <span className="corner-true">true</span> \ <span>predicted</span>
          </td>
          {rows[0]?.map((cell) => (
            <th key={cell.predictedClass} scope="col">
              <span>{classLabel(cell.predictedClass)}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, t) => (
          <tr key={t}>
            <th scope="row">{classLabel(t)}</th>
            {row.map((cell, p) => {
              const position = { row: t, column: p };
              const colors = cellColors(cell.rate);
              const pressed = open?.row === t && open.column === p;
              return (
                <td key={p} className={t === p ? 'diagonal' : undefined}>
                  <button
                    type="button"
                    ref={(el) => {
                      if (el) buttons.current.set(key(position), el);
                      else buttons.current.delete(key(position));
                    }}
                    tabIndex={focus.row === t && focus.column === p ? 0 : -1}
                    aria-label={cellLabel(cell)}
                    aria-pressed={pressed}
                    style={colors}
                    className={cell.count === 0 ? 'empty' : undefined}
                    onClick={() => {
                      setFocus(position);
                      onOpen(cell);
                    }}
                    onKeyDown={(event) => onKeyDown(event, position)}
                  >
                    {cell.count}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
