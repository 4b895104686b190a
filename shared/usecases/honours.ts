import type { Actor } from '#shared/auth/actor.ts';
import { authorize, can } from '#shared/auth/authorize.ts';
import { isWithinSubtree } from '#shared/domain/org-paths.ts';
import type { RequestContext } from '#shared/context.ts';
import type { HonourCycleRecord, NominationRecord } from '#shared/db/entities/honour.ts';
import { honours } from '#shared/db/honours.ts';
import { orgUnits } from '#shared/db/org-units.ts';
import { statsIncrements } from '#shared/db/entities/stats.ts';
import type { AuditEntry } from '#shared/db/entities/audit.ts';
import { workers } from '#shared/db/workers.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import {
  checkNominationEligibility,
  type HonourType,
  honourGroupOf,
  honourTypeNames,
} from '#shared/domain/honours.ts';
import { badRequest, conflict, notFound, unprocessable } from '#shared/errors.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { stale } from '#shared/usecases/stale-read.ts';
import { loadWorker, workerLookup } from '#shared/usecases/workers.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { newId } from '#shared/db/ids.ts';
import {
  awardsCounter,
  honourResultsCounter,
  nominationsCounter,
  tally,
} from '#shared/domain/stats-counters.ts';

/**
 * Honour cycles and nominations (两代表一委员, 两优一先) with seats reserved for community workers
 * (指标单列) per org unit.
 *
 * - A cycle has one honour type, a year and quotas `{ org, seats }`; it belongs to the creating HR
 *   officer's org unit, which must contain every quota org.
 * - A nomination takes one seat of the nearest quota org enclosing the nominee's org unit. The seat
 *   counter's condition `used < seats`, the one-nomination-per-worker guard and the nomination are
 *   one transaction: the quota holds under any concurrency.
 * - Refused: party-member-only honours (honours policy) for non-members (422 NOT_PARTY_MEMBER), a
 *   failed annual evaluation in the cycle's evaluation years (default: the cycle's year and the one
 *   before; 422 FAILED_EVALUATION_IN_CYCLE), workers who are not active (422 NOT_ACTIVE). Monthly
 *   evaluation results are not considered: the worker record keeps annual grades only.
 * - Results (awarded or not) are recorded once per nomination by HR of the cycle's org unit.
 * - Counters per year of the cycle: nominations_<honour>, awards_<honour>.
 */
export interface CreateCycleInput {
  honourType: HonourType;
  name: string;
  year: number;
  quotas: { org: string; seats: number }[];
  evaluationYears?: number[] | undefined;
}

const MAX_QUOTAS = 90;

export async function createHonourCycle(store: Store, ctx: RequestContext, input: CreateCycleInput) {
  const owner = ctx.actor.org;
  authorize(ctx.actor, 'honour:manage', { org: owner });
  const orgs = input.quotas.map((q) => q.org);
  const duplicates = orgs.filter((org, i) => orgs.indexOf(org) !== i);
  if (duplicates.length > 0) {
    throw badRequest('Each org unit may appear once in quotas', { duplicates }, 'VALIDATION_FAILED');
  }
  if (input.quotas.length > MAX_QUOTAS) {
    throw badRequest(`At most ${MAX_QUOTAS} quota org units per cycle`, null, 'VALIDATION_FAILED');
  }
  for (const org of orgs) authorize(ctx.actor, 'honour:manage', { org });
  const units = await orgUnits.getMany(store, orgs);
  const missing = orgs.filter((org) => !units.has(org));
  if (missing.length > 0) throw notFound('org unit', missing.join(', '));
  const cycle: HonourCycleRecord = {
    id: newId('hc'),
    honourType: input.honourType,
    name: input.name,
    year: input.year,
    evaluationYears: [...new Set(input.evaluationYears ?? [input.year - 1, input.year])].sort(),
    org: owner,
    quotas: input.quotas,
    createdAt: ctx.now.toISOString(),
    createdBy: ctx.actor.sub,
  };
  await store.transact(ctx, honours.createCycle(cycle), [
    { entity: `honour-cycle:${cycle.id}`, org: owner, action: 'honour-cycle.created', after: cycle },
  ]);
  return { ...cycle, group: honourGroupOf[cycle.honourType], honourName: honourTypeNames[cycle.honourType] };
}

async function loadCycle(store: Store, id: string): Promise<HonourCycleRecord> {
  const cycle = await honours.getCycle(store, id);
  if (!cycle) throw notFound('honour cycle', id);
  return cycle;
}

