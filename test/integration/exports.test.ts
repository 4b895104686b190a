import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultItem } from '#shared/db/entities/evaluation.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import { readXlsxCells, XLSX } from '../support/spreadsheets.ts';

/**
 * The office spreadsheets (`?format=xlsx|csv`): payroll, ranking, evaluation results and the worker
 * list, read back with exceljs / csv-parse and checked cell by cell against the API's own JSON.
 */
let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;
let plain: WorkerRecord;
let hostile: WorkerRecord;

const C1 = 'qth/xinxing/hongqi/c1';
const G1 = 'qth/xinxing/hongqi/c1/g1';
const G1_PATH = '七台河市/新兴区/红旗街道/红旗社区/第一网格';
const HOSTILE_NAME = '=HYPERLINK("x")';

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
  plain = await seedWorker(h, { org: G1, name: '李梅', grade: 4, hiredOn: '2025-03-01' });
  hostile = await seedWorker(h, {
    org: G1,
    name: HOSTILE_NAME,
    nationalId: nationalIdFor('1990-01-01'),
    birthDate: '1990-01-01',
    education: 'bachelor',
    hiredOn: '2026-02-10',
  });
});
afterAll(async () => h?.stop());

/** The RFC 5987 file name of a Content-Disposition, decoded. */
const fileNameOf = (disposition: string | null) =>
  decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition ?? '')?.[1] ?? '');

function csvRows(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads Chinese right
  expect(bytes.toString('utf8')).toContain('\r\n');
  return parse(bytes.toString('utf8'), { bom: true });
}

async function xlsxRows(bytes: Buffer) {
  const [sheet, ...others] = await readXlsxCells(bytes);
  expect(others).toEqual([]);
  return sheet!.rows;
}

