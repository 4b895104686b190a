import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../support/csv.ts';
import { defaultPayPolicy } from '#shared/domain/pay.ts';
import { seedWorker } from '../support/fixtures.ts';
import { watchDynamoRequests } from '../support/dynamo-requests.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

let h: Harness;
let w: WorkerRecord;

// Default placeholder table: grade g base = 280,000 + (g-1) × 15,000 fen; staff allowance 20,000;
// intermediate certificate 30,000; no evaluation bonus.
const julyPolicy = {
  ...structuredClone(defaultPayPolicy),
  baseMonthlyPayFen: defaultPayPolicy.baseMonthlyPayFen.map((fen) => fen + 10_000),
  certificateAllowanceFen: { assistant: 20_000, intermediate: 35_000, senior: 50_000 },
  evaluationBonusFen: { excellent: 5_000, competent: 2_000, basic: 0, failed: 0 },
};

const codes = (body: { lines: { code: string }[] }) => body.lines.map((l) => l.code);
const amount = (body: { lines: { code: string; amountFen: number }[] }, code: string) =>
  body.lines.find((l) => l.code === code)?.amountFen;

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  await seedOrgTree(h);
  w = await seedWorker(h, {
    name: '王红',
    grade: 3,
    hiredOn: '2025-03-01',
    certificates: [
      { level: 'intermediate', number: 'SW-2026-001', issuedOn: '2025-12-01', registeredOn: '2026-01-15' },
    ],
    annualGrades: { '2025': 'excellent' },
  });
});
afterAll(async () => h?.stop());

describe('monthly statements across a mid-year policy change', () => {
  it('explains the current month line by line with grade, post and policy version', async () => {
    const me = await h.client('worker', w.org, w.id);
    const res = await me.get('/v1/me/statements/2026-03');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      workerId: w.id,
      month: '2026-03',
      post: 'staff',
      grade: 3,
      band: { min: 1, max: 12 },
      policy: { kind: 'pay', version: 'pay/default' },
      currency: 'CNY',
      unit: 'fen',
      totalFen: 310_000 + 20_000 + 30_000,
    });
    expect(codes(res.body)).toEqual(['base', 'post-allowance', 'certificate-allowance']);
    expect(res.body.lines[0]).toMatchObject({ amountFen: 310_000, basis: '3 级' });
    expect(res.body.lines[2].basis).toContain('2026-01-15 登记');
    // The policy has no evaluation bonus: no bonus line although 2025 was excellent.
    expect(res.body.evaluation).toEqual({ year: 2025, grade: 'excellent', gradeLabel: '优秀' });
  });

  it('applies the policy in effect on each month’s first day: June old, July new', async () => {
    const hr = await h.client('hr', 'qth');
    // Policies can't be backdated: store July's while it is still March.
    const stored = await hr.put('/v1/policies/pay/2026-07-01', julyPolicy);
    expect(stored.status).toBe(200);
    h.setNow('2026-08-03T02:00:00.000Z');

    const june = await hr.get(`/v1/workers/${w.id}/statements/2026-06`);
    expect(june.status).toBe(200);
    expect(june.body.policy).toEqual({
      kind: 'pay',
      kindLabel: '薪酬',
      version: 'pay/default',
      effectiveFrom: '1970-01-01',
    });
    expect(june.body.totalFen).toBe(360_000);
    expect(codes(june.body)).not.toContain('evaluation-bonus');

    const july = await hr.get(`/v1/workers/${w.id}/statements/2026-07`);
    expect(july.body.policy).toEqual({
      kind: 'pay',
      kindLabel: '薪酬',
      version: 'pay/2026-07-01/r1',
      effectiveFrom: '2026-07-01',
    });
    expect(codes(july.body)).toEqual(['base', 'post-allowance', 'certificate-allowance', 'evaluation-bonus']);
    expect(amount(july.body, 'base')).toBe(320_000);
    expect(amount(july.body, 'certificate-allowance')).toBe(35_000);
    expect(july.body.lines[3]).toMatchObject({
      amountFen: 5_000,
      basis: '2025 年度考核优秀',
    });
    expect(july.body.totalFen).toBe(320_000 + 20_000 + 35_000 + 5_000);
  });

  it('pays a certificate from its month of registration, whole month', async () => {
    const hr = await h.client('hr', 'qth');
    const december = await hr.get(`/v1/workers/${w.id}/statements/2025-12`);
    expect(codes(december.body)).toEqual(['base', 'post-allowance']);
    const january = await hr.get(`/v1/workers/${w.id}/statements/2026-01`);
    expect(amount(january.body, 'certificate-allowance')).toBe(30_000);
    // 2025's evaluation pays a bonus only under a policy with one; 2024 had none recorded.
    expect(december.body.evaluation).toBeNull();
  });

  it('refuses months not yet begun or outside employment, and malformed months', async () => {
    const hr = await h.client('hr', 'qth');
    const future = await hr.get(`/v1/workers/${w.id}/statements/2026-09`);
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('MONTH_IN_FUTURE');
    const beforeHire = await hr.get(`/v1/workers/${w.id}/statements/2025-02`);
    expect(beforeHire.status).toBe(422);
    expect(beforeHire.body.error.code).toBe('NOT_EMPLOYED_IN_MONTH');
    expect((await hr.get(`/v1/workers/${w.id}/statements/2026-13`)).status).toBe(400);
    expect((await hr.get('/v1/workers/w_missing/statements/2026-07')).status).toBe(404);
  });

  it('lets only HR in the subtree and the worker themself read a statement', async () => {
    const other = await seedWorker(h, { org: 'qth/xinxing/hongqi/c1' });
    const otherWorker = await h.client('worker', other.org, other.id);
    const mentor = await h.client('mentor', other.org, other.id);
    const otherDistrict = await h.client('hr', 'qth/taoshan');
    const street = await h.client('hr', 'qth/xinxing/hongqi');
    // Outside their scope: what a missing worker gets (no existence oracle).
    expect((await otherWorker.get(`/v1/workers/${w.id}/statements/2026-07`)).status).toBe(404);
    expect((await mentor.get(`/v1/workers/${w.id}/statements/2026-07`)).status).toBe(404);
    expect((await otherDistrict.get(`/v1/workers/${w.id}/statements/2026-07`)).status).toBe(404);
    expect((await street.get(`/v1/workers/${w.id}/statements/2026-07`)).status).toBe(200);
    const me = await h.client('worker', w.org, w.id);
    expect((await me.get(`/v1/workers/${w.id}/statements/2026-07`)).status).toBe(200);
    const hrWithoutRecord = await h.client('hr', 'qth');
    expect((await hrWithoutRecord.get('/v1/me/statements/2026-07')).body.error.code).toBe('NO_WORKER_RECORD');
  });
});

