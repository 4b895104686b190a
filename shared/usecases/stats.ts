import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { countersOf, statsKeys } from '#shared/db/entities/stats.ts';
import { orgUnitKeys, toOrgUnit } from '#shared/db/entities/org-unit.ts';
import type { Item, Key, Store } from '#shared/db/store.ts';
import { notFound } from '#shared/errors.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { entriesOf, type StatsCounters } from '#shared/domain/stats-counters.ts';

/** A STATS item's counters, names typed (`shared/domain/stats-counters.ts`). */
export type Counters = StatsCounters;

/**
 * A stats section turns the year's counters (maintained transactionally by each feature, see
 * entities/stats.ts) into part of the report. Features register their section here.
 */
export type StatsSection = (
  counters: Counters,
  previousYear: Counters,
  /** Stock figures kept up to date (`STATS#<org>` / `CURRENT`, e.g. `headcount_active`). */
  current: Counters,
  context: StatsSectionContext,
) => Record<string, unknown>;

/** What else a section may know (e.g. year-end snapshots for year-on-year stock figures). */
export interface StatsSectionContext {
  org: string;
  year: number;
  /** The current year in Asia/Shanghai: live stock describes it; earlier years need snapshots. */
  currentYear: number;
  /** An item the section asked for with `extraKeys` (undefined when it does not exist). */
  item(key: Key): Item | undefined;
}

export interface StatsSectionOptions {
  /** Further items to fetch in the report's one BatchGet. */
  extraKeys?: (org: string, year: number, currentYear: number) => Key[];
}

const sections: { section: StatsSection; options: StatsSectionOptions }[] = [];

export function registerStatsSection(section: StatsSection, options: StatsSectionOptions = {}) {
  sections.push({ section, options });
}

/** The report: the unit's quota, the raw counters, and each registered section's figures. */
export interface StatsBase {
  org: string;
  year: number;
  quota: { holdsQuota: boolean; quota: number | null; used: number; available: number | null };
  /** The raw counters by name, as stored. */
  counters: Record<string, number>;
}
export type StatsReport = StatsBase & { [section: string]: unknown };

/**
 * One BatchGet: the org unit, this year's counters, last year's (for year-on-year figures) and the
 * current stock figures.
 */
export async function getStats(
  store: Store,
  ctx: RequestContext,
  org: string,
  year: number,
): Promise<StatsReport> {
  authorize(ctx.actor, 'stats:read', { org });
  const currentYear = Number(shanghaiDate(ctx.now).slice(0, 4));
  const extraKeys = sections.flatMap(({ options }) => options.extraKeys?.(org, year, currentYear) ?? []);
  const items = await store.batchGet(
    uniqueKeys([
      orgUnitKeys.key(org),
      statsKeys.key(org, year),
      statsKeys.key(org, year - 1),
      statsKeys.current(org),
      ...extraKeys,
    ]),
  );
  const unitItem = items.find((i) => i.pk === orgUnitKeys.key(org).pk);
  if (!unitItem) throw notFound('org unit', org);
  const unit = toOrgUnit(unitItem);
  const counters = countersOf(items.find((i) => i.sk === statsKeys.key(org, year).sk));
  const previous = countersOf(items.find((i) => i.sk === statsKeys.key(org, year - 1).sk));
  const current = countersOf(items.find((i) => i.sk === statsKeys.current(org).sk));
  const context: StatsSectionContext = {
    org,
    year,
    currentYear,
    item: (key) => items.find((i) => i.pk === key.pk && i.sk === key.sk),
  };
  const figures: Record<string, unknown> = {};
  for (const { section } of sections) Object.assign(figures, section(counters, previous, current, context));
  return {
    org,
    year,
    quota: { holdsQuota: unit.holdsQuota, quota: unit.quota, used: unit.used, available: unit.available },
    ...figures,
    counters: Object.fromEntries(entriesOf(counters)),
  };
}

function uniqueKeys(keys: Key[]): Key[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = `${k.pk}\u0000${k.sk}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
