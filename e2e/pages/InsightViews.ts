import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { openTab } from './AppPage';

/** One cell of the confusion matrix as the page shows it. */
export interface MatrixCell {
  row: number;
  column: number;
  count: number;
  /** Its accessible name: "Shirt predicted as T-shirt/top: 2 images (…)". */
  name: string;
}

/** The views inside the model (the Inspect tab): confusion matrix and its examples, per-class
 * accuracy, filters, feature maps and saliency. */
export class InsightViews {
  readonly matrix: Locator;
  readonly matrixRows: Locator;
  readonly epochSelect: Locator;
  readonly examples: Locator;
  readonly exampleImages: Locator;
  readonly perClassChart: Locator;
  readonly filters: Locator;
  readonly refreshFilters: Locator;
  readonly filtersCaption: Locator;
  readonly networkView: Locator;
  readonly saliency: Locator;

  constructor(readonly page: Page) {
    this.matrix = page.getByRole('table', { name: 'Confusion matrix' });
    // The body's rows, one per true class: each starts with the class as row header.
    this.matrixRows = this.matrix.getByRole('row').filter({ has: page.getByRole('rowheader') });
    this.epochSelect = page.getByRole('combobox', { name: 'Epoch' });
    this.examples = page.getByRole('region', { name: 'Confusion examples' });
    this.exampleImages = this.examples.getByRole('listitem');
    this.perClassChart = page.getByRole('region', { name: 'Per-class accuracy chart' });
    const filterCard = page.getByRole('region', { name: 'conv1 filters' });
    this.filters = filterCard.getByRole('img', { name: /^conv1 filters:/ });
    this.refreshFilters = filterCard.getByRole('button', { name: 'Refresh filters' });
    this.filtersCaption = filterCard.getByText(/filters of \d+x\d+/);
    this.networkView = page.getByRole('region', { name: 'What the network sees' });
    this.saliency = this.networkView.getByRole('img', { name: /^Saliency/ });
  }

  /** Opens the Inspect tab, where these views are. */
  async open(): Promise<void> {
    await openTab(this.page, 'Inspect');
  }

  /** Every cell of the matrix, read from the buttons' texts and names. */
  async cells(): Promise<MatrixCell[]> {
    const rows = await this.matrixRows.count();
    const cells: MatrixCell[] = [];
    for (let row = 0; row < rows; row++) {
      const buttons = this.matrixRows.nth(row).getByRole('button');
      const texts = await buttons.allTextContents();
      for (let column = 0; column < texts.length; column++) {
        const name = (await buttons.nth(column).getAttribute('aria-label')) ?? '';
        cells.push({ row, column, count: Number(texts[column]), name });
      }
    }
    return cells;
  }

  cellButton(cell: Pick<MatrixCell, 'row' | 'column'>): Locator {
    return this.matrixRows.nth(cell.row).getByRole('button').nth(cell.column);
  }

  /** Class names from the matrix's row headers, in class order. */
  async classNames(): Promise<string[]> {
    const names = await this.matrixRows.getByRole('rowheader').allTextContents();
    expect(names).toHaveLength(10);
    return names;
  }
}
