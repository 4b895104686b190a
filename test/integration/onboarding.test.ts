import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RequestContext } from '#shared/context.ts';
import { openBatches } from '#shared/db/batches.ts';
import { certificateNumbers } from '#shared/db/certificate-numbers.ts';
import { batchKeys } from '#shared/db/entities/batch.ts';
import { grades } from '#shared/db/grades.ts';
import { workers } from '#shared/db/workers.ts';
import { defaultPayPolicy } from '#shared/domain/pay.ts';
import { onboardingRow } from '#shared/schemas/onboarding.ts';
import { checkConsistency } from '#shared/usecases/consistency.ts';
import { onboardWorkforce } from '#shared/usecases/onboarding.ts';
import { nationalIdFor } from '../support/fixtures.ts';
import { dyingStore } from '../support/dying-store.ts';
import { type Harness, orgPath, startHarness } from '../support/harness.ts';
import { excelCsv, XLSX, xlsxOf } from '../support/spreadsheets.ts';

/**
 * Onboarding an existing workforce (issue 12 item 4): a city adopting the system enters the
 * policies it ran under (historical versions, only before its first recorded change), then imports
 * its serving workers with their history: all or nothing, a durable batch that a crash leaves
 * resumable, seats and stats right, the onboarded workers paid under the historical versions.
 */

// A long lease: the test says when a writer counts as dead (expireLease).
process.env.BATCH_LEASE_SECONDS = '600';

let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;
let districtHr: Client;
const CITY = 'jx';
const COMMUNITIES = [1, 2, 3, 4, 5, 6].map((n) => `${CITY}/${n <= 3 ? 'a/s1' : 'b/s2'}/c${n}`);
const TODAY = '2026-03-02';

/** The city's pay scale before adoption: lower base pay, five years in grade per step. */
const historicalPay = {
  ...defaultPayPolicy,
  baseMonthlyPayFen: Array.from({ length: 18 }, (_, i) => 250_000 + i * 10_000),
  step: { ...defaultPayPolicy.step, yearsInGrade: 5 },
};

beforeAll(async () => {
  h = await startHarness({ now: `${TODAY}T02:00:00.000Z` });
  hr = await h.client('hr', CITY);
  districtHr = await h.client('hr', `${CITY}/a`);
  const units = [
    { id: CITY, name: '鸡西市', level: 'city', approvedQuota: 320 },
    { id: `${CITY}/a`, name: '鸡冠区', level: 'district', parentId: CITY, urbanPopulation: 300_000 },
    { id: `${CITY}/b`, name: '恒山区', level: 'district', parentId: CITY, urbanPopulation: 300_000 },
    {
      id: `${CITY}/a/s1`,
      name: '向阳街道',
      level: 'street',
      parentId: `${CITY}/a`,
      urbanPopulation: 200_000,
    },
    {
      id: `${CITY}/b/s2`,
      name: '东兴街道',
      level: 'street',
      parentId: `${CITY}/b`,
      urbanPopulation: 200_000,
    },
    ...COMMUNITIES.map((id, i) => ({
      id,
      name: `第${i + 1}社区`,
      level: 'community',
      parentId: id.slice(0, id.lastIndexOf('/')),
      approvedQuota: 60,
    })),
  ];
  for (const unit of units) {
    const res = await hr.post('/v1/org-units', unit);
    if (res.status !== 201) throw new Error(`${unit.id}: ${res.text}`);
  }
}, 120_000);
afterAll(async () => h?.stop());

const used = async (org: string) => (await hr.get(`/v1/org-units/${orgPath(org)}`)).body.used as number;
const hiredOnOf = (i: number) => `${2016 + (i % 8)}-0${1 + (i % 9)}-15`;

/**
 * 300 serving workers (50 per community) with history: hire dates 2016–2023, staff at grades 2–6
 * dated from 2022 (so under five years per step none is due), probation passed, contracts in force,
 * every third with a certificate, past annual evaluations, every fourth a party member.
 */
