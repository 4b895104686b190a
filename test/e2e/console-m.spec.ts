import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { freePort, type RunningDynamo, startDynamoLocal } from '../../functions/local/dynamodb-local.ts';
import { CONSOLE, localToken, nationalId, PHONE, screenshot, signInAs } from './support.ts';

/**
 * What a crash leaves behind, and the officer's way out of it. This spec owns its servers: one
 * DynamoDB Local, and `npm start -- --no-jobs` started and killed (SIGKILL, as a crash would) on it
 * while it writes; --no-jobs keeps the recovery job from tidying up before the officer looks.
 * 1. 批处理: two 240-row transfers interrupted part-way show as 已中断; one is finished (继续写入, at
 *    1440×900), the other undone (撤销本批, at 390×844). Seats, the transfer records and the audit
 *    trail agree afterwards.
 * 2. 考核 › 考核计算: a run whose server died after it started stays 进行中 with units pending;
 *    续跑未完成单位 re-queues them and the run completes.
 */

test.describe.configure({ mode: 'serial', timeout: 240_000 });

const GRIDS_PER_COMMUNITY = 2;
const COMMUNITIES = 4;
const ROWS = 240;

let dynamo: RunningDynamo;
let dataDir: string;
let port: number;
let server: ChildProcess | undefined;
let city: string;
let hr: string;

const origin = () => `http://127.0.0.1:${port}`;

/** `npm start -- --no-jobs` on the spec's DynamoDB Local; resolves once /health answers. */
async function startServer(extra: string[] = []) {
  const child = spawn(
    join('node_modules', '.bin', 'tsx'),
    ['functions/local/server.ts', '--no-jobs', ...extra],
    {
      env: {
        ...process.env,
        PORT: String(port),
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        DATA_DIR: dataDir,
        LOG_REQUESTS: '0',
        // A dead writer's batch is 已中断 8 s after its last step, not a minute.
        BATCH_LEASE_SECONDS: '8',
      },
      detached: true,
      stdio: 'ignore',
    },
  );
  server = child;
  await expect
    .poll(
      async () => {
        if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
        return fetch(`${origin()}/health`).then(
          (r) => r.status,
          () => 0,
        );
      },
      { timeout: 120_000, intervals: [250] },
    )
    .toBe(200);
  hr = await localToken({ role: 'hr', org: city }, origin());
}

/** SIGKILL to the server's whole process group (tsx and the node it runs), as a crash would. */
async function killServer() {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGKILL');
  await gone;
  server = undefined;
}

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${origin()}${path}`, {
    method,
    headers: { authorization: `Bearer ${hr}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => null)) as any;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const grids = () =>
  Array.from({ length: COMMUNITIES }, (_, c) =>
    Array.from({ length: GRIDS_PER_COMMUNITY }, (_, g) => `${city}/d/s/c${c + 1}/g${g + 1}`),
  ).flat();

/** 240 transfer rows spread over the city's eight grids; `tag` keeps names apart between batches. */
const transferRows = (tag: string) =>
  Array.from({ length: ROWS }, (_, i) => ({
    nationalId: nationalId(`19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`),
    name: `${tag}${String(i + 1).padStart(3, '0')}`,
    org: grids()[i % grids().length],
    currentMonthlyPayFen: 300_000 + (i % 7) * 1000,
    education: 'college',
  }));

/**
 * Starts a 240-row transfer and kills the server once its first step is written (read through
 * /v1/batches while the upload runs). Returns the open batch.
 */
