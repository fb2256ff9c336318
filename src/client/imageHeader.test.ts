import { describe, expect, it } from 'vitest';
import { crc32, readImageHeader } from './imageHeader';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );
const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const be16 = (v: number) => [(v >>> 8) & 255, v & 255];
const le16 = (v: number) => [v & 255, (v >>> 8) & 255];
const le24 = (v: number) => [v & 255, (v >>> 8) & 255, (v >>> 16) & 255];

describe('readImageHeader', () => {
  it('reads a PNG size from IHDR, even one too large to decode, checking its checksum', () => {
    const ihdr = bytes('IHDR', be32(20000), be32(15000), [8, 6, 0, 0, 0]);
    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    const png = bytes(signature, be32(13), [...ihdr], be32(crc32(ihdr)));
    expect(readImageHeader(png)).toEqual({ format: 'png', size: { width: 20000, height: 15000 } });
    const corrupt = bytes(signature, be32(13), [...ihdr], be32(crc32(ihdr) ^ 1));
    expect(readImageHeader(corrupt)?.damaged).toBe("fails its PNG header's checksum");
    const cut = png.subarray(0, 30);
    expect(readImageHeader(cut)?.damaged).toBe('ends inside its PNG header');
  });

  it("matches PNG's CRC-32 check value", () => {
    expect(crc32(bytes('123456789'))).toBe(0xcbf43926);
  });

  it('reads a GIF size, unless the file is too short to be a GIF', () => {
    const head = bytes('GIF89a', le16(320), le16(200));
    expect(readImageHeader(head, 5000)).toEqual({
      format: 'gif',
      size: { width: 320, height: 200 },
    });
    expect(readImageHeader(head, 14)?.damaged).toBe('is only 14 bytes long, too short for a GIF');
  });

  it('reads a JPEG size from the frame header, skipping earlier segments and fill bytes', () => {
    const app0 = [0xff, 0xe0, ...be16(16), ...new Array<number>(14).fill(0)];
    const sof2 = [0xff, 0xff, 0xc2, ...be16(17), 8, ...be16(480), ...be16(640), 3];
    const jpeg = bytes([0xff, 0xd8], app0, [0xff, 0xc4, ...be16(4), 0, 0], sof2);
    expect(readImageHeader(jpeg)).toEqual({ format: 'jpeg', size: { width: 640, height: 480 } });
  });

  it('knows a JPEG without a frame header in the bytes read, but not its size', () => {
    const jpeg = bytes([0xff, 0xd8, 0xff, 0xe1, ...be16(60000)]);
    expect(readImageHeader(jpeg)).toEqual({ format: 'jpeg' });
  });

  it('reads the three WebP variants', () => {
    const riff = (chunk: string, body: number[]) =>
      bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], body);
    const lossy = riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(300), ...le16(150)]);
    expect(readImageHeader(lossy)?.size).toEqual({ width: 300, height: 150 });
    const w = 1000;
    const h = 2000;
    const bits = (w - 1) | ((h - 1) << 14);
    const lossless = riff('VP8L', [
      0x2f,
      bits & 255,
      (bits >>> 8) & 255,
      (bits >>> 16) & 255,
      (bits >>> 24) & 255,
    ]);
    expect(readImageHeader(lossless)?.size).toEqual({ width: 1000, height: 2000 });
    const extended = riff('VP8X', [0, 0, 0, 0, ...le24(19999), ...le24(9)]);
    expect(readImageHeader(extended)?.size).toEqual({ width: 20000, height: 10 });
  });

  it('returns null for text, empty input and other formats', () => {
    expect(readImageHeader(bytes('hello, this is not an image'))).toBeNull();
    expect(readImageHeader(new Uint8Array(0))).toBeNull();
    expect(readImageHeader(bytes('BM', [0, 0, 0, 0]))).toBeNull(); // BMP is not accepted
    expect(readImageHeader(bytes('%PDF-1.7'))).toBeNull();
  });
});