let sheets = 0;
function workforce(n: number, tag: string, certificatePrefix: string) {
  // Each sheet's people come from their own region code: nobody repeats across sheets.
  const region = `2303${String(++sheets).padStart(2, '0')}`;
  return Array.from({ length: n }, (_, i) => {
    const hiredOn = hiredOnOf(i);
    const year = Number(hiredOn.slice(0, 4));
    const gradeSince = hiredOn > '2022-01-01' ? hiredOn : '2022-01-01';
    return {
      nationalId: nationalIdFor(`19${80 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`, region),
      name: `${tag}${i + 1}`,
      org: COMMUNITIES[i % COMMUNITIES.length]!,
      education: i % 2 ? '本科' : '大专',
      isPartyMember: i % 4 === 0 ? '是' : '否',
      hiredOn,
      post: '社区工作者',
      grade: 2 + (i % 5),
      gradeSince,
      probationEndsOn: `${year + 1}-0${1 + (i % 9)}-14`,
      contractEndsOn: `2027-0${1 + (i % 9)}-14`,
      ...(i % 3 === 0
        ? {
            certificateLevel: i % 2 ? '社会工作师' : '助理社会工作师',
            certificateNumber: `${certificatePrefix}${String(i).padStart(5, '0')}`,
            certificateIssuedOn: '2021-06-20',
            certificateRegisteredOn: '2021-07-01',
          }
        : {}),
      annualGrades: ['2022', '2023', '2024', '2025']
        .filter((y) => Number(y) >= year)
        .map((y, k) => `${y}:${k === 1 && i % 5 === 0 ? '优秀' : '称职'}`)
        .join(';'),
    };
  });
}

const ctxOf = (requestId: string): RequestContext => ({
  actor: { sub: 'hr-onboarding-test', role: 'hr', org: CITY },
  requestId,
  now: h.now(),
});

const expireLease = (batchId: string) =>
  h.store.client.send(
    new UpdateCommand({
      TableName: h.tableName,
      Key: batchKeys.key(batchId),
      UpdateExpression: 'SET leaseUntil = :past',
      ExpressionAttributeValues: { ':past': Date.now() - 1 },
    }),
  );

/** The city's open batches that got past their third step (a "dying" import stops there), polled. */
async function batchesPastStep3() {
  let open: Awaited<ReturnType<typeof openBatches>> = [];
  for (let i = 0; i < 200 && open.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 50));
    open = (await openBatches(h.store, CITY)).filter((b) => b.nextStep >= 3);
  }
  return open;
}

describe('historical policy versions', () => {
  it('are entered by city HR before the first recorded change, audited; never by a district, never for today', async () => {
    // Without the flag a past date is backdating, as always.
    const backdated = await hr.put(`/v1/policies/pay/2020-01-01`, historicalPay);
    expect(backdated.status, backdated.text).toBe(422);
    expect(backdated.body.error.code).toBe('POLICY_BACKDATED');
    // A historical version starts before today.
    const notPast = await hr.put(`/v1/policies/pay/${TODAY}?historical=true`, historicalPay);
    expect(notPast.status).toBe(422);
    expect(notPast.body.error).toMatchObject({ code: 'POLICY_NOT_HISTORICAL' });
    expect(notPast.body.error.message).toContain('早于今天');
    // A district's HR may not set the city's policies.
    const district = await districtHr.put(
      `/v1/policies/pay/2020-01-01?historical=true&city=${CITY}`,
      historicalPay,
    );
    expect(district.status).toBe(403);

    const entered = await hr.put(`/v1/policies/pay/2020-01-01?historical=true`, historicalPay);
    expect(entered.status, entered.text).toBe(200);
    expect(entered.body).toMatchObject({ version: 'pay/2020-01-01/r1', effectiveFrom: '2020-01-01' });
    // Today's policy is that version (the city has run under it since 2020); 2019 had the rule book's.
    expect((await hr.get('/v1/policies/pay')).body.version).toBe('pay/2020-01-01/r1');
    expect((await hr.get('/v1/policies/pay?at=2019-12-31')).body.version).toBe('pay/default');
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`policy:${CITY}/pay/2020-01-01`)}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      action: 'policy.historical-entered',
      actor: expect.objectContaining({ org: CITY }),
    });
    expect(audit.body.items[0].after.historical).toContain('before the city');
    // Entered once: a version in effect is never rewritten.
    const again = await hr.put(`/v1/policies/pay/2020-01-01?historical=true`, defaultPayPolicy);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('POLICY_IN_EFFECT');
  });
});

