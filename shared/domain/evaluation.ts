/**
 * Evaluation (考核): component scores, the weighted total, grades per org unit (with the excellent
 * cap and the satisfaction floor) and the automatic exit proposal (退出情形 1).
 *
 * Pure rules: no I/O, no clock. Every number is a default of a versioned, effective-dated policy;
 * the caller picks the policy version in force for the period and passes it in.
 *
 * Scores are kept as integer hundredths (8745 = 87.45 points) so that ranking, thresholds and the
 * cap are exact. Every division rounds once, half up, at the end (see `divRoundHalfUp`).
 *
 * Interpretation choices (documented here because HR sees their effects):
 * - A missing component (no poll, no department feedback, no duty log, no work-order record)
 *   scores 0 and is listed in `missing`, so HR can see why a score is low and fix the data rather
 *   than have the system silently re-weight. For annual periods missing training hours count as 0
 *   hours and are listed as 'trainingHours'.
 * - Duty: each half (grid patrols, household visits) is actual / target, capped at 100; annual
 *   targets are 12 x the monthly targets.
 * - Work orders: 50% completion rate (completed / assigned) + 50% satisfaction rate
 *   (satisfied / completed). Nothing assigned → component 100 and satisfaction `null`.
 *   Orders assigned but none completed → the satisfaction half scores 0 and satisfaction is `null`
 *   (there is no rate to measure, so the floor cannot be tested).
 * - Resident satisfaction floor: the work-order satisfaction rate. Below the floor the worker is
 *   graded 不称职 for the period regardless of score; applied to monthly and annual periods alike.
 *   The comparison is exact (satisfied x 10000 < floor hundredths x completed), not on the rounded
 *   percentage.
 * - Training (annual periods only): hours below the annual requirement subtract
 *   `trainingShortfallPenalty` points from the total (floor 0) and the result records
 *   `trainingRequirementMet: false`. Monthly periods record `null` and never take a penalty.
 * - Excellent cap: at most floor(n x excellentCapPercent / 100) workers graded excellent per org
 *   unit, n = all graded workers of the unit. With the default 20% a unit of fewer than 5 workers
 *   has no excellent grade at all — that is the literal "at most 20%" rule. Workers above the cap
 *   (by rank) are graded competent and flagged `cappedFromExcellent`.
 * - Rank: total desc, then work-order component desc, then workerId asc (code-unit order), so ranks
 *   are distinct and deterministic; a full tie at the cap line goes to the lower workerId.
 */
import { z } from 'zod';
import { badRequest } from '../errors.ts';
import { GRID_DEPTH } from './org-paths.ts';
import * as names from './names.ts';

export const EVALUATION_GRADES = ['excellent', 'competent', 'basic', 'failed'] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];

/** Higher is better: excellent 3, competent 2, basic 1, failed 0. */
export const evaluationGradeRank = (grade: EvaluationGrade): number => 3 - EVALUATION_GRADES.indexOf(grade);

/** True when `grade` is `min` or better ('basic' is below 'competent'). */
export const isGradeAtLeast = (grade: EvaluationGrade, min: EvaluationGrade): boolean =>
  evaluationGradeRank(grade) >= evaluationGradeRank(min);

export const evaluationGradeSchema = z.enum(EVALUATION_GRADES);
/** The grades as the rule book names them (the vocabulary re-exports these). */
export const evaluationGradeNames: Readonly<Record<EvaluationGrade, string>> = names.evaluationGradeNames;

export const COMPONENTS = ['poll', 'departments', 'duty', 'workOrders'] as const;
export type Component = (typeof COMPONENTS)[number];
export type PeriodKind = 'monthly' | 'annual';

const points = z.number().min(0).max(100);
const count = z.int().min(0);

