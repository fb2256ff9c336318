import { describe, expect, it } from 'vitest';
import { KIT_LIMIT_BYTES, formatSizes } from './sizes';

describe('formatSizes', () => {
  it('lists the parts largest first with the total against the 60 MiB limit', () => {
    expect(KIT_LIMIT_BYTES).toBe(62_914_560);
    expect(
      formatSizes([
        { name: 'run.sh', bytes: 4096 },
        { name: 'runtime.tar.xz', bytes: 29 * 2 ** 20 },
      ]),
    ).toBe(
      [
        '  runtime.tar.xz   29.00 MiB',
        '  run.sh            0.00 MiB',
        '  total            29.00 MiB  (limit 60.00 MiB)',
      ].join('\n'),
    );
  });
});
