import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import type { UploadSpec } from '#shared/spreadsheets/columns.ts';
import { templateHeader } from '#shared/spreadsheets/template.ts';
import { type UploadKind, uploadKinds, uploadSpecs } from '#shared/spreadsheets/upload-kinds.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import { XLSX } from '../support/spreadsheets.ts';

/**
 * GET /v1/templates/{kind}: every upload kind's blank template (derived from `uploadSpecs`), read
 * back with exceljs; then its example row, filled with this city's real references through
 * exceljs, is uploaded with `?dryRun=true` and accepted: the template's headers are the upload's.
 */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
const G1 = 'qth/xinxing/hongqi/c1/g1';
let worker: WorkerRecord;
const candidateId = nationalIdFor('1996-04-01');
let recruitment: string;
let event: string;
let openRecruitment: string;

/** Where each kind is uploaded and what its example row needs to name this city's records. */
const targets: Record<UploadKind, { path: () => string; fill: () => Record<string, string> }> = {
  candidates: {
    path: () => `/v1/recruitments/${openRecruitment}/registrations`,
    fill: () => ({ nationalId: nationalIdFor('1997-07-07') }),
  },
  certificates: { path: () => '/v1/certificates', fill: () => ({ nationalId: worker.nationalId }) },
  scores: { path: () => `/v1/recruitments/${recruitment}/scores`, fill: () => ({ nationalId: candidateId }) },
  transfers: {
    path: () => '/v1/transfers',
    // 所在单位 as the template's example writes it (红旗社区第一网格, a name in the seed tree).
    fill: () => ({ nationalId: nationalIdFor('1989-05-05') }),
  },
  onboarding: {
    path: () => '/v1/onboarding',
    fill: () => ({ nationalId: nationalIdFor('1987-07-07') }),
  },
  attendance: {
    path: () => `/v1/training-events/${event}/attendance`,
    fill: () => ({ nationalId: worker.nationalId, hours: '2' }),
  },
  poll: { path: () => '/v1/evaluation-inputs/poll', fill: () => ({ nationalId: worker.nationalId }) },
  departments: {
    path: () => '/v1/evaluation-inputs/departments',
    fill: () => ({ nationalId: worker.nationalId }),
  },
  duty: { path: () => '/v1/evaluation-inputs/duty', fill: () => ({ nationalId: worker.nationalId }) },
  'work-orders': {
    path: () => '/v1/evaluation-inputs/work-orders',
    fill: () => ({ nationalId: worker.nationalId }),
  },
};

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02
  ({ hr } = await seedOrgTree(h));
  worker = await seedWorker(h, { name: '在岗社工', org: G1 });
  const opened = await hr.post('/v1/recruitments', { title: '社区工作者招聘', org: C1, places: 1 });
  expect(opened.status, opened.text).toBe(201);
  recruitment = opened.body.id;
  const reg = await hr.post(`/v1/recruitments/${recruitment}/candidates`, {
    nationalId: candidateId,
    name: '候选人',
    education: 'college',
    politicalRecordClear: true,
    meetsHealthRequirement: true,
    hasLocalResidence: true,
  });
  expect(reg.status, reg.text).toBe(201);
  expect((await hr.post(`/v1/recruitments/${recruitment}/stage`, { to: 'written-exam' })).status).toBe(200);
  const registering = await hr.post('/v1/recruitments', { title: '网格员招聘', org: C1, places: 1 });
  expect(registering.status, registering.text).toBe(201);
  openRecruitment = registering.body.id;
  const training = await hr.post('/v1/training-events', {
    title: '社区微课堂',
    hours: 4,
    level: 'community',
    org: C1,
    date: '2026-02-23',
  });
  expect(training.status, training.text).toBe(201);
  event = training.body.id;
}, 120_000);
afterAll(async () => h?.stop());

const fileNameOf = (disposition: string | null) =>
  decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition ?? '')?.[1] ?? '');

async function download(kind: string) {
  const res = await hr.get(`/v1/templates/${kind}`);
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  expect(res.headers.get('content-type')).toBe(XLSX);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
  return { res, workbook };
}

const cellsOf = (row: ExcelJS.Row, width: number) =>
  Array.from({ length: width }, (_, i) => {
    const value = row.getCell(i + 1).value;
    return value === null || value === undefined ? '' : String(value);
  });

it('every upload kind has a template round trip here', () => {
  expect(Object.keys(targets).sort()).toEqual([...uploadKinds].sort());
});

