import { z } from 'zod';
import { exitSituationNames } from './names.ts';

/**
 * The six exit situations (退出情形). A worker leaves through exactly one of them, on an effective
 * date, with an evidence note. Situation 1 is proposed by the evaluation job and confirmed by HR.
 */
export const exitSituations = [
  {
    situation: 1,
    code: 'failed-evaluation',
    zh: exitSituationNames['failed-evaluation'],
    en: 'failed the annual evaluation, or "basically competent" twice within a term',
  },
  {
    situation: 2,
    code: 'unable-after-training',
    zh: exitSituationNames['unable-after-training'],
    en: 'still unable to do the job after training or reassignment',
  },
  {
    situation: 3,
    code: 'discipline',
    zh: exitSituationNames.discipline,
    en: 'serious breach of work discipline',
  },
  {
    situation: 4,
    code: 'law',
    zh: exitSituationNames.law,
    en: 'criminal liability or other breach of law',
  },
  {
    situation: 5,
    code: 'resignation-or-non-renewal',
    zh: exitSituationNames['resignation-or-non-renewal'],
    en: 'resignation or contract not renewed',
  },
  {
    situation: 6,
    code: 'retirement-or-health',
    zh: exitSituationNames['retirement-or-health'],
    en: 'statutory retirement age or health',
  },
] as const;

export type ExitSituation = (typeof exitSituations)[number];
export type ExitSituationNumber = ExitSituation['situation'];
export type ExitSituationCode = ExitSituation['code'];

export const exitSituationCodes = exitSituations.map((s) => s.code) as unknown as readonly [
  ExitSituationCode,
  ...ExitSituationCode[],
];

export const exitSituationNumberSchema = z.number().int().min(1).max(6);

/** The situation by number (1..6) or code ('resignation-or-non-renewal'); undefined if unknown. */
export function exitSituation(key: number | string): ExitSituation | undefined {
  return exitSituations.find((s) => s.situation === key || s.code === key);
}

export type ExitDateProblem =
  | { code: 'EXIT_BEFORE_HIRE'; message: string }
  | { code: 'EXIT_DATE_IN_FUTURE'; message: string };

/**
 * An exit takes effect when it is recorded (status, seats), so its effective date can't lie after
 * today; nor can a worker leave before they were hired. Dates are ISO YYYY-MM-DD (Asia/Shanghai).
 */
export function exitDateProblem(effectiveOn: string, hiredOn: string, today: string): ExitDateProblem | null {
  if (effectiveOn < hiredOn)
    return {
      code: 'EXIT_BEFORE_HIRE',
      message: `The exit (${effectiveOn}) can't take effect before the hire (${hiredOn})`,
    };
  if (effectiveOn > today)
    return {
      code: 'EXIT_DATE_IN_FUTURE',
      message: `The exit takes effect when recorded: record it on or after ${effectiveOn} (today is ${today})`,
    };
  return null;
}

export const EXIT_PROPOSAL_STATUSES = ['pending', 'confirmed', 'dismissed', 'withdrawn'] as const;
export type ExitProposalStatus = (typeof EXIT_PROPOSAL_STATUSES)[number];
