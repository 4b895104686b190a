import { type ColumnSpec, MAX_BULK_ROWS, type UploadSpec } from '#shared/spreadsheets/columns.ts';
import { contentDisposition, type ExportedFile } from '#shared/spreadsheets/export.ts';
import { XLSX_CONTENT_TYPE } from '#shared/spreadsheets/media.ts';

/**
 * The blank upload template of an upload kind, derived from its column specs (so a new kind gets
 * one with no further code): the data sheet first (the uploads read the first sheet) with the
 * Chinese headers (required columns marked with "*", which the header mapping ignores), a note on
 * each header, and the example row; a drop-down list on every enumerated column; a sheet 填写说明
 * (each column: required or not, what to write, the example) and a sheet 可选值 (the accepted
 * values, which the drop-downs point to).
 */
export const TEMPLATE_SHEETS = { notes: '填写说明', values: '可选值', units: '单位' } as const;

/** A unit the officer may write in 所在单位: the template's 单位 sheet and the column's drop-down. */
export interface UnitChoice {
  /** The shortest name that names it alone (what the drop-down offers; the upload accepts it). */
  name: string;
  /** 新兴区/红旗街道/红旗社区/第一网格 */
  fullName: string;
  /** 社区, 网格 */
  level: string;
  id: string;
}

/** The header as the template writes it: required columns end with "*". */
export const templateHeader = (column: ColumnSpec) => (column.required ? `${column.label}*` : column.label);

function requirement(column: ColumnSpec, spec: UploadSpec): string {
  if (column.required) return '必填';
  const group = spec.oneOf?.find((fields) => fields.includes(column.field));
  if (!group) return '选填';
  const others = group
    .filter((field) => field !== column.field)
    .map((field) => `“${spec.columns.find((c) => c.field === field)?.label ?? field}”`);
  return `与${others.join('、')}至少填一项`;
}

/** A column letter (1 → A, 27 → AA). */
function columnLetter(n: number): string {
  let letters = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26))
    letters = String.fromCharCode(65 + ((i - 1) % 26)) + letters;
  return letters;
}

/** exceljs keeps sheet-level validations by address or range; its typings only declare the per-cell ones. */
interface WithRangeValidations {
  dataValidations: { add(range: string, validation: import('exceljs').DataValidation): void };
}

/**
 * `units`: the officer's own communities and grids, for a kind with a 所在单位 column: listed on a
 * sheet 单位 (name, full name, level, 单位编号) that the column's drop-down points to.
 */
export async function uploadTemplate(
  spec: UploadSpec,
  units: readonly UnitChoice[] = [],
): Promise<ExportedFile> {
  // Loaded on first use: exceljs takes longer to load than the rest of an API Lambda together.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const data = workbook.addWorksheet(spec.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const notes = workbook.addWorksheet(TEMPLATE_SHEETS.notes);
  const values = workbook.addWorksheet(TEMPLATE_SHEETS.values);

  data.columns = spec.columns.map((column) => ({
    header: templateHeader(column),
    width: Math.max(12, column.label.length * 2 + 4, column.example.length + 2),
    // Text format, so 18-digit 身份证号 and codes stay as typed (Excel would round long numbers).
    style: { numFmt: '@' },
  }));
  const header = data.getRow(1);
  header.font = { bold: true };
  spec.columns.forEach((column, i) => {
    const note = [requirement(column, spec), column.note].filter(Boolean).join('；');
    header.getCell(i + 1).note = note;
  });
  data.addRow(spec.columns.map((column) => column.example));

  values.columns = [
    { header: '列名', width: 18 },
    { header: '填写值', width: 22 },
    { header: '代码', width: 18 },
  ];
  values.getRow(1).font = { bold: true };
  spec.columns.forEach((column, i) => {
    if (!column.values) return;
    const first = values.rowCount + 1;
    for (const [code, label] of Object.entries(column.values)) values.addRow([column.label, label, code]);
    const last = values.rowCount;
    // A drop-down on the column's cells, from its values on the 可选值 sheet (codes are accepted too).
    const letter = columnLetter(i + 1);
    (data as unknown as WithRangeValidations).dataValidations.add(
      `${letter}2:${letter}${MAX_BULK_ROWS + 1}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [`'${TEMPLATE_SHEETS.values}'!$B$${first}:$B$${last}`],
        showErrorMessage: false,
        promptTitle: column.label,
        prompt: `从下拉列表选择（见“${TEMPLATE_SHEETS.values}”表）`,
        showInputMessage: true,
      },
    );
  });

  const orgColumn = spec.columns.findIndex((column) => column.field === 'org');
  if (orgColumn >= 0 && units.length > 0) {
    const sheet = workbook.addWorksheet(TEMPLATE_SHEETS.units, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: '名称（填入“所在单位”）', width: 26 },
      { header: '完整名称', width: 44 },
      { header: '层级', width: 8 },
      { header: '单位编号', width: 36 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const unit of units) sheet.addRow([unit.name, unit.fullName, unit.level, unit.id]);
    const letter = columnLetter(orgColumn + 1);
    (data as unknown as WithRangeValidations).dataValidations.add(
      `${letter}2:${letter}${MAX_BULK_ROWS + 1}`,
      {
        type: 'list',
        allowBlank: true,
        formulae: [`'${TEMPLATE_SHEETS.units}'!$A$2:$A$${units.length + 1}`],
        // Other spellings (a full name, the 单位编号) are accepted too.
        showErrorMessage: false,
        promptTitle: spec.columns[orgColumn]!.label,
        prompt: `从下拉列表选择本单位范围内的社区或网格（见“${TEMPLATE_SHEETS.units}”表）`,
        showInputMessage: true,
      },
    );
  }

  notes.columns = [
    { header: '列名', width: 18 },
    { header: '是否必填', width: 26 },
    { header: '说明', width: 60 },
    { header: '示例', width: 26 },
    { header: '也可写作', width: 30 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const column of spec.columns)
    notes.addRow([
      column.label,
      requirement(column, spec),
      column.note,
      column.example,
      [column.field, ...(column.aliases ?? [])].join('、'),
    ]);
  notes.addRow([]);
  notes.addRow([
    '提示',
    '',
    `“${data.name}”表第2行为示例，上传前请改为实际数据或删除；表头带“*”的列为必填；列的顺序不限；每次最多 ${MAX_BULK_ROWS} 行。`,
  ]);

  const buffer = await workbook.xlsx.writeBuffer();
  const name = `${spec.title}-导入模板`;
  return {
    body: new Uint8Array(buffer as ArrayBuffer),
    contentType: XLSX_CONTENT_TYPE,
    contentDisposition: contentDisposition(`template-${spec.kind}.xlsx`, `${name}.xlsx`),
  };
}
