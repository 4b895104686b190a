// Registering the sections is these modules' side effect: import them for it (the type imports below
// alone would be erased).
import '#shared/usecases/hiring-stats.ts';
import '#shared/usecases/careers-stats.ts';
import '#shared/usecases/development-stats.ts';
import '#shared/usecases/evaluation-stats.ts';
import type { RequestContext } from '#shared/context.ts';
import type { Store } from '#shared/db/store.ts';
import type { careersSection } from '#shared/usecases/careers-stats.ts';
import type { developmentSection } from '#shared/usecases/development-stats.ts';
import type { evaluationSection } from '#shared/usecases/evaluation-stats.ts';
import type { hiringSection } from '#shared/usecases/hiring-stats.ts';
import { getStats, type StatsBase } from '#shared/usecases/stats.ts';

/** What the registered sections add to the report (each module registers its section on import). */
export type StatsFigures = ReturnType<typeof hiringSection> &
  ReturnType<typeof careersSection> &
  ReturnType<typeof developmentSection> &
  ReturnType<typeof evaluationSection>;

/** The whole report: the four sections imported above are registered, so their figures are in it. */
export async function getStatsReport(
  store: Store,
  ctx: RequestContext,
  org: string,
  year: number,
): Promise<StatsBase & StatsFigures> {
  return (await getStats(store, ctx, org, year)) as never;
}
