import { describe, expect, it } from 'vitest';
import { decodeImageFile, ImageFileError } from './imageFile';

const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const pngHeader = (width: number, height: number) =>
  new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...be32(13),
    0x49,
    0x48,
    0x44,
    0x52,
    ...be32(width),
    ...be32(height),
    8,
    6,
    0,
    0,
    0,
  ]);
const named = (parts: BlobPart[], name: string) => Object.assign(new Blob(parts), { name });

// These cases are refused from the header alone, before the browser-only decoding step.
describe('decodeImageFile refusals', () => {
  it('names a text file as not an image we can read', async () => {
    const file = named(['just some notes'], 'notes.txt');
    await expect(decodeImageFile(file)).rejects.toThrow(
      new ImageFileError(
        'That file is not an image we can read ("notes.txt" is not a PNG, JPEG, WebP or GIF).',
      ),
    );
  });

  it('refuses an empty file', async () => {
    await expect(decodeImageFile(named([], 'empty.png'))).rejects.toThrow(/"empty.png" is empty/);
  });

  it('refuses a 20000 x 20000 image before decoding it', async () => {
    const file = named([pngHeader(20000, 20000)], 'huge.png');
    await expect(decodeImageFile(file)).rejects.toThrow(
      /too large: 20000 x 20000 pixels is 400 megapixels; the limit is 50/,
    );
  });

  it('refuses a header that claims zero pixels', async () => {
    await expect(decodeImageFile(named([pngHeader(0, 10)], 'zero.png'))).rejects.toThrow(
      /header says it is 0 x 10 pixels/,
    );
  });
});
