import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import type { Store } from '#shared/db/store.ts';
import { attendances } from '#shared/db/training.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import {
  compliantWeekKeys,
  hoursToMinutes,
  type TrainingLevel,
  trainingLevels,
  trainingSummary,
} from '#shared/domain/training.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { loadWorker, readableWorkerResource, workerLookup } from '#shared/usecases/workers.ts';

/** The worker's year: hours, attendances, weekly half-day study, progress (no authorisation). */
export async function trainingYear(
  store: Store,
  worker: Pick<WorkerRecord, 'id' | 'org'>,
  year: number,
  asOfToday: string,
) {
  const y = String(year);
  const currentYear = Number(asOfToday.slice(0, 4));
  const policy = await policyAt(
    store,
    worker.org,
    'training',
    asOfToday < `${y}-12-31` ? asOfToday : `${y}-12-31`,
  );
  const items = await attendances.ofWorkerTrainingYear(store, worker.id, year);
  const summary = trainingSummary(
    items.map((a) => ({ date: a.date, hours: a.hours })),
    y,
    policy.document,
    year >= currentYear ? asOfToday : undefined,
  );
  const inYear = items.filter((a) => a.date.startsWith(`${y}-`));
  const byLevel = Object.fromEntries(
    trainingLevels.map((level) => {
      const of = inYear.filter((a) => a.level === level);
      const minutes = of.reduce((s, a) => s + a.minutes, 0);
      return [level, { attendances: of.length, hours: Math.round((minutes * 100) / 60) / 100 }];
    }),
  ) as Record<TrainingLevel, { attendances: number; hours: number }>;
  const requiredMinutes = hoursToMinutes(policy.document.annualRequiredHours);
  return {
    ...summary,
    year,
    policyVersion: policy.version,
    annualRequiredHours: policy.document.annualRequiredHours,
    weeklyStudyMinHours: policy.document.weeklyStudyMinHours,
    remainingHours: Math.round((Math.max(0, requiredMinutes - summary.totalMinutes) * 100) / 60) / 100,
    compliantWeekKeys: compliantWeekKeys(
      items.map((a) => ({ date: a.date, hours: a.hours })),
      y,
      policy.document,
    ),
    byLevel,
    records: inYear.map((a) => ({
      eventId: a.eventId,
      date: a.date,
      title: a.title,
      level: a.level,
      hours: a.hours,
    })),
  };
}

/** GET /v1/workers/{id}/training and /v1/me/training: HR of the subtree, the worker, their mentor. */
export async function workerTraining(store: Store, ctx: RequestContext, workerId: string, year?: number) {
  const worker = await loadWorker(store, workerId);
  authorize(
    ctx.actor,
    'training:read',
    await readableWorkerResource(store, ctx, worker),
    workerLookup(worker.id),
  );
  const asOf = shanghaiDate(ctx.now);
  return {
    workerId: worker.id,
    name: worker.name,
    org: worker.org,
    ...(await trainingYear(store, worker, year ?? Number(asOf.slice(0, 4)), asOf)),
  };
}
