import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import { excelCsv, XLSX, xlsxOf } from '../support/spreadsheets.ts';

/**
 * Registration sheets (报名表, POST /v1/recruitments/{id}/registrations) and certificate sheets
 * (证书登记表, POST /v1/certificates): .xlsx and Excel's CSV with Chinese headers and values, row
 * errors in Chinese by row, all or nothing (a durable batch past one transaction), dry runs that
 * save nothing, Idempotency-Key retries that take effect once, and the audit trail.
 */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
const G1 = 'qth/xinxing/hongqi/c1/g1';
const C2G = 'qth/taoshan/taoxi/c2/g1';

const CANDIDATE_HEADER = [
  '身份证号',
  '姓名',
  '学历',
  '职业资格证书',
  '政治表现合格',
  '身体健康',
  '本地户籍或居住',
  '是否党员',
];
const candidateLine = (id: string, name: string, extra: Partial<Record<string, string>> = {}) => [
  id,
  name,
  extra.education ?? '大专',
  extra.certificate ?? '',
  '是',
  '是',
  extra.local ?? '是',
  '否',
];

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h, { communityQuota: 60 }));
}, 120_000);
afterAll(async () => h?.stop());

async function openRecruitment() {
  const opened = await hr.post('/v1/recruitments', { title: '社区工作者招聘', org: C1, places: 2 });
  expect(opened.status, opened.text).toBe(201);
  return opened.body.id as string;
}
const candidatesOf = async (id: string) =>
  ((await hr.get(`/v1/recruitments/${id}/candidates?limit=200`)).body.items as any[]).sort(
    (a, b) => a.registrationNo - b.registrationNo,
  );