/** The cycle's owner, or HR responsible for one of its quota org units, may see it. */
function canSeeCycle(actor: Actor, cycle: HonourCycleRecord) {
  return (
    can(actor, 'honour:manage', { org: cycle.org }) ||
    cycle.quotas.some((q) => can(actor, 'honour:manage', { org: q.org }))
  );
}

/** The nearest quota org enclosing `org` (deepest match), if any. */
export function quotaOrgFor(cycle: HonourCycleRecord, org: string): string | undefined {
  return cycle.quotas
    .map((q) => q.org)
    .filter((q) => isWithinSubtree(org, q))
    .sort((a, b) => b.length - a.length)[0];
}

export async function nominate(
  store: Store,
  ctx: RequestContext,
  cycleId: string,
  input: { workerId: string; reason: string },
) {
  const cycle = await loadCycle(store, cycleId);
  if (!canSeeCycle(ctx.actor, cycle)) throw notFound('honour cycle', cycleId);
  const worker = await loadWorker(store, input.workerId);
  authorize(ctx.actor, 'honour:manage', { org: worker.org, workerId: worker.id }, workerLookup(worker.id));
  const quotaOrg = quotaOrgFor(cycle, worker.org);
  if (!quotaOrg) {
    throw unprocessable(
      'NO_QUOTA_FOR_ORG',
      `The cycle reserves no seats for ${worker.org} or any unit above it`,
      { org: worker.org, quotaOrgs: cycle.quotas.map((q) => q.org) },
    );
  }
  const policy = await policyAt(store, worker.org, 'honours', shanghaiDate(ctx.now));
  const failedYears = cycle.evaluationYears.filter((y) => worker.annualGrades?.[String(y)] === 'failed');
  const failures = checkNominationEligibility(
    {
      isPartyMember: worker.isPartyMember,
      failedEvaluationInCycle: failedYears.length > 0,
      status: worker.status,
    },
    cycle.honourType,
    policy.document,
  );
  const first = failures[0];
  if (first) {
    throw unprocessable(first.code, first.message, {
      failures,
      ...(failedYears.length > 0 ? { failedYears } : {}),
      honoursPolicyVersion: policy.version,
    });
  }
  const nomination: NominationRecord = {
    id: newId('nom'),
    cycleId,
    honourType: cycle.honourType,
    year: cycle.year,
    workerId: worker.id,
    workerName: worker.name,
    org: worker.org,
    quotaOrg,
    reason: input.reason,
    nominatedAt: ctx.now.toISOString(),
    nominatedBy: ctx.actor.sub,
    result: null,
  };
  const seats = cycle.quotas.find((q) => q.org === quotaOrg)!.seats;
  await store.transact(
    ctx,
    [
      honours.guardNominee(cycleId, worker.id, nomination.id, () =>
        conflict('ALREADY_NOMINATED', `Worker ${worker.id} is already nominated in this cycle`, {
          workerId: worker.id,
          cycleId,
        }),
      ),
      honours.takeSeat(cycleId, quotaOrg, () =>
        conflict('HONOUR_QUOTA_EXCEEDED', `All ${seats} seat(s) reserved for ${quotaOrg} are taken`, {
          quotaOrg,
          seats,
        }),
      ),
      honours.createNomination(nomination),
      // The nominee must still be active at commit time (NOT_ACTIVE, as the eligibility check says it).
      workers.mustBeActive(worker, () =>
        unprocessable('NOT_ACTIVE', `Worker ${worker.id} is no longer active`, { workerId: worker.id }),
      ),
      ...statsIncrements(
        worker.org,
        cycle.year,
        tally([nominationsCounter(cycle.honourType), 1], ['nominations_total', 1]),
      ),
    ],
    [
      {
        entity: `honour-cycle:${cycleId}`,
        org: worker.org,
        action: 'honour.nominated',
        after: nomination,
      },
    ],
  );
  return nomination;
}

