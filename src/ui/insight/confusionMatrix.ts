// The confusion matrix as the page shows it: cells with their row share, colours, names in words,
// the most common confusions, and arrow-key moves between cells. Pure: no React.

import { NUM_CLASSES } from '../../protocol';
import { formatPercent } from '../shared/format';
import { classLabel } from '../shared/probabilities';

export interface ConfusionCell {
  trueClass: number;
  predictedClass: number;
  count: number;
  /** Share of the true class's images that landed here (the row-normalised rate); NaN for an
   * empty row. */
  rate: number;
}

/** NUM_CLASSES rows (true classes) of NUM_CLASSES cells (predicted classes). */
export function confusionRows(confusion: ArrayLike<number>): ConfusionCell[][] {
  return Array.from({ length: NUM_CLASSES }, (_, t) => {
    const row = Array.from({ length: NUM_CLASSES }, (_, p) => confusion[t * NUM_CLASSES + p] ?? 0);
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((count, p) => ({
      trueClass: t,
      predictedClass: p,
      count,
      rate: total > 0 ? count / total : NaN,
    }));
  });
}

export const totalCount = (confusion: ArrayLike<number>): number =>
  Array.from(confusion).reduce((a, b) => a + b, 0);

// White to a dark blue: the legend's two ends.
const LOW = [255, 255, 255] as const;
const HIGH = [11, 61, 145] as const;

function luminance([r, g, b]: readonly number[]): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r ?? 0) + 0.7152 * linear(g ?? 0) + 0.0722 * linear(b ?? 0);
}

/** The cell's background for a row share in [0, 1], and black or white text, whichever contrasts
 * more (at least 4.5:1 everywhere on this scale). */
export function cellColors(rate: number): { background: string; color: string } {
  const r = Number.isFinite(rate) ? Math.min(1, Math.max(0, rate)) : 0;
  const rgb = LOW.map((low, i) => Math.round(low + (HIGH[i]! - low) * r));
  const l = luminance(rgb);
  const onWhite = 1.05 / (l + 0.05);
  const onBlack = (l + 0.05) / 0.05;
  return { background: `rgb(${rgb.join(', ')})`, color: onWhite > onBlack ? '#fff' : '#000' };
}

/** The legend's gradient, the same scale as the cells. */
export const LEGEND_GRADIENT = `linear-gradient(to right, rgb(${LOW.join(', ')}), rgb(${HIGH.join(', ')}))`;

/** The cell in words, for its accessible name. */
export function cellLabel(cell: ConfusionCell): string {
  const images = `${cell.count} image${cell.count === 1 ? '' : 's'}`;
  const share = Number.isFinite(cell.rate)
    ? ` (${formatPercent(cell.rate)} of ${classLabel(cell.trueClass)})`
    : '';
  return `${classLabel(cell.trueClass)} predicted as ${classLabel(cell.predictedClass)}: ${images}${share}`;
}

/** The `limit` largest off-diagonal cells, largest first (ties in class order). */
export function topConfusions(confusion: ArrayLike<number>, limit: number): ConfusionCell[] {
  return confusionRows(confusion)
    .flat()
    .filter((c) => c.trueClass !== c.predictedClass && c.count > 0)
    .sort((a, b) => b.count - a.count)
    .slice(0, limit);
}

/** One sentence on the matrix: how many images, how many right, what is most confused. */
export function confusionSummary(confusion: ArrayLike<number>, epoch: number): string {
  const total = totalCount(confusion);
  const right = confusionRows(confusion).reduce((sum, row, t) => sum + (row[t]?.count ?? 0), 0);
  const top = topConfusions(confusion, 3).map(
    (c) => `${classLabel(c.trueClass)} as ${classLabel(c.predictedClass)} (${c.count})`,
  );
  const mistakes = top.length > 0 ? ` Most confused: ${top.join(', ')}.` : ' No mistakes.';
  return `Epoch ${epoch}: ${right} of ${total} test images classified right.${mistakes}`;
}

export interface CellPosition {
  row: number;
  column: number;
}

/** Where an arrow, Home or End key moves the focus in the matrix; null for other keys. */
export function moveCell(
  position: CellPosition,
  key: string,
  size = NUM_CLASSES,
): CellPosition | null {
  const clamp = (v: number) => Math.min(size - 1, Math.max(0, v));
  const { row, column } = position;
  switch (key) {
    case 'ArrowUp':
      return { row: clamp(row - 1), column };
    case 'ArrowDown':
      return { row: clamp(row + 1), column };
    case 'ArrowLeft':
      return { row, column: clamp(column - 1) };
    case 'ArrowRight':
      return { row, column: clamp(column + 1) };
    case 'Home':
      return { row, column: 0 };
    case 'End':
      return { row, column: size - 1 };
    default:
      return null;
  }
}

/** Which images are shown and where their probabilities come from. */
export function examplesCaption(
  shown: number,
  total: number,
  predicted: string,
  epoch: number,
): string {
  const which =
    shown < total
      ? `The ${shown} of ${total} images the model was surest about`
      : total === 1
        ? 'The one image'
        : `All ${total} images`;
  return `${which}, with the probability it gave ${predicted} in epoch ${epoch}'s evaluation (not the current weights).`;
}
