import type { Key } from '#shared/db/store.ts';
import type { StatsCounters } from '#shared/domain/stats-counters.ts';

/** What the consistency checker (`consistency.ts`) reports, shared by its recount modules. */
export type DriftKind =
  | 'seats'
  | 'stats'
  | 'mentor-cap'
  | 'mentor-mentees'
  | 'recruitment'
  | 'evaluation-run'
  | 'honour-quota'
  | 'training-attendees'
  | 'coaching-sessions';

export interface Drift {
  kind: DriftKind;
  /** The item holding the counter, and the counter. */
  key: Key;
  /** The record holding it, as the audit names it (`mentor:<id>`, `stats:<org>`…): the repair's audit entry is about it. */
  entity: string;
  field: string;
  recorded: number;
  recounted: number;
  /** The org unit it belongs to (audit of the repair). */
  org: string;
  /** The records the recount is made of (ids, at most 50). */
  records: string[];
  /** Seats only: the unit's quota (`available` = quota − used). */
  quota?: number | null;
}

export interface ConsistencyReport {
  cities: string[];
  checked: {
    orgUnits: number;
    workers: number;
    statsItems: number;
    mentors: number;
    honourQuotas: number;
    trainingEvents: number;
    pairings: number;
    recruitments: number;
    evaluationRuns: number;
  };
  drift: Drift[];
}

/** At most this many records are named per drift. */
export const RECORDS_LISTED = 50;

/** One record's contribution to the yearly counters of its unit (and so of each ancestor). */
export interface Flow {
  org: string;
  year: string;
  record: string;
  counters: StatsCounters;
}
