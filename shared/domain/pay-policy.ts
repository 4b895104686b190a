import { z } from 'zod';
import { badRequest, unprocessable } from '../errors.ts';
import { evaluationGradeSchema } from './evaluation.ts';

/**
 * The pay policy document (三岗十八级): posts, the grade table, bands, allowances and step rules,
 * with the reads of it (a grade's pay, mapping a current pay to a grade). See `pay.ts`.
 */

export const POSTS = ['principal', 'deputy', 'staff'] as const;
export type Post = (typeof POSTS)[number];
export const postSchema = z.enum(POSTS);

/** Post hierarchy (not a policy number): staff < deputy < principal. */
export const postRank = (post: Post): number => 2 - POSTS.indexOf(post);

// One list of certificate levels for the whole domain (certificates.ts owns it).
export { certificateLevels as CERTIFICATE_LEVELS, type CertificateLevel } from './certificates.ts';

export const GRADE_COUNT = 18;

const fen = z.int().min(0);
export const gradeNo = z.int().min(1).max(GRADE_COUNT);
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

export const assertInBand = (post: Post, grade: number, policy: PayPolicy): void => {
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

/** Why a worker's post or grade changed. */
export const gradeChangeReasons = ['hire', 'set', 'step', 'promotion', 'transfer', 'onboarding'] as const;
export type GradeChangeReason = (typeof gradeChangeReasons)[number];
