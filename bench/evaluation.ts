/**
 * Evaluation benchmark: a synthetic city of N workers (100 per community, 10 communities per
 * street, 10 streets per district) with a month of inputs in DynamoDB Local, then
 *   (a) the scoring job end to end: start the run, fan out one message per community over the
 *       in-process queue with `--concurrency` consumers (like that many Lambdas), until every unit
 *       is done and the run completed;
 *   (b) a raw BatchWrite of N result-sized items into the same table, same concurrency.
 * Prints both times, their ratio (aim ≤ 2) and, with two sizes, the ratio of the job times
 * (aim ≤ size ratio + 10%, i.e. linear). Seeding uses BatchWrite, not the API.
 *
 *   npm run bench -- evaluation [--sizes 10000,100000] [--concurrency 8] [--per-unit 100] [--warm-up 5000]
 */
import { inProcessQueue } from '#functions/queues/in-process.ts';
import { scoreOrgUnitMessage } from '#functions/jobs/evaluation-worker/job.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { ensureTable, startDynamoLocal } from '#functions/local/dynamodb-local.ts';
import { systemContext } from '#shared/context.ts';
import { createDocumentClient } from '#shared/db/client.ts';
import { evaluationKeys, type EvaluationResultRecord, resultItem } from '#shared/db/entities/evaluation.ts';
import { orgUnitItem, type OrgUnitRecord } from '#shared/db/entities/org-unit.ts';
import { workerItem } from '#shared/db/entities/worker.ts';
import { type Item, Store } from '#shared/db/store.ts';
import { initialStepState } from '#shared/domain/pay.ts';
import type { OrgLevel } from '#shared/domain/org-paths.ts';
import { EVALUATION_QUEUE, loadRun, startEvaluationRun } from '#shared/usecases/evaluation-runs.ts';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import type { WorkerRecord } from '#shared/domain/workers.ts';

const PERIOD = '2026-02';
const NOW = new Date('2026-03-02T02:00:00.000Z');
const CITY = 'bench';

interface Options {
  sizes: number[];
  concurrency: number;
  perUnit: number;
  warmUp: number;
}