describe('grades: set within the band, with history', () => {
  it('refuses grades outside the post’s band and badly dated changes', async () => {
    const hr = await h.client('hr', 'qth');
    const put = (body: object) => hr.put(`/v1/workers/${w.id}/grade`, body);
    const outside = await put({ grade: 13, effectiveOn: '2026-08-03', reason: '调整' });
    expect(outside.status).toBe(422);
    expect(outside.body.error).toMatchObject({
      code: 'GRADE_OUTSIDE_BAND',
      details: { post: 'staff', grade: 13, band: { min: 1, max: 12 } },
    });
    const principalTooLow = await put({
      post: 'principal',
      grade: 5,
      effectiveOn: '2026-08-03',
      reason: 'x',
    });
    expect(principalTooLow.body.error.code).toBe('GRADE_OUTSIDE_BAND');
    expect((await put({ grade: 19, effectiveOn: '2026-08-03', reason: 'x' })).status).toBe(400);
    expect((await put({ grade: 5, effectiveOn: '2026-08-10', reason: 'x' })).body.error.code).toBe(
      'EFFECTIVE_DATE_IN_FUTURE',
    );
    expect((await put({ grade: 5, effectiveOn: '2025-01-01', reason: 'x' })).body.error.code).toBe(
      'EFFECTIVE_DATE_BEFORE_LAST_CHANGE',
    );
    expect((await put({ grade: 3, effectiveOn: '2026-08-03', reason: 'x' })).body.error.code).toBe(
      'GRADE_UNCHANGED',
    );
    expect(
      (await put({ grade: 5, effectiveOn: '2026-08-03', reason: 'x', expectedVersion: 99 })).status,
    ).toBe(409);
    const me = await h.client('worker', w.org, w.id);
    expect(
      (await me.put(`/v1/workers/${w.id}/grade`, { grade: 12, effectiveOn: '2026-08-03', reason: 'x' }))
        .status,
    ).toBe(403);
  });

  it('sets the grade, keeps history, moves the post/grade stock and changes only later statements', async () => {
    const hr = await h.client('hr', 'qth');
    const statsBefore = (await hr.get('/v1/stats?org=qth/xinxing&year=2026')).body.careers
      .workersByPostAndGrade;
    const res = await hr.put(`/v1/workers/${w.id}/grade`, {
      grade: 5,
      effectiveOn: '2026-08-03',
      reason: '岗位等级调整',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      post: 'staff',
      grade: 5,
      gradeSince: '2026-08-03',
      band: { min: 1, max: 12 },
    });
    expect(res.body.history).toEqual([
      expect.objectContaining({
        effectiveOn: '2026-08-03',
        post: 'staff',
        grade: 5,
        from: { post: 'staff', postLabel: '社区工作者', grade: 3 },
        reason: 'set',
        note: '岗位等级调整',
      }),
    ]);
    // A fresh step count; 2026's 1 January step counts as done.
    expect(res.body.step).toMatchObject({ grade: 5, yearsCountedInGrade: 0, lastStepYear: 2026 });

    const me = await h.client('worker', w.org, w.id);
    const mine = await me.get(`/v1/workers/${w.id}/grade`);
    expect(mine.status).toBe(200);
    expect(mine.body.history).toHaveLength(1);

    // Effective in August: August at grade 5 (whole month), July still grade 3.
    const august = await me.get('/v1/me/statements/2026-08');
    expect(august.body).toMatchObject({ grade: 5, gradeBasis: { effectiveOn: '2026-08-03', reason: 'set' } });
    expect(amount(august.body, 'base')).toBe(280_000 + 4 * 15_000 + 10_000);
    const july = await me.get('/v1/me/statements/2026-07');
    expect(july.body).toMatchObject({ grade: 3, gradeBasis: { effectiveOn: '2025-03-01', reason: 'hire' } });

    const statsAfter = (await hr.get('/v1/stats?org=qth/xinxing&year=2026')).body.careers
      .workersByPostAndGrade;
    const n = (s: { staff: { byGrade: Record<string, number> } }, g: number) =>
      s.staff.byGrade[String(g)] ?? 0;
    expect(n(statsAfter, 3)).toBe(n(statsBefore, 3) - 1);
    expect(n(statsAfter, 5)).toBe(n(statsBefore, 5) + 1);

    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`worker:${w.id}`)}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('worker.grade-set');
  });

  it("a worker's own current statement costs one DynamoDB request", async () => {
    const me = await h.client('worker', w.org, w.id);
    const month = '2026-08';
    expect((await me.get(`/v1/me/statements/${month}`)).status).toBe(200); // warms the policy cache
    const requests: string[] = [];
    const stopWatching = watchDynamoRequests(h.store, ({ operation }) => requests.push(operation));
    try {
      const res = await me.get(`/v1/me/statements/${month}`);
      expect(res.status).toBe(200);
      expect(res.body.totalFen).toBe(350_000 + 20_000 + 35_000 + 5_000);
      expect(requests).toEqual(['GetItem']);
    } finally {
      stopWatching();
    }
  });
});

