import { expect, test } from './fixtures';

// Two epochs of 6 steps of alexnet-mini: the views are checked with the run paused in its second
// epoch, on the first epoch's evaluation of 32 test images. Pausing pins the run: with the core
// kernels a 2-step epoch ended before a filter request came back, and the caption then read
// "after 2 epochs" (a race, not a fault). 6 steps leave time to press Pause before epoch 2 ends.
const INSIGHT_RUN = {
  model: 'alexnet-mini',
  epochs: 2,
  batch: 16,
  train: 96,
  test: 32,
  seed: 1,
};

test('shows the confusion matrix with its images, per-class accuracy, filters and saliency', async ({
  app,
  insight,
  page,
}, testInfo) => {
  await app.goto(INSIGHT_RUN);
  await app.waitUntilReady();
  await app.train();

  await test.step('after the first epoch the matrix counts every test image once', async () => {
    await app.waitForEpochs(1, 5 * 60_000);
    await app.pauseButton.click();
    await expect(app.resumeButton).toBeEnabled();
    await insight.open();
    // Pin epoch 1: following the latest, the matrix would change under the test as epoch 2 ends.
    await insight.epochSelect.selectOption('1');
    await expect(insight.matrixRows).toHaveCount(10);
    const cells = await insight.cells();
    expect(cells).toHaveLength(100);
    expect(cells.reduce((sum, c) => sum + c.count, 0)).toBe(INSIGHT_RUN.test);
    await expect(insight.perClassChart).toContainText('Accuracy per class in epoch 1');
  });

  await test.step('the filters are fetched again on request while the run is under way', async () => {
    await insight.refreshFilters.click();
    await expect(insight.filtersCaption).toHaveText('16 filters of 5x5, during epoch 2.');
    await expect(insight.filters).toBeVisible();
    await app.open('Training');
    await expect(app.stopButton).toBeEnabled();
    await insight.open();
  });

  await test.step('a non-empty cell opens its images with the right labels', async () => {
    const classes = await insight.classNames();
    const cells = await insight.cells();
    // Prefer a mistake: its images carry two different labels.
    const cell =
      cells.find((c) => c.count > 0 && c.row !== c.column) ?? cells.find((c) => c.count > 0);
    if (!cell) throw new Error('The matrix has no non-empty cell.');
    await insight.cellButton(cell).click();
    await expect(insight.exampleImages).toHaveCount(Math.min(cell.count, 24));
    const names = await insight.examples.getByRole('button', { name: /^Test image/ }).all();
    expect(names).toHaveLength(Math.min(cell.count, 24));
    const label = `true ${classes[cell.row]}, predicted as ${classes[cell.column]} (`;
    for (const image of names) {
      expect(await image.getAttribute('aria-label')).toContain(label);
    }
    await expect(insight.examples).toContainText("epoch 1's evaluation (not the current weights)");
  });

  await test.step('the keyboard moves through the matrix and Enter opens a cell', async () => {
    await insight.cellButton({ row: 0, column: 0 }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(insight.cellButton({ row: 1, column: 0 })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(insight.cellButton({ row: 1, column: 0 })).toHaveAttribute('aria-pressed', 'true');
    await expect(insight.examples.getByRole('heading')).toHaveText(/^Trouser /);
  });

  await test.step('a test image from a cell shows its feature maps and saliency', async () => {
    const cells = await insight.cells();
    const cell = cells.find((c) => c.count > 0);
    if (!cell) throw new Error('The matrix has no non-empty cell.');
    await insight.cellButton(cell).click();
    await insight.examples
      .getByRole('button', { name: /^Test image/ })
      .first()
      .click();
    // The first inspection compiles the backward pass's shaders for one image: slow on SwiftShader.
    await expect(insight.saliency).toBeVisible({ timeout: 120_000 });
    await expect(
      insight.networkView.getByRole('img', { name: /^conv1 feature maps/ }),
    ).toBeVisible();
    await expect(
      insight.networkView.getByRole('img', { name: /^conv2 feature maps/ }),
    ).toBeVisible();
    await expect(insight.networkView).toContainText(/Top class: .+ for test image \d+/);
  });

  await test.step('after the run an earlier epoch can be looked back at', async () => {
    await app.open('Training');
    await app.resumeButton.click();
    await app.waitForFinished(5 * 60_000);
    await insight.open();
    await insight.epochSelect.selectOption('latest');
    await expect(page.getByText(/^Epoch 2: \d+ of 32 test images classified right/)).toBeVisible();
    await insight.epochSelect.selectOption('1');
    await expect(page.getByText(/^Epoch 1: \d+ of 32 test images classified right/)).toBeVisible();
    await expect(insight.perClassChart).toContainText('Accuracy per class in epoch 1:');
    await insight.epochSelect.selectOption('2');
    await expect(insight.perClassChart).toContainText(
      'Accuracy per class in epoch 2, beside epoch 1',
    );
  });

  await test.step('the page at desktop and phone widths, as artifacts', async () => {
    const cells = await insight.cells();
    const mistake = cells.find((c) => c.count > 0 && c.row !== c.column);
    await insight.cellButton(mistake ?? { row: 0, column: 0 }).click();
    await expect(insight.examples).toBeVisible();
    await app.screenshot('insight-1280', 1280, testInfo);
    await app.screenshot('insight-390', 390, testInfo);
    await app.expectNoSidewaysOverflow();
  });
});