export const evaluationPolicySchema = z
  .object({
    weights: z.object({ poll: count, departments: count, duty: count, workOrders: count }),
    thresholds: z.array(
      z.object({ grade: evaluationGradeSchema, label: z.string().min(1), minScore: points }),
    ),
    excellentCapPercent: z.int().min(0).max(100),
    satisfactionFloorPercent: points,
    dutyTargetsPerMonth: z.object({ gridPatrols: z.int().min(1), householdVisits: z.int().min(1) }),
    trainingRequiredHoursPerYear: z.number().min(0),
    trainingShortfallPenalty: points,
    /**
     * Grids hold one or two workers, so ranking them alone would make the excellent cap 0 for
     * nearly everyone: by default grid workers are ranked (and capped) with their community.
     */
    rankGridsWithCommunity: z.boolean().default(true),
  })
  .superRefine((p, ctx) => {
    const sum = p.weights.poll + p.weights.departments + p.weights.duty + p.weights.workOrders;
    if (sum !== 100) {
      // params.code: a catalogue code, so the use-case reports the issue in the caller's language.
      ctx.addIssue({
        code: 'custom',
        path: ['weights'],
        message: `weights must sum to 100 (got ${sum})`,
        params: { code: 'WEIGHTS_SUM', sum },
      });
    }
    if (p.thresholds.length !== EVALUATION_GRADES.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['thresholds'],
        message: 'thresholds must list the four grades excellent, competent, basic, failed',
        params: { code: 'THRESHOLD_COUNT', got: p.thresholds.length },
      });
    }
    p.thresholds.forEach((t, i) => {
      if (t.grade !== EVALUATION_GRADES[i]) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', i, 'grade'],
          message: `thresholds[${i}] must be '${EVALUATION_GRADES[i]}' (order: excellent, competent, basic, failed)`,
          params: { code: 'THRESHOLD_ORDER' },
        });
      }
      const prev = p.thresholds[i - 1];
      if (prev && !(t.minScore < prev.minScore)) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', i, 'minScore'],
          message: 'threshold minScore must strictly decrease from excellent to failed',
          params: { code: 'THRESHOLDS_DECREASE' },
        });
      }
      if (Math.round(t.minScore * 100) !== t.minScore * 100) {
        ctx.addIssue({
          code: 'custom',
          path: ['thresholds', i, 'minScore'],
          message: 'threshold minScore has at most two decimals',
          params: { code: 'AT_MOST_TWO_DECIMALS' },
        });
      }
    });
    const last = p.thresholds[p.thresholds.length - 1];
    if (last && last.minScore !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['thresholds', p.thresholds.length - 1, 'minScore'],
        message: "the 'failed' threshold must start at 0 so every score gets a grade",
        params: { code: 'FAILED_THRESHOLD_ZERO' },
      });
    }
  });
export type EvaluationPolicy = z.infer<typeof evaluationPolicySchema>;

/** Defaults from docs/RULES.md, `evaluation`; duty targets are placeholders. */
export const defaultEvaluationPolicy: EvaluationPolicy = evaluationPolicySchema.parse({
  weights: { poll: 30, departments: 20, duty: 30, workOrders: 20 },
  thresholds: [
    { grade: 'excellent', label: '优秀', minScore: 90 },
    { grade: 'competent', label: '称职', minScore: 70 },
    { grade: 'basic', label: '基本称职', minScore: 60 },
    { grade: 'failed', label: '不称职', minScore: 0 },
  ],
  excellentCapPercent: 20,
  satisfactionFloorPercent: 60,
  dutyTargetsPerMonth: { gridPatrols: 20, householdVisits: 30 },
  trainingRequiredHoursPerYear: 48,
  trainingShortfallPenalty: 5,
  rankGridsWithCommunity: true,
});

/**
 * The org unit whose workers are ranked together and share the excellent cap: the worker's own
 * unit, except that grid workers belong to their community when the policy says so.
 */
export function evaluationUnitOf(
  org: string,
  policy: Pick<EvaluationPolicy, 'rankGridsWithCommunity'>,
): string {
  const segments = org.split('/');
  return policy.rankGridsWithCommunity && segments.length === GRID_DEPTH
    ? segments.slice(0, -1).join('/')
    : org;
}

/** Whether an org unit is ranked as a unit of its own (grids are not, when ranked with their community). */
export function isEvaluationUnit(
  org: string,
  policy: Pick<EvaluationPolicy, 'rankGridsWithCommunity'>,
): boolean {
  return evaluationUnitOf(org, policy) === org;
}

export const evaluationInputsSchema = z
  .object({
    poll: z.object({ score: points }).optional(),
    departments: z.object({ scores: z.array(points) }).optional(),
    duty: z.object({ gridPatrols: count, householdVisits: count }).optional(),
    workOrders: z.object({ assigned: count, completed: count, satisfied: count }).optional(),
    trainingHours: z.number().min(0).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.workOrders && v.workOrders.completed > v.workOrders.assigned) {
      ctx.addIssue({
        code: 'custom',
        path: ['workOrders', 'completed'],
        message: 'completed exceeds assigned',
      });
    }
    if (v.workOrders && v.workOrders.satisfied > v.workOrders.completed) {
      ctx.addIssue({
        code: 'custom',
        path: ['workOrders', 'satisfied'],
        message: 'satisfied exceeds completed',
      });
    }
  });
export type EvaluationInputs = z.input<typeof evaluationInputsSchema>;

export type MissingInput = Component | 'trainingHours';

