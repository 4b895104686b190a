import { badRequest, unprocessable } from '../errors.ts';
import { type CertificateLevel, highestCertificate } from './certificates.ts';
import { daysBetween, isValidIsoDate, isValidIsoMonth, monthRange } from './dates.ts';
import { type EvaluationGrade, evaluationGradeNames } from './evaluation.ts';
import { assertInBand, basePayFen, type PayPolicy, type Post } from './pay-policy.ts';
import { postNames, statementLineNames } from './names.ts';

/** A month's pay statement (工资条) and part months (hire, transfer-in or exit in the month). See `pay.ts`. */

const CERTIFICATE_NAMES: Record<CertificateLevel, { zh: string; en: string }> = {
  assistant: { zh: '助理社会工作师', en: 'assistant social worker' },
  intermediate: { zh: '社会工作师', en: 'social worker' },
  senior: { zh: '高级社会工作师', en: 'senior social worker' },
};

export interface CertificateHolding {
  level: CertificateLevel;
  /** 'YYYY-MM-DD' */
  registeredOn: string;
}

export interface StatementInput {
  post: Post;
  grade: number;
  certificates?: readonly CertificateHolding[];
  /** The annual evaluation grade the policy's bonus is paid on (if any). */
  evaluationGrade?: EvaluationGrade;
  /** The year of that evaluation; only used to explain the line. */
  evaluationYear?: number;
  /** Days served in the month (`serviceInMonth`); absent or whole: full-month amounts. */
  service?: ServiceInMonth;
}

export type StatementLineCode = 'base' | 'post-allowance' | 'certificate-allowance' | 'evaluation-bonus';

export interface StatementLine {
  code: StatementLineCode;
  label: string;
  /** What is paid for the month: `fullMonthFen`, or its share for the days served in a part month. */
  amountFen: number;
  /** The amount for a whole month. */
  fullMonthFen: number;
  basis: string;
}

export interface MonthlyStatement {
  month: string;
  lines: StatementLine[];
  totalFen: number;
  service: ServiceInMonth;
}

// ---------------------------------------------------------------------------------------------
// Part months (the month of hire, transfer-in or exit)

export interface ServiceInMonth {
  /** First and last calendar day served in the month ('YYYY-MM-DD', inclusive). */
  from: string;
  to: string;
  daysServed: number;
  daysInMonth: number;
  /** daysServed < daysInMonth: amounts are paid by days (`proratedFen`). */
  partial: boolean;
}

/** How a part month is paid, as the statement states it. */
export const PART_MONTH_RULE = '按日折算：月额 × 在岗天数 ÷ 当月天数，逐项四舍五入到分';

/**
 * The calendar days of `month` a worker served: from the later of the month's first day and the hire
 * (or transfer-in) date, to the earlier of its last day and the exit date. Both ends count: hired
 * on 30 November → 30 November only, 1 day of 30; an exit dated 10 July → 1–10 July, 10 days of 31.
 * Refuses a month the worker did not serve in.
 */
export function serviceInMonth(month: string, hiredOn: string, lastDayServed: string | null): ServiceInMonth {
  if (!isValidIsoMonth(month)) throw badRequest(`month must be YYYY-MM (got ${month})`, { month });
  for (const [field, date] of [
    ['hiredOn', hiredOn],
    ['lastDayServed', lastDayServed],
  ] as const) {
    if (date !== null && !isValidIsoDate(date))
      throw badRequest(`${field} must be a date YYYY-MM-DD (got ${date})`, { [field]: date });
  }
  const range = monthRange(month);
  const from = hiredOn > range.from ? hiredOn : range.from;
  const to = lastDayServed !== null && lastDayServed < range.to ? lastDayServed : range.to;
  if (from > to) {
    throw unprocessable('NOT_EMPLOYED_IN_MONTH', `Not employed in ${month}`, {
      month,
      hiredOn,
      lastDayServed,
    });
  }
  const daysInMonth = daysBetween(range.from, range.to) + 1;
  const daysServed = daysBetween(from, to) + 1;
  return { from, to, daysServed, daysInMonth, partial: daysServed < daysInMonth };
}

