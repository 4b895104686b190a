/**
 * `npm start`: the whole system on this machine. DynamoDB Local (data in .data/, or --memory),
 * the same Hono apps on @hono/node-server, and the same scheduled jobs on a timer.
 *
 *   npm start                   persistent, port 3000 (PORT to change)
 *   npm start -- --memory       throwaway data
 *   DYNAMODB_ENDPOINT=http://… npm start   use a DynamoDB endpoint that is already running
 */
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { loadOrCreateLocalSecret } from '#functions/identity/local-jwt.ts';
import {
  checkJava,
  ensureTable,
  type RunningDynamo,
  startDynamoLocal,
} from '#functions/local/dynamodb-local.ts';
import { createLocalApp, localDependencies } from '#functions/local/local-app.ts';
import { startScheduler } from '#functions/local/scheduler.ts';
import { ensureWebBuild, mountWebApp } from '#functions/local/web-app.ts';

const args = new Set(process.argv.slice(2));
const inMemory = args.has('--memory');
const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? join(process.cwd(), '.data');
const tableName = process.env.TABLE_NAME ?? 'shegong';

async function main() {
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
  const { deps } = localDependencies({ endpoint, tableName, secret });
  const app = createLocalApp(deps, secret);
  // Before the server answers /health: a fresh clone's first `npm start` builds the web app here.
  await ensureWebBuild();
  mountWebApp(app);
  const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '127.0.0.1' });
  const scheduler = startScheduler(deps);

  const base = `http://127.0.0.1:${port}`;
  console.log(`
shegong is running (local mode)
  Web app     ${base}/          (sign in locally: 本地体验登录)
  API         ${base}/v1        health: ${base}/health
  Docs        ${base}/docs      OpenAPI: ${base}/openapi.json
  DynamoDB    ${endpoint} table "${tableName}" (${table})${dynamo ? (inMemory ? ', in memory' : `, data in ${join(dataDir, 'dynamodb')}`) : ''}
  Token       curl -s -XPOST ${base}/local/token -H 'content-type: application/json' -d '{"role":"hr","org":"qth"}'
              or: npm run token -- --role hr --org qth
  Jobs        ${
    scheduler
      .plan()
      .map((p) => `${p.name} next at ${p.next.toISOString()}`)
      .join('\n              ') || 'none registered'
  }
Ctrl-C stops everything.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    scheduler.stop();
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
