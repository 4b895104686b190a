import type { Dependencies } from '#functions/dependencies.ts';
import { systemContext } from '#shared/context.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { badRequest } from '#shared/errors.ts';
import { allCities, type GradeStepCounts, runGradeSteps } from '#shared/usecases/grade-steps.ts';
import { logger } from '#shared/observability.ts';

export interface GradeStepJobInput {
  /** 'current' = the Asia/Shanghai year of the clock (the schedule fires on 1 January). */
  year?: 'current' | number;
  /** Restrict to these cities (default: every city). */
  cities?: string[];
}

/**
 * The yearly grade step (scheduled 1 January in AWS and local mode, see manifest.ts; also run on
 * demand through POST /v1/grade-steps). Idempotent per year: see shared/usecases/grade-steps.ts.
 */
export async function runGradeStepJob(
  deps: Dependencies,
  input: GradeStepJobInput | Record<string, unknown> = {},
): Promise<GradeStepCounts> {
  const now = deps.clock();
  const raw = (input as GradeStepJobInput).year ?? 'current';
  const year = raw === 'current' ? Number(shanghaiDate(now).slice(0, 4)) : Number(raw);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw badRequest(`year must be 'current' or a year (got ${String(raw)})`, { year: raw });
  }
  const requested = (input as GradeStepJobInput).cities;
  const cities = Array.isArray(requested) && requested.length > 0 ? requested : await allCities(deps.store);
  const result = await runGradeSteps(deps.store, systemContext('grade-step', now), { year, cities });
  if (process.env.LOG_REQUESTS === '0') return result;
  logger[result.failed > 0 ? 'warn' : 'info']('grade-step done', {
    ...result,
    failures: result.failures.slice(0, 10),
  });
  return result;
}
