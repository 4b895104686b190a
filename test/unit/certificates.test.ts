import { describe, expect, it } from 'vitest';
import { AppError } from '#shared/errors.ts';
import {
  certificateAllowanceFen,
  certificateLevelNames,
  certificatePolicySchema,
  certificateRank,
  defaultCertificateAllowancesFen as allowances,
  defaultCertificatePolicy,
  highestCertificate,
} from '#shared/domain/certificates.ts';

const assistant = { level: 'assistant', registeredOn: '2024-05-20' } as const;
const intermediate = { level: 'intermediate', registeredOn: '2026-03-31' } as const;

describe('levels', () => {
  it('ranks assistant < intermediate < senior, with Chinese names', () => {
    expect([
      certificateRank('assistant'),
      certificateRank('intermediate'),
      certificateRank('senior'),
    ]).toEqual([1, 2, 3]);
    expect(certificateLevelNames.intermediate).toBe('社会工作师');
  });

  it('defaults to 200 / 300 / 500 yuan in fen', () => {
    expect(allowances).toEqual({ assistant: 20_000, intermediate: 30_000, senior: 50_000 });
    expect(certificatePolicySchema.parse(defaultCertificatePolicy)).toEqual(defaultCertificatePolicy);
    expect(
      certificatePolicySchema.safeParse({ allowanceByLevelFen: { ...allowances, senior: 500.5 } }).success,
    ).toBe(false);
  });
});

describe('highestCertificate', () => {
  it('ignores certificates registered after the date', () => {
    expect(highestCertificate([assistant, intermediate], '2026-03-30')).toBe(assistant);
    expect(highestCertificate([assistant, intermediate], '2026-03-31')).toBe(intermediate);
    expect(highestCertificate([intermediate], '2026-01-01')).toBeUndefined();
    expect(highestCertificate([], '2026-01-01')).toBeUndefined();
  });

  it('picks the higher level whatever the input order', () => {
    expect(highestCertificate([intermediate, assistant], '2027-01-01')).toBe(intermediate);
  });
});

describe('certificateAllowanceFen', () => {
  it('pays from the month of registration, even when registered on its last day', () => {
    expect(certificateAllowanceFen([intermediate], '2026-02', allowances)).toBe(0);
    expect(certificateAllowanceFen([intermediate], '2026-03', allowances)).toBe(30_000);
  });

  it('pays the highest level only, never the sum', () => {
    expect(certificateAllowanceFen([assistant, intermediate], '2026-02', allowances)).toBe(20_000);
    expect(certificateAllowanceFen([assistant, intermediate], '2026-04', allowances)).toBe(30_000);
    const senior = { level: 'senior', registeredOn: '2026-04-01' } as const;
    expect(certificateAllowanceFen([assistant, intermediate, senior], '2026-04', allowances)).toBe(50_000);
  });

  it('pays nothing without certificates and follows the policy table', () => {
    expect(certificateAllowanceFen([], '2026-04', allowances)).toBe(0);
    expect(certificateAllowanceFen([assistant], '2026-04', { ...allowances, assistant: 36_000 })).toBe(
      36_000,
    );
  });

  it('rejects a malformed month', () => {
    expect(() => certificateAllowanceFen([assistant], '2026-4', allowances)).toThrow(AppError);
  });
});
