import { authorize } from '#shared/auth/authorize.ts';
import { ancestorsOf } from '#shared/domain/org-paths.ts';
import type { RequestContext } from '#shared/context.ts';
import type { OrgUnitRecord } from '#shared/db/entities/org-unit.ts';
import { orgUnits } from '#shared/db/org-units.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { badRequest, conflict, notFound, unprocessable } from '#shared/errors.ts';
import { type QuotaPolicy, quotaFor } from '#shared/domain/quota.ts';
import { type OrgLevel, orgLevels } from '#shared/domain/org-paths.ts';
import type { CreateOrgUnitInput, OrgUnit } from '#shared/domain/org-units.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { forgetOrgUnitLabel } from '#shared/usecases/org-unit-names.ts';

/** Quota = approved quota (核定员额) if set, else floor(residents × ratio / 10,000); integers only. */
export function computeQuota(
  unit: { level: OrgLevel; urbanPopulation: number | null; approvedQuota: number | null },
  policy: QuotaPolicy,
): number | null {
  if (!policy.quotaLevels.includes(unit.level)) return null;
  if (unit.approvedQuota === null && unit.urbanPopulation === null) return null;
  return quotaFor({ urbanPopulation: unit.urbanPopulation ?? 0, approvedQuota: unit.approvedQuota }, policy);
}

export function publicOrgUnit(record: OrgUnitRecord): OrgUnit & { version: number } {
  return record;
}

export async function loadOrgUnit(store: Store, id: string): Promise<OrgUnitRecord> {
  const unit = await orgUnits.get(store, id);
  if (!unit) throw notFound('org unit', id);
  return unit;
}

