import type ExcelJS from 'exceljs';

/**
 * Reading the tables HR offices send: CSV as Excel or WPS saves it (UTF-8 with or without BOM, or
 * GBK/GB18030 as older Chinese Excel does) and `.xlsx` workbooks (the first worksheet). The first
 * non-empty row is the header; every other non-empty row is a record keyed by header cell.
 */
export interface TableRecord {
  /** The record's line (CSV) or row number (xlsx), for error reports. */
  line: number;
  cells: string[];
}
export interface Table {
  header: string[];
  headerLine: number;
  records: TableRecord[];
}

export type SpreadsheetFormat = 'csv' | 'xlsx';

export class SpreadsheetError extends Error {
  constructor(
    readonly reason: 'empty' | 'malformed-csv' | 'unreadable-xlsx',
    readonly line: number | null,
    /** The parser's own words (English), kept for the details. */
    readonly parserMessage: string,
  ) {
    super(parserMessage);
    this.name = 'SpreadsheetError';
  }
}

/** UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, otherwise GB18030 (a superset of GBK). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export async function readCsv(bytes: Uint8Array | string): Promise<Table> {
  const text = typeof bytes === 'string' ? bytes : decodeText(bytes);
  // Loaded on first use, like exceljs: only uploads read CSV, and a cold start need not parse it.
  const { CsvError, parse } = await import('csv-parse/sync');
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      info: true,
      trim: true,
      // Files pieced together by hand mix Windows and Unix line ends.
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      // Excel writes ",,," for rows that only had formatting.
      skip_records_with_empty_values: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError)
      throw new SpreadsheetError(
        'malformed-csv',
        (error as InstanceType<typeof CsvError> & { lines?: number }).lines ?? null,
        error.message,
      );
    throw error;
  }
  const [head, ...body] = parsed;
  if (!head) throw new SpreadsheetError('empty', null, 'no header row');
  return {
    header: head.record,
    headerLine: head.info.lines,
    records: body.map(({ record, info }) => ({ line: info.lines, cells: record })),
  };
}

/** A cell as the text the officer sees: formulas by their result, dates as YYYY-MM-DD. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('formula' in value || 'sharedFormula' in value)
      return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  // Loaded on first use: exceljs takes longer to load than the rest of an API Lambda together.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new SpreadsheetError('unreadable-xlsx', null, String((error as Error)?.message ?? error));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SpreadsheetError('empty', null, 'the workbook has no worksheet');
  const rows: TableRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value).trim();
    });
    const filled = Array.from(cells, (c) => c ?? '');
    if (filled.some((c) => c !== '')) rows.push({ line: rowNumber, cells: filled });
  });
  const [head, ...body] = rows;
  if (!head) throw new SpreadsheetError('empty', null, 'no header row');
  return { header: head.cells, headerLine: head.line, records: body };
}

export function readTable(bytes: Uint8Array, format: SpreadsheetFormat): Promise<Table> {
  return format === 'xlsx' ? readXlsx(bytes) : readCsv(bytes);
}

export { spreadsheetContent, XLSX_CONTENT_TYPE } from '#shared/spreadsheets/media.ts';
