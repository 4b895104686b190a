/**
 * Pay: three posts, eighteen grades (三岗十八级).
 *
 * Pure rules: no I/O, no clock. Every number is a default of a versioned, effective-dated policy;
 * the caller picks the version in force and passes it in. Money is integer fen (1 yuan = 100 fen).
 *
 * Interpretation choices:
 * - "Pay" for transfer and promotion mapping is base pay(grade) + post allowance. Certificate
 *   allowance and evaluation bonus belong to the person, not the grade, and carry over unchanged.
 * - 同工同酬 (pay never drops): `mapGradeForPay` returns the lowest grade in the post's band whose
 *   pay is ≥ the current pay. If even the band's top grade pays less, it returns the top grade with
 *   `shortfallFen > 0`: the policy table cannot honour the guarantee. That is returned, never hidden —
 *   the caller must refuse, escalate, or record a protected-pay supplement.
 * - Certificate allowance: the highest level registered on or before the month's last day counts,
 *   for the whole month of registration. Only the highest level counts.
 * - Statement lines: base and post allowance always appear; the certificate and evaluation-bonus
 *   lines appear only when they pay something (the default policy has no evaluation bonus).
 * - A part month (hire, transfer-in or exit within the month) is paid by calendar days, line by line:
 *   see `serviceInMonth` and `proratedFen`. The exit date is the last day served.
 * - Yearly step: see `yearlyStep` (only whole calendar years held in the grade count).
 */
import { z } from 'zod';
import { badRequest, unprocessable } from '../errors.ts';
import { highestCertificate } from './certificates.ts';
import { daysBetween, isValidIsoDate, isValidIsoMonth, monthRange } from './dates.ts';
import {
  type EvaluationGrade,
  evaluationGradeNames,
  evaluationGradeSchema,
  isGradeAtLeast,
} from './evaluation.ts';

export const POSTS = ['principal', 'deputy', 'staff'] as const;
export type Post = (typeof POSTS)[number];
export const postSchema = z.enum(POSTS);

/** Post hierarchy (not a policy number): staff < deputy < principal. */
export const postRank = (post: Post): number => 2 - POSTS.indexOf(post);

// One list of certificate levels for the whole domain (certificates.ts owns it).
export { certificateLevels as CERTIFICATE_LEVELS, type CertificateLevel } from './certificates.ts';
import type { CertificateLevel } from './certificates.ts';

const CERTIFICATE_NAMES: Record<CertificateLevel, { zh: string; en: string }> = {
  assistant: { zh: '助理社会工作师', en: 'assistant social worker' },
  intermediate: { zh: '社会工作师', en: 'social worker' },
  senior: { zh: '高级社会工作师', en: 'senior social worker' },
};

const POST_NAMES: Record<Post, string> = { principal: '正职', deputy: '副职', staff: '其他社区工作者' };

export const GRADE_COUNT = 18;

const fen = z.int().min(0);
const gradeNo = z.int().min(1).max(GRADE_COUNT);
const band = z.object({ min: gradeNo, max: gradeNo });

