// Models leave and come back as files: a trained model is saved, loads back into a fresh page
// (before the data has loaded) and answers as before; lone or bad files are refused. The model's
// ONNX export, run in ONNX Runtime here in the test process, gives the page's probabilities.

import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { toModelInput28 } from '../src/client/preprocess';
import { expect, test } from './fixtures';
import { TINY_RUN } from './pages/AppPage';
import { trousersOnWhite, trousersOnWhiteRgba } from './support/png';

test('a saved model loads into a fresh page and gives the same probabilities', async ({
  app,
  persistence,
  page,
}, testInfo) => {
  const picture = trousersOnWhite();
  await app.goto(TINY_RUN);
  await app.waitUntilReady();

  const files = await test.step('train, classify a picture, and save the model', async () => {
    await app.train();
    await app.waitForFinished(4 * 60_000);
    await app.upload('trousers.png', 'image/png', picture);
    await expect(app.topClass).toContainText('for the picture trousers.png');
    return {
      before: await persistence.probabilities(),
      paths: await persistence.saveModel(testInfo.outputDir),
    };
  });

  await test.step("Export ONNX: ONNX Runtime here gives the page's probabilities", async () => {
    const path = await persistence.exportOnnx(testInfo.outputDir);
    expect(path.endsWith('alexnet-mini.onnx')).toBe(true);
    // The page's input for the picture: the same pure preprocessing on the same pixels.
    const input = toModelInput28({
      width: 120,
      height: 160,
      channels: 4,
      data: trousersOnWhiteRgba(),
    });
    const session = await ort.InferenceSession.create(readFileSync(path));
    const out = await session.run({
      image: new ort.Tensor('float32', input!.pixels, [1, 1, 28, 28]),
    });
    await session.release();
    const fromFile = [...(out.probabilities!.data as Float32Array)];
    await testInfo.attach('onnx-probabilities', {
      body: JSON.stringify({ page: files.before, onnx: fromFile }),
      contentType: 'application/json',
    });
    // The bound; WebGPU (SwiftShader) against ONNX Runtime's CPU kernels.
    fromFile.forEach((p, i) => expect(Math.abs(p - files.before[i]!)).toBeLessThanOrEqual(1e-4));
    await app.screenshot('model-files-onnx-1280', 1280, testInfo);
  });

  await test.step('after a reload, Load model takes both files before the data has loaded', async () => {
    await page.reload();
    await expect(app.backendStatus).toContainText(/Running on WebGPU/, { timeout: 60_000 });
    await persistence.open();
    await persistence.loadModelInput.setInputFiles(files.paths);
    await expect(persistence.modelFiles).toContainText(
      'The current model (alexnet-mini) came from model.json',
    );
    await app.waitUntilReady();
  });

  await test.step('a weights file alone and a bad model.json are refused', async () => {
    const weights = files.paths.find((p) => p.endsWith('.bin'))!;
    await persistence.open();
    await persistence.loadModelInput.setInputFiles([weights]);
    await expect(persistence.modelFiles.getByRole('alert')).toContainText(
      'model.weights.bin alone cannot be loaded',
    );
    await persistence.loadModelInput.setInputFiles([
      { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"nope": 1}') },
      {
        name: 'model.weights.bin',
        mimeType: 'application/octet-stream',
        buffer: readFileSync(weights),
      },
    ]);
    await expect(persistence.modelFiles.getByRole('alert')).toContainText(
      'is not a TensorFlow.js layers model',
    );
  });

  await test.step('the loaded model stayed the current one and classifies as before', async () => {
    await app.upload('trousers.png', 'image/png', picture);
    await expect(app.topClass).toContainText('for the picture trousers.png');
    const after = await persistence.probabilities();
    await testInfo.attach('probabilities', {
      body: JSON.stringify({ before: files.before, after }),
      contentType: 'application/json',
    });
    expect(after).toHaveLength(10);
    after.forEach((p, i) => expect(Math.abs(p - files.before[i]!)).toBeLessThan(1e-5));
  });
});
