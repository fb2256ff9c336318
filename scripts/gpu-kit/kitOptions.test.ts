import { describe, expect, it } from 'vitest';
import { KitOptionError, parseKitOptions } from './kitOptions';
import { STAGE_NAMES } from './stages';

const base = ['--budget', '470', '--out', '/o', '--work', '/w'];

describe('parseKitOptions', () => {
  it("reads run.sh's arguments, all stages by default", () => {
    expect(
      parseKitOptions([...base, '--icd', '/i.json', '--icd-tried', '/a:/b', '--smoke']),
    ).toEqual({
      budgetSeconds: 470,
      out: '/o',
      work: '/w',
      smoke: true,
      allowSoftware: false,
      stages: [...STAGE_NAMES],
      icd: '/i.json',
      icdTried: ['/a', '/b'],
    });
  });

  it('keeps a chosen order but always checks the adapter first', () => {
    const { stages } = parseKitOptions([...base, '--stages', 'reference,step-own,adapter']);
    expect(stages).toEqual(['adapter', 'reference', 'step-own']);
  });

  it('runs just the recipe stages for a second call', () => {
    const { stages } = parseKitOptions([
      ...base,
      '--stages',
      'mini-preset,mini-reference,alexnet-preset',
    ]);
    expect(stages).toEqual(['adapter', 'mini-preset', 'mini-reference', 'alexnet-preset']);
  });

  it.each([
    [
      ['--budget', '0', '--out', '/o', '--work', '/w'],
      '--budget must be a number of seconds above 0',
    ],
    [['--budget', '9'], '--out DIR and --work DIR are required.'],
    [[...base, '--stages', 'adapter,warp'], 'Unknown stage "warp"'],
    [[...base, '--fast'], "Unknown option '--fast'"],
  ])('rejects %j', (argv, message) => {
    expect(() => parseKitOptions(argv)).toThrow(KitOptionError);
    expect(() => parseKitOptions(argv)).toThrow(message);
  });
});
