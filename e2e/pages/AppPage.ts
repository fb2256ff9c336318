import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

export type TrainParams = Partial<
  Record<
    'model' | 'epochs' | 'batch' | 'train' | 'test' | 'lr' | 'seed' | 'augment',
    string | number
  >
>;

/** The app as a user sees it: role-based locators and the actions of the journey. */
export class AppPage {
  readonly backendStatus: Locator;
  readonly dataset: Locator;
  readonly datasetProgress: Locator;
  readonly trainButton: Locator;
  readonly pauseButton: Locator;
  readonly resumeButton: Locator;
  readonly stopButton: Locator;
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

  constructor(readonly page: Page) {
    this.backendStatus = page.getByRole('status', { name: 'Backend' });
    this.dataset = page.getByRole('region', { name: /Dataset/ });
    this.datasetProgress = page.getByRole('progressbar', { name: 'Dataset download' });
    this.trainButton = page.getByRole('button', { name: 'Train', exact: true });
    this.pauseButton = page.getByRole('button', { name: 'Pause' });
    this.resumeButton = page.getByRole('button', { name: 'Resume' });
    this.stopButton = page.getByRole('button', { name: 'Stop' });
    this.epochProgress = page.getByRole('progressbar', { name: 'Epoch progress' });
    this.epochLog = page.getByRole('table', { name: 'Epoch log' });
    this.epochRows = this.epochLog.locator('tbody tr');
    this.lossChart = page.getByRole('region', { name: 'Loss chart' });
    this.accuracyChart = page.getByRole('region', { name: 'Accuracy chart' });
    this.drawingPad = page.getByLabel('Drawing pad');
    this.clearButton = page.getByRole('button', { name: 'Clear' });
    this.classifyDrawingButton = page.getByRole('button', { name: 'Classify drawing' });
    this.uploadInput = page.getByLabel('Upload image');
    this.prediction = page.getByRole('region', { name: 'Prediction' });
    this.topClass = this.prediction.getByText(/^Top class:/);
  }

  async goto(params: TrainParams = {}): Promise<void> {
    const search = new URLSearchParams(
      Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string]),
    ).toString();
    await this.page.goto(search ? `/?${search}` : '/');
  }

  /** Waits until the worker has a backend and the whole dataset is in memory. */
  async waitUntilReady(): Promise<void> {
    await expect(this.dataset).toContainText('Loaded', { timeout: 120_000 });
    await expect(this.trainButton).toBeEnabled();
  }

  async train(): Promise<void> {
    await this.trainButton.click();
    await expect(this.trainButton).toBeDisabled();
  }

  async waitForEpochs(count: number, timeout: number): Promise<void> {
    await expect(this.epochRows).toHaveCount(count, { timeout });
  }

  /** Test accuracy of each finished epoch, read from the log table. */
  async testAccuracies(): Promise<number[]> {
    const header = await this.epochLog.locator('thead th').allTextContents();
    const column = header.indexOf('Test acc');
    expect(column).toBeGreaterThan(0);
    const cells = await this.epochRows.locator(`:nth-child(${column + 1})`).allTextContents();
    return cells.map(Number);
  }

  /** Drags the pointer through `points`, given as fractions (0..1) of the pad's width and height. */
  async draw(points: readonly [number, number][]): Promise<void> {
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
    await this.uploadInput.setInputFiles({ name, mimeType, buffer });
  }
}
