// Settings from the address: bad ones are named and dropped, good ones fill the form, and the same
// rules as the worker's refuse a config too big for this GPU before Train is pressed.

import { expect, test } from './fixtures';

test('names each bad parameter, parsing numbers strictly, and keeps the good ones', async ({
  app,
}) => {
  await app.goto({ model: 'vgg', epochs: 0, batch: '0x2', train: '2.0', lr: 'abc', seed: 7 });
  const notes = app.urlNotes.getByRole('listitem');
  await expect(notes).toHaveText([
    'model "vgg" ignored: use alexnet or alexnet-mini.',
    'Epochs must be between 1 and 100, got 0. Using 5.',
    'Batch size must be a whole number in plain digits, got "0x2". Using 128.',
    'Learning rate must be a number such as 0.001 or 1e-3, got "abc". Using 0.001.',
    'Training images must be a whole number in plain digits, got "2.0". Using 60000.',
  ]);
  await expect(app.page.getByLabel('Seed')).toHaveValue('7');
  await expect(app.page.getByLabel('Batch size')).toHaveValue('128');
  // The address is rewritten to the settings in use.
  await expect(app.page).toHaveURL(/\?seed=7$/);
});

test('takes a preset from the address, says so, marks a setting changed from it, and draws its rate', async ({
  app,
}) => {
  await app.goto({ model: 'alexnet-mini', preset: 'beat-the-reference', wd: 0.01 });
  const preset = app.page.getByRole('combobox', { name: 'Preset' });
  const inForce = app.page.getByRole('status', { name: 'Preset in force' });
  await expect(preset).toHaveValue('beat-the-reference');
  await expect(inForce).toHaveText('Beat the reference, changed: weight decay.');
  await expect(app.page.getByLabel('Weight decay')).toHaveValue('0.01');
  await expect(app.page.getByLabel('Dropout')).toHaveValue('0');
  await expect(app.page.getByRole('region', { name: 'Learning rate chart' })).toContainText(
    'one cycle, from 0.00012 up to 0.003 at epoch 1.5',
  );
  await app.page.screenshot({ path: 'test-results/recipe-form.png', fullPage: true });
  await preset.selectOption('reference');
  await expect(inForce).toHaveText('Reference (d2l) in force.');
  await expect(app.page.getByLabel('Weight decay')).toHaveValue('0');
  await expect(app.page).toHaveURL(/\?model=alexnet-mini$/);
});

test('runs the stock tfjs kernels when the address says kernels=stock', async ({ app }) => {
  await app.goto({ model: 'alexnet-mini', kernels: 'stock' });
  // The kernels are installed with the backend: no need to wait for the data.
  await expect(app.backendStatus).toContainText(/Running on WebGPU/, { timeout: 60_000 });
  await expect(app.backendStatus).toContainText('stock tfjs kernels');
  await expect(app.page).toHaveURL(/kernels=stock/);
});

test('refuses a batch too big for this GPU in the form, naming the largest that fits', async ({
  app,
}) => {
  // alexnet's conv1 output at batch 1000 is 1.12 GB; SwiftShader allows 1.07 GB per buffer.
  await app.goto({ model: 'alexnet', batch: 1000 });
  // The limits arrive with the backend; Train stays disabled, so not waitUntilReady().
  await expect(app.backendStatus).toContainText(/Running on WebGPU/, { timeout: 60_000 });
  await expect(app.dataset).toContainText('Loaded', { timeout: 120_000 });
  const batch = app.page.getByLabel('Batch size');
  await expect(batch).toHaveAttribute('aria-invalid', 'true');
  await expect(app.trainingPanel).toContainText(
    /alexnet at batch 1000 needs a 1120 MB buffer \(conv1\), but this GPU allows \d+ MB per buffer: use a batch of \d+ or less, or alexnet-mini\./,
  );
  await expect(app.trainButton).toBeDisabled();
  await batch.fill('64');
  await expect(batch).not.toHaveAttribute('aria-invalid', 'true');
  await expect(app.trainButton).toBeEnabled();
});