export const payPolicySchema = z
  .object({
    /** Index 0 = grade 1 … index 17 = grade 18; monthly base pay in fen. */
    baseMonthlyPayFen: z.array(fen),
    bands: z.object({ principal: band, deputy: band, staff: band }),
    postAllowanceFen: z.object({ principal: fen, deputy: fen, staff: fen }),
    certificateAllowanceFen: z.object({ assistant: fen, intermediate: fen, senior: fen }),
    evaluationBonusFen: z.object({ excellent: fen, competent: fen, basic: fen, failed: fen }),
    step: z.object({
      yearsInGrade: z.int().min(1),
      minGrade: evaluationGradeSchema,
      earlyStepAfterExcellentYears: z.int().min(1),
      maxEarlySteps: z.int().min(0),
    }),
  })
  .superRefine((p, ctx) => {
    if (p.baseMonthlyPayFen.length !== GRADE_COUNT) {
      ctx.addIssue({
        code: 'custom',
        path: ['baseMonthlyPayFen'],
        message: `baseMonthlyPayFen must list exactly ${GRADE_COUNT} grades (got ${p.baseMonthlyPayFen.length})`,
        params: { code: 'PAY_TABLE_LENGTH', expected: GRADE_COUNT, got: p.baseMonthlyPayFen.length },
      });
    }
    p.baseMonthlyPayFen.forEach((v, i) => {
      const prev = p.baseMonthlyPayFen[i - 1];
      if (prev !== undefined && v < prev) {
        ctx.addIssue({
          code: 'custom',
          path: ['baseMonthlyPayFen', i],
          message: `baseMonthlyPayFen must not decrease: grade ${i + 1} pays less than grade ${i}`,
          // A catalogue code: the use-case reports the issue in the caller's language.
          params: { code: 'PAY_TABLE_DECREASES', grade: i + 1 },
        });
      }
    });
    for (const post of POSTS) {
      const b = p.bands[post];
      if (b.min > b.max) {
        ctx.addIssue({
          code: 'custom',
          path: ['bands', post, 'min'],
          message: `bands.${post}.min (${b.min}) exceeds bands.${post}.max (${b.max})`,
          params: { code: 'PAY_BAND_INVERTED', post, min: b.min, max: b.max },
        });
      }
    }
  });
export type PayPolicy = z.infer<typeof payPolicySchema>;

/**
 * Default policy. The base pay table is a PLACEHOLDER city table (grade 1 = 2,800 yuan, +150 yuan
 * per grade, grade 18 = 5,350 yuan), in fen; a real city sets its own. Post allowances
 * (600 / 400 / 200 yuan) are placeholders too. Certificate allowances 200 / 300 / 500 yuan and the
 * bands and step rules are the rule book's defaults. No evaluation bonus by default.
 */
export const defaultPayPolicy: PayPolicy = payPolicySchema.parse({
  baseMonthlyPayFen: Array.from({ length: GRADE_COUNT }, (_, i) => 280_000 + i * 15_000),
  bands: { principal: { min: 7, max: 18 }, deputy: { min: 4, max: 15 }, staff: { min: 1, max: 12 } },
  postAllowanceFen: { principal: 60_000, deputy: 40_000, staff: 20_000 },
  certificateAllowanceFen: { assistant: 20_000, intermediate: 30_000, senior: 50_000 },
  evaluationBonusFen: { excellent: 0, competent: 0, basic: 0, failed: 0 },
  step: { yearsInGrade: 3, minGrade: 'competent', earlyStepAfterExcellentYears: 2, maxEarlySteps: 2 },
});

export const bandOf = (post: Post, policy: PayPolicy): { min: number; max: number } => policy.bands[post];

export const isGradeInBand = (post: Post, grade: number, policy: PayPolicy): boolean => {
  const b = bandOf(post, policy);
  return Number.isInteger(grade) && grade >= b.min && grade <= b.max;
};

export function basePayFen(grade: number, policy: PayPolicy): number {
  if (!Number.isInteger(grade) || grade < 1 || grade > GRADE_COUNT) {
    throw badRequest(`grade must be an integer 1..${GRADE_COUNT} (got ${grade})`, { grade }, 'INVALID_GRADE');
  }
  return policy.baseMonthlyPayFen[grade - 1]!;
}

const assertInBand = (post: Post, grade: number, policy: PayPolicy): void => {
  if (!isGradeInBand(post, grade, policy)) {
    const b = bandOf(post, policy);
    throw unprocessable(
      'GRADE_OUTSIDE_BAND',
      `grade ${grade} is outside the ${post} band ${b.min}–${b.max}`,
      { post, grade, band: b },
    );
  }
};

/** Base pay + post allowance for a grade in a post (validates the grade is in the post's band). */
export function gradePayFen(post: Post, grade: number, policy: PayPolicy): number {
  assertInBand(post, grade, policy);
  return basePayFen(grade, policy) + policy.postAllowanceFen[post];
}

export interface GradeMapping {
  grade: number;
  /** Base + post allowance at the mapped grade. */
  payFen: number;
  /** 0 when pay does not drop; > 0 when even the band's top grade pays less than today. */
  shortfallFen: number;
}