export interface WorkerScore {
  /** Component scores in hundredths (0..10000). */
  components: Record<Component, number>;
  /** Weighted total in hundredths (0..10000), after any training penalty. */
  totalHundredths: number;
  /** Work-order satisfaction rate in hundredths of a percent (9800 = 98%), or null when not measurable. */
  satisfactionPercent: number | null;
  missing: MissingInput[];
  /** Satisfaction measured and below the policy floor: the period is failed regardless of score. */
  floorFailed: boolean;
  /** Annual periods: hours ≥ requirement. Monthly periods: null. */
  trainingRequirementMet: boolean | null;
  /** Points subtracted for unmet training, in hundredths (0 when met or monthly). */
  trainingPenaltyHundredths: number;
}

/** round(a / b) half up, for a ≥ 0, b > 0; exact for any integer size (BigInt inside). */
export const divRoundHalfUp = (a: number, b: number): number => {
  const A = BigInt(a);
  const B = BigInt(b);
  return Number((2n * A + B) / (2n * B));
};

const toHundredths = (x: number): number => Math.round(x * 100);

export function scoreWorker(
  inputs: EvaluationInputs,
  policy: EvaluationPolicy,
  periodKind: PeriodKind,
): WorkerScore {
  const parsed = evaluationInputsSchema.safeParse(inputs);
  if (!parsed.success) {
    throw badRequest('Invalid evaluation inputs', z.flattenError(parsed.error), 'INVALID_EVALUATION_INPUTS');
  }
  const v = parsed.data;
  const missing: MissingInput[] = [];
  const components: Record<Component, number> = { poll: 0, departments: 0, duty: 0, workOrders: 0 };

  if (v.poll) components.poll = toHundredths(v.poll.score);
  else missing.push('poll');

  if (v.departments && v.departments.scores.length > 0) {
    const sum = v.departments.scores.reduce((s, x) => s + toHundredths(x), 0);
    components.departments = divRoundHalfUp(sum, v.departments.scores.length);
  } else missing.push('departments');

  if (v.duty) {
    const months = periodKind === 'annual' ? 12 : 1;
    const tP = policy.dutyTargetsPerMonth.gridPatrols * months;
    const tV = policy.dutyTargetsPerMonth.householdVisits * months;
    const p = Math.min(v.duty.gridPatrols, tP);
    const h = Math.min(v.duty.householdVisits, tV);
    // 5000·p/tP + 5000·h/tV over a common denominator: one rounding only.
    components.duty = divRoundHalfUp(5000 * (p * tV + h * tP), tP * tV);
  } else missing.push('duty');

  let satisfactionPercent: number | null = null;
  let floorFailed = false;
  if (v.workOrders) {
    const { assigned: a, completed: c, satisfied: s } = v.workOrders;
    if (a === 0) {
      components.workOrders = 10000;
    } else if (c === 0) {
      components.workOrders = 0;
    } else {
      // 5000·c/a + 5000·s/c = 5000·(c² + s·a) / (a·c)
      components.workOrders = divRoundHalfUp(5000 * (c * c + s * a), a * c);
      satisfactionPercent = divRoundHalfUp(10000 * s, c);
      floorFailed = s * 10000 < toHundredths(policy.satisfactionFloorPercent) * c;
    }
  } else missing.push('workOrders');

  const w = policy.weights;
  const weighted =
    w.poll * components.poll +
    w.departments * components.departments +
    w.duty * components.duty +
    w.workOrders * components.workOrders;
  let total = divRoundHalfUp(weighted, 100);

  let trainingRequirementMet: boolean | null = null;
  let trainingPenaltyHundredths = 0;
  if (periodKind === 'annual') {
    if (v.trainingHours === undefined) missing.push('trainingHours');
    trainingRequirementMet = (v.trainingHours ?? 0) >= policy.trainingRequiredHoursPerYear;
    if (!trainingRequirementMet) {
      trainingPenaltyHundredths = Math.min(total, toHundredths(policy.trainingShortfallPenalty));
      total -= trainingPenaltyHundredths;
    }
  }

  return {
    components,
    totalHundredths: total,
    satisfactionPercent,
    missing,
    floorFailed,
    trainingRequirementMet,
    trainingPenaltyHundredths,
  };
}

/** Grade for a total by the policy thresholds alone (no cap, no floor). */
export function gradeForScore(
  totalHundredths: number,
  policy: EvaluationPolicy,
): { grade: EvaluationGrade; label: string } {
  for (const t of policy.thresholds) {
    if (totalHundredths >= toHundredths(t.minScore)) return { grade: t.grade, label: t.label };
  }
  const last = policy.thresholds[policy.thresholds.length - 1]!;
  return { grade: last.grade, label: last.label };
}

const labelOf = (grade: EvaluationGrade, policy: EvaluationPolicy): string =>
  policy.thresholds.find((t) => t.grade === grade)?.label ?? grade;

export interface OrgUnitResultInput {
  workerId: string;
  totalHundredths: number;
  workOrdersHundredths: number;
  satisfactionFailed: boolean;
}

