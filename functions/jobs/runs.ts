import type { Dependencies } from '#functions/dependencies.ts';
import type { ScheduledJob } from '#functions/jobs/manifest.ts';
import { jobRunners } from '#functions/jobs/registry.ts';
import { type RunOptions, recordJobRun } from '#functions/jobs/run-records.ts';
import type { RequestContext } from '#shared/context.ts';
import type { JobRun } from '#shared/db/entities/job-run.ts';
import { notFound } from '#shared/errors.ts';

export {
  checkPeriod,
  inputForPeriod,
  periodCovered,
  type RunOptions,
  scheduledJob,
} from '#functions/jobs/run-records.ts';

/**
 * Runs `job` for `period` with its registered code (the API's on-demand runs and local mode), recorded
 * as `recordJobRun` describes. Lambda entries don't come through here: each bundles only its own job.
 */
export async function runJobForPeriod(
  deps: Dependencies,
  ctx: RequestContext,
  job: ScheduledJob,
  period: string,
  options: RunOptions,
): Promise<JobRun> {
  const runner = jobRunners[job.name];
  if (!runner) throw notFound('job', job.name);
  return recordJobRun(deps, ctx, job, period, options, runner);
}