/**
 * Lowest grade in `post`'s band whose base pay + post allowance is ≥ `currentMonthlyPayFen`
 * (bulk transfer, promotion). If none, the band's top grade with the shortfall made explicit.
 */
export function mapGradeForPay(post: Post, currentMonthlyPayFen: number, policy: PayPolicy): GradeMapping {
  if (!Number.isInteger(currentMonthlyPayFen) || currentMonthlyPayFen < 0) {
    throw badRequest('current monthly pay must be a non-negative integer number of fen', {
      currentMonthlyPayFen,
    });
  }
  const b = bandOf(post, policy);
  for (let g = b.min; g <= b.max; g++) {
    const payFen = gradePayFen(post, g, policy);
    if (payFen >= currentMonthlyPayFen) return { grade: g, payFen, shortfallFen: 0 };
  }
  const payFen = gradePayFen(post, b.max, policy);
  return { grade: b.max, payFen, shortfallFen: currentMonthlyPayFen - payFen };
}

// ---------------------------------------------------------------------------------------------
// Monthly statement

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
    line('base', '基本工资', basePayFen(grade, policy), `${grade} 级`),
    line('post-allowance', '岗位津贴', policy.postAllowanceFen[post], `${POST_NAMES[post]}岗位`),
  ];

  const cert = countingCertificate(input.certificates ?? [], month);
  if (cert && policy.certificateAllowanceFen[cert.level] > 0) {
    const name = CERTIFICATE_NAMES[cert.level];
    lines.push(
      line(
        'certificate-allowance',
        '职业津贴',
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
          '考核奖励',
          bonus,
          `${yearPart}年度考核${evaluationGradeNames[input.evaluationGrade]}`,
        ),
      );
    }
  }

  return { month, lines, totalFen: lines.reduce((s, l) => s + l.amountFen, 0), service };
}

// ---------------------------------------------------------------------------------------------
// Yearly step (1 January)

export interface StepState {
  grade: number;
  /** Full years counted in the current grade since the last step (or since a reset). */
  yearsCountedInGrade: number;
  consecutiveExcellent: number;
  /** Early steps taken in total (career-wide, capped by policy.step.maxEarlySteps). */
  earlyStepsTaken: number;
  /** The last year whose 1 January step was applied (whether or not the grade changed). */
  lastStepYear?: number;
}

export const stepStateSchema = z.object({
  grade: gradeNo,
  yearsCountedInGrade: z.int().min(0),
  consecutiveExcellent: z.int().min(0),
  earlyStepsTaken: z.int().min(0),
  lastStepYear: z.int().optional(),
});

export type StepReason =
  | 'already-applied'
  | 'out-of-order'
  | 'no-evaluation'
  | 'count-reset'
  | 'partial-year'
  | 'counted'
  | 'regular-step'
  | 'early-step'
  | 'top-of-band';

export interface StepOutcome {
  state: StepState;
  stepped: boolean;
  reason: StepReason;
}

/** A fresh state for a grade (hire, transfer, promotion). */
export const initialStepState = (grade: number): StepState => ({
  grade,
  yearsCountedInGrade: 0,
  consecutiveExcellent: 0,
  earlyStepsTaken: 0,
});

/**
 * Whether `year` was held whole in a grade taken on `gradeSince`: the grade was held from that
 * year's 1 January. The year of hire, transfer-in or grade change does not count, unless the change
 * took effect on 1 January itself (a step, or a hire on that day).
 */
export const heldWholeYear = (gradeSince: string, year: number): boolean => gradeSince <= `${year}-01-01`;

