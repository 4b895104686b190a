import { z } from 'zod';
import { termLastDay } from './dates.ts';
import * as names from './names.ts';

/** Mentoring (导师帮带制): a designated mentor coaches up to N new hires for a fixed period. */

export const mentoringPolicySchema = z.object({
  maxMenteesPerMentor: z.number().int().positive(),
  pairingMonths: z.number().int().positive(),
});
export type MentoringPolicy = z.infer<typeof mentoringPolicySchema>;
export const defaultMentoringPolicy: MentoringPolicy = { maxMenteesPerMentor: 6, pairingMonths: 12 };

export const sessionModes = ['case-analysis', 'interactive-exchange', 'practical-coaching'] as const;
export type SessionMode = (typeof sessionModes)[number];
export const sessionModeSchema = z.enum(sessionModes);
export const sessionModeNames: Readonly<Record<SessionMode, string>> = names.sessionModeNames;

/** Inclusive dates of a pairing. */
export interface PairingPeriod {
  startDate: string;
  endDate: string;
}

/** From the start date (normally the hire date) for `pairingMonths`: 2026-03-01 → 2027-02-28. */
export function pairingPeriod(startDate: string, policy: MentoringPolicy): PairingPeriod {
  return { startDate, endDate: termLastDay(startDate, policy.pairingMonths) };
}

/** Whether a mentor with `currentActiveCount` active mentees may take one more (one-to-many cap). */
export function canAddMentee(currentActiveCount: number, policy: MentoringPolicy): boolean {
  return currentActiveCount < policy.maxMenteesPerMentor;
}

export function isWithinPairing(sessionDate: string, pairing: PairingPeriod): boolean {
  // ISO dates compare correctly as strings.
  return sessionDate >= pairing.startDate && sessionDate <= pairing.endDate;
}
