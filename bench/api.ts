/**
 * `npm run bench -- api [--rounds 5] [--seconds 2] [--connections 10] [--warmup 6]`: throughput of the hot reads
 * through the real local-mode server (`functions/local/server.ts`, a child process) against a
 * DynamoDB Local started here, next to two yardsticks measured in the same run on the same
 * DynamoDB Local: a bare Hono + one GetItem of the worker's own item (`bench/bare-getitem-server.ts`,
 * issue 14's baseline, through the DocumentClient), the same read through the store's read client
 * (`/item-read-client`: a plain DynamoDBClient with `cacheMiddleware`, a stricter yardstick printed
 * beside it) and the real server's `/health` (no DynamoDB at all).
 *
 * Each target gets `--connections` concurrent keep-alive clients for `--seconds`; after a warm-up
 * (`--warmup` seconds per target, in two passes) the targets take turns, round after round (the order rotating), and the median requests/s
 * per target is printed with its ratio to each yardstick. Ratios only: nothing here asserts a time.
 * On Linux it also prints the CPU each process spent per request over the rounds (the answering
 * server, DynamoDB Local, this client, from /proc/<pid>/stat): throughput on a shared machine
 * measures the other processes as well, the server's CPU per request is what our code changes.
 * The DynamoDB requests per read are counted by test/integration/hot-reads.test.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTable, freePort, startDynamoLocal } from '#functions/local/dynamodb-local.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';
import { seedWorker, startServer } from './local-server.ts';

const TABLE = 'shegong-bench';
/** Issue 14's goals, as ratios to the bare GetItem server. */
const GOALS: Record<string, number> = { 'GET /v1/me': 0.85, 'GET /v1/me/statements/{month}': 0.8 };

interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  rates: number[];
  /** Which server answers it (for its CPU per request). */
  server: 'app' | 'bare';
  /** CPU µs spent over the measured rounds: by the answering server, DynamoDB Local, this client. */
  cpu: { server: number; dynamo: number; client: number; requests: number };
}

/** CPU time (user + system) a process has used so far, in µs; undefined off Linux. */
function processCpuMicros(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6;
  } catch {
    return undefined;
  }
}
/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
const CLOCK_TICKS = 100;

