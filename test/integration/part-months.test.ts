import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../support/csv.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

// Issue 16: the month of hire, transfer-in or exit is paid by calendar days served, line by line;
// a transferred worker serves no probation. Default pay policy: staff grade 3 base 310,000 fen,
// staff allowance 20,000, intermediate certificate 30,000.

let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
let hired: WorkerRecord;
let leaving: WorkerRecord;
let transferredId: string;

const G1 = 'qth/xinxing/hongqi/c1/g1';
type Line = { code: string; amountFen: number; fullMonthFen: number; basis: string };
const amounts = (body: { lines: Line[] }) => body.lines.map((l) => [l.code, l.fullMonthFen, l.amountFen]);

beforeAll(async () => {
  // 30 November 2026, 10:00 in Asia/Shanghai.
  h = await startHarness({ now: '2026-11-30T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
  hired = await seedWorker(h, { hiredOn: '2026-11-30', probationEndsOn: '2027-11-29', grade: 3 });
  leaving = await seedWorker(h, {
    hiredOn: '2025-03-01',
    grade: 3,
    certificates: [
      { level: 'intermediate', number: 'SW-PM-001', issuedOn: '2025-12-01', registeredOn: '2026-01-15' },
    ],
  });
});
afterAll(async () => h?.stop());

describe('a part month is paid by calendar days', () => {
  it('month of hire: hired on 30 November, 1 day of 30, every line by days', async () => {
    const me = await h.client('worker', hired.org, hired.id);
    const res = await me.get('/v1/me/statements/2026-11');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      month: '2026-11',
      grade: 3,
      partialMonth: true,
      service: { from: '2026-11-30', to: '2026-11-30', daysServed: 1, daysInMonth: 30, partial: true },
    });
    // 310,000 ÷ 30 = 10,333.33 → 10,333; 20,000 ÷ 30 = 666.67 → 667.
    expect(amounts(res.body)).toEqual([
      ['base', 310_000, 10_333],
      ['post-allowance', 20_000, 667],
    ]);
    expect(res.body.totalFen).toBe(11_000);
    expect(res.body.lines[0].basis).toContain('在岗 1/30 天（2026-11-30 至 2026-11-30）');
    expect(res.body.notes.join('\n')).toContain('月额 × 在岗天数 ÷ 当月天数');
    // HR reads the same statement.
    expect((await hr.get(`/v1/workers/${hired.id}/statements/2026-11`)).body).toEqual(res.body);
  });

  it('month of transfer-in: transferred on 16 November, 15 days of 30; no probation', async () => {
    const res = await hr.post('/v1/transfers?effectiveOn=2026-11-16', {
      rows: [
        {
          nationalId: nationalIdFor('1986-04-04'),
          name: '转任网格员',
          org: G1,
          currentMonthlyPayFen: 330_000, // → staff grade 3 (310,000 + 20,000)
          education: 'college',
        },
      ],
    });
    expect(res.status, res.text).toBe(201);
    transferredId = res.body.persons[0].workerId;
    const worker = await hr.get(`/v1/workers/${transferredId}`);
    expect(worker.body).toMatchObject({ channel: 'transfer', hiredOn: '2026-11-16', probationEndsOn: null });
    expect(worker.body.contractEndsOn).toBe('2029-11-15');

    const statement = await hr.get(`/v1/workers/${transferredId}/statements/2026-11`);
    expect(statement.body).toMatchObject({
      grade: 3,
      partialMonth: true,
      service: { from: '2026-11-16', to: '2026-11-30', daysServed: 15, daysInMonth: 30 },
    });
    expect(amounts(statement.body)).toEqual([
      ['base', 310_000, 155_000],
      ['post-allowance', 20_000, 10_000],
    ]);
    expect(statement.body.totalFen).toBe(165_000);
  });

  it('month of exit: left on 10 November (the last day served), 10 days of 30, the certificate too', async () => {
    const exit = await hr.post(`/v1/workers/${leaving.id}/exits`, {
      situation: 5,
      effectiveOn: '2026-11-10',
      evidence: '本人辞职',
    });
    expect(exit.status, exit.text).toBe(201);
    const november = await hr.get(`/v1/workers/${leaving.id}/statements/2026-11`);
    expect(november.body).toMatchObject({
      partialMonth: true,
      service: { from: '2026-11-01', to: '2026-11-10', daysServed: 10, daysInMonth: 30 },
    });
    // 310,000 × 10 ÷ 30 = 103,333.33 → 103,333; 20,000 → 6,666.67 → 6,667; 30,000 → 10,000.
    expect(amounts(november.body)).toEqual([
      ['base', 310_000, 103_333],
      ['post-allowance', 20_000, 6_667],
      ['certificate-allowance', 30_000, 10_000],
    ]);
    expect(november.body.totalFen).toBe(120_000);
    // The month before is whole.
    const october = await hr.get(`/v1/workers/${leaving.id}/statements/2026-10`);
    expect(october.body).toMatchObject({
      partialMonth: false,
      service: { daysServed: 31, daysInMonth: 31 },
      totalFen: 360_000,
      notes: [],
    });
    expect(amounts(october.body)).toEqual([
      ['base', 310_000, 310_000],
      ['post-allowance', 20_000, 20_000],
      ['certificate-allowance', 30_000, 30_000],
    ]);
  });

  it('the payroll export pays the same amounts, shows the days, and totals them', async () => {
    const res = await hr.get('/v1/payroll/2026-11?org=qth/xinxing');
    expect(res.status, res.text).toBe(200);
    const { records } = parseCsv(res.text);
    const byId = new Map(records.map((r) => [r.values.worker_id, r.values]));
    expect(byId.get(hired.id)).toMatchObject({
      base_fen: '10333',
      post_allowance_fen: '667',
      total_fen: '11000',
      partial_month: 'yes',
      days_served: '1',
      days_in_month: '30',
    });
    expect(byId.get(transferredId)).toMatchObject({ total_fen: '165000', days_served: '15' });
    expect(byId.get(leaving.id)).toMatchObject({
      status: 'exited',
      certificate_allowance_fen: '10000',
      total_fen: '120000',
      days_served: '10',
    });
    // Every row equals the worker's statement, and the total header sums what is paid.
    let sum = 0;
    for (const row of records) {
      const statement = await hr.get(`/v1/workers/${row.values.worker_id}/statements/2026-11`);
      expect(Number(row.values.total_fen)).toBe(statement.body.totalFen);
      expect(Number(row.values.days_served)).toBe(statement.body.service.daysServed);
      sum += statement.body.totalFen;
    }
    expect(Number(res.headers.get('x-total-fen'))).toBe(sum);
    expect(sum).toBe(11_000 + 165_000 + 120_000);
  });
});

describe('no probation after a transfer', () => {
  it('reads a record stored with the old "day before the transfer" as no probation', async () => {
    const legacy = await seedWorker(h, {
      channel: 'transfer',
      hiredOn: '2026-05-06',
      probationEndsOn: '2026-05-05',
      contractEndsOn: '2029-05-05',
    });
    const res = await hr.get(`/v1/workers/${legacy.id}`);
    expect(res.status).toBe(200);
    expect(res.body.probationEndsOn).toBeNull();
    const me = await h.client('worker', legacy.org, legacy.id);
    expect((await me.get('/v1/me')).body.probationEndsOn).toBeNull();
    // Nor is it an overdue probation in HR's list; the recruited worker's probation is listed.
    const ending = await hr.get(`/v1/probations?org=${encodeURIComponent('qth/xinxing')}&withinDays=366`);
    expect(ending.status, ending.text).toBe(200);
    const listed = ending.body.items.map((i: { workerId: string }) => i.workerId);
    expect(listed).not.toContain(legacy.id);
    expect(listed).toContain(hired.id);
    // A recruited worker keeps their probation date.
    expect((await hr.get(`/v1/workers/${hired.id}`)).body.probationEndsOn).toBe('2027-11-29');
  });
});