async function transferKilledPartWay(tag: string) {
  const before = new Set(
    ((await call('GET', `/v1/batches?org=${city}`)).items as { id: string }[]).map((b) => b.id),
  );
  let outcome: string | undefined;
  const upload = call(
    'POST',
    '/v1/transfers',
    { rows: transferRows(tag) },
    { 'idempotency-key': crypto.randomUUID() },
  ).then(
    () => {
      outcome = 'written in full before the kill';
    },
    (error: unknown) => {
      // The kill cuts the connection ('fetch failed'); anything else (a refusal) is a failure.
      outcome = error instanceof Error ? `${error.message}` : String(error);
    },
  );
  let batch: { id: string; subject: string; nextStep: number; stepCount: number } | undefined;
  await expect
    .poll(
      async () => {
        // Refused, or written in full, before the kill: nothing is left to recover (poll says why).
        if (outcome) return outcome;
        const items = (await call('GET', `/v1/batches?org=${city}`)).items as NonNullable<typeof batch>[];
        batch = items.find((b) => !before.has(b.id));
        // A 240-row transfer is written in about a dozen steps: kill after the first.
        return (batch?.nextStep ?? 0) >= 1;
      },
      { timeout: 60_000, intervals: [100] },
    )
    .toBe(true);
  await killServer();
  await upload;
  expect(outcome).toBe('fetch failed');
  expect(batch!.nextStep).toBeLessThan(batch!.stepCount);
  return batch!;
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dynamo = await startDynamoLocal();
  dataDir = mkdtempSync(join(tmpdir(), 'shegong-e2e-m-'));
  port = await freePort();
  city = `bm${Date.now().toString(36)}`;
  await startServer();
  const units = [
    { id: city, name: '七台河市', level: 'city', approvedQuota: 982 },
    { id: `${city}/d`, name: '新兴区', level: 'district', parentId: city, urbanPopulation: 600_000 },
    { id: `${city}/d/s`, name: '红旗街道', level: 'street', parentId: `${city}/d`, urbanPopulation: 400_000 },
  ];
  for (let c = 1; c <= COMMUNITIES; c++) {
    units.push({
      id: `${city}/d/s/c${c}`,
      name: `第${c}社区`,
      level: 'community',
      parentId: `${city}/d/s`,
      approvedQuota: 150,
    } as (typeof units)[number]);
    for (let g = 1; g <= GRIDS_PER_COMMUNITY; g++)
      units.push({
        id: `${city}/d/s/c${c}/g${g}`,
        name: `第${g}网格`,
        level: 'grid',
        parentId: `${city}/d/s/c${c}`,
        urbanPopulation: 1000,
      } as (typeof units)[number]);
  }
  for (const unit of units) await call('POST', '/v1/org-units', unit);
});

test.afterAll(async () => {
  await killServer();
  await dynamo?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const batchRow = (page: Page, id: string) => page.getByRole('row').filter({ hasText: id });

test('批处理: two interrupted transfers, one finished (继续写入) and one undone (撤销本批)', async ({
  page,
}) => {
  const finished = await transferKilledPartWay('续');
  await startServer();
  const undone = await transferKilledPartWay('撤');
  await startServer();
  // Steps may have landed between the last look and the kill: what the table holds now.
  const left = await call('GET', `/v1/batches/${finished.id}`);
  expect(left.status).toBe('in-progress');

  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city }, origin());
  await page.goto(`${origin()}/hr/overview`);
  const todo = page.getByTestId('todo-batches');
  await expect(todo.getByTestId('todo-count')).toHaveText('2批');
  await todo.getByRole('link', { name: '未完成的批量操作' }).click();
  await expect(page.getByRole('heading', { name: '批处理' })).toBeVisible();
  await expect(page).toHaveURL(/\/hr\/batches$/);
  // No process writes them now: once their leases run out both are 已中断, with what may be done.
  for (const batch of [finished, undone]) {
    await expect(batchRow(page, batch.id).getByText('已中断')).toBeVisible();
    await expect(batchRow(page, batch.id).getByText('集中转任')).toBeVisible();
  }
  await screenshot(page, 'console-batches');

  await batchRow(page, finished.id).getByRole('button', { name: '继续写入' }).click();
  await expect(page.getByRole('tooltip')).toContainText(
    `写入这一批余下的 ${left.stepCount - left.nextStep} 步`,
  );
  await page.getByRole('tooltip').getByRole('button', { name: '确认写入' }).click();
  await expect(page.getByText(`集中转任批次 ${finished.id} 已写入完成`)).toBeVisible();
  await expect(batchRow(page, finished.id)).toHaveCount(0);

  await page.setViewportSize(PHONE);
  await expect(batchRow(page, undone.id).getByRole('button', { name: '撤销本批' })).toBeVisible();
  await screenshot(page, 'console-batches-phone');
  await batchRow(page, undone.id).getByRole('button', { name: '撤销本批' }).click();
  await page.getByRole('tooltip').getByRole('button', { name: '确认撤销' }).click();
  await expect(page.getByText(`集中转任批次 ${undone.id} 已撤销，已写入的部分全部回滚`)).toBeVisible();
  await expect(page.getByText('没有正在写入或回滚的批处理')).toBeVisible();

  // What the records say: one transfer of 240 complete, one undone, 240 seats taken in the city.
  const transferOf = (b: { subject: string }) =>
    call('GET', `/v1/transfers/${b.subject.replace(/^transfer:/, '')}`);
  const done = await transferOf(finished);
  expect([done.status, done.count, done.persons.length]).toEqual(['completed', ROWS, ROWS]);
  expect((await transferOf(undone)).status).toBe('rolled-back');
  expect((await call('GET', `/v1/org-units/${encodeURIComponent(city)}`)).used).toBe(ROWS);
  for (const c of [1, 2, 3, 4])
    expect((await call('GET', `/v1/org-units/${encodeURIComponent(`${city}/d/s/c${c}`)}`)).used).toBe(
      ROWS / 4,
    );
  const actions = async (id: string) =>
    ((await call('GET', `/v1/audit?entity=batch:${id}`)).items as { action: string }[]).map((e) => e.action);
  expect(await actions(finished.id)).toContain('batch.resumed');
  expect(await actions(undone.id)).toContain('batch.rolled-back');
  await page.goto(`${origin()}/hr/overview`);
  await expect(page.getByTestId('todo-batches').getByTestId('todo-count')).toHaveText('无');
});

