import type { Actor } from '#shared/auth/actor.ts';
import type { LookedUp, Resource } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { mentorshipKeys, toMentorship } from '#shared/db/entities/mentoring.ts';
import { currentIncrements, statsIncrements } from '#shared/db/entities/stats.ts';
import { workerItem, workerKeys, toWorker } from '#shared/db/entities/worker.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { isWithinPairing } from '#shared/domain/mentoring.ts';
import { maskNationalId } from '#shared/domain/national-id.ts';
import { conflict, notFound, unprocessable } from '#shared/errors.ts';
import { seatOps } from '#shared/usecases/org-units.ts';
import { activeStockCounters } from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

export async function loadWorker(store: Store, id: string): Promise<WorkerRecord> {
  const item = await store.get(workerKeys.key(id));
  if (!item) throw notFound('worker', id);
  return toWorker(item);
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
  const pairings = await store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': mentorshipKeys.byMentee(worker.id) },
  });
  const current = pairings
    .map(toMentorship)
    .some((m) => m.mentorId === me && m.status === 'active' && isWithinPairing(today, m));
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
    ...statsIncrements(worker.org, hireYear, {
      [`hires_${worker.channel.replace(/-/g, '_')}`]: 1,
      hires_total: 1,
    }),
    ...currentIncrements(worker.org, activeStockCounters(worker, 1)),
  ];
}

/**
 * Just the worker item and its national-id guard (no seats, no counters): batches that take seats
 * and count for many workers at once (bulk transfer) use this and aggregate the rest per unit.
 */
export function workerRecordOps(worker: WorkerRecord): WriteOp[] {
  return [
    {
      Put: { Item: workerItem(worker), ConditionExpression: 'attribute_not_exists(pk)' },
      onConditionFailed: () =>
        conflict('WORKER_EXISTS', `Worker ${worker.id} already exists`, { workerId: worker.id }),
    },
    {
      Put: {
        Item: { ...workerKeys.activeNationalId(worker.nationalId), type: 'national-id', workerId: worker.id },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      onConditionFailed: () =>
        conflict('ALREADY_ACTIVE_WORKER', 'A person with this national id is already an active worker', {
          nationalId: maskNationalId(worker.nationalId),
        }),
    },
  ];
}

/** The active worker holding a national id, if any (one GetItem). */
export async function activeWorkerIdFor(store: Store, nationalId: string): Promise<string | undefined> {
  const item = await store.get(workerKeys.activeNationalId(nationalId));
  return item?.workerId as string | undefined;
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
  const wanted = [...new Set(rows.filter((r) => r.workerId === undefined).map((r) => r.nationalId!))];
  const guards = wanted.length
    ? await store.batchGet(wanted.map((id) => workerKeys.activeNationalId(id)))
    : [];
  const byNationalId = new Map(guards.map((g) => [String(g.pk).slice('NATID#'.length), String(g.workerId)]));
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
