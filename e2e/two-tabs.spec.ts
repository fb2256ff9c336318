// Two tabs of the app share one browser storage: only one trains at a time, and the other tab
// leaves the live run alone (not "interrupted", not deletable, its checkpoint not offered) until it ends.

import { expect, test } from './fixtures';
import { AppPage, TINY_RUN } from './pages/AppPage';
import { PersistencePanels } from './pages/PersistencePanels';

test('while one tab trains, a second tab refuses to train and leaves its run alone', async ({
  app,
  context,
}) => {
  await app.goto({ ...TINY_RUN, epochs: 2 });
  await app.waitUntilReady();
  await app.train();
  // Paused, the run holds its place (and the lock) for as long as the second tab needs.
  await app.pauseButton.click();
  await expect(app.resumeButton).toBeEnabled();

  const second = new AppPage(await context.newPage());
  const secondPanels = new PersistencePanels(second.page);
  await second.goto(TINY_RUN);
  await expect(second.dataset).toContainText('Loaded', { timeout: 120_000 });
  await expect(second.trainingPanel).toContainText('A run is training in another tab of this app');
  await expect(second.trainButton).toBeDisabled();
  await secondPanels.open();
  await expect(secondPanels.storedRuns).toHaveCount(1);
  await expect(secondPanels.storedRuns.first()).toContainText('training in another tab, 0 of 2');
  await expect(
    secondPanels.storedRuns.first().getByRole('button', { name: /^Delete/ }),
  ).toBeDisabled();

  // The run ends in the first tab: the second may train now.
  await app.stopButton.click();
  await expect(app.trainingPanel.getByText(/Stopped/)).toBeVisible({ timeout: 60_000 });
  await secondPanels.open();
  await expect(secondPanels.storedRuns.first()).toContainText('stopped, 0 of 2');
  await second.open('Training');
  await expect(second.trainButton).toBeEnabled();
  await second.page.close();
});