test('考核计算: a run cut off by a crash is resumed (续跑未完成单位) and completes', async ({ page }) => {
  // February's monthly evaluation, run on 2 March (business clock), the server killed at once.
  await killServer();
  const clock = ['--clock', '2027-03-02T09:00:00+08:00'];
  await startServer(clock);
  const started = await call('POST', '/v1/evaluations/runs', { period: '2027-02', org: city });
  await killServer();
  await startServer(clock);
  const cut = await call('GET', `/v1/evaluations/runs/${started.id}`);
  expect(cut.status).toBe('running');
  expect(cut.pendingUnits.length).toBeGreaterThan(0);

  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city }, origin());
  await page.goto(`${origin()}/hr/evaluations?tab=runs`);
  const run = page.getByRole('row').filter({ hasText: '2027年2月' });
  await expect(run.getByText('进行中')).toBeVisible();
  await run.getByRole('button', { name: /展开/ }).click();
  const resume = page.getByRole('button', { name: '续跑未完成单位' });
  await expect(resume).toBeVisible();
  await expect(page.getByRole('cell', { name: '第4社区', exact: true })).toBeVisible();
  await screenshot(page, 'console-evaluation-resume');
  // The officer may be on a phone: the run folds into one cell and 续跑 stays in reach.
  await page.setViewportSize(PHONE);
  await expect(resume).toBeVisible();
  await expect(run.getByText(`${cut.unitsDone}/${cut.unitsTotal} 个单位`)).toBeVisible();
  await screenshot(page, 'console-evaluation-resume-phone');
  await resume.click();
  await expect(page.getByRole('tooltip')).toContainText(
    `将 ${cut.pendingUnits.length} 个未完成单位重新排队计算`,
  );
  await page.getByRole('tooltip').getByRole('button', { name: '确认续跑' }).click();
  await expect(page.getByText(`已将 ${cut.pendingUnits.length} 个未完成单位重新排队计算`)).toBeVisible();
  await expect(run.getByText('已完成')).toBeVisible({ timeout: 60_000 });
  await expect(run.getByText(`${cut.unitsTotal}/${cut.unitsTotal} 个单位`)).toBeVisible();
  await expect(run.getByText('已评 240 人', { exact: false })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  const after = await call('GET', `/v1/evaluations/runs/${started.id}`);
  expect([after.status, after.unitsDone, (after.pendingUnits ?? []).length]).toEqual([
    'completed',
    after.unitsTotal,
    0,
  ]);
  const audit = (await call('GET', `/v1/audit?entity=evaluation-run:${started.id}`)).items as {
    action: string;
  }[];
  expect(audit.map((e) => e.action)).toContain('evaluation.run-resumed');
});
