import type { Dependencies } from '#functions/dependencies.ts';
import { jobRunners } from '#functions/jobs/registry.ts';
import { scheduledJobs } from '#functions/jobs/manifest.ts';
import { parseCron } from '#functions/local/cron.ts';

/** Runs the manifest's scheduled jobs on their cron schedules, in process (local mode). */
export function startScheduler(deps: Dependencies, log: (line: string) => void = console.log) {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const plan: { name: string; next: Date }[] = [];
  for (const job of scheduledJobs) {
    const run = jobRunners[job.name];
    if (!run) {
      log(`scheduler: no runner for ${job.name}; skipped`);
      continue;
    }
    const cron = parseCron(job.schedule);
    const arm = () => {
      if (stopped) return;
      const next = cron.next(deps.clock());
      const entry = plan.find((p) => p.name === job.name);
      if (entry) entry.next = next;
      else plan.push({ name: job.name, next });
      // setTimeout caps at ~24.8 days; re-arm in steps for far-off runs.
      const delay = Math.min(next.getTime() - Date.now(), 2 ** 31 - 1);
      const timer = setTimeout(
        async () => {
          if (Date.now() >= next.getTime()) {
            log(`scheduler: running ${job.name}`);
            try {
              const result = await run(deps, job.input);
              log(`scheduler: ${job.name} done ${JSON.stringify(result ?? null).slice(0, 200)}`);
            } catch (error) {
              log(`scheduler: ${job.name} failed: ${String(error)}`);
            }
          }
          arm();
        },
        Math.max(0, delay),
      );
      timer.unref();
      timers.push(timer);
    };
    arm();
  }
  return {
    plan: () => [...plan],
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
