/**
 * `npm run bench -- api-cpu [--rounds 9] [--requests 2000] [--concurrency 10] [--only <name part>]`: CPU time of this
 * Node process per request for the hot reads, as a ratio to a bare Hono + one GetItem of the same
 * worker item, all served in this one process.
 *
 * `bench -- api` measures throughput, which on a shared machine mostly measures the other
 * processes (and DynamoDB Local's JVM). Here DynamoDB Local answers each distinct request once,
 * while the targets are warmed; its answers are recorded at the SDK's transport (after
 * serialisation and SigV4 signing, before parsing the response, so both stay in the measured work)
 * and replayed from memory afterwards, with DynamoDB Local stopped. What is left is the CPU of our
 * own request path (routing, middleware, identity, use-case, serialisation) plus the SDK's, for
 * the app and the yardstick alike. Requests go to `app.fetch` directly (no HTTP server or client,
 * whose cost would be the same for every target). `process.cpuUsage()` counts user + system CPU of
 * the whole process over `--requests` requests (`--concurrency` at a time); the best of `--rounds`
 * alternating rounds is printed per target (the least disturbed by other processes and by the
 * garbage collector's timing), with the median beside it. Ratios only: nothing asserts a time.
 *
 * Targets: the bare GetItem; `/health` (no DynamoDB); `GET /v1/me` and the current month's
 * statement with a local-mode token (`localIdentity`); `GET /v1/me` with API Gateway's verified
 * claims in the Lambda event (`apiGatewayIdentity`, the identity path of the deployed functions).
 */
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { serve } from '@hono/node-server';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { createRootApp } from '#functions/api/root-app.ts';
import { selfServiceMounts } from '#functions/api/self-service/routes.ts';
import { apiGatewayIdentity } from '#functions/identity/api-gateway.ts';
import { ensureTable, startDynamoLocal } from '#functions/local/dynamodb-local.ts';
import { createLocalApp, localDependencies } from '#functions/local/local-app.ts';
import { createDocumentClient } from '#shared/db/client.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { seedWorker } from './local-server.ts';

const TABLE = 'shegong-bench-cpu';
const SECRET = 'bench-cpu-secret-bench-cpu-secret-bench-cpu';

interface RecordedResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Records every DynamoDB answer the client gets, keyed by operation and request body, and once
 * `replay` is on answers from the record instead of the network. An unrecorded request while
 * replaying is an error (the benchmark would otherwise measure a failing request).
 */
