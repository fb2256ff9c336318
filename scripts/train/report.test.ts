import { describe, expect, it } from 'vitest';
import { reportJson, type TrainReportData } from './report';

describe('reportJson', () => {
  it("writes an epoch's confusion matrix, precision and recall as arrays, NaN as null", () => {
    const content = {
      tool: 'npm run train',
      epochs: [
        {
          epoch: 1,
          classes: {
            confusion: Int32Array.from([3, 1, 0, 2]),
            precision: Float32Array.from([0.75, NaN]),
            recall: Float32Array.from([0.75, 0]),
          },
        },
      ],
    } as unknown as TrainReportData;
    const parsed = JSON.parse(reportJson(content)) as {
      epochs: { classes: Record<string, unknown> }[];
    };
    expect(parsed.epochs[0]?.classes).toEqual({
      confusion: [3, 1, 0, 2],
      precision: [0.75, null],
      recall: [0.75, 0],
    });
  });
});
