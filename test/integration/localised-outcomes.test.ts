import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluationWorkerTestHooks } from '#functions/jobs/evaluation-worker/job.ts';
import { openBatches } from '#shared/db/batches.ts';
import { auditKeys } from '#shared/db/entities/audit.ts';
import { batchKeys } from '#shared/db/entities/batch.ts';
import { evaluationKeys } from '#shared/db/entities/evaluation.ts';
import { jobRunKeys } from '#shared/db/entities/job-run.ts';
import { unavailable } from '#shared/errors.ts';
import { transferGridWorkers } from '#shared/usecases/transfers.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { dyingStore } from '../support/dying-store.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

/**
 * What the API stores in English with a code (row failures of an upload, a refused probation, a
 * batch's failure, a job run's failure) reaches the caller in Chinese by default and in English
 * with `Accept-Language: en`.
 */

// A long lease: the test says when the dying writer counts as dead (expireLease).
process.env.BATCH_LEASE_SECONDS = '600';

let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;
const C1 = 'qth/xinxing/hongqi/c1';
const EN = { headers: { 'accept-language': 'en' } };
const CJK = /[\u4e00-\u9fff]/;

/** The audit items of an entity as stored (read straight from DynamoDB Local). */
const storedAudit = (entity: string): Promise<any[]> =>
  h.store.queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': auditKeys.pk(entity) },
    ConsistentRead: true,
  });

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
});
afterAll(async () => {
  delete evaluationWorkerTestHooks.afterResultsWritten;
  await h?.stop();
});

describe('row failures of a score upload', () => {
  it('names a repeated candidate and an id that contradicts the 身份证号, in Chinese or English', async () => {
    const opened = await hr.post('/v1/recruitments', { title: '社区工作者招聘', org: C1, places: 1 });
    expect(opened.status, opened.text).toBe(201);
    const r = opened.body.id;
    const people: { id: string; nationalId: string }[] = [];
    for (const birth of ['1996-04-01', '1996-05-01']) {
      const nationalId = nationalIdFor(birth);
      const res = await hr.post(`/v1/recruitments/${r}/candidates`, {
        nationalId,
        name: '候选人',
        education: 'college',
        politicalRecordClear: true,
        meetsHealthRequirement: true,
        hasLocalResidence: true,
      });
      expect(res.status, res.text).toBe(201);
      people.push({ id: res.body.id, nationalId });
    }
    expect((await hr.post(`/v1/recruitments/${r}/stage`, { to: 'written-exam' })).status).toBe(200);
    const [a, b] = people as [(typeof people)[0], (typeof people)[0]];
    const rows = {
      rows: [
        { candidateId: a.id, written: 80 },
        { candidateId: a.id, written: 70 },
        { candidateId: b.id, nationalId: a.nationalId, written: 60 },
      ],
    };

    const zh = await hr.post(`/v1/recruitments/${r}/scores`, rows);
    expect(zh.status).toBe(422);
    expect(zh.body.error.code).toBe('SCORES_REJECTED');
    expect(zh.body.error.message).toBe('2 行成绩无法录入，未保存任何数据');
    expect(zh.body.error.details.map((d: any) => [d.row, d.code, d.message])).toEqual([
      [2, 'DUPLICATE_ROW', '该候选人在表中出现多次，每人只能有一行'],
      [3, 'CANDIDATE_MISMATCH', '候选人编号与身份证号不是同一人'],
    ]);

    const en = await hr.post(`/v1/recruitments/${r}/scores`, rows, EN);
    expect(en.status).toBe(422);
    expect(en.body.error.details.map((d: any) => [d.row, d.code, d.message])).toEqual([
      [2, 'DUPLICATE_ROW', 'This candidate appears more than once'],
      [3, 'CANDIDATE_MISMATCH', 'candidateId and nationalId name different people'],
    ]);

    // The dry run shows the same reasons beside each row.
    const preview = await hr.post(`/v1/recruitments/${r}/scores?dryRun=true`, rows);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.rows.map((row: any) => row.errors.map((e: any) => e.message))).toEqual([
      [],
      ['该候选人在表中出现多次，每人只能有一行'],
      ['候选人编号与身份证号不是同一人'],
    ]);
    const candidates = (await hr.get(`/v1/recruitments/${r}/candidates`)).body.items;
    expect(candidates.map((c: any) => c.scores.written)).toEqual([null, null]);
  });
});

