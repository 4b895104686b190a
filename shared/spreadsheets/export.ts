import { toCsv } from '#shared/csv.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { XLSX_CONTENT_TYPE } from '#shared/spreadsheets/media.ts';

/**
 * Exports the way HR offices read them: Chinese column headers, money in 元 with two decimals,
 * dates YYYY-MM-DD in Beijing time, enumerated values by their Chinese labels (the use-case gives
 * labels), as an .xlsx workbook or a CSV that Excel opens correctly (UTF-8 with BOM, CRLF). Text
 * that a spreadsheet would run as a formula is neutralised: in CSV with a leading apostrophe
 * (`toCsv`); in xlsx every text cell is a string cell, which Excel never evaluates.
 */
export type ExportFormat = 'csv' | 'xlsx';
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;

/** How a column's values are written: `money` takes integer fen, `date` a date or an instant. */
export type ExportColumnType = 'text' | 'number' | 'money' | 'date';
export type ExportCell = string | number | boolean | null | undefined;

export interface ExportColumn {
  header: string;
  type?: ExportColumnType;
  /** Column width in characters (xlsx). */
  width?: number;
}

export interface ExportTable {
  /** Sheet name and the Chinese file name (without extension). */
  title: string;
  /** An ASCII file name (without extension) for clients that can't read `filename*`. */
  asciiName: string;
  columns: readonly ExportColumn[];
  rows: readonly (readonly ExportCell[])[];
}

export interface ExportedFile {
  body: Uint8Array;
  contentType: string;
  /** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 / RFC 5987). */
  contentDisposition: string;
}

const yesNo = (value: boolean) => (value ? '是' : '否');

/** A date (`YYYY-MM-DD`) stays; an instant becomes its Beijing date. */
function dateCell(value: ExportCell): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : shanghaiDate(text);
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The cell as CSV text. */
function csvCell(value: ExportCell, type: ExportColumnType): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return yesNo(value);
  if (type === 'money') return typeof value === 'number' ? yuan(value) : value;
  if (type === 'date') return dateCell(value);
  return value;
}

/** RFC 5987 `filename*` value: percent-encoded UTF-8 (also ' ( ) *, which encodeURIComponent leaves). */
function rfc5987(name: string): string {
  return encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function contentDisposition(asciiName: string, name: string): string {
  const fallback = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`;
}

export async function exportCsv(table: ExportTable): Promise<ExportedFile> {
  const text = await toCsv(
    table.columns.map((c) => c.header),
    table.rows.map((row) => table.columns.map((column, i) => csvCell(row[i], column.type ?? 'text'))),
  );
  return {
    body: new TextEncoder().encode(`\ufeff${text}`),
    contentType: 'text/csv; charset=utf-8',
    contentDisposition: contentDisposition(`${table.asciiName}.csv`, `${table.title}.csv`),
  };
}

export async function exportXlsx(table: ExportTable): Promise<ExportedFile> {
  // Loaded on first use: exceljs takes longer to load than the rest of an API Lambda together.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet(sheetName(table.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({
    header: column.header,
    width: column.width ?? Math.max(10, column.header.length * 2 + 2),
    ...(column.type === 'money' ? { style: { numFmt: '#,##0.00' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(
      table.columns.map((column, i) => {
        const value = row[i];
        if (value === null || value === undefined) return null;
        if (typeof value === 'boolean') return yesNo(value);
        if (column.type === 'money' && typeof value === 'number') return Number(yuan(value));
        if (column.type === 'date') return dateCell(value);
        return value;
      }),
    );
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return {
    body: new Uint8Array(buffer as ArrayBuffer),
    contentType: XLSX_CONTENT_TYPE,
    contentDisposition: contentDisposition(`${table.asciiName}.xlsx`, `${table.title}.xlsx`),
  };
}

export function exportTable(table: ExportTable, format: ExportFormat): Promise<ExportedFile> {
  return format === 'xlsx' ? exportXlsx(table) : exportCsv(table);
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Sheet1';
}
