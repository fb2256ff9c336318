import { describe, expect, it } from 'vitest';
import { idxImages, idxLabels, syntheticLabels, syntheticPixel } from '../tools/syntheticIdx';
import { DataError } from './manifest';
import { parseIdxImages, parseIdxLabels, parseIdxPair } from './idx';

describe('parseIdxImages', () => {
  it('reads the count and the pixels after the 16-byte header', () => {
    const parsed = parseIdxImages(idxImages(3), 'imgs');
    expect(parsed.count).toBe(3);
    expect(parsed.pixels.length).toBe(3 * 784);
    expect(parsed.pixels[784 + 5]).toBe(syntheticPixel(1, 5));
    expect(parsed.pixels[2 * 784 + 783]).toBe(syntheticPixel(2, 783));
  });

  it('rejects a labels file, naming the file and both magic numbers', () => {
    expect(() => parseIdxImages(idxLabels([1, 2]), 'x/train-images')).toThrow(
      /x\/train-images: wrong IDX magic number 0x00000801 \(that of a labels file\), expected 0x00000803/,
    );
  });

  it('rejects images that are not 28x28', () => {
    expect(() => parseIdxImages(idxImages(2, { rows: 32, cols: 32 }), 'big')).toThrow(
      'big: images are 32x32, expected 28x28',
    );
  });

  it('rejects a file shorter than its header announces', () => {
    const bytes = idxImages(4).subarray(0, 16 + 3 * 784 + 10);
    expect(() => parseIdxImages(bytes, 'short')).toThrow(
      /short: truncated: the header announces 4 images \(3152 bytes\) but the file has 2378/,
    );
  });

  it('rejects trailing bytes after the announced images', () => {
    const bytes = Buffer.concat([idxImages(2), Buffer.alloc(5)]);
    expect(() => parseIdxImages(bytes, 'long')).toThrow(
      'long: 5 unexpected bytes after the 2 images',
    );
  });

  it('rejects a file too short for its header, and an empty one', () => {
    expect(() => parseIdxImages(idxImages(1).subarray(0, 10), 'tiny')).toThrow(/tiny: too short/);
    expect(() => parseIdxImages(idxImages(0), 'none')).toThrow('none: holds no images');
  });

  it('throws DataError', () => {
    expect(() => parseIdxImages(new Uint8Array(3), 'f')).toThrow(DataError);
  });
});

describe('parseIdxLabels', () => {
  it('reads labels after the 8-byte header', () => {
    const parsed = parseIdxLabels(idxLabels([3, 0, 9]), 'labels');
    expect(parsed.count).toBe(3);
    expect([...parsed.labels]).toEqual([3, 0, 9]);
  });

  it('rejects an images file by its magic number', () => {
    expect(() => parseIdxLabels(idxImages(1), 'lab')).toThrow(
      /lab: wrong IDX magic number 0x00000803/,
    );
  });

  it('rejects labels outside 0-9, saying which one', () => {
    expect(() => parseIdxLabels(idxLabels([1, 2, 10]), 'lab')).toThrow(
      'lab: label #2 is 10, not a class index 0-9',
    );
  });

  it('rejects a truncated labels file', () => {
    const bytes = idxLabels([1, 2, 3, 4]).subarray(0, 10);
    expect(() => parseIdxLabels(bytes, 'lab')).toThrow(/lab: truncated/);
  });
});

describe('parseIdxPair', () => {
  it('returns matching pixels and labels', () => {
    const pair = parseIdxPair(
      { bytes: idxImages(5), file: 'i' },
      { bytes: idxLabels(syntheticLabels(5)), file: 'l' },
    );
    expect(pair.count).toBe(5);
    expect([...pair.labels]).toEqual(syntheticLabels(5));
  });

  it('rejects images and labels of different counts, naming both files', () => {
    expect(() =>
      parseIdxPair(
        { bytes: idxImages(5), file: 'imgs.gz' },
        { bytes: idxLabels([1, 2, 3]), file: 'labs.gz' },
      ),
    ).toThrow('imgs.gz holds 5 images but labs.gz holds 3 labels');
  });
});