describe('a refused probation decision', () => {
  it('says a transferred worker serves no probation, and that a decided one is decided', async () => {
    const transferred = await seedWorker(h, { name: '戊', channel: 'transfer', probationEndsOn: null });
    const path = `/v1/workers/${transferred.id}/probation`;
    const zh = await hr.post(path, { decision: 'confirm' });
    expect(zh.status).toBe(422);
    expect(zh.body.error).toMatchObject({ code: 'NO_PROBATION', message: '该人员没有试用期（如转任人员）' });
    const en = await hr.post(path, { decision: 'confirm' }, EN);
    expect(en.body.error).toMatchObject({ code: 'NO_PROBATION', message: 'This worker serves no probation' });

    const served = await seedWorker(h, { name: '己', hiredOn: '2025-03-01', probationEndsOn: '2026-02-28' });
    const confirmed = await hr.post(`/v1/workers/${served.id}/probation`, { decision: 'confirm' });
    expect(confirmed.status, confirmed.text).toBe(200);
    const again = await hr.post(`/v1/workers/${served.id}/probation`, { decision: 'confirm' });
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({
      code: 'PROBATION_DECIDED',
      message: '该人员的试用期已转正（2026年3月2日）',
    });
  });
});

describe('a batch rolled back', () => {
  it('gives the reason in the caller’s language', async () => {
    const BIG = 'qth/batchdist';
    const units = [
      { id: BIG, name: '批量区', level: 'district', parentId: 'qth', urbanPopulation: 600_000 },
      { id: `${BIG}/s1`, name: '批量街道', level: 'street', parentId: BIG, urbanPopulation: 400_000 },
      { id: `${BIG}/s1/c1`, name: '批量社区', level: 'community', parentId: `${BIG}/s1`, approvedQuota: 150 },
      { id: `${BIG}/s1/c1/g1`, name: '网格', level: 'grid', parentId: `${BIG}/s1/c1`, urbanPopulation: 1000 },
    ];
    for (const unit of units) expect((await hr.post('/v1/org-units', unit)).status).toBe(201);
    // A store whose process "dies" after three transactions: the fourth never returns.
    const dying = dyingStore(h, 3);
    const rows = Array.from({ length: 120 }, (_, i) => ({
      nationalId: nationalIdFor('1986-03-03'),
      name: `批量${i + 1}`,
      org: `${BIG}/s1/c1/g1`,
      currentMonthlyPayFen: 300_000,
      education: 'college' as const,
      post: 'staff' as const,
      isPartyMember: false,
    }));
    void transferGridWorkers(
      dying,
      { actor: { sub: 'hr-dies', role: 'hr', org: 'qth' }, requestId: 'req-dies', now: h.now() },
      rows,
    );
    let open: Awaited<ReturnType<typeof openBatches>> = [];
    for (let i = 0; i < 100 && open.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      open = (await openBatches(h.store, BIG)).filter((batch) => batch.nextStep >= 2);
    }
    expect(open).toHaveLength(1);
    const id = open[0]!.id;
    await h.store.client.send(
      new UpdateCommand({
        TableName: h.tableName,
        Key: batchKeys.key(id),
        UpdateExpression: 'SET leaseUntil = :past',
        ExpressionAttributeValues: { ':past': Date.now() - 1 },
      }),
    );

    const rolledBack = await hr.post(`/v1/batches/${id}/recover`, { action: 'roll-back' });
    expect(rolledBack.status, rolledBack.text).toBe(200);
    expect(rolledBack.body).toMatchObject({
      status: 'rolled-back',
      failure: { code: 'ROLLED_BACK_ON_REQUEST', message: '批次已按要求回滚' },
    });
    expect((await hr.get(`/v1/batches/${id}`)).body.failure.message).toBe('批次已按要求回滚');
    // English from the catalogue: the batch stores no text (issue 11), only the code.
    expect((await hr.get(`/v1/batches/${id}`, EN)).body.failure).toEqual({
      code: 'ROLLED_BACK_ON_REQUEST',
      message: 'The batch was rolled back on request',
    });
    const stored = await h.store.get(batchKeys.key(id), { consistent: true });
    expect(stored?.failure).toEqual({ code: 'ROLLED_BACK_ON_REQUEST', params: {} });

    // Its audit entry keeps the code too, and reads in the caller's language.
    const entity = encodeURIComponent(`batch:${id}`);
    const rolledBackEntry = (body: any) =>
      body.items.find((e: any) => e.action === 'batch.rolled-back' && e.after?.code);
    const auditZh = await hr.get(`/v1/audit?entity=${entity}`);
    expect(auditZh.status, auditZh.text).toBe(200);
    expect(rolledBackEntry(auditZh.body).after).toEqual({
      code: 'ROLLED_BACK_ON_REQUEST',
      message: '批次已按要求回滚',
    });
    expect(rolledBackEntry((await hr.get(`/v1/audit?entity=${entity}`, EN)).body).after).toEqual({
      code: 'ROLLED_BACK_ON_REQUEST',
      message: 'The batch was rolled back on request',
    });
    const auditItems = await storedAudit(`batch:${id}`);
    expect(auditItems.find((e) => e.action === 'batch.rolled-back' && e.after?.code)?.after).toEqual({
      code: 'ROLLED_BACK_ON_REQUEST',
      params: {},
    });
  });
});

