import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api/errors.ts';
import { fullUnitInWords, quotaRefusal } from '../../web/src/desktop/components/quota.ts';

const refused = (details: unknown) =>
  new ApiError(409, 'QUOTA_EXCEEDED', '东风社区编制已满', details, 'req-1');

describe('the console’s QUOTA_EXCEEDED words, from the error’s details alone', () => {
  const full = {
    org: 'qth/xinxing/hongqi/c2',
    name: '东风社区',
    quota: 0,
    used: 0,
    available: 0,
    requested: 1,
  };

  it('names the full unit with its figures as the API read them, with the id in brackets when asked', () => {
    expect(quotaRefusal(refused(full))).toBe('超出核定编制数：东风社区核定编制 0 人，已用 0 人，空余 0 人');
    expect(fullUnitInWords(refused({ ...full, quota: 20, used: 20, available: 0 }), { withId: true })).toBe(
      '东风社区（qth/xinxing/hongqi/c2）核定编制 20 人，已用 20 人，空余 0 人',
    );
  });

  it('says the quota alone when the figures were left out (read before a concurrent hire)', () => {
    const { used: _u, available: _a, ...quotaOnly } = full;
    expect(quotaRefusal(refused({ ...quotaOnly, quota: 5 }))).toBe('超出核定编制数：东风社区核定编制 5 人');
  });

  it('falls back to the org id without a name, and to 超出核定编制数 without a unit', () => {
    expect(quotaRefusal(refused({ org: 'qth/xinxing/hongqi/c2' }))).toBe(
      '超出核定编制数：qth/xinxing/hongqi/c2',
    );
    expect(
      fullUnitInWords(refused({ org: 'qth/x/c2', quota: 3, used: 3, available: 0 }), { withId: true }),
    ).toBe('qth/x/c2 核定编制 3 人，已用 3 人，空余 0 人');
    for (const details of [null, undefined, {}, 'full', []]) {
      expect(quotaRefusal(refused(details))).toBe('超出核定编制数');
      expect(fullUnitInWords(refused(details))).toBe('');
    }
  });

  it('lists each unit of a batch', () => {
    expect(
      fullUnitInWords(
        refused([
          { ...full, name: '东风社区' },
          { org: 'qth/xinxing', name: '新兴区', quota: 100, used: 99, available: 1, requested: 3 },
        ]),
      ),
    ).toBe('东风社区核定编制 0 人，已用 0 人，空余 0 人；新兴区核定编制 100 人，已用 99 人，空余 1 人');
  });

  it('is null for any other error', () => {
    expect(quotaRefusal(new ApiError(409, 'HONOUR_QUOTA_EXCEEDED', 'x', full, null))).toBeNull();
    expect(fullUnitInWords(new Error('QUOTA_EXCEEDED'))).toBeNull();
    expect(quotaRefusal(undefined)).toBeNull();
  });
});