describe('registration sheets (报名表)', () => {
  it('an .xlsx with Chinese headers and values registers every row in sheet order, with the verdict', async () => {
    const r = await openRecruitment();
    const ids = [nationalIdFor('1995-01-01'), nationalIdFor('1996-02-02'), nationalIdFor('1997-03-03')];
    const res = await hr.post(`/v1/recruitments/${r}/registrations`, undefined, {
      raw: await xlsxOf([
        CANDIDATE_HEADER,
        candidateLine(ids[0]!, '王芳', { certificate: '助理社会工作师' }),
        candidateLine(ids[1]!, '刘洋', { education: '本科' }),
        candidateLine(ids[2]!, '陈静', { local: '否' }),
      ]),
      contentType: XLSX,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ recruitmentId: r, registered: 3, eligible: 2 });
    expect(res.body.candidates.map((c: any) => [c.row, c.name, c.registrationNo, c.eligible])).toEqual([
      [1, '王芳', 1, true],
      [2, '刘洋', 2, true],
      [3, '陈静', 3, false],
    ]);
    expect(res.body.candidates[2].failed).toEqual(['residence']);
    expect(res.body.candidates[2].failedLabels).toEqual([expect.stringMatching(/[\u4e00-\u9fff]/)]);

    const stored = await candidatesOf(r);
    expect(stored.map((c) => [c.nationalId, c.registrationNo, c.education, c.certificateLevel])).toEqual([
      [ids[0], 1, 'college', 'assistant'],
      [ids[1], 2, 'bachelor', null],
      [ids[2], 3, 'college', null],
    ]);
    const recruitment = (await hr.get(`/v1/recruitments/${r}`)).body;
    expect(recruitment).toMatchObject({ candidateCount: 3, eligibleCount: 2 });
    const audit = (await hr.get(`/v1/audit?entity=${encodeURIComponent(`recruitment:${r}`)}`)).body.items;
    expect(audit.filter((a: any) => a.action === 'recruitment.candidate-registered')).toHaveLength(3);
    expect(audit.filter((a: any) => a.action === 'recruitment.candidates-uploaded')).toHaveLength(1);

    // A single registration afterwards takes the next number.
    const single = await hr.post(`/v1/recruitments/${r}/candidates`, {
      nationalId: nationalIdFor('1998-04-04'),
      name: '单独报名',
      education: 'college',
      politicalRecordClear: true,
      meetsHealthRequirement: true,
      hasLocalResidence: true,
    });
    expect(single.status, single.text).toBe(201);
    expect(single.body.registrationNo).toBe(4);
  });

  it('takes 拟安排单位 by name inside the recruitment’s unit, and names a unit it cannot find', async () => {
    const r = await openRecruitment();
    const header = [...CANDIDATE_HEADER, '拟安排单位'].join(',');
    const res = await hr.post(`/v1/recruitments/${r}/registrations`, undefined, {
      raw: excelCsv([
        header,
        [...candidateLine(nationalIdFor('1991-08-01'), '按名称'), '第一网格'].join(','),
        [...candidateLine(nationalIdFor('1991-08-02'), '按编号'), G1].join(','),
        [...candidateLine(nationalIdFor('1991-08-03'), '不填'), ''].join(','),
      ]),
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.candidates.map((c: any) => [c.name, c.org])).toEqual([
      ['按名称', G1],
      ['按编号', G1],
      ['不填', C1],
    ]);
    // 桃西社区's 第一网格 lies outside this recruitment's unit: no name reaches it.
    const outside = await hr.post(`/v1/recruitments/${r}/registrations`, undefined, {
      raw: excelCsv([
        header,
        [...candidateLine(nationalIdFor('1991-08-04'), '外区'), '桃西社区第一网格'].join(','),
      ]),
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error.details).toEqual([
      expect.objectContaining({
        row: 1,
        path: 'gridId',
        code: 'UNKNOWN_ORG_UNIT',
        message: expect.stringContaining('找不到单位“桃西社区第一网格”'),
      }),
    ]);
  });

  it('refuses the whole sheet, naming each refused row in Chinese: already registered, twice in the sheet, an active worker, a unit outside', async () => {
    const r = await openRecruitment();
    const registered = nationalIdFor('1994-05-05');
    const first = await hr.post(`/v1/recruitments/${r}/registrations`, {
      // JSON rows may use the Chinese headers as keys too.
      rows: [
        Object.fromEntries(
          CANDIDATE_HEADER.map((k, i) => [k, candidateLine(registered, '已报名')[i]]).filter(
            ([, v]) => v !== '',
          ),
        ),
      ],
    });
    expect(first.status, first.text).toBe(201);
    const worker = await seedWorker(h, { name: '在岗社工', org: G1 });
    const fresh = nationalIdFor('1993-06-06');
    const res = await hr.post(`/v1/recruitments/${r}/registrations`, undefined, {
      raw: excelCsv([
        [...CANDIDATE_HEADER, '拟安排单位'].join(','),
        [...candidateLine(fresh, '新人'), G1].join(','),
        [...candidateLine(registered, '已报名'), ''].join(','),
        [...candidateLine(fresh, '新人'), ''].join(','),
        [...candidateLine(worker.nationalId, '在岗社工'), ''].join(','),
        [...candidateLine(nationalIdFor('1992-07-07'), '外区'), C2G].join(','),
      ]),
    });
    expect(res.status, res.text).toBe(422);
    expect(res.body.error.code).toBe('CANDIDATES_REJECTED');
    expect(res.body.error.message).toBe('4 行报名无法登记，未保存任何数据');
    expect(res.body.error.details.map((d: any) => [d.row, d.code])).toEqual([
      [2, 'DUPLICATE_CANDIDATE'],
      [3, 'ROW_REPEATS_ROW'],
      [4, 'ALREADY_ACTIVE_WORKER'],
      [5, 'GRID_OUTSIDE_RECRUITMENT'],
    ]);
    for (const detail of res.body.error.details) expect(detail.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await candidatesOf(r)).map((c) => c.name)).toEqual(['已报名']);

    const english = await hr.post(`/v1/recruitments/${r}/registrations`, undefined, {
      raw: excelCsv([CANDIDATE_HEADER.join(','), candidateLine(registered, '已报名').join(',')]),
      headers: { 'accept-language': 'en' },
    });
    expect(english.body.error.message).toMatch(/can't be registered/);
  });

  it('previews a sheet (dry run): each row with its verdict or its errors, nothing saved', async () => {
    const r = await openRecruitment();
    const res = await hr.post(`/v1/recruitments/${r}/registrations?dryRun=true`, undefined, {
      raw: excelCsv([
        CANDIDATE_HEADER.join(','),
        candidateLine(nationalIdFor('1990-08-08'), '甲').join(','),
        candidateLine(nationalIdFor('1990-09-09'), '乙', { education: '小学' }).join(','),
      ]),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(res.body.rows[0]).toMatchObject({ row: 1, line: 2, errors: [] });
    expect(res.body.rows[1].errors[0]).toMatchObject({ path: 'education' });
    expect(res.body.rows[1].errors[0].message).toContain('小学');

    const ok = await hr.post(`/v1/recruitments/${r}/registrations?dryRun=true`, undefined, {
      raw: excelCsv([CANDIDATE_HEADER.join(','), candidateLine(nationalIdFor('1990-10-10'), '丙').join(',')]),
    });
    expect(ok.body).toMatchObject({
      ok: true,
      rows: [{ row: 1, errors: [], result: { registrationNo: 1, name: '丙', eligible: true, failed: [] } }],
    });
    expect(await candidatesOf(r)).toEqual([]);
  });

  it('a retry with the same Idempotency-Key takes effect once; 60 rows (past one transaction) are all or nothing', async () => {
    const r = await openRecruitment();
    const lines = [CANDIDATE_HEADER.join(',')];
    for (let i = 0; i < 60; i++)
      lines.push(
        candidateLine(nationalIdFor(`1991-01-${String((i % 28) + 1).padStart(2, '0')}`), `考生${i}`).join(
          ',',
        ),
      );
    const headers = { 'idempotency-key': `registrations-${r}` };
    const res = await hr.post(`/v1/recruitments/${r}/registrations`, undefined, {
      raw: excelCsv(lines),
      headers,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.registered).toBe(60);
    const again = await hr.post(`/v1/recruitments/${r}/registrations`, undefined, {
      raw: excelCsv(lines),
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.candidates).toEqual(res.body.candidates);
    const stored = await candidatesOf(r);
    expect(stored).toHaveLength(60);
    expect(stored.map((c) => c.registrationNo)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect((await hr.get(`/v1/recruitments/${r}`)).body.candidateCount).toBe(60);

    // Past the open stage, a sheet is refused as a whole.
    expect((await hr.post(`/v1/recruitments/${r}/stage`, { to: 'written-exam' })).status).toBe(200);
    const late = await hr.post(`/v1/recruitments/${r}/registrations`, undefined, {
      raw: excelCsv([
        CANDIDATE_HEADER.join(','),
        candidateLine(nationalIdFor('1990-11-11'), '迟到').join(','),
      ]),
    });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('WRONG_STAGE');
  });
});

describe('certificate sheets (证书登记表)', () => {
  const CERT_HEADER = ['身份证号', '人员编号', '姓名', '证书等级', '证书编号', '发证日期', '登记日期'];
  let workers: WorkerRecord[];
  const certification = async (org: string) =>
    (await hr.get(`/v1/stats?org=${encodeURIComponent(org)}&year=2026`)).body.certification;

  beforeAll(async () => {
    workers = [];
    for (let i = 0; i < 3; i++) workers.push(await seedWorker(h, { name: `持证${i}`, org: G1 }));
  });

  it('an .xlsx names workers by 身份证号 or 人员编号; every certificate is recorded with counters and audit', async () => {
    const before = await certification(G1);
    const [a, b] = workers as [WorkerRecord, WorkerRecord];
    const res = await hr.post('/v1/certificates', undefined, {
      raw: await xlsxOf([
        CERT_HEADER,
        [a.nationalId, '', a.name, '助理社会工作师', 'ZS-2026-0001', '2025-12-20', '2026-01-05'],
        ['', b.id, b.name, '社会工作师', 'ZS-2026-0002', '2025-11-01', '2026-02-01'],
        [a.nationalId, '', a.name, 'intermediate', 'ZS-2026-0003', '2026-01-10', '2026-02-10'],
      ]),
      contentType: XLSX,
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body.recorded).toBe(3);
    expect(res.body.certificates.map((c: any) => [c.row, c.workerId, c.level, c.number])).toEqual([
      [1, a.id, 'assistant', 'ZS-2026-0001'],
      [2, b.id, 'intermediate', 'ZS-2026-0002'],
      [3, a.id, 'intermediate', 'ZS-2026-0003'],
    ]);
    const ofA = (await hr.get(`/v1/workers/${a.id}/certificates`)).body;
    expect(ofA.items.map((c: any) => c.number)).toEqual(['ZS-2026-0001', 'ZS-2026-0003']);
    expect(ofA.highest.level).toBe('intermediate');
    const after = await certification(G1);
    expect(after.certifiedActive - before.certifiedActive).toBe(2);
    expect(after.certificatesRegistered - before.certificatesRegistered).toBe(3);
    const audit = (await hr.get(`/v1/audit?entity=worker:${a.id}`)).body.items;
    expect(
      audit.find((e: any) => e.action === 'worker.certificate-recorded').after.certificates,
    ).toHaveLength(2);
  });

  it('refuses the whole sheet by row in Chinese: a number taken or repeated, a future date, a worker elsewhere; nothing saved', async () => {
    const c = workers[2]!;
    const outside = await seedWorker(h, { name: '外区', org: C2G });
    const communityHr = await h.client('hr', C1);
    const res = await communityHr.post('/v1/certificates', undefined, {
      raw: excelCsv([
        CERT_HEADER.join(','),
        [c.nationalId, '', c.name, '助理社会工作师', 'ZS-2026-0001', '2025-12-20', '2026-01-05'].join(','),
        [c.nationalId, '', c.name, '助理社会工作师', 'ZS-2026-0100', '2025-12-20', '2026-01-05'].join(','),
        [c.nationalId, '', c.name, '高级社会工作师', 'zs-2026-0100', '2025-12-20', '2026-01-05'].join(','),
        [c.nationalId, '', c.name, '助理社会工作师', 'ZS-2026-0101', '2025-12-20', '2026-04-01'].join(','),
        ['', outside.id, outside.name, '助理社会工作师', 'ZS-2026-0102', '2025-12-20', '2026-01-05'].join(
          ',',
        ),
      ]),
    });
    expect(res.status, res.text).toBe(422);
    expect(res.body.error.code).toBe('CERTIFICATES_REJECTED');
    expect(res.body.error.message).toBe('4 行证书无法登记，未保存任何数据');
    expect(res.body.error.details.map((d: any) => [d.row, d.code])).toEqual([
      [1, 'DUPLICATE_CERTIFICATE'],
      [3, 'ROW_REPEATS_ROW'],
      [4, 'REGISTRATION_IN_FUTURE'],
      [5, 'ROW_WORKER_NOT_HERE'],
    ]);
    for (const detail of res.body.error.details) expect(detail.message).toMatch(/[\u4e00-\u9fff]/);
    // The refusal names no worker outside the caller's subtree.
    expect(res.text).not.toContain(C2G);
    expect((await hr.get(`/v1/workers/${c.id}/certificates`)).body.items).toEqual([]);

    const unknown = await communityHr.post('/v1/certificates', undefined, {
      raw: excelCsv([
        CERT_HEADER.join(','),
        [nationalIdFor('1970-01-01'), '', '无此人', '助理社会工作师', 'X-1', '2025-01-01', '2025-02-01'].join(
          ',',
        ),
      ]),
    });
    // Nobody holds it: answered exactly like a worker outside the subtree.
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([
      expect.objectContaining({ row: 1, code: 'ROW_WORKER_NOT_HERE' }),
    ]);
    const elsewhere = await communityHr.post('/v1/certificates', undefined, {
      raw: excelCsv([
        CERT_HEADER.join(','),
        [outside.nationalId, '', '外区', '助理社会工作师', 'X-2', '2025-01-01', '2025-02-01'].join(','),
      ]),
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error).toEqual({
      ...unknown.body.error,
      details: [expect.objectContaining({ row: 1, code: 'ROW_WORKER_NOT_HERE' })],
    });
  });

  it('previews a sheet (dry run) with the worker each row names and its errors; nothing saved', async () => {
    const c = workers[2]!;
    const res = await hr.post('/v1/certificates?dryRun=true', undefined, {
      raw: excelCsv([
        CERT_HEADER.join(','),
        [c.nationalId, '', c.name, '助理社会工作师', 'ZS-2026-0200', '2025-12-20', '2026-01-05'].join(','),
        [c.nationalId, '', c.name, '助理社会工作师', 'ZS-2026-0001', '2025-12-20', '2026-01-05'].join(','),
      ]),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, ok: false, error: { code: 'CERTIFICATES_REJECTED' } });
    expect(res.body.rows[0]).toMatchObject({ errors: [] });
    expect(res.body.rows[1].errors).toEqual([
      expect.objectContaining({ path: 'number', code: 'DUPLICATE_CERTIFICATE', message: '该证书编号已登记' }),
    ]);
    const ok = await hr.post('/v1/certificates?dryRun=true', undefined, {
      raw: excelCsv([
        CERT_HEADER.join(','),
        [c.nationalId, '', c.name, '助理社会工作师', 'ZS-2026-0200', '2025-12-20', '2026-01-05'].join(','),
      ]),
    });
    expect(ok.body).toMatchObject({ ok: true, rows: [{ result: { workerId: c.id, name: c.name } }] });
    expect((await hr.get(`/v1/workers/${c.id}/certificates`)).body.items).toEqual([]);
  });

  it('40 workers in one sheet (past one transaction): all recorded once, a retry with the key replays', async () => {
    const many: WorkerRecord[] = [];
    for (let i = 0; i < 40; i++) many.push(await seedWorker(h, { name: `批量${i}`, org: G1 }));
    const before = await certification(G1);
    const lines = [CERT_HEADER.join(',')];
    for (const [i, w] of many.entries())
      lines.push(
        [w.nationalId, '', w.name, '助理社会工作师', `PL-${i}`, '2025-10-01', '2026-01-15'].join(','),
      );
    const headers = { 'idempotency-key': 'certificates-forty' };
    const res = await hr.post('/v1/certificates', undefined, { raw: excelCsv(lines), headers });
    expect(res.status, res.text).toBe(201);
    expect(res.body.recorded).toBe(40);
    const again = await hr.post('/v1/certificates', undefined, { raw: excelCsv(lines), headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const after = await certification(G1);
    expect(after.certifiedActive - before.certifiedActive).toBe(40);
    expect(after.certificatesRegistered - before.certificatesRegistered).toBe(40);
    for (const w of [many[0]!, many[39]!])
      expect((await hr.get(`/v1/workers/${w.id}/certificates`)).body.items).toHaveLength(1);
  });
});