describe('a failed job run', () => {
  it('is refused in Chinese and listed with its reason in the caller’s language', async () => {
    const cityHr = await h.client('hr', 'qth');
    await seedWorker(h, { name: '庚', org: C1 });
    // A community's run for January that cannot finish: its unit keeps failing.
    evaluationWorkerTestHooks.afterResultsWritten = ({ org }) => {
      if (org === C1) throw new Error('injected: the unit keeps failing');
    };
    const stuck = await cityHr.post('/v1/evaluations/runs', { period: '2026-01', org: C1 });
    expect(stuck.status, stuck.text).toBe(202);
    await h.queue.idle();
    expect((await cityHr.get(`/v1/evaluations/runs/${stuck.body.id}`)).body.status).toBe('running');

    // The city-wide monthly evaluation for January can't start while the community's run holds it.
    const refused = await cityHr.post('/v1/jobs/evaluation-monthly/runs', { period: '2026-01' });
    await h.queue.idle();
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'EVALUATION_RUN_IN_PROGRESS',
      message: '该期考核任务尚未完成，请续跑或等待其完成',
    });

    const zh = await cityHr.get('/v1/jobs/evaluation-monthly/runs');
    expect(zh.status).toBe(200);
    const failed = zh.body.items.find((run: any) => run.period === '2026-01');
    expect(failed).toMatchObject({
      status: 'failed',
      errorCode: 'EVALUATION_RUN_IN_PROGRESS',
      error: '该期考核任务尚未完成，请续跑或等待其完成',
    });
    const en = await cityHr.get('/v1/jobs/evaluation-monthly/runs', EN);
    const failedEn = en.body.items.find((run: any) => run.period === '2026-01');
    expect(failedEn.error).toMatch(/has not finished yet/);
    expect(failedEn.error).not.toMatch(CJK);
    // Rendered from the stored code + params: the English names the run that holds the period.
    expect(failedEn.error).toBe(`Run ${stuck.body.id} of ${C1} for 2026-01 has not finished yet`);
    expect(failedEn.errorParams).toMatchObject({ runId: stuck.body.id, org: C1, period: '2026-01' });

    // The run record stores the code and params, no sentence.
    const record = await h.store.get(jobRunKeys.key('evaluation-monthly', '2026-01', 'qth'), {
      consistent: true,
    });
    expect(record).toMatchObject({
      status: 'failed',
      errorCode: 'EVALUATION_RUN_IN_PROGRESS',
      errorParams: { runId: stuck.body.id, org: C1, period: '2026-01' },
    });
    expect(record).not.toHaveProperty('error');

    // The failed job's audit entry: code + params stored, rendered per language on read.
    const jobEntity = encodeURIComponent('job:evaluation-monthly');
    const failedEntry = (body: any) => body.items.find((e: any) => e.action === 'job.failed');
    const auditZh = await cityHr.get(`/v1/audit?entity=${jobEntity}`);
    expect(auditZh.status, auditZh.text).toBe(200);
    expect(failedEntry(auditZh.body).after).toEqual({
      period: '2026-01',
      scope: 'qth',
      error: {
        code: 'EVALUATION_RUN_IN_PROGRESS',
        message: '该期考核任务尚未完成，请续跑或等待其完成',
        params: { runId: stuck.body.id, org: C1, period: '2026-01' },
      },
    });
    const auditEn = await cityHr.get(`/v1/audit?entity=${jobEntity}`, EN);
    expect(failedEntry(auditEn.body).after.error.message).toBe(
      `Run ${stuck.body.id} of ${C1} for 2026-01 has not finished yet`,
    );
    const storedEntry = (await storedAudit('job:evaluation-monthly')).find((e) => e.action === 'job.failed');
    expect(storedEntry?.after.error).toEqual({
      code: 'EVALUATION_RUN_IN_PROGRESS',
      params: { runId: stuck.body.id, org: C1, period: '2026-01' },
    });

    // The stuck unit: its internal (English) error only in the log; the console reads a
    // catalogue text in the caller's language, and the task stores the code alone.
    const runZh = (await cityHr.get(`/v1/evaluations/runs/${stuck.body.id}`)).body;
    expect(runZh.pendingUnits).toEqual([
      {
        org: C1,
        attempts: expect.any(Number),
        lastError: '该单位计算时发生系统内部错误（已记录日志），将自动重试，也可续跑考核任务',
        lastErrorCode: 'EVALUATION_UNIT_FAILED',
      },
    ]);
    expect(runZh.pendingUnits[0].attempts).toBeGreaterThan(0);
    const runEn = (await cityHr.get(`/v1/evaluations/runs/${stuck.body.id}`, EN)).body;
    expect(runEn.pendingUnits[0]).toMatchObject({
      lastError: 'Scoring this unit failed on an internal error (logged); it is retried, or resume the run',
      lastErrorCode: 'EVALUATION_UNIT_FAILED',
    });
    const task = await h.store.get(evaluationKeys.unitTask(stuck.body.id, C1), { consistent: true });
    expect(task?.lastError).toEqual({ code: 'EVALUATION_UNIT_FAILED', params: {} });
    expect(JSON.stringify(task)).not.toMatch(/injected|keeps failing/);
    delete evaluationWorkerTestHooks.afterResultsWritten;
  });

  it('keeps the code and params of a unit that failed on a known error (DynamoDB busy)', async () => {
    const cityHr = await h.client('hr', 'qth');
    const C2 = 'qth/taoshan/taoxi/c2';
    await seedWorker(h, { name: '壬', org: C2 });
    evaluationWorkerTestHooks.afterResultsWritten = ({ org }) => {
      if (org === C2) throw unavailable('DynamoDB is throttling', { table: 'shegong' });
    };
    const stuck = await cityHr.post('/v1/evaluations/runs', { period: '2026-02', org: C2 });
    expect(stuck.status, stuck.text).toBe(202);
    await h.queue.idle();
    const zh = (await cityHr.get(`/v1/evaluations/runs/${stuck.body.id}`)).body;
    expect(zh.pendingUnits).toEqual([
      {
        org: C2,
        attempts: expect.any(Number),
        lastError: '服务繁忙，请稍后重试',
        lastErrorCode: 'SERVICE_UNAVAILABLE',
      },
    ]);
    const en = (await cityHr.get(`/v1/evaluations/runs/${stuck.body.id}`, EN)).body;
    expect(en.pendingUnits[0].lastError).toBe('The service is busy; retry shortly');
    const task = await h.store.get(evaluationKeys.unitTask(stuck.body.id, C2), { consistent: true });
    expect(task?.lastError).toEqual({ code: 'SERVICE_UNAVAILABLE', params: { table: 'shegong' } });
    delete evaluationWorkerTestHooks.afterResultsWritten;
  });
});