/**
 * A month's amount for `daysServed` of `daysInMonth` days: amountFen × daysServed ÷ daysInMonth,
 * rounded half up to the fen in integer arithmetic (no float can creep in).
 */
export function proratedFen(amountFen: number, daysServed: number, daysInMonth: number): number {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0)
    throw badRequest('amount must be a non-negative integer number of fen', { amountFen });
  if (!Number.isInteger(daysInMonth) || daysInMonth < 1 || !Number.isInteger(daysServed))
    throw badRequest('days must be whole numbers', { daysServed, daysInMonth });
  if (daysServed < 0 || daysServed > daysInMonth)
    throw badRequest(`days served must lie within 0..${daysInMonth}`, { daysServed, daysInMonth });
  return Math.floor((2 * amountFen * daysServed + daysInMonth) / (2 * daysInMonth));
}

/**
 * The certificate whose allowance is paid for `month` ('YYYY-MM'), or null: the rule lives in
 * certificates.ts (highest level registered by the month's last day counts for the whole month).
 */
export function countingCertificate(
  certificates: readonly CertificateHolding[],
  month: string,
): CertificateHolding | null {
  for (const c of certificates) {
    if (!isValidIsoDate(c.registeredOn)) {
      throw badRequest(`registeredOn must be a date YYYY-MM-DD (got ${c.registeredOn})`, { certificate: c });
    }
  }
  return highestCertificate(certificates, monthRange(month).to) ?? null;
}

export function monthlyStatement(input: StatementInput, month: string, policy: PayPolicy): MonthlyStatement {
  if (!isValidIsoMonth(month)) throw badRequest(`month must be YYYY-MM (got ${month})`, { month });
  const { post, grade } = input;
  assertInBand(post, grade, policy);

  const range = monthRange(month);
  const service = input.service ?? serviceInMonth(month, range.from, null);
  if (service.from.slice(0, 7) !== month || service.to.slice(0, 7) !== month) {
    throw badRequest(`the days served must lie in ${month}`, { month, service });
  }
  const line = (
    code: StatementLineCode,
    label: string,
    fullMonthFen: number,
    basis: string,
  ): StatementLine => ({
    code,
    label,
    amountFen: service.partial
      ? proratedFen(fullMonthFen, service.daysServed, service.daysInMonth)
      : fullMonthFen,
    fullMonthFen,
    basis: service.partial
      ? `${basis}；在岗 ${service.daysServed}/${service.daysInMonth} 天（${service.from} 至 ${service.to}）`
      : basis,
  });

  const lines: StatementLine[] = [
    line('base', statementLineNames.base, basePayFen(grade, policy), `${grade} 级`),
    line(
      'post-allowance',
      statementLineNames['post-allowance'],
      policy.postAllowanceFen[post],
      `${postNames[post]}岗位`,
    ),
  ];

  const cert = countingCertificate(input.certificates ?? [], month);
  if (cert && policy.certificateAllowanceFen[cert.level] > 0) {
    const name = CERTIFICATE_NAMES[cert.level];
    lines.push(
      line(
        'certificate-allowance',
        statementLineNames['certificate-allowance'],
        policy.certificateAllowanceFen[cert.level],
        `${name.zh}证书，${cert.registeredOn} 登记`,
      ),
    );
  }

  if (input.evaluationGrade) {
    const bonus = policy.evaluationBonusFen[input.evaluationGrade];
    if (bonus > 0) {
      const yearPart = input.evaluationYear === undefined ? '' : `${input.evaluationYear} `;
      lines.push(
        line(
          'evaluation-bonus',
          statementLineNames['evaluation-bonus'],
          bonus,
          `${yearPart}年度考核${evaluationGradeNames[input.evaluationGrade]}`,
        ),
      );
    }
  }

  return { month, lines, totalFen: lines.reduce((s, l) => s + l.amountFen, 0), service };
}