function parseArgs(args: string[]): Options {
  const options: Options = { sizes: [10_000, 100_000], concurrency: 8, perUnit: 100, warmUp: 5000 };
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if (args[i] === '--sizes' && value)
      options.sizes = value.split(',').map((s) => Number(s.replace(/k$/i, '000')));
    else if (args[i] === '--concurrency' && value) options.concurrency = Number(value);
    else if (args[i] === '--per-unit' && value) options.perUnit = Number(value);
    else if (args[i] === '--warm-up' && value) options.warmUp = Number(value);
    else continue;
    i++;
  }
  if (!options.sizes.every((n) => Number.isInteger(n) && n > 0))
    throw new Error('--sizes: positive integers');
  return options;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function orgUnit(id: string, level: OrgLevel, parentId: string | null): OrgUnitRecord {
  const at = NOW.toISOString();
  return {
    id,
    name: id,
    level,
    parentId,
    urbanPopulation: null,
    approvedQuota: null,
    holdsQuota: false,
    quota: null,
    used: 0,
    available: null,
    overQuotaBy: 0,
    quotaPolicyVersion: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

function worker(i: number, org: string): WorkerRecord {
  const at = NOW.toISOString();
  return {
    id: `w${String(i).padStart(7, '0')}`,
    name: '测试社工',
    nationalId: `2309021995061500${String(i).padStart(2, '0')}`,
    sex: i % 2 ? 'female' : 'male',
    birthDate: '1995-06-15',
    org,
    status: 'active',
    channel: 'open-recruitment',
    education: 'college',
    isPartyMember: i % 3 === 0,
    post: 'staff',
    grade: 3,
    step: initialStepState(3),
    hiredOn: '2025-03-01',
    probationEndsOn: '2026-02-28',
    contractEndsOn: '2028-02-29',
    certificates: [],
    mentorIds: [],
    annualGrades: {},
    exit: null,
    source: { bench: true },
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** Deterministic pseudo-random inputs (so every run scores the same data): one item per worker. */
function inputsFor(w: WorkerRecord, i: number): Item {
  const r = (k: number) => ((i * 7919 + k * 104729) % 1000) / 1000;
  const assigned = 5 + Math.floor(r(5) * 20);
  const completed = assigned - Math.floor(r(6) * 3);
  const satisfied = Math.max(0, completed - Math.floor(r(7) * 4));
  return {
    ...evaluationKeys.input(w.id, PERIOD),
    gsi1pk: evaluationKeys.inputsOfUnit(PERIOD, w.org),
    gsi1sk: w.id,
    type: 'evaluation-input',
    workerId: w.id,
    period: PERIOD,
    org: w.org,
    updatedAt: NOW.toISOString(),
    requestId: 'bench-seed',
    poll: { score: 60 + Math.round(r(1) * 4000) / 100 },
    'dept:civil-affairs': 60 + Math.round(r(2) * 40),
    'dept:public-security': 60 + Math.round(r(3) * 40),
    duty: { gridPatrols: 10 + Math.floor(r(4) * 15), householdVisits: 15 + Math.floor(r(8) * 20) },
    workOrders: { assigned, completed, satisfied },
  };
}

async function seed(store: Store, n: number, perUnit: number, concurrency: number) {
  const units: OrgUnitRecord[] = [orgUnit(CITY, 'city', null)];
  const communities = Math.ceil(n / perUnit);
  const communityIds: string[] = [];
  const districts = new Set<string>();
  const streets = new Set<string>();
  for (let c = 0; c < communities; c++) {
    const d = `${CITY}/d${Math.floor(c / 100)}`;
    const s = `${d}/s${Math.floor(c / 10) % 10}`;
    const id = `${s}/c${c % 10}`;
    if (!districts.has(d)) {
      districts.add(d);
      units.push(orgUnit(d, 'district', CITY));
    }
    if (!streets.has(s)) {
      streets.add(s);
      units.push(orgUnit(s, 'street', d));
    }
    units.push(orgUnit(id, 'community', s));
    communityIds.push(id);
  }
  const items: Item[] = units.map(orgUnitItem);
  for (let i = 0; i < n; i++) {
    const w = worker(i, communityIds[Math.floor(i / perUnit)]!);
    items.push(workerItem(w), inputsFor(w, i));
  }
  await store.batchPut(items, { concurrency });
  return { items: items.length, units: communities };
}

function rawResults(n: number): Item[] {
  const at = NOW.toISOString();
  return Array.from({ length: n }, (_, i) => {
    const result: EvaluationResultRecord = {
      workerId: `w${String(i).padStart(7, '0')}`,
      workerName: '测试社工',
      org: `${CITY}/raw/c${Math.floor(i / 100)}`,
      period: '2026-01',
      kind: 'monthly',
      runId: 'evr_rawbatchwrite00',
      policyVersion: 'evaluation/default',
      components: { poll: 8765, departments: 8000, duty: 9123, workOrders: 9456 },
      totalHundredths: 8801,
      rank: (i % 100) + 1,
      unitSize: 100,
      grade: 'competent',
      label: '称职',
      cappedFromExcellent: false,
      satisfactionFailed: false,
      satisfactionPercent: 9500,
      missing: [],
      training: null,
      inputs: {
        poll: { score: 87.65 },
        departments: { 'civil-affairs': 80, 'public-security': 80 },
        duty: { gridPatrols: 20, householdVisits: 30 },
        workOrders: { assigned: 20, completed: 20, satisfied: 19 },
      },
      sources: null,
      computedAt: at,
    };
    // Same shape and indexes as a real result, in partitions of its own.
    return { ...resultItem(result), pk: `RAW#${result.org}`, gsi2pk: `RAW#${result.workerId}` };
  });
}

async function benchSize(endpoint: string, n: number, options: Options) {
  const tableName = `bench-${n}`;
  await ensureTable(endpoint, tableName);
  const client = createDocumentClient({ endpoint });
  const store = new Store(client, tableName);
  try {
    let t = performance.now();
    const seeded = await seed(store, n, options.perUnit, options.concurrency);
    const seedMs = performance.now() - t;
    console.log(`  N=${n}: seeded ${seeded.items} items (${seeded.units} communities) in ${seconds(seedMs)}`);

    const queue = inProcessQueue({ concurrency: options.concurrency, maxAttempts: 3 });
    const deps: Dependencies = {
      store,
      identity: async () => {
        throw new Error('no HTTP in the benchmark');
      },
      queue,
      clock: () => NOW,
    };
    queue.consume(EVALUATION_QUEUE, (message) => scoreOrgUnitMessage(deps, message));
    const ctx = systemContext('bench', NOW, CITY);
    const cpu0 = process.cpuUsage();
    t = performance.now();
    const started = await startEvaluationRun(store, queue, ctx, { period: PERIOD, org: CITY });
    const startMs = performance.now() - t;
    await queue.idle();
    const jobMs = performance.now() - t;
    const run = await loadRun(store, started.id);
    if (run.status !== 'completed' || run.workersScored !== n || run.unitsDone !== run.unitsTotal) {
      throw new Error(`run did not complete correctly: ${JSON.stringify(run)}`);
    }

    const cpu = process.cpuUsage(cpu0);
    const raw = rawResults(n);
    t = performance.now();
    await store.batchPut(raw, { concurrency: options.concurrency });
    const rawMs = performance.now() - t;
    const ratio = jobMs / rawMs;
    console.log(
      `  N=${n}: job ${seconds(jobMs)} (${run.unitsTotal} units, ${run.workersScored} workers; start + fan-out ${seconds(startMs)}; Node CPU ${seconds((cpu.user + cpu.system) / 1000)}), raw BatchWrite ${seconds(rawMs)}, job/raw ${ratio.toFixed(2)}`,
    );
    return { n, seedMs, jobMs, rawMs, ratio };
  } finally {
    await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  }
}

export async function main(args: string[]) {
  const options = parseArgs(args);
  console.log(
    `evaluation benchmark: sizes ${options.sizes.join(', ')}, ${options.perUnit} workers per unit, concurrency ${options.concurrency} (DynamoDB Local, in memory)`,
  );
  const dynamo = await startDynamoLocal();
  const rows: Awaited<ReturnType<typeof benchSize>>[] = [];
  try {
    // DynamoDB Local is a JVM: a first, unreported round warms its JIT so sizes compare fairly.
    console.log(`  warm-up (${options.warmUp} workers, not reported):`);
    if (options.warmUp > 0) await benchSize(dynamo.endpoint, options.warmUp, options);
    for (const n of options.sizes) rows.push(await benchSize(dynamo.endpoint, n, options));
  } finally {
    await dynamo.stop();
  }
  console.log('\n| workers | seed | job | raw BatchWrite | job / raw |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(
      `| ${r.n} | ${seconds(r.seedMs)} | ${seconds(r.jobMs)} | ${seconds(r.rawMs)} | ${r.ratio.toFixed(2)} |`,
    );
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1]!;
    const b = rows[i]!;
    console.log(
      `job time ${b.n}/${a.n}: ${(b.jobMs / a.jobMs).toFixed(2)} (size ratio ${(b.n / a.n).toFixed(1)}; linear ≤ ${((b.n / a.n) * 1.1).toFixed(1)})`,
    );
  }
}
