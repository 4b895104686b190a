import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import type { EvaluationResultRecord } from '#shared/db/entities/evaluation.ts';
import { unitResults, workerTimeline } from '#shared/db/evaluation.ts';
import type { Store } from '#shared/db/store.ts';
import type { PeriodKind } from '#shared/domain/evaluation.ts';
import { forbidden } from '#shared/errors.ts';
import { loadOrgUnit } from '#shared/usecases/org-units.ts';
import { loadWorker, readableWorkerResource, workerLookup } from '#shared/usecases/workers.ts';

const points = (hundredths: number) => hundredths / 100;

/** A result as the API shows it: scores in points (87.45), not hundredths. */
export function resultView(r: EvaluationResultRecord) {
  return {
    workerId: r.workerId,
    workerName: r.workerName,
    org: r.org,
    period: r.period,
    kind: r.kind,
    components: {
      poll: points(r.components.poll),
      departments: points(r.components.departments),
      duty: points(r.components.duty),
      workOrders: points(r.components.workOrders),
    },
    total: points(r.totalHundredths),
    rank: r.rank,
    unitSize: r.unitSize,
    grade: r.grade,
    label: r.label,
    cappedFromExcellent: r.cappedFromExcellent,
    satisfactionFailed: r.satisfactionFailed,
    satisfactionPercent: r.satisfactionPercent === null ? null : points(r.satisfactionPercent),
    missing: r.missing,
    training: r.training
      ? {
          hours: r.training.hours,
          requirementMet: r.training.requirementMet,
          penalty: points(r.training.penaltyHundredths),
        }
      : null,
    inputs: r.inputs,
    sources: r.sources,
    policyVersion: r.policyVersion,
    runId: r.runId,
    computedAt: r.computedAt,
  };
}

export interface TimelineQuery {
  kind?: PeriodKind | undefined;
  year?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

async function timeline(store: Store, workerId: string, query: TimelineQuery) {
  const page = await workerTimeline(store, workerId, { ...query, limit: query.limit ?? 50 });
  return { items: page.items.map(resultView), cursor: page.cursor };
}

/** A worker's evaluations, newest first: HR of their subtree, the worker, their mentors. */
export async function listWorkerEvaluations(
  store: Store,
  ctx: RequestContext,
  workerId: string,
  query: TimelineQuery,
) {
  const worker = await loadWorker(store, workerId);
  authorize(
    ctx.actor,
    'evaluation:read',
    await readableWorkerResource(store, ctx, worker),
    workerLookup(worker.id),
  );
  return timeline(store, workerId, query);
}

/** The caller's own evaluations (workers and mentors are workers themselves). */
export async function listMyEvaluations(store: Store, ctx: RequestContext, query: TimelineQuery) {
  const workerId = ctx.actor.workerId;
  if (!workerId) throw forbidden('Only workers have evaluations of their own', { role: ctx.actor.role });
  authorize(ctx.actor, 'evaluation:read', { workerId });
  return timeline(store, workerId, query);
}

/** One org unit's results for a period, by rank (HR of the unit's subtree). */
export async function listUnitResults(store: Store, ctx: RequestContext, org: string, period: string) {
  authorize(ctx.actor, 'evaluation:read', { org });
  await loadOrgUnit(store, org);
  const results = (await unitResults(store, period, org)).map(resultView).sort((a, b) => a.rank - b.rank);
  return { org, period, items: results };
}
