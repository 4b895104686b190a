import type { CertificateLevel } from './certificates.ts';
import type { ExitSituationNumber } from './exits.ts';
import type { HonourType } from './honours.ts';
import type { SessionMode } from './mentoring.ts';
import type { Post } from './pay.ts';
import type { Committee, CommitteeRole } from './promotion.ts';
import type { TrainingLevel } from './training.ts';
import type { HireChannel } from './workers.ts';

/**
 * Names of the stats counters that writers (in the change's own transaction) and readers (the
 * stats sections) share, so a typo can't read as 0. Stock figures live on `STATS#<org>`/`CURRENT`,
 * flows per year on `STATS#<org>`/`YEAR#<y>` (db/entities/stats.ts).
 */
export const CERTIFIED_ACTIVE = 'certified_active';
export const HEADCOUNT_ACTIVE = 'headcount_active';

/** `case-analysis` → `case_analysis`, in the type too. */
type Snake<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Snake<B>}` : S;
const snake = <S extends string>(s: S) => s.replace(/-/g, '_') as Snake<S>;

/**
 * Every counter name there is. Writers (`statsIncrements`, `currentIncrements`,
 * `batchStatsIncrements`) and readers (`countersOf`) take `StatsCounters`, so a misspelt name fails
 * the typecheck; names with a variable part are built only by the functions below (a unit test
 * fails on a counter name assembled anywhere else).
 */
export type StatsCounter =
  | typeof HEADCOUNT_ACTIVE
  | typeof CERTIFIED_ACTIVE
  | `post_${Post}_grade_${number}`
  | 'hires_total'
  | `hires_${Snake<HireChannel>}`
  | 'exits_total'
  | `exits_situation_${ExitSituationNumber}`
  | 'training_events'
  | `training_events_${TrainingLevel}`
  | 'micro_classrooms'
  | 'training_person_times'
  | 'training_minutes'
  | 'mentors'
  | 'mentees'
  | 'coaching_sessions'
  | `coaching_sessions_${Snake<SessionMode>}`
  | 'coaching_minutes'
  | 'certificates_registered'
  | `certificates_${CertificateLevel}`
  | 'promotions_total'
  | `promotions_${Committee}_${CommitteeRole}`
  | 'grade_steps_regular'
  | 'grade_steps_early'
  | 'nominations_total'
  | `nominations_${Snake<HonourType>}`
  | `honour_results_${Snake<HonourType>}`
  | 'awards_total'
  | `awards_${Snake<HonourType>}`;

/** Counter deltas (writers) or values (readers) by name. */
export type StatsCounters = Partial<Record<StatsCounter, number>>;

/** Stock counter of workers at (post, grade), e.g. `post_staff_grade_3`. */
export const postGradeCounter = (post: Post, grade: number) => `post_${post}_grade_${grade}` as const;
export const hiresCounter = (channel: HireChannel) => `hires_${snake(channel)}` as const;
export const exitsCounter = (situation: ExitSituationNumber) => `exits_situation_${situation}` as const;
export const trainingEventsCounter = (level: TrainingLevel) => `training_events_${level}` as const;
export const coachingModeCounter = (mode: SessionMode) => `coaching_sessions_${snake(mode)}` as const;
export const certificatesCounter = (level: CertificateLevel) => `certificates_${level}` as const;
export const promotionsCounter = (committee: Committee, role: CommitteeRole) =>
  `promotions_${committee}_${role}` as const;
export const nominationsCounter = (type: HonourType) => `nominations_${snake(type)}` as const;
export const honourResultsCounter = (type: HonourType) => `honour_results_${snake(type)}` as const;
export const awardsCounter = (type: HonourType) => `awards_${snake(type)}` as const;

/**
 * One set of counters from (name, n) pairs: an object literal with a computed key would widen to
 * any string, a pair keeps the name checked.
 */
export function tally(...entries: readonly (readonly [StatsCounter, number])[]): StatsCounters {
  const out: StatsCounters = {};
  for (const [name, n] of entries) out[name] = (out[name] ?? 0) + n;
  return out;
}

/**
 * Stock counter deltas for a worker at (post, grade). Hire/transfer-in add `gradeCounters(post,
 * grade, 1)`, exits `-1`, with `currentIncrements` in the same transaction as the change — merged
 * into the same call as other stock counters (a transaction may touch the CURRENT item only once).
 */
export function gradeCounters(post: Post, grade: number, delta: number): StatsCounters {
  return tally([postGradeCounter(post, grade), delta]);
}

/**
 * Development's share of the stock figures: `certified_active` = active workers holding at least
 * one social-work certificate. Certificates add one when an active worker's first certificate is
 * recorded; hire and transfer-in add this, exit and transfer-out take it back (`exitCounterAdjustments`).
 */
export function developmentStockCounters(worker: { certificates?: readonly unknown[] }): StatsCounters {
  return (worker.certificates ?? []).length > 0 ? { [CERTIFIED_ACTIVE]: 1 } : {};
}

/**
 * The signed adjustments to ADD to the worker's org unit's CURRENT item when an active worker exits
 * (or leaves the unit on a transfer), in that change's own transaction.
 */
export function exitCounterAdjustments(worker: { certificates?: readonly unknown[] }): StatsCounters {
  return negated(developmentStockCounters(worker));
}

/**
 * What one active worker contributes to the stock figures: the active headcount, careers' workers
 * by post and grade, development's certified count. `direction` 1 on hire / transfer-in, -1 on exit.
 */
export function activeStockCounters(
  worker: { post: Post; grade: number; certificates?: readonly unknown[] },
  direction: 1 | -1,
): StatsCounters {
  const sum: StatsCounters = { [HEADCOUNT_ACTIVE]: direction };
  const shares = [gradeCounters(worker.post, worker.grade, 1), developmentStockCounters(worker)];
  for (const share of shares)
    for (const [name, n] of entriesOf(share)) sum[name] = (sum[name] ?? 0) + n * direction;
  return sum;
}

/** The counters' (name, n) pairs, names typed. */
export function entriesOf(c: StatsCounters): [StatsCounter, number][] {
  return Object.entries(c).filter((e): e is [StatsCounter, number] => typeof e[1] === 'number');
}

/** Each counter with its sign reversed (the undo of an increment). */
export function negated(c: StatsCounters): StatsCounters {
  return Object.fromEntries(entriesOf(c).map(([name, n]) => [name, -n])) as StatsCounters;
}
