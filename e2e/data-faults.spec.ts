// The dataset download going wrong in the ways a network and a server can: a corrupted shard, a
// missing one, a download cut off, a manifest that lies. Each time the page says what happened, keeps
// no wrong counts, and Retry loads the data once the fault is gone.

import { gunzipSync, gzipSync } from 'node:zlib';
import type { Route } from '@playwright/test';
import { expect, test } from './fixtures';
import { TINY_RUN } from './pages/AppPage';

// The page downloads the gzip copies of the shards (npm run data writes both).
const SHARDS = '**/data/fashion-mnist/';

test.describe('dataset faults, and Retry recovering from them', () => {
  test('a corrupted shard fails its checksum, and a manifest that lies about its counts is refused', async ({
    app,
    page,
  }) => {
    // One byte of the shard flipped inside valid gzip: only the checksum can tell. (Playwright hands
    // over the body already inflated when the server marks it Content-Encoding: gzip, as Vite's does.)
    await page.route(`${SHARDS}train-02.bin.gz`, async (route: Route) => {
      const sent = await (await route.fetch()).body();
      const body = sent[0] === 0x1f && sent[1] === 0x8b ? gunzipSync(sent) : sent;
      body[1000] = (body[1000] ?? 0) ^ 0xff;
      await route.fulfill({ contentType: 'application/octet-stream', body: gzipSync(body) });
    });
    await app.goto(TINY_RUN);
    await expect(app.datasetError).toContainText(
      'Shard train-02.bin (/data/fashion-mnist/train-02.bin.gz) is corrupted: its SHA-256 checksum does not match the manifest. Press Retry',
      { timeout: 120_000 },
    );
    // The manifest's counts are not shown as facts once loading failed.
    await expect(app.dataset).not.toContainText('60,000');
    await expect(app.trainButton).toBeDisabled();
    await page.unroute(`${SHARDS}train-02.bin.gz`);

    // Retry reads the manifest again: one whose counts do not match its shards is refused.
    await page.route(`${SHARDS}manifest.json`, async (route) => {
      const response = await route.fetch();
      const manifest = (await response.json()) as { train: { count: number } };
      manifest.train.count += 1;
      await route.fulfill({ response, json: manifest });
    });
    await app.retryButton.click();
    await expect(app.datasetError).toContainText(
      'hold 60000 images in all but "train.count" says 60001',
      { timeout: 120_000 },
    );
    await expect(app.datasetError).not.toContainText('is corrupted');
    await expect(app.dataset).not.toContainText('60,001');
    await page.unroute(`${SHARDS}manifest.json`);
    await app.retryButton.click();
    await app.waitUntilReady();
    await expect(app.dataset).toContainText('60,000');
  });

  test('a download cut off mid-way says so, and a missing shard is named with the HTTP status', async ({
    app,
    page,
    pageGuard,
  }) => {
    pageGuard.allowConsoleError(/Failed to load resource: net::ERR_CONNECTION_RESET/);
    pageGuard.allowConsoleError(
      /Failed to load resource: the server responded with a status of 404/,
    );
    await page.route(`${SHARDS}train-01.bin.gz`, (route) => route.abort('connectionreset'));
    await app.goto(TINY_RUN);
    await expect(app.datasetError).toContainText(
      'Could not download shard train-01.bin (/data/fashion-mnist/train-01.bin.gz)',
      { timeout: 120_000 },
    );
    await expect(app.datasetError).toContainText('Press Retry to try again.');
    // Retry meets a second, different fault (the test shard comes after the training shards, so
    // none of this browser's copy holds it): the message is the new one's.
    await page.unroute(`${SHARDS}train-01.bin.gz`);
    await page.route(`${SHARDS}test-00.bin.gz`, (route) =>
      route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }),
    );
    await app.retryButton.click();
    await expect(app.datasetError).toContainText(
      'Could not download shard test-00.bin (/data/fashion-mnist/test-00.bin.gz): HTTP 404',
      { timeout: 120_000 },
    );
    await expect(app.datasetError).not.toContainText('train-01');
    await page.unroute(`${SHARDS}test-00.bin.gz`);
    await app.retryButton.click();
    await app.waitUntilReady();
  });
});