describe.each(uploadKinds)('the %s template', (kind) => {
  const spec: UploadSpec = uploadSpecs[kind];

  it('has the Chinese headers, the example row, notes and the accepted values', async () => {
    const { res, workbook } = await download(kind);
    expect(fileNameOf(res.headers.get('content-disposition'))).toBe(`${spec.title}-导入模板.xlsx`);
    expect(res.headers.get('content-disposition')).toContain(`filename="template-${kind}.xlsx"`);
    const placed = spec.columns.some((column) => column.field === 'org');
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      spec.title,
      '填写说明',
      '可选值',
      ...(placed ? ['单位'] : []),
    ]);
    const [data, notes, values] = workbook.worksheets as [
      ExcelJS.Worksheet,
      ExcelJS.Worksheet,
      ExcelJS.Worksheet,
    ];
    const width = spec.columns.length;
    expect(cellsOf(data.getRow(1), width)).toEqual(spec.columns.map(templateHeader));
    expect(cellsOf(data.getRow(1), width).every((header) => /[\u4e00-\u9fff]/.test(header))).toBe(true);
    expect(cellsOf(data.getRow(2), width)).toEqual(spec.columns.map((c) => c.example));
    // Each header carries its note; required columns say so.
    spec.columns.forEach((column, i) => {
      const note = String(data.getRow(1).getCell(i + 1).note ?? '');
      expect(note).toContain(column.required ? '必填' : column.note.slice(0, 4));
    });
    // 填写说明: one row per column, in order.
    expect(notes.getRow(1).values).toEqual([undefined, '列名', '是否必填', '说明', '示例', '也可写作']);
    spec.columns.forEach((column, i) => {
      expect(cellsOf(notes.getRow(i + 2), 4)).toEqual([
        column.label,
        expect.stringMatching(column.required ? /^必填$/ : /^(选填|与.+至少填一项)$/),
        column.note,
        column.example,
      ]);
    });
    // 可选值 and a drop-down on each enumerated column pointing at them.
    const enumerated = spec.columns.flatMap((column, i) => (column.values ? [{ column, i }] : []));
    const listed: string[][] = [];
    values.eachRow((row, n) => {
      if (n > 1) listed.push(cellsOf(row, 3));
    });
    expect(listed).toEqual(
      enumerated.flatMap(({ column }) =>
        Object.entries(column.values!).map(([code, label]) => [column.label, label, code]),
      ),
    );
    for (const { column, i } of enumerated) {
      const letter = String.fromCharCode(65 + i);
      const validation = data.getCell(`${letter}2`).dataValidation;
      expect(validation, column.label).toMatchObject({ type: 'list' });
      expect(validation.formulae?.[0]).toMatch(/^'可选值'!\$B\$\d+:\$B\$\d+$/);
      expect(data.getCell(`${letter}5000`).dataValidation).toMatchObject({ type: 'list' });
    }
  });

  it('filled in through exceljs, its example row uploads (dry run) without a header or row error', async () => {
    const { workbook } = await download(kind);
    const data = workbook.worksheets[0]!;
    const fill = targets[kind].fill();
    spec.columns.forEach((column, i) => {
      if (fill[column.field] !== undefined) data.getRow(2).getCell(i + 1).value = fill[column.field]!;
    });
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const res = await hr.post(`${targets[kind].path()}?dryRun=true`, undefined, {
      raw: bytes,
      contentType: XLSX,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.columns).toEqual(spec.columns.map(({ field, label }) => ({ field, label })));
    expect(res.body.rows).toHaveLength(1);
    expect(res.body.rows[0]).toMatchObject({ row: 1, line: 2, errors: [] });
    expect(res.body).toMatchObject({ dryRun: true, ok: true, error: null });
  });
});

describe('the 单位 sheet of a template with 所在单位', () => {
  const unitsOf = (workbook: ExcelJS.Workbook) => {
    const rows: string[][] = [];
    workbook.getWorksheet('单位')!.eachRow((row, n) => {
      if (n > 1) rows.push(cellsOf(row, 4));
    });
    return rows;
  };

  it("lists the officer's communities and grids by the names the upload takes, for the column's drop-down", async () => {
    const { workbook } = await download('transfers');
    expect(workbook.getWorksheet('单位')!.getRow(1).values).toEqual([
      undefined,
      '名称（填入“所在单位”）',
      '完整名称',
      '层级',
      '单位编号',
    ]);
    // Two grids are called 第一网格: each is offered under its community's name.
    expect(unitsOf(workbook)).toEqual([
      ['桃西社区', '七台河市/桃山区/桃西街道/桃西社区', '社区', 'qth/taoshan/taoxi/c2'],
      ['桃西社区第一网格', '七台河市/桃山区/桃西街道/桃西社区/第一网格', '网格', 'qth/taoshan/taoxi/c2/g1'],
      ['红旗社区', '七台河市/新兴区/红旗街道/红旗社区', '社区', C1],
      ['红旗社区第一网格', '七台河市/新兴区/红旗街道/红旗社区/第一网格', '网格', G1],
    ]);
    const column = String.fromCharCode(
      65 + uploadSpecs.transfers.columns.findIndex((c) => c.field === 'org'),
    );
    const data = workbook.worksheets[0]!;
    expect(data.getCell(`${column}2`).dataValidation).toMatchObject({
      type: 'list',
      formulae: ["'单位'!$A$2:$A$5"],
    });
    expect(data.getCell(`${column}5000`).dataValidation).toMatchObject({ type: 'list' });

    // Every name offered uploads as its unit.
    const rows = unitsOf(workbook)
      .filter(([, , level]) => level === '网格')
      .map(([name], i) => ({
        nationalId: nationalIdFor(`1979-0${i + 1}-0${i + 1}`),
        name: '网格员',
        org: name,
        currentMonthlyPayFen: 300_000,
        education: 'college',
      }));
    const preview = await hr.post('/v1/transfers?dryRun=true', { rows });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.rows.map((r: any) => r.result?.org)).toEqual(['qth/taoshan/taoxi/c2/g1', G1]);
  });

  it("a community officer's lists its own units only, each by the shortest name unique within it", async () => {
    const community = await h.client('hr', C1);
    const res = await community.get('/v1/templates/onboarding');
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
    expect(unitsOf(workbook)).toEqual([
      ['红旗社区', '七台河市/新兴区/红旗街道/红旗社区', '社区', C1],
      ['第一网格', '七台河市/新兴区/红旗街道/红旗社区/第一网格', '网格', G1],
    ]);
  });
});

describe('who may download', () => {
  it('any HR officer (a community one too); mentors and workers get 403; an unknown kind is a 400 naming the kinds', async () => {
    const community = await h.client('hr', C1);
    expect((await community.get('/v1/templates/transfers')).status).toBe(200);
    const mentor = await h.client('mentor', C1, worker.id);
    const refused = await mentor.get('/v1/templates/transfers');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await h.anonymous.get('/v1/templates/transfers')).status).toBe(401);
    const unknown = await hr.get('/v1/templates/payroll');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('transfers');
  });
});
