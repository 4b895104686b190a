import type { Dependencies } from '#functions/dependencies.ts';
import { systemContext } from '#shared/context.ts';
import { orgUnits } from '#shared/db/org-units.ts';
import { resolvePeriod } from '#shared/domain/evaluation-periods.ts';
import { resumeRun, startEvaluationRun, unfinishedRun } from '#shared/usecases/evaluation-runs.ts';
import { mapInfrastructureError } from '#shared/db/store.ts';
import { AppError, conflict } from '#shared/errors.ts';
import { type StoredMessage, storedMessageOf } from '#shared/messages/stored.ts';
import { logger } from '#shared/observability.ts';

export interface ScheduledEvaluationResult {
  period: string;
  runs: { city: string; runId: string; action: 'started' | 'resumed'; unitsTotal: number }[];
  /**
   * Per city: the error's catalogue code + params (rendered per language when read; the raw error
   * is only logged). Not `failed`: the label middleware reads a `failed` list as eligibility criteria.
   */
  failedCities: ({ city: string } & StoredMessage)[];
}

/**
 * EventBridge Scheduler target (and local mode's timer): evaluates `period` ('previous-month',
 * 'previous-year' — in Asia/Shanghai, from the clock — or an explicit 'YYYY-MM' / 'YYYY') in every
 * city. A city whose run for that period hasn't finished (a consumer died, messages dead-lettered)
 * has it resumed rather than started again, so a retried schedule never doubles work.
 */
export async function startScheduledEvaluation(
  deps: Dependencies,
  input: { period?: unknown; cities?: unknown },
): Promise<ScheduledEvaluationResult> {
  const now = deps.clock();
  const period = resolvePeriod(String(input.period ?? 'previous-month'), now);
  // An on-demand run (POST /v1/jobs/{name}/runs) names the caller's city; the schedule runs them all.
  const cities = Array.isArray(input.cities) ? input.cities.map(String) : await orgUnits.cityIds(deps.store);
  const result: ScheduledEvaluationResult = { period, runs: [], failedCities: [] };
  let lastError: unknown;
  for (const city of cities) {
    const ctx = systemContext('evaluation-scheduler', now, city);
    try {
      const unfinished = await unfinishedRun(deps.store, city, period);
      if (unfinished && unfinished.org !== city) {
        // A run of part of the city (started by an HR officer) holds the period: help it finish and
        // report the city as failed, so the schedule's retry starts the city-wide run after it.
        await resumeRun(deps.store, deps.queue, ctx, unfinished);
        throw conflict(
          'EVALUATION_RUN_IN_PROGRESS',
          `run ${unfinished.id} of ${unfinished.org} for ${period} has not finished yet`,
          { runId: unfinished.id, org: unfinished.org, period },
        );
      }
      if (unfinished) {
        const resumed = await resumeRun(deps.store, deps.queue, ctx, unfinished);
        result.runs.push({ city, runId: resumed.id, action: 'resumed', unitsTotal: resumed.unitsTotal });
      } else {
        const run = await startEvaluationRun(deps.store, deps.queue, ctx, { period, org: city }, 'schedule');
        result.runs.push({ city, runId: run.id, action: 'started', unitsTotal: run.unitsTotal });
      }
    } catch (error) {
      // One city's failure must not stop the others; the schedule's retry resumes or restarts it.
      logger.error('scheduled evaluation failed', { city, period, error: String(error) });
      const mapped = mapInfrastructureError(error);
      result.failedCities.push({ city, ...storedMessageOf(mapped, 'JOB_FAILED') });
      lastError = mapped;
    }
  }
  if (result.failedCities.length > 0 && result.runs.length === 0) {
    // One city (an on-demand run): its own error, so the caller reads why.
    if (result.failedCities.length === 1) throw lastError;
    throw new AppError(
      503,
      'SCHEDULED_EVALUATION_FAILED',
      `scheduled evaluation of ${period} failed in every city: ${JSON.stringify(result.failedCities)}`,
      { period, failed: result.failedCities },
    );
  }
  return result;
}
