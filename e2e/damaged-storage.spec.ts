// A damaged browser profile never blanks the page: run-history records that cannot be shown are
// named and can be removed, and the app stays usable around them.

import { expect, test } from './fixtures';

const RECORD = {
  id: 'run-good',
  name: 'kept run',
  config: {
    model: 'alexnet-mini',
    epochs: 2,
    batchSize: 16,
    learningRate: 0.001,
    trainImages: 32,
    testImages: 16,
    seed: 1,
    augment: false,
  },
  backend: { name: 'webgpu', adapter: null, isSoftware: true, kernels: 'own' },
  epochs: [],
  startedAt: Date.UTC(2026, 0, 2),
  updatedAt: Date.UTC(2026, 0, 2),
  durationSeconds: 0,
  status: 'stopped',
};
const EPOCH = {
  epoch: 1,
  trainLoss: 1,
  trainAccuracy: 0.5,
  testLoss: 1,
  testAccuracy: 0.5,
  trainSeconds: 1,
  evalSeconds: 1,
  imagesPerSec: 1,
};

test('damaged run-history records are named and removable, and the app stays usable', async ({
  app,
  persistence,
  page,
}, testInfo) => {
  await app.goto();
  await persistence.open();
  await expect(persistence.history).toContainText('Each run you train is listed here');
  await persistence.seedRunRecords([
    RECORD,
    { ...RECORD, id: 'run-far', name: 'far future', startedAt: 9e15 },
    { ...RECORD, id: 'run-nan', name: 'no date', startedAt: Number.NaN },
    {
      ...RECORD,
      id: 'run-text',
      name: 'text accuracy',
      epochs: [{ ...EPOCH, testAccuracy: '0.8' }],
    },
  ]);

  // The address keeps the open tab (#storage): the reload shows the run history again.
  await page.reload();
  await expect(persistence.storedRuns).toHaveCount(1);
  await expect(persistence.storedRuns.first()).toContainText('kept run');
  await expect(persistence.damagedRuns).toContainText('3 stored runs are damaged');
  await expect(persistence.damagedRuns).toContainText('far future: its start time is not a date.');
  await expect(persistence.damagedRuns).toContainText('no date: its start time is not a date.');
  await expect(persistence.damagedRuns).toContainText(
    "text accuracy: epoch 1's testAccuracy is not a number.",
  );

  await app.screenshot('damaged-runs-1280', 1280, testInfo);
  await persistence.damagedRuns.getByRole('button', { name: 'Remove them' }).click();
  await expect(persistence.damagedRuns).toBeHidden();
  await page.reload();
  await expect(persistence.storedRuns).toHaveCount(1);
  await expect(persistence.damagedRuns).toBeHidden();
});

test('a run whose last checkpoint write was cut short says so, and what a resume gets', async ({
  app,
  persistence,
  page,
}) => {
  await app.goto();
  await persistence.open();
  await expect(persistence.history).toContainText('Each run you train is listed here');
  // As a reload during epoch 2's checkpoint write leaves it: the record has the epoch, no checkpoint does.
  await persistence.seedRunRecords([
    {
      ...RECORD,
      config: { ...RECORD.config, epochs: 3 },
      epochs: [EPOCH, { ...EPOCH, epoch: 2 }],
      status: 'running',
    },
  ]);
  await page.reload();
  await expect(persistence.storedRuns.first()).toContainText(
    "interrupted, 2 of 3 epochs; epoch 2's checkpoint did not complete: nothing to resume",
  );
  await expect(persistence.resumeBanner).toBeHidden();
});
