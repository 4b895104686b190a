/**
 * RFC 4180 CSV: a header row, then records; quoted fields may hold commas, quotes ("") and
 * newlines. A UTF-8 BOM (as Excel writes it) is dropped. Returns one object per record, keyed by
 * the header names, plus the 1-based line number each record started on (for error reports).
 */
export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export function parseCsv(text: string): { header: string[]; records: CsvRecord[] } {
  const rows: { line: number; fields: string[] }[] = [];
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let line = 1;
  let rowStart = 1;
  let afterQuote = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: rowStart, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
          afterQuote = true;
        }
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field !== '' || afterQuote) throw new CsvError('a quote may only start a field', line);
      inQuotes = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      afterQuote = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRow();
      afterQuote = false;
      line++;
      rowStart = line;
    } else {
      if (afterQuote) throw new CsvError('text after a closing quote', line);
      field += ch;
    }
  }
  if (inQuotes) throw new CsvError('unterminated quoted field', rowStart);
  if (field !== '' || fields.length > 0) endRow();
  const [headerRow, ...body] = rows;
  if (!headerRow) throw new CsvError('the CSV is empty (a header row is required)', 1);
  const header = headerRow.fields.map((h) => h.trim());
  const records = body.map(({ line: recordLine, fields: values }) => {
    if (values.length !== header.length) {
      throw new CsvError(`expected ${header.length} fields, found ${values.length}`, recordLine);
    }
    return { line: recordLine, values: Object.fromEntries(header.map((h, i) => [h, values[i]!.trim()])) };
  });
  return { header, records };
}

/** Quotes a value for CSV output when it needs it. */
export function csvField(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
