// The dataset download going wrong in the ways a network and a server can: a corrupted shard, a
// missing one, a download cut off, a manifest that lies. Each time the page says what happened, keeps
// no wrong counts, and Retry loads the data once the fault is gone.

import type { Route } from '@playwright/test';
import { expect, test } from './fixtures';
import { TINY_RUN } from './pages/AppPage';

const SHARDS = '**/data/fashion-mnist/';

test.describe('dataset faults, and Retry recovering from them', () => {
  test('a corrupted shard fails its checksum', async ({ app, page }) => {
    await page.route(`${SHARDS}train-02.bin`, async (route: Route) => {
      const response = await route.fetch();
      const body = await response.body();
      body[1000] = (body[1000] ?? 0) ^ 0xff;
      await route.fulfill({ response, body });
    });
    await app.goto(TINY_RUN);
    await expect(app.datasetError).toContainText(
      'Shard train-02.bin (/data/fashion-mnist/train-02.bin) is corrupted: its SHA-256 checksum does not match the manifest. Press Retry',
      { timeout: 120_000 },
    );
    // The manifest's counts are not shown as facts once loading failed.
    await expect(app.dataset).not.toContainText('60,000');
    await expect(app.trainButton).toBeDisabled();
    await page.unroute(`${SHARDS}train-02.bin`);
    await app.retryButton.click();
    await app.waitUntilReady();
    await expect(app.dataset).toContainText('60,000');
  });

  test('a missing shard is named, with the HTTP status', async ({ app, page, pageGuard }) => {
    pageGuard.allowConsoleError(
      /Failed to load resource: the server responded with a status of 404/,
    );
    await page.route(`${SHARDS}test-00.bin`, (route) =>
      route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }),
    );
    await app.goto(TINY_RUN);
    await expect(app.datasetError).toContainText(
      'Could not download shard test-00.bin (/data/fashion-mnist/test-00.bin): HTTP 404',
      { timeout: 120_000 },
    );
    await page.unroute(`${SHARDS}test-00.bin`);
    await app.retryButton.click();
    await app.waitUntilReady();
  });

  test('a download cut off mid-way says so', async ({ app, page, pageGuard }) => {
    pageGuard.allowConsoleError(/Failed to load resource: net::ERR_CONNECTION_RESET/);
    await page.route(`${SHARDS}train-01.bin`, (route) => route.abort('connectionreset'));
    await app.goto(TINY_RUN);
    await expect(app.datasetError).toContainText(
      'Could not download shard train-01.bin (/data/fashion-mnist/train-01.bin)',
      { timeout: 120_000 },
    );
    await expect(app.datasetError).toContainText('Press Retry to try again.');
    await page.unroute(`${SHARDS}train-01.bin`);
    await app.retryButton.click();
    await app.waitUntilReady();
  });

  test('a manifest whose counts do not match its shards is refused', async ({ app, page }) => {
    await page.route(`${SHARDS}manifest.json`, async (route) => {
      const response = await route.fetch();
      const manifest = (await response.json()) as { train: { count: number } };
      manifest.train.count += 1;
      await route.fulfill({ response, json: manifest });
    });
    await app.goto(TINY_RUN);
    await expect(app.datasetError).toBeVisible({ timeout: 120_000 });
    await expect(app.dataset).not.toContainText('60,001');
    await page.unroute(`${SHARDS}manifest.json`);
    await app.retryButton.click();
    await app.waitUntilReady();
    await expect(app.dataset).toContainText('60,000');
  });
});
