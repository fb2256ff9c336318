// The training worker failing in the ways a browser lets it: ending without a word (as when killed
// for memory), throwing an error nothing catches, losing its GPU device, and going silent in a long
// synchronous stretch. The faults are injected through the test build's hooks (src/protocol/faults.ts).

import { expect, test } from './fixtures';
import type { AppPage } from './pages/AppPage';
import { TINY_RUN } from './pages/AppPage';

/** Restart brings a working worker back: WebGPU again, the data loaded, Train enabled. */
async function restartRecovers(app: AppPage): Promise<void> {
  await app.restartButton.click();
  await expect(app.workerFailure).toBeHidden();
  // Focus does not fall to the page body with the banner: it goes to the page's heading.
  await expect(app.page.getByRole('heading', { level: 1 })).toBeFocused();
  await app.waitUntilReady();
}

test.describe('worker faults, and Restart recovering from them', () => {
  test.beforeEach(async ({ app }) => {
    await app.goto(TINY_RUN);
    await app.waitUntilReady();
  });

  test('a worker that ends without a word during a paused run is reported, and the run failed', async ({
    app,
  }) => {
    await app.train();
    await app.pauseButton.click();
    // The step in flight reports, then the loop waits: nothing is left on the GPU.
    await expect(app.trainingPanel).toContainText('16 / 32 images', { timeout: 120_000 });
    await app.injectFault({ kind: 'quiet-death' });
    await expect(app.workerFailure).toContainText('stopped without a word', { timeout: 10_000 });
    // Not "Training." or "Paused." forever, nor "Stopped.": the run failed with its worker.
    await expect(app.trainingPanel).toContainText('Failed: the run ended with an error');
    await expect(app.trainButton).toBeDisabled();
    await restartRecovers(app);
  });

  test('a worker that ends mid-step is noticed within 10 s, with Restart offered', async ({
    app,
  }) => {
    await app.train();
    await app.injectFault({ kind: 'quiet-death' });
    // Chromium ends a worker only once its queued GPU work has drained (tens of seconds on
    // SwiftShader): meanwhile the heartbeat reports it silent, then the death watch as stopped.
    await expect(app.workerSilent.or(app.workerFailure)).toBeVisible({ timeout: 10_000 });
    await expect(app.restartButton).toBeVisible();
    await restartRecovers(app);
  });

  test('a destroyed GPU device mid-run gives one clear message', async ({ app, page }) => {
    await app.train();
    await app.injectFault({ kind: 'destroy-gpu-device' });
    await expect(app.workerFailure).toContainText('The GPU device was lost', { timeout: 10_000 });
    // One message: no raw WebGPU error ("Failed to execute 'mapAsync'...") beside the banner.
    await expect(page.getByRole('alert')).toHaveCount(1);
    await expect(app.trainingPanel).toContainText('Failed: the run ended with an error');
    await restartRecovers(app);
  });

  test('a worker busy for 10 s is reported as silent but alive, then as answering; an uncaught error then as a crash', async ({
    app,
  }) => {
    await app.injectFault({ kind: 'hang', seconds: 10 });
    await expect(app.workerSilent).toContainText('It is still running', { timeout: 9_000 });
    await expect(app.workerFailure).toBeHidden();
    await expect(app.workerSilent).toBeHidden({ timeout: 15_000 });
    await expect(app.trainButton).toBeEnabled();

    await app.injectFault({ kind: 'uncaught-error' });
    await expect(app.workerFailure).toContainText(
      'The training worker crashed: Uncaught Error: Injected fault: an uncaught error in the training worker.',
    );
    await expect(app.trainButton).toBeDisabled();
    await restartRecovers(app);
  });
});
