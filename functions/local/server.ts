/**
 * `npm start`: the whole system on this machine. DynamoDB Local (data in .data/, or --memory),
 * the same Hono apps on @hono/node-server, and the same scheduled jobs on a timer.
 *
 *   npm start                   persistent, port 3000 (PORT to change)
 *   npm start -- --memory       throwaway data
 *   DYNAMODB_ENDPOINT=http://… npm start   use a DynamoDB endpoint that is already running
 *   npm start -- --clock 2026-07-01T09:00:00+08:00   start the business clock at that instant
 *   npm start -- --no-jobs      no scheduled jobs and no batch recovery (to look at what a crash left)
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { loadOrCreateLocalSecret } from '#functions/identity/local-jwt.ts';
import {
  checkJava,
  ensureTable,
  type RunningDynamo,
  startDynamoLocal,
} from '#functions/local/dynamodb-local.ts';
import { businessClock, parseClockArgument } from '#functions/local/business-clock.ts';
import { createLocalApp, localDependencies } from '#functions/local/local-app.ts';
import { startScheduler } from '#functions/local/scheduler.ts';
import { ensureWebBuild, mountWebApp } from '#functions/local/web-app.ts';
import { runBatchRecoveryJob } from '#functions/jobs/batch-recovery/job.ts';

const { values: args } = parseArgs({
  options: {
    memory: { type: 'boolean', default: false },
    clock: { type: 'string' },
    'no-jobs': { type: 'boolean', default: false },
  },
});
const inMemory = args.memory;
const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? join(process.cwd(), '.data');
const tableName = process.env.TABLE_NAME ?? 'shegong';

async function main() {
  let clock: ReturnType<typeof businessClock>;
  try {
    clock = businessClock(args.clock === undefined ? undefined : parseClockArgument(args.clock));
  } catch (error) {
    console.error(String(error instanceof Error ? error.message : error));
    process.exit(1);
  }
  let dynamo: RunningDynamo | undefined;
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    const java = checkJava();
    if (!java.ok) {
      console.error(`\n${java.message}\n`);
      process.exit(1);
    }
    dynamo = await startDynamoLocal(inMemory ? {} : { dataDir: join(dataDir, 'dynamodb') });
    endpoint = dynamo.endpoint;
  }
  const table = await ensureTable(endpoint, tableName);
  const secret = loadOrCreateLocalSecret(join(dataDir, 'local-jwt-secret'));
  const { deps, queue } = localDependencies({ endpoint, tableName, secret, clock: clock.now });
  const app = createLocalApp(deps, secret, { clock });
  // Before the server answers /health: a fresh clone's first `npm start` builds the web app here.
  await ensureWebBuild();
  mountWebApp(app);
  const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' });

  // --no-jobs: nothing runs by itself, so what a crash left behind stays for an officer to handle.
  const jobsOn = !args['no-jobs'];
  // Jobs missed while the system was down run now, in the background (the log says which).
  const scheduler = jobsOn
    ? startScheduler(deps, { clock, idle: queue.idle, catchUpOnStart: table === 'exists' })
    : undefined;
  // Batches a killed server left behind: finish them now rather than at the next sweep.
  if (jobsOn)
    void runBatchRecoveryJob(deps).catch((error) =>
      console.error(`batch-recovery at start failed: ${error}`),
    );
  const base = `http://127.0.0.1:${port}`;
  console.log(`
shegong is running (local mode)
  Web app     ${base}/          (sign in locally: 本地体验登录)
  API         ${base}/v1        health: ${base}/health
  Docs        ${base}/docs      OpenAPI: ${base}/openapi.json
  DynamoDB    ${endpoint} table "${tableName}" (${table})${dynamo ? (inMemory ? ', in memory' : `, data in ${join(dataDir, 'dynamodb')}`) : ''}
  Clock       ${clock.now().toISOString()}${args.clock ? ` (business clock from --clock; move it: POST ${base}/local/clock {"now":"…"})` : ''}
  Token       curl -s -XPOST ${base}/local/token -H 'content-type: application/json' -d '{"role":"hr","org":"qth"}'
              or: npm run token -- --role hr --org qth
  Jobs        ${
    scheduler
      ? scheduler
          .plan()
          .map((p) => `${p.name} next at ${p.next.toISOString()}`)
          .join('\n              ') || 'none registered'
      : 'off (--no-jobs): no schedule, no batch recovery; open batches wait for 批处理'
  }
Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    scheduler?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await dynamo?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