export async function createOrgUnit(store: Store, ctx: RequestContext, input: CreateOrgUnitInput) {
  const parentId = input.parentId ?? null;
  authorize(ctx.actor, 'org-unit:write', { org: parentId ?? input.id });
  const levelIndex = orgLevels.indexOf(input.level);
  if (parentId === null) {
    if (input.level !== 'city' || input.id.includes('/')) {
      throw badRequest(
        'Only a city has no parent; its id is a single segment',
        { id: input.id, level: input.level },
        'VALIDATION_FAILED',
      );
    }
  } else {
    if (!input.id.startsWith(`${parentId}/`) || input.id.slice(parentId.length + 1).includes('/')) {
      throw badRequest(
        `The id must be the parent's id plus one segment, e.g. ${parentId}/name`,
        { id: input.id, parentId },
        'VALIDATION_FAILED',
      );
    }
    const parent = await orgUnits.get(store, parentId);
    if (!parent) throw notFound('org unit', parentId);
    const expectedParentLevel = orgLevels[levelIndex - 1];
    if (parent.level !== expectedParentLevel) {
      throw unprocessable(
        'INVALID_HIERARCHY',
        `A ${input.level} must sit under a ${expectedParentLevel ?? 'nothing'}, not a ${parent.level}`,
        { parentLevel: parent.level, level: input.level },
      );
    }
  }
  const policy = await policyAt(store, input.id, 'quota', shanghaiDate(ctx.now));
  const urbanPopulation = input.urbanPopulation ?? null;
  const approvedQuota = input.approvedQuota ?? null;
  const quota = computeQuota({ level: input.level, urbanPopulation, approvedQuota }, policy.document);
  const now = ctx.now.toISOString();
  const record: Omit<OrgUnitRecord, 'overQuotaBy'> = {
    id: input.id,
    name: input.name,
    level: input.level,
    parentId,
    urbanPopulation,
    approvedQuota,
    holdsQuota: quota !== null,
    quota,
    used: 0,
    available: quota,
    quotaPolicyVersion: quota !== null ? policy.version : null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await store.transact(
    ctx,
    [orgUnits.create(record)],
    [{ entity: `org-unit:${record.id}`, org: record.id, action: 'org-unit.created', after: record }],
  );
  return { ...record, overQuotaBy: 0 };
}

export async function updateOrgUnit(
  store: Store,
  ctx: RequestContext,
  id: string,
  input: {
    name?: string;
    urbanPopulation?: number | null;
    approvedQuota?: number | null;
    /** Consent to set a quota below the unit's headcount (a quota cut); hires stay refused until it is back under. */
    allowOverQuota?: boolean;
    expectedVersion: number;
  },
) {
  const current = await loadOrgUnit(store, id);
  // Looked up by id: outsiders learn nothing; those who see the unit but may not change it get 403.
  authorize(ctx.actor, 'org-unit:read', { org: current.id }, { what: 'org unit', id: current.id });
  authorize(ctx.actor, 'org-unit:write', { org: current.parentId ?? current.id });
  if (current.version !== input.expectedVersion) {
    throw conflict(
      'VERSION_MISMATCH',
      `Org unit ${id} is at version ${current.version}, not ${input.expectedVersion}`,
      { version: current.version },
    );
  }
  const policy = await policyAt(store, current.id, 'quota', shanghaiDate(ctx.now));
  const urbanPopulation =
    input.urbanPopulation !== undefined ? input.urbanPopulation : current.urbanPopulation;
  const approvedQuota = input.approvedQuota !== undefined ? input.approvedQuota : current.approvedQuota;
  const quota = computeQuota({ level: current.level, urbanPopulation, approvedQuota }, policy.document);
  const name = input.name ?? current.name;
  const now = ctx.now.toISOString();
  const overQuota = quota !== null && quota < current.used;
  if (overQuota && input.allowOverQuota !== true) {
    throw unprocessable(
      'QUOTA_BELOW_HEADCOUNT',
      `${current.name} (${id}) has ${current.used} workers; a quota of ${quota} needs allowOverQuota: true`,
      { org: id, used: current.used, quota, overQuotaBy: current.used - quota },
    );
  }
  await store.transact(
    ctx,
    [
      orgUnits.update(
        id,
        {
          name,
          urbanPopulation,
          approvedQuota,
          // Without consent, the cut must still fit the live headcount.
          quota:
            quota === null
              ? null
              : { quota, policyVersion: policy.version, mustCoverHeadcount: input.allowOverQuota !== true },
          now,
          expectedVersion: input.expectedVersion,
        },
        () =>
          conflict(
            'VERSION_MISMATCH',
            `Org unit ${id} changed meanwhile (or its headcount grew past the new quota); reload and retry`,
          ),
      ),
    ],
    [
      {
        entity: `org-unit:${id}`,
        org: id,
        action: overQuota ? 'org-unit.quota-cut-below-headcount' : 'org-unit.updated',
        before: current,
        after: {
          name,
          urbanPopulation,
          approvedQuota,
          quota,
          ...(overQuota ? { allowOverQuota: true, overQuotaBy: current.used - quota } : {}),
        },
      },
    ],
  );
  forgetOrgUnitLabel(store, id);
  return loadOrgUnit(store, id);
}

export async function getOrgUnit(store: Store, ctx: RequestContext, id: string) {
  authorize(ctx.actor, 'org-unit:read', { org: id });
  return loadOrgUnit(store, id);
}

export async function listChildren(
  store: Store,
  ctx: RequestContext,
  id: string,
  cursor?: string,
  limit = 100,
) {
  authorize(ctx.actor, 'org-unit:read', { org: id });
  await loadOrgUnit(store, id);
  return orgUnits.children(store, id, cursor, limit);
}

/**
 * Write ops that take (`seats` > 0) or release (`seats` < 0) seats on every quota-holding unit from
 * `orgId` up to the city, to be committed in the caller's transaction. Conditions make the check
 * and the change one atomic step: headcount never exceeds a quota, even under concurrent hires.
 */
export async function seatOps(store: Store, orgId: string, seats: number): Promise<WriteOp[]> {
  if (!Number.isInteger(seats) || seats === 0) throw new Error('seats must be a non-zero integer');
  const chain = ancestorsOf(orgId);
  const byId = await orgUnits.getMany(store, chain);
  if (!byId.has(orgId)) throw notFound('org unit', orgId);
  return chain.flatMap((id) => {
    const unit = byId.get(id);
    if (!unit?.holdsQuota) return [];
    return [seats > 0 ? orgUnits.takeSeats(unit, seats) : orgUnits.releaseSeats(unit, -seats)];
  });
}

/**
 * Seats for a batch of people placed in `orgIds` (one entry per person): every quota-holding unit
 * on any of their chains gets ONE op for the sum of the people below it (a transaction may touch
 * an item only once). `direction` 1 takes the seats (conditioned on enough free seats, so the whole
 * batch fits or none of it), -1 releases them. Also returns the units' current figures and the
 * number of seats each would need, so callers can report every shortfall up front.
 */
export async function batchSeatOps(
  store: Store,
  orgIds: readonly string[],
  direction: 1 | -1,
): Promise<{ ops: WriteOp[]; needs: { unit: OrgUnitRecord; seats: number }[] }> {
  const counts = new Map<string, number>();
  for (const org of orgIds)
    for (const unit of ancestorsOf(org)) counts.set(unit, (counts.get(unit) ?? 0) + 1);
  const byId = await orgUnits.getMany(store, [...counts.keys()]);
  for (const org of new Set(orgIds)) if (!byId.has(org)) throw notFound('org unit', org);
  const needs = [...counts.entries()]
    .filter(([id]) => byId.get(id)?.holdsQuota)
    .map(([id, seats]) => ({ unit: byId.get(id)!, seats }));
  const ops = needs.map(({ unit, seats }) =>
    direction === 1 ? orgUnits.takeSeats(unit, seats) : orgUnits.releaseSeats(unit, seats),
  );
  return { ops, needs };
}
