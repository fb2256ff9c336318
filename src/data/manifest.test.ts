import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_CLASSES } from '../protocol/classes';
import { DataError, totalShardBytes, validateManifest, type DatasetManifest } from './manifest';

const HASH = 'ab'.repeat(32);

function validManifest(): DatasetManifest {
  return {
    version: 1,
    dataset: 'fashion-mnist',
    imageSize: 28,
    classNames: [...FASHION_MNIST_CLASSES],
    train: {
      count: 15,
      shards: [
        { file: 'train-00.bin', count: 10, bytes: 7850, sha256: HASH },
        { file: 'train-01.bin', count: 5, bytes: 3925, sha256: HASH },
      ],
    },
    test: { count: 4, shards: [{ file: 'test-00.bin', count: 4, bytes: 3140, sha256: HASH }] },
  };
}

/** A valid manifest as parsed JSON, changed by `edit`. */
function edited(edit: (m: DatasetManifest) => void): unknown {
  const m = validManifest();
  edit(m);
  return JSON.parse(JSON.stringify(m));
}

describe('validateManifest', () => {
  it('accepts a well-formed manifest and returns the same content', () => {
    expect(validateManifest(JSON.parse(JSON.stringify(validManifest())))).toEqual(validManifest());
  });

  it('sums the bytes of all shards of both splits', () => {
    expect(totalShardBytes(validManifest())).toBe(7850 + 3925 + 3140);
  });

  it.each([
    ['not an object', [], /manifest\.json is invalid: it is not a JSON object/],
    ['another version', edited((m) => Object.assign(m, { version: 2 })), /format version is 2/],
    ['nine class names', edited((m) => m.classNames.pop()), /"classNames" must list 10 names/],
    [
      'bytes that are not count*785',
      edited((m) => Object.assign(m.train.shards[0] ?? {}, { bytes: 7849 })),
      /shard train-00\.bin: "bytes" is 7849 but 10 images take 7850/,
    ],
    [
      'shard counts that do not add up to the split count',
      edited((m) => (m.test.count = 5)),
      /the test shards hold 4 images in all but "test\.count" says 5/,
    ],
    [
      'a file name with a path in it',
      edited((m) => Object.assign(m.train.shards[1] ?? {}, { file: '../secret.bin' })),
      /train\.shards\[1\]\.file must be a plain file name/,
    ],
    [
      'a malformed SHA-256',
      edited((m) => Object.assign(m.test.shards[0] ?? {}, { sha256: 'XYZ' })),
      /shard test-00\.bin: "sha256" must be 64 lower-case hex digits/,
    ],
    [
      'a fractional count',
      edited((m) => Object.assign(m.test.shards[0] ?? {}, { count: 4.5, bytes: 3532.5 })),
      /shard test-00\.bin: "count" must be a positive whole number/,
    ],
    ['a missing split', edited((m) => Object.assign(m, { test: undefined })), /"test" is missing/],
    ['no shards', edited((m) => (m.train.shards = [])), /"train\.shards" must list the shards/],
    [
      'the same file twice',
      edited((m) => Object.assign(m.test.shards[0] ?? {}, { file: 'train-01.bin' })),
      /shard file train-01\.bin is listed twice/,
    ],
  ])('rejects %s', (_, json, message) => {
    expect(() => validateManifest(json, 'manifest.json')).toThrow(message);
  });

  it('names the source it was given and throws DataError', () => {
    expect(() => validateManifest(null, '/data/fashion-mnist/manifest.json')).toThrow(DataError);
    expect(() => validateManifest(null, '/data/fashion-mnist/manifest.json')).toThrow(
      /^The dataset manifest \/data\/fashion-mnist\/manifest\.json is invalid/,
    );
  });
});