export async function recordNominationResult(
  store: Store,
  ctx: RequestContext,
  cycleId: string,
  nominationId: string,
  input: { awarded: boolean; note?: string | undefined },
) {
  const cycle = await loadCycle(store, cycleId);
  if (!canSeeCycle(ctx.actor, cycle)) throw notFound('honour cycle', cycleId);
  authorize(ctx.actor, 'honour:manage', { org: cycle.org });
  const nomination = await honours.getNomination(store, cycleId, nominationId);
  if (!nomination) throw notFound('nomination', nominationId);
  if (nomination.result) {
    throw conflict('RESULT_ALREADY_RECORDED', 'The result of this nomination is already recorded', {
      result: nomination.result,
    });
  }
  if (nomination.withdrawn) {
    throw conflict('NOMINATION_WITHDRAWN', 'The nominee has exited; the nomination was withdrawn', {
      withdrawn: nomination.withdrawn,
    });
  }
  const result = {
    awarded: input.awarded,
    note: input.note?.trim() || null,
    recordedAt: ctx.now.toISOString(),
    recordedBy: ctx.actor.sub,
  };
  await store.transact(
    ctx,
    [
      honours.recordResult(cycleId, nominationId, result, () =>
        conflict('RESULT_ALREADY_RECORDED', 'The result of this nomination is already recorded'),
      ),
      ...statsIncrements(
        nomination.org,
        cycle.year,
        tally(
          [honourResultsCounter(cycle.honourType), 1],
          ...(input.awarded
            ? [[awardsCounter(cycle.honourType), 1] as const, ['awards_total', 1] as const]
            : []),
        ),
      ),
    ],
    [
      {
        entity: `honour-cycle:${cycleId}`,
        org: nomination.org,
        action: input.awarded ? 'honour.awarded' : 'honour.not-awarded',
        before: nomination,
        after: { ...nomination, result },
      },
    ],
  );
  return { ...nomination, result };
}

/** The cycle with its quotas (seats, used) and the nominations the caller may see (one Query). */
export async function getHonourCycle(store: Store, ctx: RequestContext, cycleId: string) {
  const partition = await honours.cyclePartition(store, cycleId);
  const { cycle } = partition;
  if (!cycle) throw notFound('honour cycle', cycleId);
  if (!canSeeCycle(ctx.actor, cycle)) {
    // Refused exactly as a missing cycle: nobody outside it learns that it exists.
    throw notFound('honour cycle', cycleId);
  }
  const owner = can(ctx.actor, 'honour:manage', { org: cycle.org });
  const nominations = partition.nominations
    .filter((n) => owner || isWithinSubtree(n.org, ctx.actor.org))
    .sort((a, b) => (a.nominatedAt < b.nominatedAt ? -1 : 1));
  // Seats of units outside the caller's subtree are not theirs to see (unless they own the cycle).
  const quotas = partition.quotas
    .filter((q) => owner || isWithinSubtree(q.org, ctx.actor.org))
    .map((q) => ({ ...q, available: q.seats - q.used }));
  return {
    ...cycle,
    group: honourGroupOf[cycle.honourType],
    honourName: honourTypeNames[cycle.honourType],
    quotas,
    nominations,
    summary: {
      nominated: nominations.length,
      awarded: nominations.filter((n) => n.result?.awarded).length,
      notAwarded: nominations.filter((n) => n.result && !n.result.awarded).length,
      pending: nominations.filter((n) => !n.result && !n.withdrawn).length,
      withdrawn: nominations.filter((n) => n.withdrawn).length,
    },
  };
}

/** Cycles of the caller's city the caller may see, optionally of one year (ByCollection Query). */
export async function listHonourCycles(store: Store, ctx: RequestContext, year?: number) {
  authorize(ctx.actor, 'honour:manage', { org: ctx.actor.org });
  const cycles = await honours.cyclesOf(store, ctx.actor.org, year);
  return {
    items: cycles
      .filter((cycle) => canSeeCycle(ctx.actor, cycle))
      .map((cycle) => ({ ...cycle, honourName: honourTypeNames[cycle.honourType] })),
  };
}

/**
 * For an exit's transaction: every pending nomination of the worker (no result yet) is withdrawn and
 * frees its quota seat. One Query on the worker's nominations (ByRelation).
 */
export async function honourExitOps(
  store: Store,
  ctx: RequestContext,
  worker: Pick<WorkerRecord, 'id' | 'org'>,
): Promise<{ ops: WriteOp[]; audit: AuditEntry[] }> {
  const pending = await honours.pendingNominationsOf(store, worker.id);
  const withdrawn = { at: ctx.now.toISOString(), reason: 'exit' as const };
  // Still pending at commit: a result recorded meanwhile keeps its seat (the exit retries).
  const ops: WriteOp[] = pending.flatMap((n) => [
    honours.withdraw(n, withdrawn, stale),
    honours.releaseSeat(n.cycleId, n.quotaOrg, stale),
  ]);
  const audit: AuditEntry[] = pending.map((n) => ({
    entity: `honour-cycle:${n.cycleId}`,
    org: n.org,
    action: 'honour.withdrawn',
    before: n,
    after: { ...n, withdrawn },
  }));
  return { ops, audit };
}
