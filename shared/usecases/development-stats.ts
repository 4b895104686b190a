import type { RequestContext } from '#shared/context.ts';
import { countersOf } from '#shared/db/entities/stats.ts';
import { snapshotKeys } from '#shared/db/entities/stats-snapshot.ts';
import { orgUnits } from '#shared/db/org-units.ts';
import { stats } from '#shared/db/stats.ts';
import type { Store } from '#shared/db/store.ts';
import { type SessionMode, sessionModes } from '#shared/domain/mentoring.ts';
import {
  coachingModeCounter,
  type StatsCounter,
  trainingEventsCounter,
} from '#shared/domain/stats-counters.ts';
import { type TrainingLevel, trainingLevels } from '#shared/domain/training.ts';
import { AppError } from '#shared/errors.ts';
import { mapLimit } from '#shared/jobs/concurrency.ts';
import { type Counters, registerStatsSection, type StatsSectionContext } from '#shared/usecases/stats.ts';
import { CERTIFIED_ACTIVE } from '#shared/domain/stats-counters.ts';

/** Headcount of active workers on `STATS#<org>`/`CURRENT` (maintained by hiring). */
const HEADCOUNT_ACTIVE = 'headcount_active';

/**
 * Certified-on-duty rate (持证上岗比例) as a percentage with two decimals: 357 of 1,002 → 35.63.
 * Computed in basis points on integers, so no float error creeps into the second decimal.
 */
export function certifiedRateBasisPoints(certified: number, active: number): number | null {
  if (!(active > 0)) return null;
  return Math.round((certified * 10_000) / active);
}

const percent = (basisPoints: number | null) => (basisPoints === null ? null : basisPoints / 100);

/**
 * The development part of GET /v1/stats.
 *
 * Training and mentoring figures are the year's flow counters (kept in the same transaction as each
 * event, attendance batch, pairing and session, on the organising / mentee's unit and its ancestors).
 *
 * The certified-on-duty rate is a stock figure: certified active workers / active workers. For the
 * current year it is live (`CURRENT`: `certified_active` kept by certificates and exits,
 * `headcount_active` kept by hiring). For a past year, and for the previous year's rate the change is
 * measured against, it is the year-end snapshot (`SNAPSHOT#<year>`, written by the stats-snapshot
 * job at 00:05 on 1 January). A year without a snapshot (the system was not running then) has no
 * rate: null, never a guess.
 */
export function developmentSection(
  counters: Counters,
  _previousYear: Counters,
  current: Counters,
  context: StatsSectionContext,
) {
  const n = (name: StatsCounter) => counters[name] ?? 0;
  const snapshot = (year: number) => {
    const item = context.item(snapshotKeys.key(context.org, year));
    return item ? countersOf(item) : undefined;
  };
  const stock =
    context.year === context.currentYear
      ? current
      : context.year < context.currentYear
        ? snapshot(context.year)
        : undefined;
  const previousStock = snapshot(context.year - 1);
  const rate = stock
    ? certifiedRateBasisPoints(stock[CERTIFIED_ACTIVE] ?? 0, stock[HEADCOUNT_ACTIVE] ?? 0)
    : null;
  const previousRate = previousStock
    ? certifiedRateBasisPoints(previousStock[CERTIFIED_ACTIVE] ?? 0, previousStock[HEADCOUNT_ACTIVE] ?? 0)
    : null;
  return {
    training: {
      events: Object.fromEntries(
        trainingLevels.map((level) => [level, n(trainingEventsCounter(level))]),
      ) as Record<TrainingLevel, number>,
      totalEvents: n('training_events'),
      personTimes: n('training_person_times'),
      hours: Math.round((n('training_minutes') * 100) / 60) / 100,
      microClassrooms: n('micro_classrooms'),
    },
    mentoring: {
      mentors: n('mentors'),
      mentees: n('mentees'),
      sessions: n('coaching_sessions'),
      sessionMinutes: n('coaching_minutes'),
      sessionsByMode: Object.fromEntries(
        sessionModes.map((mode) => [mode, n(coachingModeCounter(mode))]),
      ) as Record<SessionMode, number>,
    },
    certification: {
      certificatesRegistered: n('certificates_registered'),
      certifiedActive: stock ? (stock[CERTIFIED_ACTIVE] ?? 0) : null,
      active: stock ? (stock[HEADCOUNT_ACTIVE] ?? 0) : null,
      certifiedOnDutyRate: percent(rate),
      /** Where the stock figures come from: live for the current year, else the year-end snapshot. */
      basis:
        context.year === context.currentYear
          ? ('live' as const)
          : stock
            ? ('year-end snapshot' as const)
            : null,
      previousYearRate: percent(previousRate),
      /** Percentage points since the previous year-end (e.g. +13.00). */
      changePoints: rate !== null && previousRate !== null ? (rate - previousRate) / 100 : null,
    },
  };
}

registerStatsSection(developmentSection, {
  extraKeys: (org, year) => [snapshotKeys.key(org, year), snapshotKeys.key(org, year - 1)],
});

export interface SnapshotResult {
  year: number;
  units: number;
  written: number;
  alreadyTaken: number;
}

/**
 * Copies every org unit's stock figures (`CURRENT`) to `SNAPSHOT#<year>`. Scheduled at 00:05 on
 * 1 January (Asia/Shanghai) for the year just closed. Idempotent: a snapshot is written once
 * (`attribute_not_exists`), so a retry or re-run never overwrites the year-end figures with later
 * ones. Walks the org tree from each city (ByRelation `CITIES`, then ByCollection children), never
 * a scan. (A change committed in the first minutes of 1 January, before the job reads CURRENT,
 * lands in the old year's snapshot; at that hour this is accepted.)
 */
export async function takeYearEndSnapshots(
  store: Store,
  ctx: RequestContext,
  input: { year: number; cities?: string[] | undefined },
): Promise<SnapshotResult> {
  const cities = input.cities && input.cities.length > 0 ? input.cities : await orgUnits.cityIds(store);
  const walked = await orgUnits.walk(
    store,
    cities.map((id) => ({ id })),
    { fields: 'ids' },
  );
  const units = walked.map((unit) => unit.id);
  const currents = await stats.currentOf(store, units);
  let written = 0;
  let alreadyTaken = 0;
  const takenAt = ctx.now.toISOString();
  await mapLimit(units, 8, async (org) => {
    try {
      await store.transact(ctx, [stats.takeSnapshot(org, input.year, currents.get(org) ?? {}, takenAt)], []);
      written++;
    } catch (error) {
      if (error instanceof AppError && error.status === 409) alreadyTaken++;
      else throw error;
    }
  });
  return { year: input.year, units: units.length, written, alreadyTaken };
}
