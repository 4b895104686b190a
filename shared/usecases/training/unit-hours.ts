import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import {
  activeWorkerOrder,
  activeWorkersOf,
  attendances as attendanceReads,
  trainingYearStart,
} from '#shared/db/training.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import {
  type TrainingStanding,
  hoursToMinutes,
  trainingStanding,
  trainingSummary,
} from '#shared/domain/training.ts';
import { badRequest } from '#shared/errors.ts';
import type { Store } from '#shared/db/store.ts';
import { policyAt } from '#shared/usecases/policies.ts';

export interface UnitTrainingHoursQuery {
  org: string;
  year?: number | undefined;
  standing?: TrainingStanding | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/**
 * GET /v1/training-hours (HR of the subtree): each active worker of a unit against the year's
 * requirement (hours, 每周半日学 weeks, progress, standing) and how many are behind, from the unit's
 * workers (one Query) and its attendances (one Query per training period, three) rather than a
 * request per worker; only workers who moved in during the year are read one by one. `standing`
 * keeps one kind; pages follow org-path order by cursor.
 */
export async function unitTrainingHours(store: Store, ctx: RequestContext, query: UnitTrainingHoursQuery) {
  authorize(ctx.actor, 'training:manage', { org: query.org });
  const today = shanghaiDate(ctx.now);
  const year = query.year ?? Number(today.slice(0, 4));
  const y = String(year);
  const after = query.cursor === undefined ? undefined : decodeAfter(query.cursor, query.org);
  const [workers, attendances, policy] = await Promise.all([
    activeWorkersOf(store, query.org),
    attendanceReads.ofSubtreeYear(store, query.org, year),
    policyAt(store, query.org, 'training', today < `${y}-12-31` ? today : `${y}-12-31`),
  ]);
  // Attendances stay filed under the unit the worker served in when they were recorded, so a
  // worker who moved here (调动) after the year's first training day has some of theirs elsewhere:
  // theirs are read from the worker's own partition, one Query per such worker.
  const start = trainingYearStart(year);
  const movedIn = workers.filter((worker) => worker.orgSince !== undefined && worker.orgSince >= start);
  const movedInAttendances = await Promise.all(
    movedIn.map((worker) => attendanceReads.ofWorkerTrainingYear(store, worker.id, year)),
  );
  const byWorker = new Map<string, { date: string; hours: number }[]>();
  const readOnTheirOwn = new Set(movedIn.map((worker) => worker.id));
  for (const a of [
    ...attendances.filter((a) => !readOnTheirOwn.has(a.workerId)),
    ...movedInAttendances.flat(),
  ]) {
    const list = byWorker.get(a.workerId) ?? [];
    list.push({ date: a.date, hours: a.hours });
    byWorker.set(a.workerId, list);
  }
  const asOf = year >= Number(today.slice(0, 4)) ? today : undefined;
  const requiredMinutes = hoursToMinutes(policy.document.annualRequiredHours);
  const rows = workers.map((worker) => {
    const summary = trainingSummary(byWorker.get(worker.id) ?? [], y, policy.document, asOf);
    return {
      sortKey: activeWorkerOrder(worker),
      workerId: worker.id,
      name: worker.name,
      org: worker.org,
      totalMinutes: summary.totalMinutes,
      totalHours: summary.totalHours,
      attendances: summary.attendances,
      compliantWeeks: summary.compliantWeeks,
      weeksInYearSoFar: summary.weeksInYearSoFar,
      requirementMet: summary.requirementMet,
      progressPercent: summary.progressPercent,
      remainingHours: Math.round((Math.max(0, requiredMinutes - summary.totalMinutes) * 100) / 60) / 100,
      standing: trainingStanding(summary),
    };
  });
  const count = (standing: TrainingStanding) => rows.filter((r) => r.standing === standing).length;
  const chosen = rows.filter(
    (r) =>
      (query.standing === undefined || r.standing === query.standing) &&
      (after === undefined || r.sortKey > after),
  );
  const limit = query.limit ?? 50;
  const page = chosen.slice(0, limit);
  return {
    org: query.org,
    year,
    policyVersion: policy.version,
    annualRequiredHours: policy.document.annualRequiredHours,
    weeklyStudyMinHours: policy.document.weeklyStudyMinHours,
    summary: { workers: rows.length, met: count('met'), behind: count('behind'), onTrack: count('on-track') },
    items: page.map(({ sortKey: _, ...row }) => row),
    ...(chosen.length > limit ? { cursor: encodeAfter(page.at(-1)!.sortKey) } : {}),
  };
}

const encodeAfter = (sortKey: string) =>
  Buffer.from(JSON.stringify({ after: sortKey })).toString('base64url');

/** The cursor's sort key; one this list did not give for this subtree is the caller's mistake (400). */
function decodeAfter(cursor: string, org: string): string {
  let after: unknown;
  try {
    after = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown }).after;
  } catch {
    after = undefined;
  }
  if (typeof after !== 'string' || !after.startsWith(`${org}/`)) {
    throw badRequest('The cursor does not belong to this list', { cursor }, 'INVALID_CURSOR');
  }
  return after;
}
