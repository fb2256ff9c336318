import { describe, expect, it } from 'vitest';
import { DAWN_FEATURES_ENV, dawnFlags } from './dawnGpu';

describe('dawnFlags', () => {
  it("gives Dawn's enable-dawn-features flag for the listed features, trimmed", () => {
    expect(dawnFlags({ [DAWN_FEATURES_ENV]: ' disable_workgroup_init, other ' })).toEqual([
      'enable-dawn-features=disable_workgroup_init,other',
    ]);
  });

  it('gives no flag when the variable is unset or empty', () => {
    expect(dawnFlags({})).toEqual([]);
    expect(dawnFlags({ [DAWN_FEATURES_ENV]: ' , ' })).toEqual([]);
  });
});
