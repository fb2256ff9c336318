// Runs survive the page: while one tab trains, a second tab of the app refuses to train and leaves
// the run alone (not "interrupted", not deletable); a checkpointed run resumes in a page opened on
// the plain address (its form then shows the run's settings), and that load takes the shards from
// this browser's copy. (Saved model files: model-files.spec.)

import { expect, test } from './fixtures';
import { AppPage, TINY_RUN } from './pages/AppPage';
import { PersistencePanels } from './pages/PersistencePanels';

test('a run checkpointed after epoch 1 of 2 is left alone by a second tab, resumes in a page opened afresh and ends with both epochs', async ({
  app,
  persistence,
  page,
  context,
}, testInfo) => {
  // Leaving mid-epoch asks first (beforeunload): the user confirms the reload.
  page.on('dialog', (dialog) => void dialog.accept());
  // Six steps an epoch: time to press Pause in epoch 2, so that the reload interrupts the run (with
  // two, epoch 2 could end first).
  await app.goto({ ...TINY_RUN, epochs: 2, train: 96 });
  await app.waitUntilReady();
  // The gzip copies: 30.7 MB of the shards' 55.0 MB.
  await expect(app.dataset).toContainText(/From the network in [\d.]+ s, 30\.7 MB downloaded\./);

  const second =
    await test.step('a second tab refuses to train and leaves the run alone', async () => {
      await app.train();
      // Paused, the run holds its place (and the lock) for as long as the second tab needs.
      await app.pauseButton.click();
      await expect(app.resumeButton).toBeEnabled();
      const tab = new AppPage(await context.newPage());
      const tabPanels = new PersistencePanels(tab.page);
      await tab.goto(TINY_RUN);
      await expect(tab.dataset).toContainText('Loaded', { timeout: 120_000 });
      await expect(tab.trainingPanel).toContainText('A run is training in another tab of this app');
      await expect(tab.trainButton).toBeDisabled();
      await tabPanels.open();
      await expect(tabPanels.storedRuns).toHaveCount(1);
      await expect(tabPanels.storedRuns.first()).toContainText('training in another tab, 0 of 2');
      await expect(
        tabPanels.storedRuns.first().getByRole('button', { name: /^Delete/ }),
      ).toBeDisabled();
      return { tab, panels: tabPanels };
    });

  await test.step('train until the first epoch is checkpointed', async () => {
    await app.resumeButton.click();
    await app.waitForEpochs(1, 4 * 60_000);
    await app.pauseButton.click();
    await expect(app.resumeButton).toBeEnabled();
    await persistence.open();
    await expect(persistence.checkpoints).toContainText('Epoch 1 saved', { timeout: 60_000 });
  });

  await test.step('the plain address: the data comes from this browser, and the run is offered', async () => {
    // Not a reload: the form opens on its defaults (alexnet), and Resume must bring the run's own.
    await app.goto();
    await app.waitUntilReady();
    await expect(app.dataset).toContainText("From this browser's copy");
    await expect(persistence.resumeBanner).toContainText('alexnet-mini, epoch 1 of 2');
    await persistence.open();
    await expect(persistence.storedRuns).toHaveCount(1);
    await expect(persistence.storedRuns.first()).toContainText('interrupted, 1 of 2 epochs');
    await app.screenshot('resume-offered-1280', 1280, testInfo);
  });

  await test.step('with the first tab gone, the second may train', async () => {
    await second.panels.open();
    await expect(second.panels.storedRuns.first()).toContainText('interrupted, 1 of 2 epochs');
    await second.tab.open('Training');
    await expect(second.tab.trainButton).toBeEnabled();
    await second.tab.page.close();
  });

  await test.step('Train asks before a new run replaces the unfinished one', async () => {
    await app.open('Training');
    await app.trainButton.click();
    await expect(persistence.resumeBanner.getByRole('alert')).toContainText(
      'A new run replaces this unfinished one',
    );
    await persistence.resumeBanner.getByRole('button', { name: 'Cancel' }).click();
    await expect(persistence.resumeBanner.getByRole('alert')).toBeHidden();
    await expect(app.epochProgress).toBeHidden();
    await expect(persistence.resumeBanner).toContainText('alexnet-mini, epoch 1 of 2');
  });

  await test.step('Resume brings epoch 1 back and trains epoch 2', async () => {
    await persistence.resumeRunButton.click();
    await app.waitForRunStarted();
    await expect(persistence.resumeBanner).toBeHidden();
    // The form shows the resumed run's settings, not the defaults it opened on.
    const form = app.trainingPanel;
    await expect(form.getByRole('combobox', { name: 'Model' })).toHaveValue('alexnet-mini');
    await expect(form.getByRole('textbox', { name: /^Epochs/ })).toHaveValue('2');
    await expect(form.getByRole('textbox', { name: /^Training images/ })).toHaveValue('96');
    await expect(app.epochRows).toHaveCount(1);
    await app.waitForFinished(4 * 60_000);
    await expect(app.epochRows).toHaveCount(2);
    await expect(app.epochRows.getByRole('rowheader')).toHaveText(['1', '2']);
    await persistence.open();
    await expect(persistence.storedRuns.first()).toContainText('finished, 2 of 2 epochs');
  });

  await test.step('the run can be compared with the reference, renamed and exported', async () => {
    const run = persistence.storedRuns.first();
    await run.getByRole('checkbox').check();
    await expect(page.getByRole('region', { name: 'Compared accuracy' })).toContainText(
      'reference (PyTorch)',
    );
    await run.getByRole('button', { name: /^Rename/ }).click();
    await run.getByRole('textbox').fill('resumed tiny run');
    await run.getByRole('button', { name: 'Save name' }).click();
    await expect(run).toContainText('resumed tiny run');
    const download = page.waitForEvent('download');
    await run.getByRole('button', { name: 'Export resumed tiny run as CSV' }).click();
    expect((await download).suggestedFilename()).toBe('resumed-tiny-run.csv');
  });

  await test.step('the panels at desktop and phone widths, as artifacts', async () => {
    await app.screenshot('persistence-1280', 1280, testInfo);
    await app.screenshot('persistence-390', 390, testInfo);
    await app.expectNoSidewaysOverflow();
  });
});
