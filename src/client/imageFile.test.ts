import { describe, expect, it } from 'vitest';
import { decodeImageFile, ImageFileError } from './imageFile';
import { crc32 } from './imageHeader';

const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
/** A PNG signature and IHDR chunk (with its checksum) claiming `width` x `height`, and no pixels. */
const pngHeader = (width: number, height: number) => {
  const ihdr = [0x49, 0x48, 0x44, 0x52, ...be32(width), ...be32(height), 8, 6, 0, 0, 0];
  const crc = crc32(new Uint8Array(ihdr));
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...be32(13),
    ...ihdr,
    ...be32(crc),
  ]);
};
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

  it('says garbage behind a GIF signature cannot be decoded, instead of calling it huge', async () => {
    // 14 bytes whose "logical screen" reads as 31,081 x 28,784 pixels (895 megapixels).
    const file = named(['GIF89aiypp', new Uint8Array([0, 0, 0, 0])], 'garbage.gif');
    await expect(decodeImageFile(file)).rejects.toThrow(
      new ImageFileError(
        'That file is not an image we can read ("garbage.gif" is only 14 bytes long, too short ' +
          'for a GIF; it cannot be decoded).',
      ),
    );
  });

  it('says a PNG whose header fails its checksum cannot be decoded', async () => {
    const header = pngHeader(20000, 20000);
    const last = header.length - 1;
    header[last] = (header[last] ?? 0) ^ 0xff; // flip the checksum's last byte
    await expect(decodeImageFile(named([header], 'bad.png'))).rejects.toThrow(
      /"bad.png" fails its PNG header's checksum; it cannot be decoded/,
    );
  });

  it("reads a JPEG's size behind 320 kB of metadata segments, and refuses one without a size", async () => {
    const segment = new Uint8Array(65535 + 2).fill(0x20);
    segment.set([0xff, 0xe1, 0xff, 0xff]); // APP1, 65535 bytes including its length
    const frame = [
      0xff,
      0xc0,
      0,
      17,
      8,
      ...[20000 >> 8, 20000 & 255],
      ...[20000 >> 8, 20000 & 255],
    ];
    const deep = named(
      [
        new Uint8Array([0xff, 0xd8]),
        ...Array.from({ length: 5 }, () => segment),
        new Uint8Array(frame),
      ],
      'deep.jpg',
    );
    expect(deep.size).toBeGreaterThan(320 * 1024);
    await expect(decodeImageFile(deep)).rejects.toThrow(/too large: 20000 x 20000 pixels/);
    const sizeless = named(
      [new Uint8Array([0xff, 0xd8]), ...Array.from({ length: 5 }, () => segment)],
      'sizeless.jpg',
    );
    await expect(decodeImageFile(sizeless)).rejects.toThrow(
      'the size of "sizeless.jpg" is not in its JPEG header, so it is not decoded',
    );
  });

  it('refuses a header that claims zero pixels', async () => {
    await expect(decodeImageFile(named([pngHeader(0, 10)], 'zero.png'))).rejects.toThrow(
      /header says it is 0 x 10 pixels/,
    );
  });
});
