import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { statsKeys } from '#shared/db/entities/stats.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type ApiResponse, type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';

let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;

const G1 = 'qth/xinxing/hongqi/c1/g1';
const C1 = 'qth/xinxing/hongqi/c1';
// A district built for the 240-person batch: 4 communities × 2 grids, 70 seats per community.
const BIG = 'qth/zhuanren';
const BIG_STREET = `${BIG}/s1`;
const bigGrids = [1, 2, 3, 4].flatMap((c) => [1, 2].map((g) => `${BIG_STREET}/c${c}/g${g}`));

beforeAll(async () => {
  h = await startHarness({ now: '2026-05-06T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
  const units = [
    { id: BIG, name: '转任区', level: 'district', parentId: 'qth', urbanPopulation: 300_000 },
    { id: BIG_STREET, name: '转任街道', level: 'street', parentId: BIG, urbanPopulation: 200_000 },
    ...[1, 2, 3, 4].map((c) => ({
      id: `${BIG_STREET}/c${c}`,
      name: `社区${c}`,
      level: 'community',
      parentId: BIG_STREET,
      approvedQuota: 70,
    })),
    ...bigGrids.map((id) => ({
      id,
      name: '网格',
      level: 'grid',
      parentId: id.slice(0, id.lastIndexOf('/')),
      urbanPopulation: 1000,
    })),
  ];
  for (const unit of units) {
    const res = await hr.post('/v1/org-units', unit);
    if (res.status !== 201) throw new Error(`${unit.id}: ${res.text}`);
  }
});
afterAll(async () => h?.stop());

function row(overrides: Record<string, unknown> = {}) {
  return {
    nationalId: nationalIdFor('1985-09-09'),
    name: '网格员',
    org: G1,
    currentMonthlyPayFen: 310_000,
    education: 'college',
    ...overrides,
  };
}

const used = async (id: string) => (await hr.get(`/v1/org-units/${orgPath(id)}`)).body.used as number;
const countWorkers = async (org: string) => {
  let n = 0;
  let cursor: string | undefined;
  do {
    const page = await hr.get(
      `/v1/workers?org=${encodeURIComponent(org)}&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    n += page.body.items.length;
    cursor = page.body.cursor;
  } while (cursor);
  return n;
};

describe('bulk transfer of grid workers', () => {
  it('maps pay to the lowest grade that pays no less, and reports every person (JSON)', async () => {
    const before = await Promise.all(['qth', 'qth/xinxing', 'qth/xinxing/hongqi', C1].map(used));
    // Default pay policy: grade g pays 2,800 + 150 × (g − 1) yuan base + the post allowance
    // (staff 200, deputy 400 yuan). Staff grade 1 = 3,000.00 yuan, grade 2 = 3,150.00 yuan.
    const rows = [
      row({ name: '甲', currentMonthlyPayFen: 310_000 }), // → grade 2 (315,000 ≥ 310,000)
      row({ name: '乙', currentMonthlyPayFen: 300_000, isPartyMember: true }), // exactly grade 1
      row({ name: '丙', currentMonthlyPayFen: 420_000 }), // → grade 9 (420,000)
      row({ name: '丁', currentMonthlyPayFen: 200_000, post: 'deputy', org: C1 }), // bottom of deputy band: grade 4
    ];
    const res = await hr.post('/v1/transfers', { rows });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      status: 'completed',
      effectiveOn: '2026-05-06',
      count: 4,
      org: C1,
      payPolicyVersion: 'pay/default',
    });
    expect(res.body.persons.map((p: any) => [p.name, p.post, p.grade, p.payFen, p.previousPayFen])).toEqual([
      ['甲', 'staff', 2, 315_000, 310_000],
      ['乙', 'staff', 1, 300_000, 300_000],
      ['丙', 'staff', 9, 420_000, 420_000],
      ['丁', 'deputy', 4, 365_000, 200_000],
    ]);
    for (const p of res.body.persons) expect(p.payFen).toBeGreaterThanOrEqual(p.previousPayFen);
    expect(res.body.persons[0].nationalId).toBe(rows[0]!.nationalId);

    const worker = await hr.get(`/v1/workers/${res.body.persons[1].workerId}`);
    expect(worker.body).toMatchObject({
      channel: 'transfer',
      status: 'active',
      org: G1,
      grade: 1,
      post: 'staff',
      isPartyMember: true,
      hiredOn: '2026-05-06',
      contractEndsOn: '2029-05-05',
      source: { transferBatchId: res.body.id, previousMonthlyPayFen: 300_000 },
    });
    // No probation for people who already serve: empty, not a date (issue 16).
    expect(worker.body.probationEndsOn).toBeNull();
    const listed = await hr.get(`/v1/workers?org=${encodeURIComponent(G1)}&limit=200`);
    const inList = listed.body.items.find((w: any) => w.id === res.body.persons[1].workerId);
    expect(inList).toMatchObject({ channel: 'transfer', probationEndsOn: null });
    const transferred = await h.client('worker', G1, res.body.persons[1].workerId);
    expect((await transferred.get('/v1/me')).body.probationEndsOn).toBeNull();
    const after = await Promise.all(['qth', 'qth/xinxing', 'qth/xinxing/hongqi', C1].map(used));
    expect(after).toEqual(before.map((n) => n + 4));
    const history = await hr.get(`/v1/workers/${res.body.persons[0].workerId}/history`);
    expect(history.body.items).toEqual([
      expect.objectContaining({ event: 'transferred-in', details: expect.objectContaining({ grade: 2 }) }),
    ]);
    const batch = await hr.get(`/v1/transfers/${res.body.id}`);
    expect(batch.body).toEqual(res.body);
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`transfer:${res.body.id}`)}`);
    expect(audit.body.items.map((e: any) => e.action)).toEqual(['transfer.completed']);
    const stats = await hr.get(`/v1/stats?org=${encodeURIComponent(C1)}&year=2026`);
    expect(stats.body.hires).toMatchObject({ transfer: 4, total: 4 });
    expect(stats.body.headcount.active).toBe(4);
  });

  it('takes CSV (text/csv), with yes/no booleans and an effective date', async () => {
    const a = nationalIdFor('1984-01-01');
    const b = nationalIdFor('1983-02-02');
    const csv = [
      'nationalId,name,org,currentMonthlyPayFen,post,education,isPartyMember',
      `${a},"李四",${G1},350000,staff,college,是`,
      `${b},王五,${G1},0,,high-school,否`,
    ].join('\r\n');
    const res = await hr.post('/v1/transfers?effectiveOn=2026-05-01', undefined, { raw: csv });
    expect(res.status, res.text).toBe(201);
    expect(res.body.effectiveOn).toBe('2026-05-01');
    expect(res.body.persons.map((p: any) => [p.name, p.grade, p.payFen])).toEqual([
      ['李四', 5, 360_000],
      ['王五', 1, 300_000],
    ]);
    const li = await hr.get(`/v1/workers/${res.body.persons[0].workerId}`);
    expect(li.body).toMatchObject({ isPartyMember: true, hiredOn: '2026-05-01' });
    const future = await hr.post('/v1/transfers?effectiveOn=2026-06-01', { rows: [row()] });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('TRANSFER_DATE_IN_FUTURE');
  });

  it('refuses the whole batch, listing the rows, and writes nothing', async () => {
    const before = await used(C1);
    const workersBefore = await countWorkers(C1);
    const active = await seedWorker(h, { hiredOn: '2026-01-05' });
    const seededUsed = before + 1;

    const invalid = await hr.post('/v1/transfers', undefined, {
      raw: `nationalId,name,org,currentMonthlyPayFen,education\n${nationalIdFor()},甲,${G1},300000,college\n12345,乙,${G1},abc,college\n`,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
    expect(invalid.body.error.details.map((d: any) => [d.row, d.path])).toEqual(
      expect.arrayContaining([
        [2, 'nationalId'],
        [2, 'currentMonthlyPayFen'],
      ]),
    );

    const dup = row();
    const duplicate = await hr.post('/v1/transfers', { rows: [dup, row(), { ...dup, name: '重复' }] });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.details).toEqual([
      expect.objectContaining({ row: 3, path: 'nationalId', message: 'the same person as row 1' }),
    ]);

    const already = await hr.post('/v1/transfers', { rows: [row(), row({ nationalId: active.nationalId })] });
    expect(already.status).toBe(409);
    expect(already.body.error).toMatchObject({
      code: 'ALREADY_ACTIVE_WORKER',
      details: [expect.objectContaining({ row: 2, workerId: active.id })],
    });

    const drop = await hr.post('/v1/transfers', {
      rows: [
        row(),
        row({ currentMonthlyPayFen: 500_000 }),
        row({ post: 'principal', currentMonthlyPayFen: 590_000 }),
      ],
    });
    expect(drop.status).toBe(422);
    expect(drop.body.error.code).toBe('PAY_WOULD_DROP');
    // Staff grade 12 pays 2,800 + 1,650 + 200 = 4,650 yuan: 350 yuan short of 5,000.
    expect(drop.body.error.details).toEqual([
      expect.objectContaining({ row: 2, topGrade: 12, topGradePayFen: 465_000, shortfallFen: 35_000 }),
    ]);

    const placement = await hr.post('/v1/transfers', {
      rows: [row({ org: 'qth/xinxing/hongqi/c1/g404' }), row({ org: 'qth/xinxing/hongqi' })],
    });
    expect(placement.status).toBe(422);
    expect(placement.body.error).toMatchObject({
      code: 'INVALID_PLACEMENT',
      details: [
        expect.objectContaining({ row: 1, code: 'UNKNOWN_ORG_UNIT' }),
        expect.objectContaining({ row: 2, code: 'NOT_A_PLACEMENT_UNIT' }),
      ],
    });

    const otherDistrict = await h.client('hr', 'qth/taoshan');
    const outside = await otherDistrict.post('/v1/transfers', {
      rows: [row({ org: 'qth/taoshan/taoxi/c2/g1' }), row()],
    });
    expect(outside.status).toBe(403);
    expect(outside.body.error.details).toEqual([{ row: 2, org: G1 }]);
    const mentor = await h.client('mentor', C1, active.id);
    expect((await mentor.post('/v1/transfers', { rows: [row()] })).status).toBe(403);
    const worker = await h.client('worker', C1, active.id);
    expect((await worker.post('/v1/transfers', { rows: [row()] })).status).toBe(403);

    // Quota: C1 holds 20 seats; a batch larger than what is free is refused as a whole.
    const free = (await hr.get(`/v1/org-units/${orgPath(C1)}`)).body.available as number;
    const tooMany = await hr.post('/v1/transfers', {
      rows: Array.from({ length: free + 1 }, () => row()),
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: [expect.objectContaining({ org: C1, available: free, requested: free + 1 })],
    });
    expect(await used(C1)).toBe(seededUsed);
    expect(await countWorkers(C1)).toBe(workersBefore + 1);
    // A full quota higher up blocks too, even with room in the community.
    const street = (await hr.get(`/v1/org-units/${orgPath('qth/taoshan/taoxi')}`)).body;
    await hr.patch(`/v1/org-units/${orgPath('qth/taoshan/taoxi')}`, {
      approvedQuota: 1,
      expectedVersion: street.version,
    });
    const blocked = await hr.post('/v1/transfers', {
      rows: [row({ org: 'qth/taoshan/taoxi/c2/g1' }), row({ org: 'qth/taoshan/taoxi/c2' })],
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.details).toEqual([
      expect.objectContaining({ org: 'qth/taoshan/taoxi', requested: 2 }),
    ]);
    expect(await used('qth/taoshan/taoxi')).toBe(0);
  });

  it('takes 所在单位 by name as offices write it, names looked up in the caller’s own units', async () => {
    // Names in the seed tree: 红旗社区 (C1) and its 第一网格 (G1); 桃山区's 桃西社区 has a 第一网格 too.
    const byName = await hr.post('/v1/transfers', {
      rows: [
        row({ nationalId: nationalIdFor('1981-03-01'), name: '网格名', org: '红旗社区第一网格' }),
        row({ nationalId: nationalIdFor('1981-03-02'), name: '带斜杠', org: ' 红旗社区 / 第一网格 ' }),
        row({ nationalId: nationalIdFor('1981-03-03'), name: '社区名', org: '红旗社区' }),
        row({ nationalId: nationalIdFor('1981-03-04'), name: '编号', org: G1 }),
      ],
    });
    expect(byName.status, byName.text).toBe(201);
    expect(byName.body.persons.map((p: any) => [p.name, p.org])).toEqual([
      ['网格名', G1],
      ['带斜杠', G1],
      ['社区名', C1],
      ['编号', G1],
    ]);

    // Two units called 第一网格 in the city: the row names both; an unknown name is named back.
    const unsure = await hr.post('/v1/transfers', {
      rows: [
        row({ nationalId: nationalIdFor('1981-04-01'), org: '第一网格' }),
        row({ nationalId: nationalIdFor('1981-04-02'), org: '光明社区' }),
        row({ nationalId: nationalIdFor('1981-04-03'), org: '红旗社区第一网格' }),
      ],
    });
    expect(unsure.status).toBe(422);
    expect(unsure.body.error.code).toBe('INVALID_PLACEMENT');
    expect(unsure.body.error.details).toEqual([
      expect.objectContaining({
        row: 1,
        code: 'AMBIGUOUS_ORG_UNIT',
        candidates: [
          '七台河市/桃山区/桃西街道/桃西社区/第一网格',
          '七台河市/新兴区/红旗街道/红旗社区/第一网格',
        ],
        message: expect.stringMatching(/有多个单位名为“第一网格”.*如“桃西社区第一网格”/),
      }),
      expect.objectContaining({
        row: 2,
        code: 'UNKNOWN_ORG_UNIT',
        message: expect.stringContaining('找不到单位“光明社区”'),
      }),
    ]);
    expect(await countWorkers(G1)).toBeGreaterThan(0);

    // A district officer's names are its district's: 第一网格 is one unit there, and 桃山区's
    // 桃西社区 is unknown (not forbidden: nothing outside the subtree is looked up or revealed).
    const district = await h.client('hr', 'qth/xinxing');
    const own = await district.post('/v1/transfers?dryRun=true', {
      rows: [row({ nationalId: nationalIdFor('1981-05-01'), org: '第一网格' })],
    });
    expect(own.status, own.text).toBe(200);
    expect(own.body.rows[0]).toMatchObject({ cells: { org: '第一网格' }, errors: [], result: { org: G1 } });
    // The full name as exports write 所在单位, from the city down, names it too.
    const exported = await district.post('/v1/transfers?dryRun=true', {
      rows: [
        row({ nationalId: nationalIdFor('1981-05-03'), org: '七台河市/新兴区/红旗街道/红旗社区/第一网格' }),
      ],
    });
    expect(exported.body.rows[0]).toMatchObject({ errors: [], result: { org: G1 } });
    // The city itself is named by the district officer's sheet but never found as a placement.
    const above = await district.post('/v1/transfers?dryRun=true', {
      rows: [row({ nationalId: nationalIdFor('1981-05-04'), org: '七台河市' })],
    });
    expect(above.body.rows[0].errors).toEqual([expect.objectContaining({ code: 'UNKNOWN_ORG_UNIT' })]);
    const sibling = await district.post('/v1/transfers?dryRun=true', {
      rows: [row({ nationalId: nationalIdFor('1981-05-02'), org: '桃西社区' })],
    });
    expect(sibling.status, sibling.text).toBe(200);
    expect(sibling.body.rows[0].errors).toEqual([
      expect.objectContaining({
        path: 'org',
        code: 'UNKNOWN_ORG_UNIT',
        message: expect.stringContaining('桃西社区'),
      }),
    ]);
  });

  it('reads the rows’ units once to place them (then for the seats)', async () => {
    const batchGet = vi.spyOn(h.store, 'batchGet');
    try {
      const res = await hr.post('/v1/transfers?dryRun=true', {
        rows: [
          row({ nationalId: nationalIdFor('1981-06-01'), org: G1 }),
          row({ nationalId: nationalIdFor('1981-06-02'), org: '红旗社区' }),
        ],
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body.rows.map((r: any) => [r.errors, r.result.org])).toEqual([
        [[], G1],
        [[], C1],
      ]);
      // Once to tell ids from names (the unit checks reuse it), then by each of the two seat reads
      // (the ops that take the seats and those that give them back).
      const readsOfG1 = batchGet.mock.calls.filter(([keys]) => keys.some((key) => key.pk === `ORG#${G1}`));
      expect(readsOfG1).toHaveLength(3);
    } finally {
      batchGet.mockRestore();
    }
  });

  it('transfers 240 grid workers at once (many transactions, all or nothing); a retry replays the result', async () => {
    const rows = Array.from({ length: 240 }, (_, i) =>
      row({
        name: `转任${i + 1}`,
        org: bigGrids[i % bigGrids.length],
        currentMonthlyPayFen: 280_000 + (i % 12) * 15_000,
        isPartyMember: i % 3 === 0,
      }),
    );
    const before = { city: await used('qth'), district: await used(BIG) };
    const headers = { 'idempotency-key': 'transfer-240' };
    const res = await hr.post('/v1/transfers', { rows }, { headers });
    expect(res.status, res.text.slice(0, 500)).toBe(201);
    expect(res.body).toMatchObject({ status: 'completed', count: 240, org: BIG_STREET });
    expect(res.body.persons).toHaveLength(240);
    expect(new Set(res.body.persons.map((p: any) => p.workerId)).size).toBe(240);
    for (const p of res.body.persons) expect(p.payFen).toBeGreaterThanOrEqual(p.previousPayFen);
    expect(res.body.persons[0]).toMatchObject({ grade: 1, payFen: 300_000, previousPayFen: 280_000 });
    expect(res.body.persons[11]).toMatchObject({ grade: 11, payFen: 450_000, previousPayFen: 445_000 });

    expect(await used(BIG)).toBe(before.district + 240);
    expect(await used('qth')).toBe(before.city + 240);
    for (const c of [1, 2, 3, 4]) expect(await used(`${BIG_STREET}/c${c}`)).toBe(60);
    expect(await countWorkers(BIG)).toBe(240);
    // Paginated with a cursor.
    const page1 = await hr.get(`/v1/workers?org=${encodeURIComponent(BIG)}&limit=100`);
    expect(page1.body.items).toHaveLength(100);
    const page2 = await hr.get(
      `/v1/workers?org=${encodeURIComponent(BIG)}&limit=100&cursor=${page1.body.cursor}`,
    );
    expect(page2.body.items).toHaveLength(100);
    expect(page2.body.items[0].id).not.toBe(page1.body.items[0].id);

    const stats = await hr.get(`/v1/stats?org=${encodeURIComponent(BIG)}&year=2026`);
    expect(stats.body.hires).toMatchObject({ transfer: 240, total: 240, openRecruitment: 0 });
    expect(stats.body.headcount.active).toBe(240);
    const stock = (await h.store.get(statsKeys.current(BIG)))!;
    const byGrade = Object.entries(stock).filter(([k]) => k.startsWith('post_staff_grade_'));
    expect(byGrade.reduce((n, [, v]) => n + (v as number), 0)).toBe(240);
    expect(stock.post_staff_grade_1).toBe(40); // current pay 2,800 and 2,950 yuan both map to grade 1
    expect(stats.body.quota).toMatchObject({ used: 240 });

    const replay = await hr.post('/v1/transfers', { rows }, { headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(res.body);
    expect(await countWorkers(BIG)).toBe(240);
    expect(await used(BIG)).toBe(before.district + 240);
    const again = await hr.post('/v1/transfers', { rows });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_ACTIVE_WORKER');
    expect(again.body.error.details).toHaveLength(240);

    const listed = await hr.get(`/v1/transfers?org=${encodeURIComponent(BIG)}`);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: res.body.id, status: 'completed', count: 240 }),
    ]);
  });

  it('undoes every written step when a later step fails (a person became active meanwhile)', async () => {
    // 60 persons in the big district's first community: too big for one transaction.
    const org = `${BIG_STREET}/c1/g1`;
    // Free 60 seats in c1 first (the 240 filled it to 60 of 70): raise its quota.
    const c1 = (await hr.get(`/v1/org-units/${orgPath(`${BIG_STREET}/c1`)}`)).body;
    await hr.patch(`/v1/org-units/${orgPath(`${BIG_STREET}/c1`)}`, {
      approvedQuota: 200,
      expectedVersion: c1.version,
    });
    const rows = Array.from({ length: 60 }, (_, i) => row({ name: `补偿${i}`, org }));
    const before = {
      street: await used(BIG_STREET),
      city: await used('qth'),
      workers: await countWorkers(BIG),
      stats: (await hr.get(`/v1/stats?org=${encodeURIComponent(BIG)}&year=2026`)).body,
    };

    // Fault injection: just before the third transaction, another process makes one of its persons
    // an active worker, so that transaction's national-id guard fails.
    const client = h.store.client as any;
    const send = client.send.bind(client);
    let transactions = 0;
    let intruder: string | undefined;
    client.send = async (command: any, ...rest: any[]) => {
      if (command instanceof TransactWriteCommand) {
        transactions++;
        if (transactions === 3 && !intruder) {
          const guard = command.input.TransactItems!.find((t: any) => t.Put?.Item?.type === 'national-id');
          intruder = guard!.Put!.Item!.pk as string;
          await send(
            new PutCommand({
              TableName: h.tableName,
              Item: { pk: intruder, sk: 'ACTIVE', type: 'national-id', workerId: 'w_intruder' },
            }),
          );
        }
      }
      return send(command, ...rest);
    };
    let res: ApiResponse;
    try {
      res = await hr.post('/v1/transfers', { rows }, { headers: { 'idempotency-key': 'transfer-undo' } });
    } finally {
      client.send = send;
    }
    expect(intruder).toBeDefined();
    expect(transactions).toBeGreaterThan(3); // two steps, the failing third, then the undo steps
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_ACTIVE_WORKER');

    expect(await used(BIG_STREET)).toBe(before.street);
    expect(await used('qth')).toBe(before.city);
    expect(await countWorkers(BIG)).toBe(before.workers);
    const stats = (await hr.get(`/v1/stats?org=${encodeURIComponent(BIG)}&year=2026`)).body;
    expect(stats.hires).toEqual(before.stats.hires);
    expect(stats.headcount).toEqual(before.stats.headcount);
    const batches = await hr.get(`/v1/transfers?org=${encodeURIComponent(BIG)}`);
    expect(batches.body.items.map((b: any) => b.status).sort()).toEqual(['completed', 'rolled-back']);
    // The national-id guards written by the undone steps are gone: those people can be transferred.
    const nationalId = intruder!.slice('NATID#'.length);
    const retried = await hr.post(
      '/v1/transfers',
      {
        rows: rows.filter((r) => r.nationalId !== nationalId),
      },
      { headers: { 'idempotency-key': 'transfer-undo-2' } },
    );
    expect(retried.status, retried.text.slice(0, 300)).toBe(201);
    expect(retried.body.count).toBe(59);
    expect(await used(BIG_STREET)).toBe(before.street + 59);
    expect(await h.store.get(workerKeys.activeNationalId(nationalId))).toMatchObject({
      workerId: 'w_intruder',
    });
  });
});