/**
 * The step on 1 January of `year`, looking at the annual evaluation of `year - 1`.
 * `annualGrades` is either that one grade or the worker's annual history (year-1 is picked out).
 * `gradeSince` is the date the current grade took effect (hire, transfer-in, step, setting, promotion).
 *
 * - year-1 not held whole in the grade (`heldWholeYear`): it counts for nothing, neither towards
 *   `yearsInGrade` nor towards the excellent run, whatever its evaluation ('partial-year'). Grade 3
 *   from 2025-03-01, competent every year: 2026, 2027, 2028 count → step on 2029-01-01.
 * - year-1 at least `minGrade` (default 称职; 优秀 counts too): +1 year counted; an excellent year
 *   also extends the excellent run, anything else ends it.
 * - year-1 below `minGrade` (不称职, and by default 基本称职): the count and the excellent run reset.
 * - count reaches `yearsInGrade` → +1 grade ('regular-step'); otherwise `earlyStepAfterExcellentYears`
 *   consecutive excellent years → +1 grade ('early-step') while fewer than `maxEarlySteps` were taken.
 *   When both are due the regular step is used (it does not spend an early step). At most one step
 *   a year; any step resets both the count and the excellent run (years count in the current grade).
 * - at the top of the post's band there is no step: the year is still counted, reason 'top-of-band'.
 * - no evaluation for year-1: nothing changes and lastStepYear is not set, so the step can be run
 *   once the evaluation is recorded ('no-evaluation').
 * - `lastStepYear === year` → 'already-applied'; `year < lastStepYear` → 'out-of-order'; the state
 *   is returned unchanged. Every other outcome sets lastStepYear = year.
 */
export function yearlyStep(
  state: StepState,
  annualGrades: EvaluationGrade | readonly { year: number; grade: EvaluationGrade }[],
  year: number,
  post: Post,
  policy: PayPolicy,
  gradeSince: string,
): StepOutcome {
  const parsed = stepStateSchema.safeParse(state);
  if (!parsed.success)
    throw badRequest('Invalid step state', z.flattenError(parsed.error), 'INVALID_STEP_STATE');
  if (!isValidIsoDate(gradeSince))
    throw badRequest(`gradeSince must be a date YYYY-MM-DD (got ${gradeSince})`, { gradeSince });
  assertInBand(post, state.grade, policy);
  if (state.lastStepYear !== undefined) {
    if (state.lastStepYear === year) return { state, stepped: false, reason: 'already-applied' };
    if (year < state.lastStepYear) return { state, stepped: false, reason: 'out-of-order' };
  }
  if (!heldWholeYear(gradeSince, year - 1)) {
    return { state: { ...state, lastStepYear: year }, stepped: false, reason: 'partial-year' };
  }

  const previous =
    typeof annualGrades === 'string'
      ? annualGrades
      : annualGrades.filter((a) => a.year === year - 1).at(-1)?.grade;
  if (previous === undefined) return { state, stepped: false, reason: 'no-evaluation' };

  const rules = policy.step;
  if (!isGradeAtLeast(previous, rules.minGrade)) {
    return {
      state: { ...state, yearsCountedInGrade: 0, consecutiveExcellent: 0, lastStepYear: year },
      stepped: false,
      reason: 'count-reset',
    };
  }

  const counted: StepState = {
    ...state,
    yearsCountedInGrade: state.yearsCountedInGrade + 1,
    consecutiveExcellent: previous === 'excellent' ? state.consecutiveExcellent + 1 : 0,
    lastStepYear: year,
  };
  if (state.grade >= bandOf(post, policy).max)
    return { state: counted, stepped: false, reason: 'top-of-band' };

  const stepped = (early: boolean): StepOutcome => ({
    state: {
      ...counted,
      grade: state.grade + 1,
      yearsCountedInGrade: 0,
      consecutiveExcellent: 0,
      earlyStepsTaken: counted.earlyStepsTaken + (early ? 1 : 0),
    },
    stepped: true,
    reason: early ? 'early-step' : 'regular-step',
  });
  if (counted.yearsCountedInGrade >= rules.yearsInGrade) return stepped(false);
  if (
    counted.consecutiveExcellent >= rules.earlyStepAfterExcellentYears &&
    counted.earlyStepsTaken < rules.maxEarlySteps
  ) {
    return stepped(true);
  }
  return { state: counted, stepped: false, reason: 'counted' };
}

/** Why a worker's post or grade changed. */
export const gradeChangeReasons = ['hire', 'set', 'step', 'promotion', 'transfer', 'onboarding'] as const;
export type GradeChangeReason = (typeof gradeChangeReasons)[number];