function recordAndReplay(
  client: DynamoDBDocumentClient,
  record: Map<string, RecordedResponse>,
  mode: { replay: boolean },
) {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers: Record<string, string>; body?: unknown };
      const sent =
        request.body instanceof Uint8Array ? Buffer.from(request.body).toString('utf8') : request.body;
      const key = `${request.headers['x-amz-target']} ${String(sent)}`;
      if (mode.replay) {
        const hit = record.get(key);
        if (!hit) throw new Error(`api-cpu: no recorded answer for ${key}`);
        return {
          response: {
            statusCode: hit.statusCode,
            headers: { ...hit.headers },
            body: Readable.from([hit.body]),
          },
        } as never;
      }
      const result = await next(args);
      const response = result.response as RecordedResponse & { body: Readable };
      const chunks: Buffer[] = [];
      for await (const chunk of response.body) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      record.set(key, { statusCode: response.statusCode, headers: response.headers, body });
      return { ...result, response: { ...response, body: Readable.from([body]) } } as never;
    },
    // Innermost: the request is serialised and signed, the response not yet parsed.
    { step: 'deserialize', priority: 'low', name: 'benchRecordAndReplay' },
  );
}

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive integer`);
  return value;
}

interface Target {
  name: string;
  call: () => Promise<Response>;
  cpu: number[];
}

/** CPU µs of this process per request, for `requests` requests `concurrency` at a time. */
async function cpuPerRequest(target: Target, requests: number, concurrency: number): Promise<number> {
  let left = requests;
  const client = async () => {
    while (left-- > 0) {
      const res = await target.call();
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${target.name}: ${res.status}`);
    }
  };
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, client));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / requests;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function main(args: string[]) {
  const rounds = option(args, 'rounds', 9);
  const requests = option(args, 'requests', 2000);
  const concurrency = option(args, 'concurrency', 10);
  // The request log line is measured apart (README): here, as in `bench -- api`, it is off.
  process.env.LOG_REQUESTS ??= '0';
  const dynamo = await startDynamoLocal();
  const record = new Map<string, RecordedResponse>();
  const mode = { replay: false };
  try {
    await ensureTable(dynamo.endpoint, TABLE);
    const { deps } = localDependencies({ endpoint: dynamo.endpoint, tableName: TABLE, secret: SECRET });
    recordAndReplay(deps.store.client, record, mode);
    const app = createLocalApp(deps, SECRET);

    // Seeded through the API over HTTP, as `bench -- api` does; the server is closed afterwards.
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const seeded = await seedWorker(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await new Promise((resolve) => server.close(resolve));

    const bareClient = createDocumentClient({ endpoint: dynamo.endpoint });
    recordAndReplay(bareClient, record, mode);
    const Key = workerKeys.key(seeded.workerId);
    const bare = new Hono();
    bare.get('/item', async (c) => {
      const out = await bareClient.send(new GetCommand({ TableName: TABLE, Key, ConsistentRead: true }));
      return out.Item ? c.json(out.Item) : c.json({ error: 'not found' }, 404);
    });

    // The deployed functions' identity: claims API Gateway verified, in the Lambda event.
    const lambdaApp = createRootApp(
      { ...deps, identity: apiGatewayIdentity },
      { contexts: { 'self-service': selfServiceMounts } },
    );
    const lambdaEnv = {
      event: {
        requestContext: {
          requestId: 'bench-request',
          authorizer: {
            jwt: {
              claims: {
                sub: 'bench-worker',
                'cognito:groups': '[worker]',
                'custom:org': seeded.community,
                'custom:workerId': seeded.workerId,
              },
            },
          },
        },
      },
    };

    const month = shanghaiDate(new Date()).slice(0, 7);
    const worker = { authorization: `Bearer ${seeded.token}` };
    const all: Target[] = [
      {
        name: 'bare Hono + GetItem',
        call: async () => bare.fetch(new Request('http://bench/item')),
        cpu: [],
      },
      { name: 'GET /health', call: async () => app.fetch(new Request('http://bench/health')), cpu: [] },
      {
        name: 'GET /v1/me',
        call: async () => app.fetch(new Request('http://bench/v1/me', { headers: worker })),
        cpu: [],
      },
      {
        name: 'GET /v1/me/statements/{month}',
        call: async () =>
          app.fetch(new Request(`http://bench/v1/me/statements/${month}`, { headers: worker })),
        cpu: [],
      },
      {
        name: 'GET /v1/me (Lambda identity)',
        // API Gateway passes the verified token on with its claims.
        call: async () => lambdaApp.fetch(new Request('http://bench/v1/me', { headers: worker }), lambdaEnv),
        cpu: [],
      },
    ];
    // `--only me` (say): the yardstick and the targets whose name holds it (for a CPU profile).
    const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
    const targets = all.filter((t, i) => i === 0 || !only || t.name.includes(only));
    // Warm-up against DynamoDB Local, which records every answer; then replay only.
    for (const target of targets) await cpuPerRequest(target, 50, concurrency);
    mode.replay = true;
    await dynamo.stop();
    for (const target of targets) await cpuPerRequest(target, requests, concurrency);
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(i + round) % targets.length]!;
        target.cpu.push(await cpuPerRequest(target, requests, concurrency));
      }
    }

    const bareBest = Math.min(...targets[0]!.cpu);
    const bareMedian = median(targets[0]!.cpu);
    console.log(
      `api-cpu: CPU µs of this process per request; ${rounds} alternating rounds of ${requests} requests, ${concurrency} at a time; DynamoDB answers replayed`,
    );
    console.log(
      `${'target'.padEnd(32)}${'best µs'.padStart(9)}${'÷ bare'.padStart(8)}${'median µs'.padStart(11)}${'÷ bare'.padStart(8)}`,
    );
    for (const target of targets) {
      const best = Math.min(...target.cpu);
      const mid = median(target.cpu);
      console.log(
        `${target.name.padEnd(32)}${best.toFixed(0).padStart(9)}${(best / bareBest).toFixed(2).padStart(8)}${mid.toFixed(0).padStart(11)}${(mid / bareMedian).toFixed(2).padStart(8)}`,
      );
    }
  } finally {
    await dynamo.stop();
  }
}
