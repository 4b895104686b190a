/**
 * Text that a spreadsheet would take for a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe, so an exported cell like `=HYPERLINK(…)` stays text (CSV/formula injection).
 * Numbers are left alone.
 */
export function neutraliseFormula(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * RFC 4180 CSV through csv-stringify (CRLF, quoted where needed), formulas neutralised. csv-stringify
 * is loaded on first use, like exceljs: only exports write CSV, and a cold start need not parse it.
 */
export async function toCsv(header: string[], rows: unknown[][]): Promise<string> {
  const { stringify } = await import('csv-stringify/sync');
  const cells = rows.map((row) =>
    row.map((v) => (v === null || v === undefined ? '' : neutraliseFormula(v))),
  );
  return stringify([header.map(neutraliseFormula), ...cells], {
    record_delimiter: '\r\n',
    cast: { boolean: (v) => String(v) },
  });
}
