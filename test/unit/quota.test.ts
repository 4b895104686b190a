import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.ts';
import { ancestorsOf, depthOf, isWithinSubtree, parentOf } from '#shared/domain/org-paths.ts';
import { defaultQuotaPolicy, quotaFor, quotaPolicySchema } from '#shared/domain/quota.ts';

describe('quotaFor', () => {
  it('is floor(population × 18 / 10,000)', () => {
    expect(quotaFor({ urbanPopulation: 10_000 }, defaultQuotaPolicy)).toBe(18);
    expect(quotaFor({ urbanPopulation: 555 }, defaultQuotaPolicy)).toBe(0);
    expect(quotaFor({ urbanPopulation: 556 }, defaultQuotaPolicy)).toBe(1); // 556 × 18 = 10,008
    expect(quotaFor({ urbanPopulation: 545_600 }, defaultQuotaPolicy)).toBe(982);
  });

  it('is 0 for no population', () => {
    expect(quotaFor({ urbanPopulation: 0 }, defaultQuotaPolicy)).toBe(0);
  });

  it('uses an approved quota instead of the formula, even 0', () => {
    expect(quotaFor({ urbanPopulation: 10_000_000, approvedQuota: 982 }, defaultQuotaPolicy)).toBe(982);
    expect(quotaFor({ urbanPopulation: 10_000, approvedQuota: 0 }, defaultQuotaPolicy)).toBe(0);
    expect(quotaFor({ urbanPopulation: 10_000, approvedQuota: null }, defaultQuotaPolicy)).toBe(18);
  });

  it('follows the policy ratio', () => {
    expect(quotaFor({ urbanPopulation: 10_000 }, { ...defaultQuotaPolicy, workersPer10kResidents: 20 })).toBe(
      20,
    );
  });

  it('rejects negative or fractional inputs', () => {
    expect(() => quotaFor({ urbanPopulation: -1 }, defaultQuotaPolicy)).toThrow(AppError);
    expect(() => quotaFor({ urbanPopulation: 1.5 }, defaultQuotaPolicy)).toThrow(AppError);
    expect(() => quotaFor({ urbanPopulation: 1, approvedQuota: 2.5 }, defaultQuotaPolicy)).toThrow(AppError);
  });

  it('validates the policy', () => {
    expect(quotaPolicySchema.safeParse(defaultQuotaPolicy).success).toBe(true);
    expect(quotaPolicySchema.safeParse({ workersPer10kResidents: 0 }).success).toBe(false);
  });
});

describe('org paths', () => {
  it('lists self and ancestors, root first', () => {
    expect(ancestorsOf('qth/xinxing/hongqi')).toEqual(['qth', 'qth/xinxing', 'qth/xinxing/hongqi']);
    expect(ancestorsOf('qth')).toEqual(['qth']);
  });

  it('finds the parent and depth', () => {
    expect(parentOf('qth/xinxing/hongqi')).toBe('qth/xinxing');
    expect(parentOf('qth')).toBeUndefined();
    expect(depthOf('qth/xinxing/hongqi/grid-01')).toBe(4);
  });

  it('rejects malformed paths', () => {
    expect(() => ancestorsOf('qth//x')).toThrow(AppError);
    expect(() => parentOf('qth/')).toThrow(AppError);
  });

  it('tests subtree membership by whole segments', () => {
    expect(isWithinSubtree('qth/xinxing/hongqi', 'qth')).toBe(true);
    expect(isWithinSubtree('qth/xinxing', 'qth/xinxing')).toBe(true);
    expect(isWithinSubtree('qth', 'qth/xinxing')).toBe(false);
    // The prefix trap: a string prefix is not a path prefix.
    expect(isWithinSubtree('qth/x', 'qth/xi')).toBe(false);
    expect(isWithinSubtree('qth/xi', 'qth/x')).toBe(false);
    expect(isWithinSubtree('qthx', 'qth')).toBe(false);
  });
});