describe('payroll CSV for an org unit', () => {
  it('exports one row per worker employed in the month, in fen, with the policy version', async () => {
    const hr = await h.client('hr', 'qth/xinxing');
    const colleague = await seedWorker(h, {
      name: '李明, 副',
      grade: 1,
      org: 'qth/xinxing/hongqi/c1',
      hiredOn: '2026-07-20',
    });
    const left = await seedWorker(h, {
      name: '赵离',
      grade: 2,
      status: 'exited',
      exit: {
        situation: 5,
        effectiveOn: '2026-07-10',
        evidence: '辞职',
        recordedAt: '2026-07-10T02:00:00.000Z',
      },
    });
    const leftEarlier = await seedWorker(h, {
      status: 'exited',
      exit: {
        situation: 5,
        effectiveOn: '2026-06-10',
        evidence: '辞职',
        recordedAt: '2026-06-10T02:00:00.000Z',
      },
    });
    const elsewhere = await seedWorker(h, { org: 'qth/taoshan/taoxi/c2/g1' });

    const res = await hr.get('/v1/payroll/2026-07?org=qth/xinxing');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="payroll-qth_xinxing-2026-07.csv"',
    );
    // UTF-8 with a BOM so spreadsheet software reads the Chinese names (fetch's text() drops it).
    const raw = await fetch(`${h.baseUrl}/v1/payroll/2026-07?org=qth/xinxing`, {
      headers: { authorization: `Bearer ${hr.token}` },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { header, records } = parseCsv(res.text);
    expect(header).toEqual([
      'month',
      'worker_id',
      'name',
      'org',
      'post',
      'grade',
      'base_fen',
      'post_allowance_fen',
      'certificate_allowance_fen',
      'evaluation_bonus_fen',
      'total_fen',
      'policy_version',
      'status',
      'partial_month',
      'days_served',
      'days_in_month',
    ]);
    const byId = new Map(records.map((r) => [r.values.worker_id, r.values]));
    expect(byId.has(elsewhere.id)).toBe(false);
    expect(byId.has(leftEarlier.id)).toBe(false);
    // July: grade 3 (the August change is not July's), July's policy, all four lines.
    expect(byId.get(w.id)).toMatchObject({
      grade: '3',
      post: 'staff',
      base_fen: '320000',
      post_allowance_fen: '20000',
      certificate_allowance_fen: '35000',
      evaluation_bonus_fen: '5000',
      total_fen: '380000',
      policy_version: 'pay/2026-07-01/r1',
      status: 'active',
      partial_month: 'no',
      days_served: '31',
      days_in_month: '31',
    });
    // Part months are paid by days (issue 16): hired 20 July → 12 of 31 days, line by line:
    // base 290,000 × 12 ÷ 31 = 112,258.06 → 112,258; allowance 20,000 × 12 ÷ 31 = 7,741.94 → 7,742.
    expect(byId.get(colleague.id)).toMatchObject({
      name: '李明, 副',
      grade: '1',
      base_fen: '112258',
      post_allowance_fen: '7742',
      total_fen: '120000',
      partial_month: 'yes',
      days_served: '12',
      days_in_month: '31',
    });
    // Left on 10 July (the last day served): 10 of 31 days, 305,000 × 10 ÷ 31 = 98,387.10 → 98,387.
    expect(byId.get(left.id)).toMatchObject({
      status: 'exited',
      partial_month: 'yes',
      base_fen: '98387',
      days_served: '10',
    });
    expect(Number(res.headers.get('x-total-fen'))).toBe(
      records.reduce((sum, r) => sum + Number(r.values.total_fen), 0),
    );
    for (const row of records) {
      const v = row.values;
      expect(Number(v.total_fen)).toBe(
        Number(v.base_fen) +
          Number(v.post_allowance_fen) +
          Number(v.certificate_allowance_fen) +
          Number(v.evaluation_bonus_fen),
      );
    }
    expect(Number(res.headers.get('x-row-count'))).toBe(records.length);
  });

  it('is for HR officers of the subtree only', async () => {
    expect(
      (await (await h.client('hr', 'qth/taoshan')).get('/v1/payroll/2026-07?org=qth/xinxing')).status,
    ).toBe(403);
    expect(
      (await (await h.client('worker', w.org, w.id)).get(`/v1/payroll/2026-07?org=${w.org}`)).status,
    ).toBe(403);
    const city = await h.client('hr', 'qth');
    expect((await city.get('/v1/payroll/2026-07?org=qth/nowhere')).status).toBe(404);
    expect((await city.get('/v1/payroll/2026-12?org=qth')).body.error.code).toBe('MONTH_IN_FUTURE');
    expect((await city.get('/v1/payroll/2026-07')).status).toBe(400);
  });
});

describe('policy cache on the statement path', () => {
  it('sees a version stored in the same process at once', async () => {
    h.setNow('2026-09-01T02:00:00.000Z');
    const me = await h.client('worker', w.org, w.id);
    const before = await me.get('/v1/me/statements/2026-09');
    expect(before.body.policy.version).toBe('pay/2026-07-01/r1');
    const hr = await h.client('hr', 'qth');
    const stored = await hr.put('/v1/policies/pay/2026-09-01', {
      ...julyPolicy,
      postAllowanceFen: { principal: 60_000, deputy: 40_000, staff: 30_000 },
    });
    expect(stored.status).toBe(200);
    const after = await me.get('/v1/me/statements/2026-09');
    expect(after.body.policy.version).toBe('pay/2026-09-01/r1');
    expect(amount(after.body, 'post-allowance')).toBe(30_000);
  });
});
