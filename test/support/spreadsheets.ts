import ExcelJS from 'exceljs';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An .xlsx workbook (one sheet) from rows of cells, as an office would save it. */
export async function xlsxOf(rows: (string | number | boolean | null)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Every sheet of an .xlsx as rows of cell values (exactly as stored), for cell-by-cell checks. */
export async function readXlsxCells(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[c - 1] = cell.value;
      });
      rows[n - 1] = Array.from(cells, (v) => v ?? null);
    });
    return { name: sheet.name, rows };
  });
}

/** CSV the way Excel saves it: UTF-8 BOM, CRLF, a trailing empty line. */
export const excelCsv = (lines: string[]) => `\ufeff${lines.join('\r\n')}\r\n\r\n`;

/** The same CSV in GBK, as older Chinese Excel and WPS save it. */
export function gbkCsv(lines: string[]): Uint8Array {
  return encodeGbk(`${lines.join('\r\n')}\r\n`);
}

/** GBK encoding by inverting the platform's GB18030 decoder over the two-byte range (tests only). */
let gbkTable: Map<string, number[]> | undefined;
function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`not in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
