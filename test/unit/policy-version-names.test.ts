import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyVersionOf } from '#shared/db/entities/policy.ts';
import { chineseDate } from '#shared/domain/chinese-dates.ts';
import { policyVersionName } from '#shared/domain/vocabulary.ts';

describe('policyVersionName: a policy version as people name it, never its id', () => {
  it('names the rule book, a city version by the day it takes effect, and its revisions', () => {
    expect(policyVersionName('pay/default')).toBe('默认标准（规则手册）');
    expect(policyVersionName('pay/2027-01-01/r1')).toBe('2027年1月1日起执行');
    expect(policyVersionName('evaluation/2026-07-01/r3')).toBe('2026年7月1日起执行（第 2 次修订）');
    // Something it cannot read shows itself rather than a wrong name.
    expect(policyVersionName('v1')).toBe('v1');
  });

  it('names every id policyVersionOf makes, in Chinese, with no trace of the id', () => {
    const day = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.constantFrom('pay', 'quota', 'training', 'evaluation', 'recruitment', 'promotion'),
        day,
        fc.integer({ min: 1, max: 99 }),
        (kind, effectiveFrom, revision) => {
          const name = policyVersionName(policyVersionOf(kind, effectiveFrom, revision));
          expect(name.startsWith(`${chineseDate(effectiveFrom)}起执行`)).toBe(true);
          expect(name.includes('修订')).toBe(revision > 1);
          expect(name).not.toMatch(/[a-z/]/);
        },
      ),
    );
  });
});
