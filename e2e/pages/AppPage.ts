import { expect } from '@playwright/test';
import type { Locator, Page, TestInfo } from '@playwright/test';
import type { InjectedFault } from '../../src/protocol/faults';

export type TrainParams = Partial<
  Record<
    | 'model'
    | 'preset'
    | 'epochs'
    | 'batch'
    | 'train'
    | 'test'
    | 'lr'
    | 'schedule'
    | 'wd'
    | 'seed'
    | 'augment'
    | 'kernels',
    string | number
  >
>;

/** Two steps of alexnet-mini and a one-batch evaluation: a model exists after ~20-40 s on SwiftShader. */
export const TINY_RUN: TrainParams = {
  model: 'alexnet-mini',
  epochs: 1,
  batch: 16,
  train: 32,
  test: 16,
  seed: 1,
};

/** The page's sections, in tab order. */
export type SectionTab = 'Training' | 'Inspect' | 'Classify' | 'Runs & model files' | 'Performance';

/** Clicks a section's tab unless it is open already (a click would move the focus to it). */
export async function openTab(page: Page, tab: SectionTab): Promise<void> {
  const button = page.getByRole('tab', { name: tab, exact: true });
  if ((await button.getAttribute('aria-selected')) !== 'true') await button.click();
  await expect(button).toHaveAttribute('aria-selected', 'true');
}

/**
 * Screenshots the whole page, or only `element`, at `width` px and attaches it to the test's report
 * as `name`.
 */
export async function attachScreenshot(
  page: Page,
  name: string,
  width: number,
  testInfo: TestInfo,
  element?: Locator,
): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  const path = testInfo.outputPath(`${name}.png`);
  if (element) {
    await element.screenshot({ path });
  } else {
    // From the top: scrolled, the sticky tab row would be drawn over the cards in the picture.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(page.getByRole('tablist', { name: 'Sections' })).toBeVisible();
    await page.screenshot({ path, fullPage: true });
  }
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** The app as a user sees it: role-based locators and the actions of the journeys. A panel's
 * locators find it only while its tab is open: the actions open it themselves, a spec that uses a
 * locator directly calls `open` first. */
export class AppPage {
  readonly backendStatus: Locator;
  readonly dataset: Locator;
  readonly datasetError: Locator;
  readonly retryButton: Locator;
  readonly trainButton: Locator;
  readonly pauseButton: Locator;
  readonly resumeButton: Locator;
  readonly stopButton: Locator;
  readonly trainingPanel: Locator;
  readonly epochProgress: Locator;
  readonly epochLog: Locator;
  readonly epochRows: Locator;
  readonly lossChart: Locator;
  readonly accuracyChart: Locator;
  readonly drawingPad: Locator;
  readonly clearButton: Locator;
  readonly classifyDrawingButton: Locator;
  readonly uploadInput: Locator;
  readonly prediction: Locator;
  /** The sentence naming the most likely class, e.g. "Top class: Trouser (91.2%) for …". */
  readonly topClass: Locator;
  /** The banner of a dead or failed worker. */
  readonly workerFailure: Locator;
  /** The notice of a worker that does not answer its heartbeat. */
  readonly workerSilent: Locator;
  readonly restartButton: Locator;
  /** The settings from the address that were not used. */
  readonly urlNotes: Locator;

  constructor(readonly page: Page) {
    this.backendStatus = page.getByRole('status', { name: 'Backend' });
    this.dataset = page.getByRole('region', { name: /Dataset/ });
    this.datasetError = this.dataset.getByRole('alert');
    this.retryButton = this.dataset.getByRole('button', { name: 'Retry' });
    this.trainButton = page.getByRole('button', { name: 'Train', exact: true });
    this.pauseButton = page.getByRole('button', { name: 'Pause' });
    this.resumeButton = page.getByRole('button', { name: 'Resume' });
    this.stopButton = page.getByRole('button', { name: 'Stop' });
    this.trainingPanel = page.getByRole('region', { name: 'Training', exact: true });
    this.epochProgress = page.getByRole('progressbar', { name: 'Epoch progress' });
    this.epochLog = page.getByRole('table', { name: 'Epoch log' });
    // The body's rows: each starts with its epoch as row header (the header row has none).
    this.epochRows = this.epochLog.getByRole('row').filter({ has: page.getByRole('rowheader') });
    this.lossChart = page.getByRole('region', { name: 'Loss chart', exact: true });
    this.accuracyChart = page.getByRole('region', { name: 'Accuracy chart', exact: true });
    this.drawingPad = page.getByLabel('Drawing pad');
    this.clearButton = page.getByRole('button', { name: 'Clear' });
    this.classifyDrawingButton = page.getByRole('button', { name: 'Classify drawing' });
    this.uploadInput = page.getByLabel('Upload image');
    this.prediction = page.getByRole('region', { name: 'Prediction' });
    this.topClass = this.prediction.getByText(/^Top class:/);
    this.workerFailure = page
      .getByRole('alert')
      .filter({ hasText: 'The training worker stopped.' });
    this.workerSilent = page.getByRole('status').filter({ hasText: 'has not answered' });
    this.restartButton = page.getByRole('button', { name: 'Restart worker' });
    this.urlNotes = page.getByRole('note', { name: 'URL settings' });
  }

