import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { countersOf, statsKeys } from '#shared/db/entities/stats.ts';
import { orgUnitKeys, toOrgUnit } from '#shared/db/entities/org-unit.ts';
import type { Store } from '#shared/db/store.ts';
import { notFound } from '#shared/errors.ts';

export type Counters = Record<string, number>;

/**
 * A stats section turns the year's counters (maintained transactionally by each feature, see
 * entities/stats.ts) into part of the report. Features register their section here.
 */
export type StatsSection = (counters: Counters, previousYear: Counters) => Record<string, unknown>;

const sections: StatsSection[] = [];

export function registerStatsSection(section: StatsSection) {
  sections.push(section);
}

/** One BatchGet: the org unit, this year's counters and last year's (for year-on-year figures). */
export async function getStats(store: Store, ctx: RequestContext, org: string, year: number) {
  authorize(ctx.actor, 'stats:read', { org });
  const items = await store.batchGet([
    orgUnitKeys.key(org),
    statsKeys.key(org, year),
    statsKeys.key(org, year - 1),
  ]);
  const unitItem = items.find((i) => i.pk === orgUnitKeys.key(org).pk);
  if (!unitItem) throw notFound('org unit', org);
  const unit = toOrgUnit(unitItem);
  const counters = countersOf(items.find((i) => i.sk === statsKeys.key(org, year).sk));
  const previous = countersOf(items.find((i) => i.sk === statsKeys.key(org, year - 1).sk));
  const report: Record<string, unknown> = {
    org,
    year,
    quota: { holdsQuota: unit.holdsQuota, quota: unit.quota, used: unit.used, available: unit.available },
  };
  for (const section of sections) Object.assign(report, section(counters, previous));
  report.counters = counters;
  return report;
}