describe('refusals that used to read in English or name things in code', () => {
  it('reports a policy’s own rules in Chinese, or in English when asked', async () => {
    const evaluation = (await hr.get('/v1/policies/evaluation')).body.document;
    const badWeights = { ...evaluation, weights: { ...evaluation.weights, workOrders: 30 } };
    const zh = await hr.put('/v1/policies/evaluation/2026-04-01', badWeights);
    expect(zh.status).toBe(400);
    expect(zh.body.error.details).toEqual([
      expect.objectContaining({
        path: 'weights',
        code: 'WEIGHTS_SUM',
        message: '各项权重之和须为 100（现为 110）',
      }),
    ]);
    const en = await hr.put('/v1/policies/evaluation/2026-04-01', badWeights, EN);
    expect(en.body.error.details[0].message).toBe('weights must sum to 100 (got 110)');

    const pay = (await hr.get('/v1/policies/pay')).body.document;
    const table = [...pay.baseMonthlyPayFen];
    table[3] = 100;
    const badPay = { ...pay, baseMonthlyPayFen: table, bands: { ...pay.bands, staff: { min: 13, max: 12 } } };
    const refused = await hr.put('/v1/policies/pay/2026-04-01', badPay);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.map((d: any) => [d.path, d.message])).toEqual([
      ['baseMonthlyPayFen.3', '基本工资表不能随等级递减：4 级低于 3 级'],
      ['bands.staff.min', '岗位等级范围的下限不能高于上限（下限 13，上限 12）'],
    ]);
    // Nothing was stored.
    expect((await hr.get('/v1/policies/pay/versions')).body.items ?? []).not.toContainEqual(
      expect.objectContaining({ effectiveFrom: '2026-04-01' }),
    );

    // A pay table short of a grade, an evaluation policy short of a threshold.
    const short = { ...pay, baseMonthlyPayFen: pay.baseMonthlyPayFen.slice(0, 17) };
    const shortZh = await hr.put('/v1/policies/pay/2026-04-01', short);
    expect(shortZh.status).toBe(400);
    expect(shortZh.body.error.details).toEqual([
      expect.objectContaining({
        path: 'baseMonthlyPayFen',
        message: '基本工资表须列出全部 18 个等级（现为 17 个）',
      }),
    ]);
    const shortEn = await hr.put('/v1/policies/pay/2026-04-01', short, EN);
    expect(shortEn.body.error.details[0].message).toBe(
      'baseMonthlyPayFen must list exactly 18 grades (got 17)',
    );
    const recruitment = (await hr.get('/v1/policies/recruitment')).body.document;
    const badRecruitment = { ...recruitment, examWeights: { written: 70, interview: 40 }, minAge: 40 };
    const recruitmentZh = await hr.put('/v1/policies/recruitment/2026-04-01', badRecruitment);
    expect(recruitmentZh.status).toBe(400);
    expect(recruitmentZh.body.error.details.map((d: any) => d.message).sort()).toEqual([
      '年龄条件须满足：最低年龄 ≤ 最高年龄 ≤ 放宽后的最高年龄',
      '笔试与面试成绩的权重之和须为 100',
    ]);
    const threeGrades = { ...evaluation, thresholds: evaluation.thresholds.slice(0, 3) };
    const thresholds = await hr.put('/v1/policies/evaluation/2026-04-01', threeGrades);
    expect(thresholds.status).toBe(400);
    expect(thresholds.body.error.details).toContainEqual(
      expect.objectContaining({
        path: 'thresholds',
        message: '考核等次须列出 优秀、称职、基本称职、不称职 四档',
      }),
    );
  });

  it('names a missing job or batch in Chinese, and a job period without calling it an evaluation', async () => {
    const job = await hr.post('/v1/jobs/nope/runs', { period: '2025' });
    expect(job.status).toBe(404);
    expect(job.body.error.message).toBe('任务 nope 不存在');
    const batch = await hr.get('/v1/batches/b_0123456789abcdef01234567');
    expect(batch.status).toBe(404);
    expect(batch.body.error.message).toBe('批次 b_0123456789abcdef01234567 不存在');
    const period = await hr.post('/v1/jobs/stats-snapshot/runs', { period: '2025-01' });
    expect(period.status).toBe(400);
    expect(period.body.error).toMatchObject({ code: 'INVALID_PERIOD' });
    expect(period.body.error.message).not.toMatch(/考核/);
    expect(
      (await hr.post('/v1/jobs/stats-snapshot/runs', { period: '2025-01' }, EN)).body.error.message,
    ).toBe("stats-snapshot runs for a year 'YYYY'");
  });

  it('words its own field checks in Chinese: an exit without evidence, a malformed batch id or audit entity', async () => {
    const worker = await seedWorker(h, { name: '辛' });
    const exit = { situation: '辞职', effectiveOn: '2026-03-02', evidence: '   ' };
    const zh = await hr.post(`/v1/workers/${worker.id}/exits`, exit);
    expect(zh.status).toBe(400);
    expect(zh.body.error.details).toEqual([
      expect.objectContaining({ path: 'evidence', message: '请填写依据说明（evidence）' }),
    ]);
    const en = await hr.post(`/v1/workers/${worker.id}/exits`, exit, EN);
    expect(en.body.error.details[0].message).toBe('evidence is required');
    expect((await hr.get(`/v1/workers/${worker.id}`)).body.status).toBe('active');

    const batch = await hr.get('/v1/batches/x_1');
    expect(batch.status).toBe(400);
    expect(batch.body.error.details[0].message).toBe('批次编号格式有误（应形如 b_…）');
    const audit = await hr.get('/v1/audit?entity=qth');
    expect(audit.status).toBe(400);
    expect(audit.body.error.details[0].message).toBe('审计对象应写作“类型:编号”，如 org-unit:qth/xinxing');
    expect((await hr.get('/v1/audit?entity=qth', EN)).body.error.details[0].message).toBe(
      'entity is <type>:<id>, e.g. org-unit:qth/xinxing',
    );
  });
});
