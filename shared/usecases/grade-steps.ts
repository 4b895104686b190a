import { authorize } from '#shared/auth/authorize.ts';
import { rootOf } from '#shared/domain/org-paths.ts';
import type { RequestContext } from '#shared/context.ts';
import { orgUnits } from '#shared/db/org-units.ts';
import { statsIncrements } from '#shared/db/entities/stats.ts';
import { workers } from '#shared/db/workers.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import type { EvaluationGrade } from '#shared/domain/evaluation.ts';
import { initialStepState, type StepReason, yearlyStep } from '#shared/domain/pay.ts';
import { AppError, unprocessable } from '#shared/errors.ts';
import { gradeChangeOps, gradeSinceOf, payPolicyAt } from '#shared/usecases/pay/grades.ts';
import { loadWorker } from '#shared/usecases/workers.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * The yearly grade step (1 January, docs/RULES.md, `pay`), for every active worker of the given cities.
 *
 * - Rules: `yearlyStep` (domain/pay.ts) on the worker's step state and annual evaluations, under the
 *   pay policy in effect on 1 January of the year. Only whole calendar years held in the grade count
 *   (the grade's date is `gradeSince`: hire, transfer-in, step, setting or promotion); a year not held
 *   whole is marked considered ('partial-year') without counting. A step is effective on 1 January
 *   and recorded in the grade history (reason 'step').
 * - Idempotent: each worker's write is conditioned on its version and on the step state not already
 *   carrying the year (`step.lastStepYear < year`), so a second run for the same year — or two runs
 *   at once — changes nothing. Workers without last year's evaluation are left untouched and are
 *   picked up by a later run once the evaluation is recorded.
 * - Skipped: workers hired (or whose grade changed) after 1 January of the year: they were not in
 *   that grade on the step date; HR-set grades and promotions already count as that year's step.
 * - Scale: per city, one ByCollection Query (paged) of active workers; each page is processed with
 *   bounded concurrency, one small transaction per worker (worker, history, counters, audit), so the
 *   work is linear in the number of workers and one worker's failure never blocks the others.
 */
export interface GradeStepCounts {
  year: number;
  cities: string[];
  payPolicyVersion: string;
  examined: number;
  stepped: number;
  /** Step state advanced (year counted, count reset, top of band) but the grade stayed. */
  unchanged: number;
  /** Nothing written: already applied, no evaluation yet, hired/changed after 1 January, … */
  skipped: number;
  failed: number;
  reasons: Record<string, number>;
  failures: { workerId: string; code: string; message: string }[];
}

const CONCURRENCY = 4;
const PAGE_SIZE = 100;
const MAX_ATTEMPTS = 3;

type SkipReason = StepReason | 'changed-after-step-date' | 'outside-band';

export async function runGradeSteps(
  store: Store,
  ctx: RequestContext,
  input: { year: number; cities: string[] },
): Promise<GradeStepCounts> {
  const { year, cities } = input;
  const stepDate = `${year}-01-01`;
  const policies = await Promise.all(cities.map((city) => payPolicyAt(store, city, stepDate)));
  const counts: GradeStepCounts = {
    year,
    cities,
    payPolicyVersion: [...new Set(policies.map((p) => p.version))].join(' '),
    examined: 0,
    stepped: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    reasons: {},
    failures: [],
  };
  const note = (reason: string) => {
    counts.reasons[reason] = (counts.reasons[reason] ?? 0) + 1;
  };

  const stepOne = async (initial: WorkerRecord, policy: (typeof policies)[number]) => {
    let worker = initial;
    for (let attempt = 1; ; attempt++) {
      try {
        if (worker.status !== 'active') {
          counts.skipped++;
          return note('not-active');
        }
        if (gradeSinceOf(worker) > stepDate) {
          counts.skipped++;
          return note('changed-after-step-date' satisfies SkipReason);
        }
        const annual = Object.entries(worker.annualGrades ?? {}).map(([y, grade]) => ({
          year: Number(y),
          grade: grade as EvaluationGrade,
        }));
        let outcome: ReturnType<typeof yearlyStep>;
        try {
          outcome = yearlyStep(
            { ...(worker.step ?? initialStepState(worker.grade)), grade: worker.grade },
            annual,
            year,
            worker.post,
            policy.document,
            gradeSinceOf(worker),
          );
        } catch (error) {
          if (error instanceof AppError && error.code === 'GRADE_OUTSIDE_BAND') {
            counts.skipped++;
            return note('outside-band' satisfies SkipReason);
          }
          throw error;
        }
        if (
          !outcome.stepped &&
          ['already-applied', 'out-of-order', 'no-evaluation'].includes(outcome.reason)
        ) {
          counts.skipped++;
          return note(outcome.reason);
        }
        let ops: WriteOp[];
        if (outcome.stepped) {
          ops = [
            ...gradeChangeOps(ctx, worker, {
              post: worker.post,
              grade: outcome.state.grade,
              effectiveOn: stepDate,
              reason: 'step',
              note: outcome.reason,
              ref: `step:${year}`,
              step: outcome.state,
              stepNotCountedIn: year,
            }),
            ...statsIncrements(worker.org, year, {
              [outcome.reason === 'early-step' ? 'grade_steps_early' : 'grade_steps_regular']: 1,
            }),
          ];
        } else {
          ops = gradeChangeOps(ctx, worker, {
            post: worker.post,
            grade: worker.grade,
            effectiveOn: stepDate,
            reason: 'step',
            step: outcome.state,
            stepNotCountedIn: year,
          });
        }
        await store.transact(ctx, ops, [
          {
            entity: `worker:${worker.id}`,
            org: worker.org,
            action: outcome.stepped ? 'worker.grade-stepped' : 'worker.step-counted',
            before: { grade: worker.grade, step: worker.step },
            after: { grade: outcome.state.grade, step: outcome.state, reason: outcome.reason, year },
          },
        ]);
        if (outcome.stepped) counts.stepped++;
        else counts.unchanged++;
        return note(outcome.reason);
      } catch (error) {
        // A concurrent change (HR, another run): reload and decide again; the guard keeps it once.
        if (error instanceof AppError && error.status === 409 && attempt < MAX_ATTEMPTS) {
          worker = await loadWorker(store, worker.id);
          continue;
        }
        counts.failed++;
        counts.failures.push({
          workerId: worker.id,
          code: error instanceof AppError ? error.code : 'INTERNAL',
          message: error instanceof Error ? error.message : String(error),
        });
        return;
      }
    }
  };

  for (const [cityIndex, city] of cities.entries()) {
    const policy = policies[cityIndex]!;
    let cursor: string | undefined;
    do {
      const page = await workers.activeInCityPage(store, city, cursor, PAGE_SIZE);
      const active = page.items;
      counts.examined += active.length;
      let next = 0;
      const lane = async () => {
        while (next < active.length) await stepOne(active[next++]!, policy);
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, active.length) }, lane));
      cursor = page.cursor;
    } while (cursor);
  }
  if (counts.failures.length > 50) counts.failures = counts.failures.slice(0, 50);
  return counts;
}

/** Every city (root org unit), from the ByRelation `CITIES` partition. */
export const allCities = (store: Store): Promise<string[]> => orgUnits.cityIds(store);

/** POST /v1/grade-steps: a city-level HR officer runs the step for their city on demand. */
export async function runGradeStepsOnDemand(store: Store, ctx: RequestContext, input: { year: number }) {
  const city = rootOf(ctx.actor.org);
  authorize(ctx.actor, 'pay:write', { org: city });
  const today = shanghaiDate(ctx.now);
  if (`${input.year}-01-01` > today) {
    throw unprocessable(
      'YEAR_NOT_STARTED',
      `The ${input.year} step can't run before 1 January ${input.year}`,
      {
        year: input.year,
        today,
      },
    );
  }
  return runGradeSteps(store, ctx, { year: input.year, cities: [city] });
}
