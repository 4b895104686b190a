import { z } from 'zod';

/**
 * The six exit situations (退出情形). A worker leaves through exactly one of them, on an effective
 * date, with an evidence note. Situation 1 is proposed by the evaluation job and confirmed by HR.
 */
export const exitSituations = [
  {
    situation: 1,
    code: 'failed-evaluation',
    zh: '年度考核不称职（不合格），或一个聘期内两次基本称职',
    en: 'failed the annual evaluation, or "basically competent" twice within a term',
  },
  {
    situation: 2,
    code: 'unable-after-training',
    zh: '经培训或调整岗位后仍不能胜任工作',
    en: 'still unable to do the job after training or reassignment',
  },
  {
    situation: 3,
    code: 'discipline',
    zh: '严重违反工作纪律',
    en: 'serious breach of work discipline',
  },
  {
    situation: 4,
    code: 'law',
    zh: '被依法追究刑事责任或有其他违法行为',
    en: 'criminal liability or other breach of law',
  },
  {
    situation: 5,
    code: 'resignation-or-non-renewal',
    zh: '本人辞职或合同期满不再续聘',
    en: 'resignation or contract not renewed',
  },
  {
    situation: 6,
    code: 'retirement-or-health',
    zh: '达到法定退休年龄或因身体原因',
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