export interface GradedWorker {
  workerId: string;
  rank: number;
  grade: EvaluationGrade;
  label: string;
  totalHundredths: number;
  /** Scored excellent but over the org unit's excellent cap: graded competent. */
  cappedFromExcellent: boolean;
  /** Graded failed because satisfaction was below the floor. */
  satisfactionFailed: boolean;
}

/** Grades one org unit's workers for one period. Returns them in rank order. */
export function gradeOrgUnit(
  results: readonly OrgUnitResultInput[],
  policy: EvaluationPolicy,
): GradedWorker[] {
  const seen = new Set<string>();
  for (const r of results) {
    if (seen.has(r.workerId))
      throw badRequest(`Worker ${r.workerId} appears twice`, { workerId: r.workerId });
    seen.add(r.workerId);
  }
  const ranked = [...results].sort(
    (a, b) =>
      b.totalHundredths - a.totalHundredths ||
      b.workOrdersHundredths - a.workOrdersHundredths ||
      (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0),
  );
  const cap = Math.floor((results.length * policy.excellentCapPercent) / 100);
  let excellentGiven = 0;
  return ranked.map((r, i) => {
    let grade = gradeForScore(r.totalHundredths, policy).grade;
    let cappedFromExcellent = false;
    if (r.satisfactionFailed) grade = 'failed';
    if (grade === 'excellent') {
      if (excellentGiven < cap) excellentGiven++;
      else {
        grade = 'competent';
        cappedFromExcellent = true;
      }
    }
    return {
      workerId: r.workerId,
      rank: i + 1,
      grade,
      label: labelOf(grade, policy),
      totalHundredths: r.totalHundredths,
      cappedFromExcellent,
      satisfactionFailed: r.satisfactionFailed,
    };
  });
}

export interface AnnualGrade {
  year: number;
  grade: EvaluationGrade;
}

export interface ExitProposal {
  situation: 1;
  reason: 'failed-year' | 'basic-twice-in-term';
  /** Evaluation years that justify the proposal (evidence). */
  years: number[];
  /** Human-readable evidence note for the HR officer who confirms it. */
  note: string;
}

const yearOf = (v: number | string): number => {
  if (typeof v === 'number') return v;
  const m = /^(\d{4})(?:-\d{2}(?:-\d{2})?)?$/.exec(v);
  if (!m) throw badRequest(`Not a year or date: ${v}`);
  return Number(m[1]);
};

/**
 * Exit situation 1 (考核清退), proposed when the evaluation for `year` is recorded:
 * - `year` was graded failed (不称职); or
 * - `year` was graded basic (基本称职) and another year of the same contract term was too.
 * Only the result for `year` triggers a proposal, so an old failed year is not proposed again.
 * A year belongs to the term when it overlaps it (termStart/termEnd: a year, or 'YYYY-MM-DD').
 * If the history holds a year twice, the later entry wins (a re-run replaces its period).
 */
/**
 * The contract term (by calendar years) that the evaluated year falls in. Contracts renew for
 * the same length until the worker exits (non-renewal is exit situation 5), so after the first
 * term `hiredOn`..`contractEndsOn` the terms roll on: a worker hired in 2020 on 3-year contracts
 * is in the 2023–2026 term in 2024.
 */
export function contractTermFor(
  hiredOn: string,
  contractEndsOn: string,
  year: number,
): { from: number; to: number } {
  const first = yearOf(hiredOn);
  const length = Math.max(1, yearOf(contractEndsOn) - first);
  if (year <= yearOf(contractEndsOn)) return { from: first, to: yearOf(contractEndsOn) };
  const k = Math.floor((year - first) / length);
  return { from: first + k * length, to: first + (k + 1) * length };
}

export function exitProposalFor(
  annualHistory: readonly AnnualGrade[],
  termStart: number | string,
  termEnd: number | string,
  year: number,
): ExitProposal | null {
  const byYear = new Map<number, EvaluationGrade>();
  for (const h of annualHistory) byYear.set(h.year, h.grade);
  const current = byYear.get(year);
  if (current === 'failed') {
    return {
      situation: 1,
      reason: 'failed-year',
      years: [year],
      note: `${year} 年度考核不称职`,
    };
  }
  if (current !== 'basic') return null;
  const from = yearOf(termStart);
  const to = yearOf(termEnd);
  const inTerm = (y: number) => y >= from && y <= to;
  if (!inTerm(year)) return null;
  const earlier = [...byYear]
    .filter(([y, g]) => g === 'basic' && y < year && inTerm(y))
    .map(([y]) => y)
    .sort((a, b) => a - b);
  if (earlier.length === 0) return null;
  const years = [...earlier, year];
  return {
    situation: 1,
    reason: 'basic-twice-in-term',
    years,
    note: `合同期（${from}–${to} 年）内 ${years.join('、')} 年度考核均为基本称职`,
  };
}
