import { expect, test } from './fixtures';

// One epoch of 32 steps of batch 16: enough for alexnet-mini to leave the 10% plateau on the
// software WebGPU adapter. 16 steps were not: seed 1 then scores 0.195, at chance's edge. Measured on
// the backend this spec runs on (WebGPU on SwiftShader, own kernels: `npm run train -- --backend
// webgpu` with this config, Dawn in Node) for seeds 1-5: test accuracy 0.313, 0.320, 0.320, 0.234,
// 0.430. The bound below (0.2) sits under the lowest of them.
const LEARNING_RUN = {
  model: 'alexnet-mini',
  epochs: 1,
  batch: 16,
  train: 512,
  test: 128,
  lr: 0.001,
  seed: 1,
};

test('loads the data, trains alexnet-mini on WebGPU with a pause, and draws the curves', async ({
  app,
}, testInfo) => {
  await app.goto(LEARNING_RUN);

  await test.step('the manifest counts and the WebGPU backend appear', async () => {
    await expect(app.dataset).toContainText('60,000');
    await expect(app.dataset).toContainText('10,000');
    await app.waitUntilReady();
  });

  await test.step('train, pausing and resuming on the way', async () => {
    await app.train();
    await app.pauseButton.click();
    await expect(app.resumeButton).toBeEnabled();
    await expect(app.trainingPanel).toContainText('Paused.');
    await expect(app.trainButton).toBeDisabled();
    await app.resumeButton.click();
    await expect(app.pauseButton).toBeVisible();
    await app.waitForEpochs(1, 8 * 60_000);
    await app.waitForFinished(60_000);
    await expect(app.trainButton).toBeEnabled();
  });

  await test.step('the curves are drawn, the numbers are in words, and the model beats chance', async () => {
    await expect(app.accuracyChart).toContainText('reference (PyTorch)');
    // One epoch: a dot per accuracy series (train, test, reference); the running loss is a line.
    // Recharts draws these as SVG shapes with no role or name: its class names are the only handle.
    await expect(app.accuracyChart.locator('.recharts-line-dots circle')).toHaveCount(3);
    await expect(app.lossChart.locator('path.recharts-line-curve').first()).toBeVisible();
    await expect(app.accuracyChart).toContainText(/Accuracy by epoch, epoch 1: train 0\.\d{3}/);
    const accuracies = await app.testAccuracies();
    expect(accuracies).toHaveLength(1);
    // Chance is 0.1 and always answering the commonest class of these 128 images scores ~0.15.
    expect(accuracies[0]).toBeGreaterThan(0.2);
  });

  await test.step('the page at desktop and phone widths, as artifacts', async () => {
    await app.screenshot('trained-1280', 1280, testInfo);
    await app.screenshot('trained-390', 390, testInfo);
    await app.expectNoSidewaysOverflow();
  });
});
