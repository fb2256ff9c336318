import { expect } from '@playwright/test';
import type { Download, Locator, Page, TestInfo } from '@playwright/test';
import { attachScreenshot, openTab } from './AppPage';

/** The Performance panel: the live step profile, memory, and "Benchmark this GPU". */
export class PerformancePanel {
  readonly panel: Locator;
  readonly stepProfile: Locator;
  readonly phaseTable: Locator;
  readonly topKernels: Locator;
  readonly memory: Locator;
  readonly benchmark: Locator;
  readonly modelSelect: Locator;
  readonly batchInput: Locator;
  readonly layerSelect: Locator;
  readonly budgetSelect: Locator;
  readonly startButton: Locator;
  readonly stopButton: Locator;
  readonly downloadButton: Locator;
  readonly copyButton: Locator;
  readonly progress: Locator;
  readonly results: Locator;
  readonly resultRows: Locator;
  readonly refusal: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('group', { name: 'Performance' });
    this.stepProfile = this.panel.getByRole('region', { name: 'Step profile' });
    this.phaseTable = this.stepProfile.getByRole('table', { name: 'GPU ms per layer and phase' });
    this.topKernels = this.stepProfile.getByRole('list');
    this.memory = this.panel.getByRole('region', { name: 'Memory' });
    this.benchmark = this.panel.getByRole('region', { name: 'Benchmark this GPU' });
    this.modelSelect = this.benchmark.getByRole('combobox', { name: 'Model' });
    this.batchInput = this.benchmark.getByRole('textbox', { name: 'Batch' });
    this.layerSelect = this.benchmark.getByRole('combobox', { name: 'Layers' });
    this.budgetSelect = this.benchmark.getByRole('combobox', { name: 'Time budget' });
    this.startButton = this.benchmark.getByRole('button', { name: 'Benchmark this GPU' });
    this.stopButton = this.benchmark.getByRole('button', { name: 'End benchmark' });
    this.downloadButton = this.benchmark.getByRole('button', { name: 'Download JSON' });
    this.copyButton = this.benchmark.getByRole('button', { name: 'Copy as Markdown' });
    this.progress = this.benchmark.getByRole('progressbar', { name: 'Benchmark progress' });
    this.results = this.benchmark.getByRole('table', {
      name: 'Benchmark this GPU: results per layer',
    });
    // The body's rows: each starts with its layer as row header (the header row has none).
    this.resultRows = this.results.getByRole('row').filter({ has: page.getByRole('rowheader') });
    this.refusal = this.benchmark.getByRole('note');
  }

  /** Opens the Performance tab (a tab already open is left alone). */
  async open(): Promise<void> {
    await openTab(this.page, 'Performance');
    await expect(this.stepProfile).toBeVisible();
  }

  /** Starts a benchmark of `model` at `batch` on one `layer` (or 'all layers') within `budget`. */
  async startBenchmark(options: {
    model: string;
    batch: number;
    layer: string;
    budget: string;
  }): Promise<void> {
    await this.modelSelect.selectOption(options.model);
    await this.batchInput.fill(String(options.batch));
    await this.layerSelect.selectOption(options.layer);
    await this.budgetSelect.selectOption({ label: options.budget });
    await this.startButton.click();
  }

  async waitForBenchmarkEnd(timeout: number): Promise<void> {
    await expect(this.benchmark.getByText(/^Finished: \d+ rows?\b/)).toBeVisible({ timeout });
  }

  /** The downloaded JSON report, parsed. */
  async downloadReport(): Promise<unknown> {
    const [download]: [Download, void] = await Promise.all([
      this.page.waitForEvent('download'),
      this.downloadButton.click(),
    ]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  }

  /** The panel alone at `width`, attached to the report. */
  async screenshot(name: string, width: number, testInfo: TestInfo): Promise<void> {
    await attachScreenshot(this.page, name, width, testInfo, this.panel);
  }
}
