import { authorize } from '#shared/auth/authorize.ts';
import { ancestorsOf } from '#shared/domain/org-paths.ts';
import type { RequestContext } from '#shared/context.ts';
import { mentorKeys } from '#shared/db/entities/mentoring.ts';
import { orgUnitKeys, toOrgUnit } from '#shared/db/entities/org-unit.ts';
import { reservePoolKeys } from '#shared/db/entities/promotion.ts';
import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import type { Store } from '#shared/db/store.ts';
import { exitSituation } from '#shared/domain/exits.ts';
import { type ExitRequest, exitWorkerOps } from '#shared/usecases/exits.ts';
import { loadWorker, workerResource, workerLookup } from '#shared/usecases/workers.ts';

/**
 * POST /v1/workers/{id}/exits/preview: what recording this exit would do, without doing it. Runs the
 * exit's own checks and reads (`exitWorkerOps`, so the same 4xx answers) and writes nothing; then
 * names the effects the officer confirms: the seats released on each quota-holding unit, the
 * pairings that end (as mentee and as mentor), the reserve pool, the honour nominations withdrawn.
 */
export async function previewExit(store: Store, ctx: RequestContext, workerId: string, request: ExitRequest) {
  const worker = await loadWorker(store, workerId);
  authorize(ctx.actor, 'worker:write', workerResource(worker), workerLookup(worker.id));
  const { audit } = await exitWorkerOps(store, ctx, worker, request);
  const situation = exitSituation(request.situation)!;
  const [units, mentorItem, poolItem, mentors] = await Promise.all([
    store.batchGet(ancestorsOf(worker.org).map((id) => orgUnitKeys.key(id))),
    store.get(mentorKeys.key(worker.id)),
    store.get(reservePoolKeys.key(worker.id)),
    worker.mentorIds.length > 0
      ? store.batchGet(worker.mentorIds.map((id) => workerKeys.key(id)))
      : Promise.resolve([]),
  ]);
  const chain = new Map(units.map((u) => [u.id as string, toOrgUnit(u)]));
  const seatsReleased = ancestorsOf(worker.org)
    .reverse()
    .map((id) => chain.get(id))
    .filter((u) => u?.holdsQuota)
    .map((u) => ({
      org: u!.id,
      name: u!.name,
      quota: u!.quota,
      used: u!.used,
      usedAfter: u!.used - 1,
    }));
  const activeMentees = Number((mentorItem as { activeMentees?: number } | undefined)?.activeMentees ?? 0);
  return {
    workerId: worker.id,
    name: worker.name,
    org: worker.org,
    situation: { situation: situation.situation, code: situation.code, label: situation.zh },
    effectiveOn: request.effectiveOn,
    seatsReleased,
    mentorsReleased: mentors.map(toWorker).map((m) => ({ workerId: m.id, name: m.name })),
    menteesReleased: activeMentees,
    leavesReservePool: poolItem !== undefined,
    nominationsWithdrawn: audit.filter((a) => a.action === 'honour.withdrawn').length,
  };
}