describe('onboarding an existing workforce', () => {
  it("is refused to a district's HR (403) and writes nothing", async () => {
    const res = await districtHr.post('/v1/onboarding', { rows: workforce(2, '区导', 'QX') });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const dry = await districtHr.post('/v1/onboarding?dryRun=true', { rows: workforce(2, '区导', 'QX') });
    expect(dry.status).toBe(403);
    expect(await used(CITY)).toBe(0);
  });

  it('previews 300 workers with what each would record, writing nothing', async () => {
    const rows = workforce(300, '预览', 'PV');
    // 所在单位 by name, alone or under its street's, as offices write it.
    rows[1]!.org = '第2社区';
    rows[2]!.org = '向阳街道 第3社区';
    const res = await hr.post('/v1/onboarding?dryRun=true', { rows });
    expect(res.status, res.text).toBe(200);
    expect(res.body, JSON.stringify(res.body.error)).toMatchObject({ dryRun: true, ok: true, error: null });
    expect(res.body.rows).toHaveLength(300);
    expect(res.body.rows[1]).toMatchObject({
      row: 2,
      errors: [],
      result: {
        org: COMMUNITIES[1],
        post: 'staff',
        grade: 3,
        hiredOn: hiredOnOf(1),
        gradeSince: '2022-01-01',
      },
    });
    expect(res.body.rows[2].result.org).toBe(COMMUNITIES[2]);
    const unknown = await hr.post('/v1/onboarding?dryRun=true', {
      rows: [{ ...workforce(1, '未知', 'UK')[0]!, org: '第9社区' }],
    });
    expect(unknown.body.rows[0].errors).toEqual([
      expect.objectContaining({
        path: 'org',
        code: 'UNKNOWN_ORG_UNIT',
        message: expect.stringContaining('找不到单位“第9社区”'),
      }),
    ]);
    expect(res.body.columns).toContainEqual({ field: 'hiredOn', label: '入职日期' });
    expect(await used(CITY)).toBe(0);
    expect((await hr.get(`/v1/workers?org=${CITY}`)).body.items).toHaveLength(0);
    expect(await openBatches(h.store, CITY)).toHaveLength(0);
  });

  it('reads the rows’ units once to place them (then for the seats)', async () => {
    const rows = workforce(2, '读取', 'RD');
    rows[1]!.org = '第2社区';
    const batchGet = vi.spyOn(h.store, 'batchGet');
    try {
      const res = await hr.post('/v1/onboarding?dryRun=true', { rows });
      expect(res.status, res.text).toBe(200);
      expect(res.body.rows.map((r: any) => [r.errors, r.result.org])).toEqual([
        [[], COMMUNITIES[0]],
        [[], COMMUNITIES[1]],
      ]);
      // Once to tell ids from names (the unit checks reuse it), then by each of the two seat reads
      // (the ops that take the seats and those that give them back).
      const key = `ORG#${COMMUNITIES[0]}`;
      const reads = batchGet.mock.calls.filter(([keys]) => keys.some((k) => k.pk === key));
      expect(reads).toHaveLength(3);
    } finally {
      batchGet.mockRestore();
    }
  });

  it('refuses the whole import of 300 for its bad rows, each named in Chinese by row and field', async () => {
    const rows = workforce(300, '坏行', 'BR');
    // Row 150: a contract that already ended; row 151: a grade outside the staff band;
    // row 152: a grade held since 2020-06 with five competent years (a step was due on 2026-01-01).
    rows[149] = { ...rows[149]!, contractEndsOn: '2025-12-31' };
    rows[150] = { ...rows[150]!, grade: 14 };
    rows[151] = {
      ...rows[151]!,
      hiredOn: '2018-03-01',
      gradeSince: '2020-06-01',
      annualGrades: '2020:称职;2021:称职;2022:称职;2023:称职;2024:称职;2025:称职',
    };
    const res = await hr.post('/v1/onboarding', { rows });
    expect(res.status, res.text).toBe(422);
    expect(res.body.error.code).toBe('ONBOARDING_ROWS_REFUSED');
    expect(res.body.error.message).toBe('3 行无法导入，未保存任何数据');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ row: 150, path: 'contractEndsOn', code: 'ONBOARDING_CONTRACT_ENDED' }),
      expect.objectContaining({ row: 151, path: 'grade', code: 'GRADE_OUTSIDE_BAND' }),
      expect.objectContaining({ row: 152, path: 'grade', code: 'ONBOARDING_STEP_DUE', dueOn: '2026-01-01' }),
    ]);
    expect(res.body.error.details[2].message).toBe(
      '按历年年度考核，3 级应已于2026年1月1日晋升至 4 级；请核对等级、定级日期或考核记录',
    );
    expect(await used(CITY)).toBe(0);
    expect((await hr.get(`/v1/workers?org=${CITY}`)).body.items).toHaveLength(0);

    // The preview shows the same problems on their rows, the rest clean.
    const dry = await hr.post('/v1/onboarding?dryRun=true', { rows });
    expect(dry.body.ok).toBe(false);
    const withErrors = dry.body.rows.filter((r: any) => r.errors.length > 0);
    expect(withErrors.map((r: any) => r.row)).toEqual([150, 151, 152]);
    expect(withErrors[0].errors[0].message).toBe(
      '合同到期日期（2025年12月31日）不能早于导入当天，且须晚于合同起始日期',
    );
    expect(withErrors[1].errors[0].message).toBe('等级超出该岗位的等级范围');
  });

  it('reads a CSV with Chinese headers and names invalid cells by row (400), saving nothing', async () => {
    const header = '身份证号,姓名,所在单位,学历,入职日期,等级,合同到期日期,证书等级,历年年度考核';
    const res = await hr.post('/v1/onboarding', undefined, {
      raw: excelCsv([
        header,
        `${nationalIdFor('1990-02-02')},王甲,${COMMUNITIES[0]},大专,2019-02-30,3,2027-01-01,,2024:称职`,
        `${nationalIdFor('1990-02-03')},王乙,${COMMUNITIES[0]},大专,2019-02-01,3,2027-01-01,,2024:良好`,
        `${nationalIdFor('1990-02-04')},王丙,${COMMUNITIES[0]},大专,2019-02-01,3,2027-01-01,社会工作师,`,
      ]),
    });
    expect(res.status, res.text).toBe(400);
    const byRow = (row: number) => res.body.error.details.filter((d: any) => d.row === row);
    expect(byRow(1)).toEqual([expect.objectContaining({ path: 'hiredOn', message: '不是有效的日历日期' })]);
    expect(byRow(2)).toEqual([
      expect.objectContaining({
        path: 'annualGrades.2024',
        message: '历年年度考核应写作“年份:等次”，如 2024:称职;2025:优秀',
      }),
    ]);
    expect(
      byRow(3)
        .map((d: any) => d.path)
        .sort(),
    ).toEqual(['certificateIssuedOn', 'certificateNumber', 'certificateRegisteredOn']);
    expect(byRow(3)[0].message).toBe('证书等级、证书编号、发证日期、证书登记日期须同时填写');
    expect(await used(CITY)).toBe(0);
  });

  it('killed mid-way and rolled back, the import leaves no worker, guard, grade entry, history, certificate number or seat', async () => {
    const rows = workforce(300, '撤回', 'RB').map((r) => onboardingRow.parse(r));
    void onboardWorkforce(dyingStore(h, 4), ctxOf('req-onboarding-rolled-back'), rows);
    const open = await batchesPastStep3();
    expect(open).toHaveLength(1);
    const batch = open[0]!;
    const id = batch.subject.slice('onboarding:'.length);
    const persons = (await hr.get(`/v1/onboarding/${id}`)).body.persons as { workerId: string }[];
    expect(persons).toHaveLength(300);
    // The first worker's step ran before the process died: they were written.
    const first = persons[0]!.workerId;
    expect((await grades.history(h.store, first)).length).toBeGreaterThan(0);
    expect(await workers.history(h.store, first)).toHaveLength(1);

    await expireLease(batch.id);
    const rolled = await hr.post(`/v1/batches/${batch.id}/recover`, { action: 'roll-back' });
    expect(rolled.status, rolled.text).toBe(200);
    expect(rolled.body).toMatchObject({ status: 'rolled-back', undoNext: -1 });
    expect((await hr.get(`/v1/onboarding/${id}`)).body.status).toBe('rolled-back');
    expect(await used(CITY)).toBe(0);
    for (const c of COMMUNITIES) expect(await used(c)).toBe(0);
    for (const [i, row] of rows.entries()) {
      const workerId = persons[i]!.workerId;
      expect(await workers.get(h.store, workerId)).toBeUndefined();
      expect(await workers.activeIdFor(h.store, row.nationalId)).toBeUndefined();
      if (i < 12) {
        expect(await grades.history(h.store, workerId)).toEqual([]);
        expect(await workers.history(h.store, workerId)).toEqual([]);
      }
    }
    const numbers = rows.flatMap((r) => (r.certificate ? [r.certificate.number] : []));
    expect(numbers.length).toBe(100);
    expect(await certificateNumbers.taken(h.store, numbers)).toEqual(new Set());
    expect((await checkConsistency(h.store, { cities: [CITY] })).drift).toEqual([]);
  });

  let onboardingId: string;
  let imported: ReturnType<typeof workforce> | undefined;
  const rows300 = () => {
    imported ??= workforce(300, '社工', 'ZG');
    return imported;
  };

  it('killed mid-way, the import of 300 is resumed through the recovery path and every count is right', async () => {
    const rows = rows300().map((r) => onboardingRow.parse(r));
    // The plan, the header and the first steps, then the process "dies".
    void onboardWorkforce(dyingStore(h, 4), ctxOf('req-onboarding-died'), rows);
    const open = await batchesPastStep3();
    expect(open).toHaveLength(1);
    const batch = open[0]!;
    expect(batch).toMatchObject({ kind: 'onboarding', status: 'in-progress', nextStep: 3 });
    expect(batch.stepCount).toBeGreaterThan(10);
    onboardingId = batch.subject.slice('onboarding:'.length);
    // Half-written: the record says so, and the seats taken so far are the whole import's.
    expect((await hr.get(`/v1/onboarding/${onboardingId}`)).body.status).toBe('in-progress');
    const listed = await hr.get(`/v1/batches?org=${CITY}`);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ id: batch.id, kindLabel: '存量人员导入' }),
    );

    await expireLease(batch.id);
    const resumed = await hr.post(`/v1/batches/${batch.id}/recover`, { action: 'resume' });
    expect(resumed.status, resumed.text).toBe(200);
    expect(resumed.body).toMatchObject({ status: 'completed', nextStep: batch.stepCount + 1 });

    const record = await hr.get(`/v1/onboarding/${onboardingId}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ status: 'completed', count: 300, org: CITY });
    expect(record.body.persons).toHaveLength(300);
    expect(await used(CITY)).toBe(300);
    for (const c of COMMUNITIES) expect(await used(c)).toBe(50);
    expect(await used(`${CITY}/a`)).toBe(150);
    // Every counter equals a recount from the records (seats, stock, hires by year and channel).
    const report = await checkConsistency(h.store, { cities: [CITY] });
    expect(report.checked.workers).toBe(300);
    expect(report.drift).toEqual([]);
    const audit = await hr.get(`/v1/audit?entity=onboarding:${onboardingId}`);
    expect(audit.body.items.map((e: any) => e.action)).toContain('onboarding.completed');
  });

  it('counts the import as its own channel, by hire year, with the stock figures', async () => {
    const rows = rows300();
    const hiredIn = (year: number) => rows.filter((r) => r.hiredOn.startsWith(String(year))).length;
    const stats2019 = await hr.get(`/v1/stats?org=${CITY}&year=2019`);
    expect(stats2019.status, stats2019.text).toBe(200);
    expect(stats2019.body.hires).toMatchObject({
      onboarding: hiredIn(2019),
      transfer: 0,
      openRecruitment: 0,
      total: hiredIn(2019),
    });
    const now = await hr.get(`/v1/stats?org=${CITY}&year=2026`);
    expect(now.body.headcount.active).toBe(300);
    expect(now.body.hires.onboarding).toBe(0);
    // Every third worker holds a certificate (registered in 2021).
    expect(now.body.certification).toMatchObject({
      certifiedActive: 100,
      active: 300,
      certifiedOnDutyRate: 33.33,
    });
    expect((await hr.get(`/v1/stats?org=${CITY}&year=2021`)).body.certification.certificatesRegistered).toBe(
      100,
    );
    const district = await hr.get(`/v1/stats?org=${CITY}/a&year=2026`);
    expect(district.body.headcount.active).toBe(150);
  });

  it("keeps each worker's history: channel, grade and its date, probation, certificate, evaluations, step count", async () => {
    const record = (await hr.get(`/v1/onboarding/${onboardingId}`)).body;
    const first = record.persons[0];
    const res = await hr.get(`/v1/workers/${first.workerId}`);
    expect(res.status).toBe(200);
    const w = res.body;
    const row = rows300()[0]!;
    expect(w).toMatchObject({
      name: '社工1',
      channel: 'onboarding',
      channelLabel: '存量导入',
      status: 'active',
      hiredOn: row.hiredOn,
      post: 'staff',
      grade: 2,
      gradeSince: '2022-01-01',
      probationEndsOn: row.probationEndsOn,
      probationStatus: 'confirmed',
      contractEndsOn: row.contractEndsOn,
      isPartyMember: true,
      certificates: [
        { level: 'assistant', number: 'ZG00000', issuedOn: '2021-06-20', registeredOn: '2021-07-01' },
      ],
      annualGrades: { '2022': 'competent', '2023': 'excellent', '2024': 'competent', '2025': 'competent' },
    });
    // Four whole years in grade, counted under the five-year rule of the city's historical pay policy.
    expect(w.step).toMatchObject({ grade: 2, yearsCountedInGrade: 4, lastStepYear: 2026 });
    expect(w.contractTerms).toEqual([{ no: 1, startsOn: row.hiredOn, endsOn: row.contractEndsOn }]);
    const history = await hr.get(`/v1/workers/${first.workerId}/history`);
    expect(history.body.items.map((e: any) => e.event)).toContain('onboarded');
  });

  it('pays past months under the version in force then: the historical one from 2020, the rule book’s before', async () => {
    const record = (await hr.get(`/v1/onboarding/${onboardingId}`)).body;
    const person = record.persons.find((p: any) => p.hiredOn.startsWith('2016'));
    const past = await hr.get(`/v1/workers/${person.workerId}/statements/2023-05`);
    expect(past.status, past.text).toBe(200);
    expect(past.body.policy).toMatchObject({ version: 'pay/2020-01-01/r1' });
    const base = past.body.lines.find((l: any) => l.code === 'base');
    expect(base.amountFen).toBe(historicalPay.baseMonthlyPayFen[person.grade - 1]);
    const before = await hr.get(`/v1/workers/${person.workerId}/statements/2019-05`);
    expect(before.status, before.text).toBe(200);
    expect(before.body.policy.version).toBe('pay/default');
  });

  it('closes the historical window: no more historical versions once workers are recorded', async () => {
    const res = await hr.put(`/v1/policies/pay/2024-01-01?historical=true`, historicalPay);
    expect(res.status, res.text).toBe(409);
    expect(res.body.error.code).toBe('POLICY_HISTORY_CLOSED');
    expect(res.body.error.message).toContain('不能再录入历史政策版本');
    expect((await hr.get('/v1/policies/pay/versions')).body.items).toHaveLength(1);
  });

  it('refuses an import that needs more seats than the city has, naming the unit', async () => {
    const res = await hr.post('/v1/onboarding', { rows: workforce(30, '超编', 'OQ') });
    expect(res.status, res.text).toBe(409);
    expect(res.body.error.code).toBe('QUOTA_EXCEEDED');
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        org: CITY,
        name: '鸡西市',
        quota: 320,
        used: 300,
        available: 20,
        requested: 30,
      }),
    ]);
    expect(await used(CITY)).toBe(300);
  });

  it('takes an .xlsx with Chinese headers once per Idempotency-Key', async () => {
    const header = [
      '身份证号',
      '姓名',
      '所在单位',
      '学历',
      '是否党员',
      '入职日期',
      '岗位',
      '等级',
      '定级日期',
      '试用期满日期',
      '合同到期日期',
      '证书等级',
      '证书编号',
      '发证日期',
      '证书登记日期',
      '历年年度考核',
    ];
    const id1 = nationalIdFor('1985-05-05');
    const sheet = await xlsxOf([
      header,
      [
        id1,
        '赵书记',
        COMMUNITIES[5]!,
        '本科',
        '是',
        '2015-04-01',
        '正职',
        9,
        '2024-01-01',
        '',
        '2027-12-31',
        '高级社会工作师',
        'GJ-0001',
        '2020-05-01',
        '2020-06-01',
        '2024:优秀;2025:称职',
      ],
      [
        nationalIdFor('1996-06-06'),
        '钱新',
        COMMUNITIES[5]!,
        '大专',
        '否',
        '2025-09-01',
        '社区工作者',
        1,
        '',
        '2026-08-31',
        '2028-08-31',
        '',
        '',
        '',
        '',
        '',
      ],
    ]);
    const send = () =>
      hr.post('/v1/onboarding', undefined, {
        raw: sheet,
        contentType: XLSX,
        headers: { 'idempotency-key': 'onboard-xlsx-1' },
      });
    const first = await send();
    expect(first.status, first.text).toBe(201);
    expect(first.body.count).toBe(2);
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await used(CITY)).toBe(302);
    const secretary = await hr.get(`/v1/workers/${first.body.persons[0].workerId}`);
    expect(secretary.body).toMatchObject({
      post: 'principal',
      grade: 9,
      probationEndsOn: null,
      probationStatus: 'none',
      certificates: [expect.objectContaining({ level: 'senior', number: 'GJ-0001' })],
    });
    // Grade 9 from 1 January 2024: 2024 (excellent) and 2025 (competent) counted, no step yet.
    expect(secretary.body.step).toMatchObject({
      yearsCountedInGrade: 2,
      consecutiveExcellent: 0,
      lastStepYear: 2026,
    });
    const newcomer = await hr.get(`/v1/workers/${first.body.persons[1].workerId}`);
    expect(newcomer.body).toMatchObject({
      probationStatus: 'serving',
      probationEndsOn: '2026-08-31',
      grade: 1,
    });
    // The same person again is refused by row.
    const dup = await hr.post('/v1/onboarding', {
      rows: [{ ...workforce(1, '重复', 'DP')[0]!, nationalId: id1 }],
    });
    expect(dup.status).toBe(422);
    expect(dup.body.error.details[0]).toMatchObject({ row: 1, code: 'ALREADY_ACTIVE_WORKER' });
  });
});
