import { describe, expect, it } from 'vitest';
import { originText } from './dataOrigin';

describe('where the data came from', () => {
  it('names the network and the bytes moved', () => {
    expect(originText({ from: 'network', seconds: 4.26, downloadedBytes: 27_500_000 })).toBe(
      'From the network in 4.3 s, 27.5 MB downloaded.',
    );
  });

  it("names this browser's copy, with nothing downloaded", () => {
    expect(originText({ from: 'browser', seconds: 0.8, downloadedBytes: 0 })).toBe(
      "From this browser's copy in 0.8 s.",
    );
  });
});
