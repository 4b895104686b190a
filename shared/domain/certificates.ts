import { z } from 'zod';
import { badRequest } from '../errors.ts';
import { isoDateSchema, isValidIsoMonth, monthRange } from './dates.ts';
import * as names from './names.ts';

/** National social-work vocational certificate levels, lowest first. */
export const certificateLevels = ['assistant', 'intermediate', 'senior'] as const;
export type CertificateLevel = (typeof certificateLevels)[number];
export const certificateLevelSchema = z.enum(certificateLevels);

export const certificateLevelNames: Readonly<Record<CertificateLevel, string>> = names.certificateLevelNames;

/** 1 = assistant … 3 = senior; higher outranks lower. */
export function certificateRank(level: CertificateLevel): number {
  return certificateLevels.indexOf(level) + 1;
}

export const certificateSchema = z.object({
  level: certificateLevelSchema,
  /** Date the certificate was registered (登记) with the employer; allowances start that month. */
  registeredOn: isoDateSchema,
});
export type Certificate = z.infer<typeof certificateSchema>;

const fen = z.number().int().nonnegative();
export const certificateAllowancesSchema = z.object({ assistant: fen, intermediate: fen, senior: fen });
export type CertificateAllowancesFen = z.infer<typeof certificateAllowancesSchema>;

/** 200 / 300 / 500 yuan per month. */
export const defaultCertificateAllowancesFen: CertificateAllowancesFen = {
  assistant: 20_000,
  intermediate: 30_000,
  senior: 50_000,
};

export const certificatePolicySchema = z.object({ allowanceByLevelFen: certificateAllowancesSchema });
export type CertificatePolicy = z.infer<typeof certificatePolicySchema>;
export const defaultCertificatePolicy: CertificatePolicy = {
  allowanceByLevelFen: defaultCertificateAllowancesFen,
};

/** The highest-level certificate registered on or before `onDate`; earliest registration wins a tie. */
export function highestCertificate<C extends Certificate>(
  certs: readonly C[],
  onDate: string,
): C | undefined {
  let best: C | undefined;
  for (const cert of certs) {
    if (cert.registeredOn > onDate) continue;
    if (!best || outranks(cert, best)) best = cert;
  }
  return best;
}

/**
 * The highest level among certificates held, whatever their dates (registration is never in the
 * future, so this is the level the allowance pays today); undefined without any.
 */
export function heldLevel(certs: readonly Pick<Certificate, 'level'>[]): CertificateLevel | undefined {
  let best: CertificateLevel | undefined;
  for (const cert of certs)
    if (!best || certificateRank(cert.level) > certificateRank(best)) best = cert.level;
  return best;
}

/**
 * The monthly professional allowance for `month` ('YYYY-MM'): paid from the month of registration
 * (a certificate registered on the 31st still earns that whole month), and only for the highest
 * level held, never summed across levels.
 */
export function certificateAllowanceFen(
  certs: readonly Certificate[],
  month: string,
  allowanceByLevelFen: CertificateAllowancesFen,
): number {
  if (!isValidIsoMonth(month)) throw badRequest(`not a month YYYY-MM: ${month}`, { month }, 'INVALID_DATE');
  const highest = highestCertificate(certs, monthRange(month).to);
  return highest ? allowanceByLevelFen[highest.level] : 0;
}

function outranks(candidate: Certificate, current: Certificate): boolean {
  const byRank = certificateRank(candidate.level) - certificateRank(current.level);
  return byRank > 0 || (byRank === 0 && candidate.registeredOn < current.registeredOn);
}
