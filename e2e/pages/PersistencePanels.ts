import { expect } from '@playwright/test';
import type { Download, Locator, Page } from '@playwright/test';
import { openTab } from './AppPage';

/** The parts of the page that keep runs and models: the resume banner (above the tabs), and the
 * Runs & model files tab's checkpoints, history and files. */
export class PersistencePanels {
  readonly resumeBanner: Locator;
  readonly resumeRunButton: Locator;
  readonly discardButton: Locator;
  readonly checkpoints: Locator;
  readonly history: Locator;
  readonly storedRuns: Locator;
  /** The run-history records that cannot be listed, named, with their Remove button. */
  readonly damagedRuns: Locator;
  readonly modelFiles: Locator;
  readonly saveModelButton: Locator;
  readonly exportOnnxButton: Locator;
  readonly loadModelInput: Locator;
  readonly predictionBars: Locator;

  constructor(readonly page: Page) {
    this.resumeBanner = page.getByRole('region', { name: 'Unfinished run' });
    this.resumeRunButton = this.resumeBanner.getByRole('button', { name: 'Resume' });
    this.discardButton = this.resumeBanner.getByRole('button', { name: 'Discard' });
    this.checkpoints = page.getByRole('region', { name: 'Checkpoints' });
    this.history = page.getByRole('region', { name: 'Run history' });
    this.storedRuns = this.history.getByRole('list', { name: 'Stored runs' }).getByRole('listitem');
    this.damagedRuns = this.history.getByRole('group', { name: 'Damaged runs' });
    this.modelFiles = page.getByRole('region', { name: 'Model files' });
    this.saveModelButton = this.modelFiles.getByRole('button', { name: 'Save model' });
    this.exportOnnxButton = this.modelFiles.getByRole('button', { name: 'Export ONNX' });
    this.loadModelInput = this.modelFiles.getByLabel('Load model');
    this.predictionBars = page.getByRole('list', { name: 'Class probabilities' });
  }

  /** Opens the Runs & model files tab. */
  async open(): Promise<void> {
    await openTab(this.page, 'Runs & model files');
  }

  /** Puts `records` into the run history as they are, damaged or not, from the page. */
  async seedRunRecords(records: unknown[]): Promise<void> {
    await this.page.evaluate(async (values) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('alexnet-webgpu');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
      });
      const tx = db.transaction('runs', 'readwrite');
      for (const value of values) tx.objectStore('runs').put(value);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onabort = () => reject(tx.error ?? new Error('aborted'));
      });
      db.close();
    }, records);
  }

  /** Presses Save model and stores both downloads under `dir`; returns their paths. */
  async saveModel(dir: string): Promise<string[]> {
    const downloads: Promise<string>[] = [];
    const onDownload = (d: Download) => {
      const path = `${dir}/${d.suggestedFilename()}`;
      downloads.push(d.saveAs(path).then(() => path));
    };
    this.page.on('download', onDownload);
    await this.open();
    await this.saveModelButton.click();
    await expect(this.modelFiles).toContainText('Saved model.json and model.weights.bin.');
    await expect.poll(() => downloads.length).toBe(2);
    this.page.off('download', onDownload);
    return Promise.all(downloads);
  }

  /** Presses Export ONNX and stores the download under `dir`; returns its path. */
  async exportOnnx(dir: string): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.open();
    await this.exportOnnxButton.click();
    await expect(this.modelFiles.getByRole('status')).toContainText(/Exported alexnet-mini\.onnx/);
    const file = await download;
    const path = `${dir}/${file.suggestedFilename()}`;
    await file.saveAs(path);
    return path;
  }

  /** The ten class probabilities shown (Classify tab), read from the bars' widths (the text is
   * rounded). */
  async probabilities(): Promise<number[]> {
    await openTab(this.page, 'Classify');
    await expect(this.predictionBars.getByRole('listitem')).toHaveCount(10);
    // The bars are aria-hidden decoration with no role: their class is the only handle on them.
    const widths = await this.predictionBars
      .locator('.bar-fill')
      .evaluateAll((bars) => bars.map((b) => (b as HTMLElement).style.width));
    return widths.map((w) => Number.parseFloat(w) / 100);
  }
}