function option(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

/** Requests per second `connections` keep-alive clients get from `target` in `seconds`. */
async function throughput(
  target: Target,
  seconds: number,
  connections: number,
  pids?: { app?: number; bare?: number; dynamo?: number },
): Promise<number> {
  const serverPid = target.server === 'app' ? pids?.app : pids?.bare;
  const before = {
    server: processCpuMicros(serverPid),
    dynamo: processCpuMicros(pids?.dynamo),
    client: process.cpuUsage(),
  };
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const client = async () => {
    while (performance.now() < end) {
      const res = await fetch(target.url, { headers: target.headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${target.name}: ${res.status}`);
      done += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, client));
  const rate = done / ((performance.now() - started) / 1000);
  if (pids) {
    const client = process.cpuUsage(before.client);
    target.cpu.server += (processCpuMicros(serverPid) ?? 0) - (before.server ?? 0);
    target.cpu.dynamo += (processCpuMicros(pids.dynamo) ?? 0) - (before.dynamo ?? 0);
    target.cpu.client += client.user + client.system;
    target.cpu.requests += done;
  }
  return rate;
}

const cpu = () => ({ server: 0, dynamo: 0, client: 0, requests: 0 });

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function waitFor(url: string, child: ChildProcess, what: string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode})`);
    if (
      await fetch(url).then(
        (r) => r.status < 500,
        () => false,
      )
    )
      return;
    if (Date.now() > deadline) throw new Error(`${what} did not answer in 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const stop = (child: ChildProcess | undefined) => {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
};

export async function main(args: string[]) {
  const rounds = option(args, 'rounds', 5);
  const seconds = option(args, 'seconds', 2);
  const connections = option(args, 'connections', 10);
  const warmup = option(args, 'warmup', 6);
  const dataDir = mkdtempSync(join(tmpdir(), 'shegong-bench-api-'));
  const dynamo = await startDynamoLocal();
  let server: ChildProcess | undefined;
  let bare: ChildProcess | undefined;
  try {
    await ensureTable(dynamo.endpoint, TABLE);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await startServer(port, {
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      TABLE_NAME: TABLE,
      DATA_DIR: dataDir,
    });
    const seeded = await seedWorker(base);
    const { pk, sk } = workerKeys.key(seeded.workerId);
    const barePort = await freePort();
    bare = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-getitem-server.ts'], {
      env: {
        ...process.env,
        PORT: String(barePort),
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        TABLE_NAME: TABLE,
        ITEM_PK: pk,
        ITEM_SK: sk,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    });
    await waitFor(`http://127.0.0.1:${barePort}/item`, bare, 'the bare GetItem server');

    const month = shanghaiDate(new Date()).slice(0, 7);
    const year = month.slice(0, 4);
    const worker = { authorization: `Bearer ${seeded.token}` };
    const hr = { authorization: `Bearer ${seeded.hrToken}` };
    const targets: Target[] = [
      {
        name: 'bare Hono + GetItem',
        url: `http://127.0.0.1:${barePort}/item`,
        headers: {},
        rates: [],
        server: 'bare',
        cpu: cpu(),
      },
      {
        name: 'bare GetItem, read client',
        url: `http://127.0.0.1:${barePort}/item-read-client`,
        headers: {},
        rates: [],
        server: 'bare',
        cpu: cpu(),
      },
      { name: 'GET /health', url: `${base}/health`, headers: {}, rates: [], server: 'app', cpu: cpu() },
      { name: 'GET /v1/me', url: `${base}/v1/me`, headers: worker, rates: [], server: 'app', cpu: cpu() },
      {
        name: 'GET /v1/me/statements/{month}',
        url: `${base}/v1/me/statements/${month}`,
        headers: worker,
        rates: [],
        server: 'app',
        cpu: cpu(),
      },
      {
        name: 'GET /v1/workers/{id}',
        url: `${base}/v1/workers/${seeded.workerId}`,
        headers: hr,
        rates: [],
        server: 'app',
        cpu: cpu(),
      },
      {
        name: 'GET /v1/stats',
        url: `${base}/v1/stats?org=${encodeURIComponent(seeded.city)}&year=${year}`,
        headers: hr,
        rates: [],
        server: 'app',
        cpu: cpu(),
      },
      {
        name: 'GET /v1/payroll/{month}',
        url: `${base}/v1/payroll/${month}?org=${encodeURIComponent(seeded.community)}`,
        headers: hr,
        rates: [],
        server: 'app',
        cpu: cpu(),
      },
    ];
    // DynamoDB Local (a JVM) and both servers speed up for a while after start: warm every target
    // until the figures settle, so the rounds don't favour whichever target comes late.
    for (let pass = 0; pass < 2; pass++) {
      for (const target of targets) await throughput(target, warmup / 2, connections);
    }
    const pids = { app: server.pid, bare: bare.pid, dynamo: dynamo.process.pid };
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(i + round) % targets.length]!;
        target.rates.push(await throughput(target, seconds, connections, pids));
      }
    }

    const bareRate = median(targets[0]!.rates);
    const readClientRate = median(targets[1]!.rates);
    const healthRate = median(targets[2]!.rates);
    console.log(
      `api: ${rounds} alternating rounds of ${seconds} s per target, ${connections} connections, after ${warmup} s of warm-up each; median requests/s`,
    );
    console.log(
      `${'target'.padEnd(32)}${'req/s'.padStart(9)}${'÷ bare GetItem'.padStart(16)}${'÷ read client'.padStart(15)}${'÷ /health'.padStart(11)}  goal (÷ bare GetItem)`,
    );
    for (const target of targets) {
      const rate = median(target.rates);
      const ratio = rate / bareRate;
      const goal = GOALS[target.name];
      const verdict = goal === undefined ? '' : `≥ ${goal} ${ratio >= goal ? 'met' : 'NOT met'}`;
      console.log(
        `${target.name.padEnd(32)}${rate.toFixed(0).padStart(9)}${ratio.toFixed(2).padStart(16)}${(rate / readClientRate).toFixed(2).padStart(15)}${(rate / healthRate).toFixed(2).padStart(11)}  ${verdict}`,
      );
    }
    // Throughput on a shared machine measures the other processes too: the CPU each process spent
    // per request over the rounds says where the time went (Linux only).
    if (targets.some((t) => t.cpu.server > 0)) {
      const bareCpu = targets[0]!.cpu;
      console.log(`\nCPU µs per request over the rounds${' '.repeat(2)}(server ÷ the bare server's)`);
      console.log(
        `${'target'.padEnd(32)}${'server'.padStart(9)}${'÷ bare'.padStart(8)}${'DynamoDB'.padStart(10)}${'client'.padStart(9)}`,
      );
      for (const target of targets) {
        const per = (micros: number) => micros / Math.max(1, target.cpu.requests);
        console.log(
          `${target.name.padEnd(32)}${per(target.cpu.server).toFixed(0).padStart(9)}${(per(target.cpu.server) / (bareCpu.server / Math.max(1, bareCpu.requests))).toFixed(2).padStart(8)}${per(target.cpu.dynamo).toFixed(0).padStart(10)}${per(target.cpu.client).toFixed(0).padStart(9)}`,
        );
      }
    }
  } finally {
    stop(bare);
    stop(server);
    await dynamo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