  /** Opens a section's tab (the others' panels are hidden, not gone). A tab already open is left
   * alone, so the focus stays where the journey put it. */
  async open(tab: SectionTab): Promise<void> {
    await openTab(this.page, tab);
  }

  async goto(params: TrainParams = {}): Promise<void> {
    const search = new URLSearchParams(
      Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string]),
    ).toString();
    await this.page.goto(search ? `/?${search}` : '/');
    await expect(this.page).toHaveTitle(/AlexNet on WebGPU/);
  }

  /** Waits until the worker runs on WebGPU (a silent fallback must not pass) and holds the data. */
  async waitUntilReady(): Promise<void> {
    await this.open('Training');
    await expect(this.backendStatus).toContainText(/Running on WebGPU/, { timeout: 60_000 });
    await expect(this.dataset).toContainText('Loaded', { timeout: 120_000 });
    await expect(this.trainButton).toBeEnabled();
  }

  /** Presses Train and waits for the worker to confirm the run started. */
  async train(): Promise<void> {
    await this.open('Training');
    await this.trainButton.click();
    await this.waitForRunStarted();
  }

  async waitForRunStarted(): Promise<void> {
    await this.open('Training');
    await expect(this.epochProgress).toBeVisible({ timeout: 120_000 });
    await expect(this.stopButton).toBeEnabled();
  }

  async waitForEpochs(count: number, timeout: number): Promise<void> {
    await this.open('Training');
    await expect(this.epochRows).toHaveCount(count, { timeout });
  }

  async waitForFinished(timeout: number): Promise<void> {
    await this.open('Training');
    await expect(this.trainingPanel.getByText('Finished.')).toBeVisible({ timeout });
  }

  /** Test accuracy of each finished epoch, read from the log table. */
  async testAccuracies(): Promise<number[]> {
    const header = await this.epochLog.getByRole('columnheader').allTextContents();
    const column = header.indexOf('Test acc');
    expect(column).toBeGreaterThan(0);
    // A row's first column is its row header, not a cell: the cells start at the second column.
    const accuracies: number[] = [];
    for (const row of await this.epochRows.all()) {
      const cell = row.getByRole('cell').nth(column - 1);
      accuracies.push(Number(await cell.textContent()));
    }
    return accuracies;
  }

  /** Drags the pointer through `points`, given as fractions (0..1) of the pad's width and height. */
  async draw(points: readonly [number, number][]): Promise<void> {
    await this.open('Classify');
    // Mouse coordinates are in the viewport: bring the pad into it first.
    await this.drawingPad.scrollIntoViewIfNeeded();
    const box = await this.drawingPad.boundingBox();
    if (!box) throw new Error('The drawing pad is not visible.');
    const at = ([fx, fy]: [number, number]) =>
      [box.x + fx * box.width, box.y + fy * box.height] as const;
    const [first, ...rest] = points;
    if (!first) return;
    await this.page.mouse.move(...at(first));
    await this.page.mouse.down();
    for (const p of rest) await this.page.mouse.move(...at(p), { steps: 8 });
    await this.page.mouse.up();
  }

  async upload(name: string, mimeType: string, buffer: Buffer): Promise<void> {
    await this.open('Classify');
    await this.uploadInput.setInputFiles({ name, mimeType, buffer });
  }

  /** Makes the current worker fail (test builds only: ALEXNET_FAULT_HOOKS=1, src/protocol/faults.ts). */
  async injectFault(fault: InjectedFault): Promise<void> {
    const injected = await this.page.evaluate((f) => {
      if (!window.__alexnetFaults) return false;
      window.__alexnetFaults.inject(f);
      return true;
    }, fault);
    if (!injected) {
      throw new Error(
        'This build has no fault hooks: serve one built with ALEXNET_FAULT_HOOKS=1 ' +
          '(playwright.config.ts does; stop any other server on the e2e port).',
      );
    }
  }

  /** Fails the test if the page scrolls sideways at its current width (the specs check it after
   * their phone-width screenshot): nothing may stick out. */
  async expectNoSidewaysOverflow(): Promise<void> {
    const overflow = await this.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, 'pixels the page is wider than the viewport').toBeLessThanOrEqual(0);
  }

  /** Screenshots the whole page, with the tab that is open, at `width` px as a test artifact. */
  async screenshot(name: string, width: number, testInfo: TestInfo): Promise<void> {
    await attachScreenshot(this.page, name, width, testInfo);
  }
}
