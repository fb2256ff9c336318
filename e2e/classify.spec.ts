import { expect, test } from './fixtures';
import { TINY_RUN } from './pages/AppPage';
import { pngHeaderOnly, trousersOnWhite } from './support/png';

const TOP_CLASS =
  /^Top class: (T-shirt\/top|Trouser|Pullover|Dress|Coat|Sandal|Shirt|Sneaker|Bag|Ankle boot) \(/;

/** A rough "T" for a T-shirt: across the shoulders, then down the body. */
const T_SHAPE: [number, number][] = [
  [0.2, 0.25],
  [0.8, 0.25],
  [0.5, 0.25],
  [0.5, 0.8],
];

test('classifies drawings, uploads and test images, and says which model answered', async ({
  app,
}) => {
  await app.goto(TINY_RUN);
  await app.waitUntilReady();

  await test.step('bad input before training gets clear messages', async () => {
    await app.open('Classify');
    await app.classifyDrawingButton.click();
    await expect(app.prediction).toContainText('Draw something first');
    await app.draw(T_SHAPE);
    await expect(app.prediction).toContainText('No trained model yet');
    await expect(app.prediction.getByRole('img', { name: /28x28 input/ })).toBeVisible();
    await app.upload('notes.txt', 'text/plain', Buffer.from('definitely not a picture'));
    await expect(app.prediction).toContainText('"notes.txt" is not a PNG, JPEG, WebP or GIF');
    await app.upload('broken.png', 'image/png', trousersOnWhite().subarray(0, 60));
    await expect(app.prediction).toContainText('That file is not an image we can read');
    // 14 bytes behind a GIF signature: not a 900-megapixel picture, just garbage.
    await app.upload('garbage.gif', 'image/gif', Buffer.from('GIF89aiypp\0\0\0\0'));
    await expect(app.prediction).toContainText('too short for a GIF; it cannot be decoded');
    await app.upload('huge.png', 'image/png', pngHeaderOnly(20000, 20000));
    await expect(app.prediction).toContainText('too large: 20000 x 20000 pixels');
  });

  await test.step('a tiny model is trained', async () => {
    await app.train();
    await app.waitForFinished(4 * 60_000);
  });

  await test.step('a drawing, an uploaded PNG and random test images get predictions', async () => {
    await app.open('Classify');
    await app.clearButton.click();
    await app.draw(T_SHAPE);
    await expect(app.topClass).toHaveText(TOP_CLASS);
    await expect(app.topClass).toContainText('for your drawing');
    await expect(app.prediction).toContainText('Made with the weights after 1 epoch of training.');
    await app.upload('trousers.png', 'image/png', trousersOnWhite());
    await expect(app.topClass).toContainText('for the picture trousers.png');
    await app.page.getByRole('button', { name: 'Classify test images' }).click();
    await expect(
      app.page.getByRole('list', { name: 'Classified test images' }).getByRole('listitem'),
    ).toHaveCount(8);
  });

  await test.step('a new run marks the old prediction as coming from the previous model', async () => {
    await app.train();
    await app.open('Classify');
    await expect(app.prediction).toContainText('From the previous model');
    await expect(app.prediction).not.toContainText('Made with the weights');
    await app.open('Training');
    await app.stopButton.click();
    await expect(app.trainingPanel).toContainText(/Stopped\.|Finished\./, { timeout: 4 * 60_000 });
  });
});
