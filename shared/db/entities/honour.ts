import { rootOf } from '#shared/domain/org-paths.ts';
import type { HonourType } from '#shared/domain/honours.ts';

/**
 * An honour cycle (两代表一委员 / 两优一先) with seats reserved for community workers (指标单列) per
 * org unit. The cycle, its quota counters, its nominations and the one-nomination-per-worker guards
 * share one partition, so `GET /v1/honour-cycles/{id}` is one Query.
 */
export interface HonourCycleRecord {
  id: string;
  honourType: HonourType;
  name: string;
  year: number;
  /** Annual evaluations a nominee must not have failed (default: the year before and the cycle's year). */
  evaluationYears: number[];
  /** The org unit that owns the cycle (the creator's subtree; contains every quota org). */
  org: string;
  quotas: { org: string; seats: number }[];
  createdAt: string;
  createdBy: string;
}

export interface NominationRecord {
  id: string;
  cycleId: string;
  honourType: HonourType;
  year: number;
  workerId: string;
  workerName: string;
  /** The nominee's org unit, and the quota org whose seat the nomination takes. */
  org: string;
  quotaOrg: string;
  reason: string;
  nominatedAt: string;
  nominatedBy: string;
  result: { awarded: boolean; note: string | null; recordedAt: string; recordedBy: string } | null;
  /** Set when the nominee exited before a result: the nomination no longer holds its seat. */
  withdrawn?: { at: string; reason: 'exit' } | null;
}

export const honourKeys = {
  cycle: (id: string) => ({ pk: `HONOUR-CYCLE#${id}`, sk: 'CYCLE' }),
  pk: (id: string) => `HONOUR-CYCLE#${id}`,
  /** Seats used per quota org: `used < seats` is the atomic condition of every nomination. */
  quota: (id: string, org: string) => ({ pk: `HONOUR-CYCLE#${id}`, sk: `QUOTA#${org}` }),
  nomination: (id: string, nominationId: string) => ({
    pk: `HONOUR-CYCLE#${id}`,
    sk: `NOMINATION#${nominationId}`,
  }),
  /** Guard: a worker is nominated at most once per cycle (attribute_not_exists on put). */
  nominee: (id: string, workerId: string) => ({ pk: `HONOUR-CYCLE#${id}`, sk: `NOMINEE#${workerId}` }),
  /** ByCollection: a city's cycles by year (`GET /v1/honour-cycles?year=`). */
  cyclesOf: (org: string) => `HONOUR-CYCLES#${rootOf(org)}`,
  cycleSort: (year: number, id: string) => `${year}#${id}`,
  /** ByRelation: a worker's nominations across cycles (gsi2pk = the worker's partition key). */
  workerNominations: (workerId: string) => `WORKER#${workerId}`,
  workerNominationSort: (year: number, cycleId: string) => `HONOUR#${year}#${cycleId}`,
};

export function honourCycleItem(cycle: HonourCycleRecord) {
  return {
    ...honourKeys.cycle(cycle.id),
    type: 'honour-cycle',
    gsi1pk: honourKeys.cyclesOf(cycle.org),
    gsi1sk: honourKeys.cycleSort(cycle.year, cycle.id),
    ...cycle,
  };
}

export function nominationItem(nomination: NominationRecord) {
  return {
    ...honourKeys.nomination(nomination.cycleId, nomination.id),
    type: 'honour-nomination',
    gsi2pk: honourKeys.workerNominations(nomination.workerId),
    gsi2sk: honourKeys.workerNominationSort(nomination.year, nomination.cycleId),
    ...nomination,
  };
}