describe('payroll as the office spreadsheet', () => {
  it('xlsx: Chinese headers, 元 as numbers with two decimals, the unit by its Chinese path, a 合计 row', async () => {
    const res = await hr.get(`/v1/payroll/2026-02?org=${encodeURIComponent(C1)}&format=xlsx`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(fileNameOf(res.headers.get('content-disposition'))).toBe('工资表-红旗社区-2026-02.xlsx');
    expect(res.headers.get('content-disposition')).toContain(
      'filename="payroll-qth_xinxing_hongqi_c1-2026-02.xlsx"',
    );

    const rows = await xlsxRows(res.bytes);
    expect(rows[0]).toEqual([
      '月份',
      '人员编号',
      '姓名',
      '身份证号',
      '所在单位',
      '岗位',
      '等级',
      '岗位等级工资（元）',
      '岗位津贴（元）',
      '职业资格津贴（元）',
      '考核奖励（元）',
      '应发合计（元）',
      '薪酬政策版本',
      '状态',
      '不足整月',
      '在岗天数',
      '当月天数',
    ]);
    const statement = (await hr.get(`/v1/workers/${plain.id}/statements/2026-02`)).body;
    const line = (code: string) =>
      statement.lines.find((l: { code: string }) => l.code === code)?.amountFen ?? 0;
    const row = rows.find((r) => r[1] === plain.id)!;
    expect(row).toEqual([
      '2026-02',
      plain.id,
      '李梅',
      plain.nationalId,
      G1_PATH,
      '社区工作者',
      4,
      line('base') / 100,
      line('post-allowance') / 100,
      line('certificate-allowance') / 100,
      line('evaluation-bonus') / 100,
      statement.totalFen / 100,
      // The policy version by its name, never its id (pay/default).
      '默认标准（规则手册）',
      '在岗',
      '否',
      28,
      28,
    ]);
    // The formula-looking name stays a text cell (never a formula); a part month says so.
    const odd = rows.find((r) => r[1] === hostile.id)!;
    expect(odd[2]).toBe(HOSTILE_NAME);
    expect(odd[14]).toBe('是');
    expect(odd[15]).toBe(19);
    const total = rows.at(-1)!;
    expect(total.slice(0, 3)).toEqual(['合计', null, '2 人']);
    const hostileStatement = (await hr.get(`/v1/workers/${hostile.id}/statements/2026-02`)).body;
    expect(odd[11]).toBe(hostileStatement.totalFen / 100);
    expect(total[11]).toBeCloseTo((statement.totalFen + hostileStatement.totalFen) / 100, 2);

    // Money cells carry a two-decimal number format.
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.Workbook();
    await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('L2').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('C2').type).not.toBe(Excel.ValueType.Formula);
    expect(rows.every((r) => r.every((cell) => typeof cell !== 'object' || cell === null))).toBe(true);
  });

  it('csv: UTF-8 with BOM, 元 with two decimals, formula-looking text neutralised; the systems CSV is unchanged', async () => {
    const res = await hr.get(`/v1/payroll/2026-02?org=${encodeURIComponent(C1)}&format=csv`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(fileNameOf(res.headers.get('content-disposition'))).toBe('工资表-红旗社区-2026-02.csv');
    const rows = csvRows(res.bytes);
    expect(rows[0]![0]).toBe('月份');
    const statement = (await hr.get(`/v1/workers/${plain.id}/statements/2026-02`)).body;
    const row = rows.find((r) => r[1] === plain.id)!;
    expect(row[4]).toBe(G1_PATH);
    expect(row[11]).toBe((statement.totalFen / 100).toFixed(2));
    expect(row[11]).toMatch(/^\d+\.\d{2}$/);
    expect(rows.find((r) => r[1] === hostile.id)![2]).toBe(`'${HOSTILE_NAME}`);

    const systems = await hr.get(`/v1/payroll/2026-02?org=${encodeURIComponent(C1)}`);
    expect(systems.text.replace(/^\ufeff/, '').split('\r\n')[0]).toMatch(/^month,worker_id,name,org,/);
  });
});

describe('the worker list, the ranking and evaluation results', () => {
  it('worker list: every active worker of the subtree, labels in Chinese, dates YYYY-MM-DD', async () => {
    const res = await hr.get(`/v1/workers?org=${encodeURIComponent(C1)}&format=xlsx`);
    expect(res.status, res.text).toBe(200);
    expect(fileNameOf(res.headers.get('content-disposition'))).toBe('人员名册-红旗社区-在岗.xlsx');
    const rows = await xlsxRows(res.bytes);
    expect(rows[0]).toEqual([
      '人员编号',
      '姓名',
      '身份证号',
      '出生日期',
      '所在单位',
      '岗位',
      '等级',
      '学历',
      '中共党员',
      '职业资格证书',
      '入职渠道',
      '入职日期',
      '试用期满',
      '合同到期',
      '状态',
      '离职日期',
      '离职情形',
    ]);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r[0] === hostile.id)).toEqual([
      hostile.id,
      HOSTILE_NAME,
      hostile.nationalId,
      '1990-01-01',
      G1_PATH,
      '社区工作者',
      3,
      '本科',
      '否',
      null,
      '公开招聘',
      '2026-02-10',
      hostile.probationEndsOn,
      hostile.contractEndsOn,
      '在岗',
      // 离职日期 and 离职情形 empty: a row ends at its last filled cell
    ]);
    const csv = csvRows((await hr.get(`/v1/workers?org=${encodeURIComponent(C1)}&format=csv`)).bytes);
    expect(csv.find((r) => r[0] === hostile.id)![1]).toBe(`'${HOSTILE_NAME}`);
    expect(csv.find((r) => r[0] === plain.id)![7]).toBe('大专');
  });

  it('a district officer cannot export a sibling district', async () => {
    const taoshan = await h.client('hr', 'qth/taoshan');
    const res = await taoshan.get(`/v1/workers?org=${encodeURIComponent(C1)}&format=csv`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('ranking: by written score during the written exam', async () => {
    const opened = await hr.post('/v1/recruitments', { title: '红旗社区招聘', org: C1, places: 1 });
    const register = (name: string, birth: string) =>
      hr.post(`/v1/recruitments/${opened.body.id}/candidates`, {
        nationalId: nationalIdFor(birth),
        name,
        education: 'college',
        politicalRecordClear: true,
        meetsHealthRequirement: true,
        hasLocalResidence: true,
      });
    const a = await register('王芳', '1995-05-05');
    const b = await register('赵强', '1996-06-06');
    expect((await hr.post(`/v1/recruitments/${opened.body.id}/stage`, { to: 'written-exam' })).status).toBe(
      200,
    );
    await hr.put(`/v1/recruitments/${opened.body.id}/candidates/${a.body.id}/scores`, { written: 78.5 });
    await hr.put(`/v1/recruitments/${opened.body.id}/candidates/${b.body.id}/scores`, { written: 91 });
    const res = await hr.get(`/v1/recruitments/${opened.body.id}/ranking?format=csv`);
    expect(res.status, res.text).toBe(200);
    expect(fileNameOf(res.headers.get('content-disposition'))).toBe('成绩排名-红旗社区招聘.csv');
    expect(csvRows(res.bytes)).toEqual([
      ['名次', '姓名', '身份证号', '笔试成绩', '进入面试'],
      ['1', '赵强', b.body.nationalId, '91', '是'],
      ['2', '王芳', a.body.nationalId, '78.5', '是'],
    ]);
  });

  it('evaluation results: grades in Chinese, the computing date in Beijing time', async () => {
    await h.store.client.send(
      new PutCommand({
        TableName: h.tableName,
        Item: resultItem({
          workerId: plain.id,
          workerName: '李梅',
          org: C1,
          period: '2025',
          kind: 'annual',
          runId: 'run_test',
          policyVersion: 'evaluation/default',
          components: { poll: 9000, departments: 8550, duty: 8000, workOrders: 9525 },
          totalHundredths: 8812,
          rank: 1,
          unitSize: 2,
          grade: 'excellent',
          label: '优秀',
          cappedFromExcellent: false,
          satisfactionFailed: false,
          satisfactionPercent: 9650,
          missing: [],
          training: null,
          inputs: {},
          sources: null,
          // 20:30 UTC on 31 December is 1 January in Beijing.
          computedAt: '2025-12-31T20:30:00.000Z',
        }),
      }),
    );
    const json = await hr.get(`/v1/evaluations/results?org=${encodeURIComponent(C1)}&period=2025`);
    expect(json.body.items).toHaveLength(1);
    const res = await hr.get(`/v1/evaluations/results?org=${encodeURIComponent(C1)}&period=2025&format=xlsx`);
    expect(res.status, res.text).toBe(200);
    expect(fileNameOf(res.headers.get('content-disposition'))).toBe('考核结果-红旗社区-2025.xlsx');
    const rows = await xlsxRows(res.bytes);
    expect(rows[0]!.slice(0, 5)).toEqual(['考核期间', '考核类型', '单位内名次', '参评人数', '姓名']);
    expect(rows[1]).toEqual([
      '2025',
      '年度',
      1,
      2,
      '李梅',
      plain.id,
      '七台河市/新兴区/红旗街道/红旗社区',
      90,
      85.5,
      80,
      95.25,
      88.12,
      '优秀',
      '否',
      96.5,
      '否',
      '默认标准（规则手册）',
      '2026-01-01',
    ]);
  });

  it('declares the spreadsheet media types and the format parameter in the OpenAPI document', async () => {
    const doc = (await hr.get('/openapi.json')).body;
    for (const path of [
      '/v1/payroll/{month}',
      '/v1/workers',
      '/v1/recruitments/{id}/ranking',
      '/v1/evaluations/results',
    ]) {
      const get = doc.paths[path].get;
      expect(Object.keys(get.responses['200'].content), path).toEqual(
        expect.arrayContaining(['text/csv', XLSX]),
      );
      expect(
        get.parameters.map((p: { name: string }) => p.name),
        path,
      ).toContain('format');
    }
  });
});
