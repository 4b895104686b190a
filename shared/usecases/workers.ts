import type { Actor } from '#shared/auth/actor.ts';
import type { LookedUp, Resource } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { mentorships } from '#shared/db/mentoring.ts';
import { currentIncrements, statsIncrements } from '#shared/db/entities/stats.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { workers } from '#shared/db/workers.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { isWithinPairing } from '#shared/domain/mentoring.ts';
import { maskNationalId } from '#shared/domain/national-id.ts';
import { notFound, unprocessable } from '#shared/errors.ts';
import { seatOps } from '#shared/usecases/org-units.ts';
import { activeStockCounters, hiresCounter, tally } from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

export async function loadWorker(store: Store, id: string): Promise<WorkerRecord> {
  const worker = await workers.get(store, id);
  if (!worker) throw notFound('worker', id);
  return worker;
}

/**
 * `authorize`'s `lookedUp` for a worker the caller named by id: refused as if the worker did not
 * exist, unless the caller may see the worker (then the refusal is a 403).
 */
export const workerLookup = (id: string): LookedUp => ({ what: 'worker', id, seenWith: 'worker:read' });

/** The facts authorisation needs about a worker's records. */
export function workerResource(worker: Pick<WorkerRecord, 'id' | 'org' | 'mentorIds'>): Resource {
  return { org: worker.org, workerId: worker.id, mentorIds: worker.mentorIds };
}

/**
 * `workerResource` for reads: a mentor counts as the worker's mentor only while one of their
 * pairings is active and today lies inside its period. (`mentorIds` keeps a mentor whose period
 * ran out until the pairing is completed, which only their next pairing does.) One Query, and only
 * when a mentor reads someone else's records.
 */
export async function readableWorkerResource(
  store: Store,
  ctx: RequestContext,
  worker: Pick<WorkerRecord, 'id' | 'org' | 'mentorIds'>,
): Promise<Resource> {
  const resource = workerResource(worker);
  const me = ctx.actor.workerId;
  if (ctx.actor.role !== 'mentor' || !me || me === worker.id || !worker.mentorIds.includes(me))
    return resource;
  const today = shanghaiDate(ctx.now);
  const pairings = await mentorships.ofMentee(store, worker.id);
  const current = pairings.some(
    (m) => m.mentorId === me && m.status === 'active' && isWithinPairing(today, m),
  );
  return current ? resource : { ...resource, mentorIds: worker.mentorIds.filter((id) => id !== me) };
}

/** What a caller may see: national ids are masked for everyone but HR officers. */
export function workerView(worker: WorkerRecord, actor: Actor) {
  const { version, ...rest } = worker;
  return {
    ...rest,
    nationalId: actor.role === 'hr' ? worker.nationalId : maskNationalId(worker.nationalId),
    version,
  };
}

/**
 * Write ops that bring a new active worker into being: the worker item, the one-active-worker-
 * per-national-id guard, a seat on every quota-holding ancestor, the hire counters and the stock
 * figures (`activeStockCounters`: active headcount, post/grade, certified). Commit them in one
 * transaction together with whatever else the channel changes (candidate status, batch).
 */
export async function newWorkerOps(store: Store, worker: WorkerRecord, hireYear: number): Promise<WriteOp[]> {
  return [
    ...workerRecordOps(worker),
    ...(await seatOps(store, worker.org, 1)),
    ...statsIncrements(worker.org, hireYear, tally([hiresCounter(worker.channel), 1], ['hires_total', 1])),
    ...currentIncrements(worker.org, activeStockCounters(worker, 1)),
  ];
}

/**
 * Just the worker item and its national-id guard (no seats, no counters): batches that take seats
 * and count for many workers at once (bulk transfer) use this and aggregate the rest per unit.
 */
export function workerRecordOps(worker: WorkerRecord): WriteOp[] {
  return workers.create(worker);
}

/** The active worker holding a national id, if any (one GetItem). */
export async function activeWorkerIdFor(store: Store, nationalId: string): Promise<string | undefined> {
  return workers.activeIdFor(store, nationalId);
}

export type { RequestContext };

/**
 * Bulk rows that name a worker by 身份证号 get the active worker's id (one BatchGet for the lot).
 * A national id without an active worker is 422 UNKNOWN_WORKERS listing the rows (1-based), so
 * nothing is checked further; the use-case still checks each worker is inside the caller's subtree.
 */
export async function resolveWorkerReferences<R extends { workerId?: string; nationalId?: string }>(
  store: Store,
  rows: R[],
): Promise<(Omit<R, 'nationalId'> & { workerId: string })[]> {
  const byNationalId = await workers.activeIdsFor(
    store,
    rows.filter((r) => r.workerId === undefined).map((r) => r.nationalId!),
  );
  const unknown = rows.flatMap((r, i) =>
    r.workerId === undefined && !byNationalId.has(r.nationalId!)
      ? [{ row: i + 1, nationalId: maskNationalId(r.nationalId!) }]
      : [],
  );
  if (unknown.length > 0)
    throw unprocessable('UNKNOWN_WORKERS', 'No active worker holds these national ids', unknown);
  return rows.map(({ nationalId, ...rest }) => ({
    ...rest,
    workerId: rest.workerId ?? byNationalId.get(nationalId!)!,
  }));
}
