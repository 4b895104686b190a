import { CsvError as ParserError, parse } from 'csv-parse/sync';

/**
 * Reads the CSV the API sends (exports, payroll) back into records, for tests: RFC 4180 through
 * csv-parse; a header row, then records; quoted fields may hold commas, quotes ("") and newlines;
 * a UTF-8 BOM is dropped. One object per record, keyed by the header names, plus the 1-based line
 * each record started on. (Uploads are read by `shared/spreadsheets/read.ts`.)
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

const PARSER_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'unterminated quoted field',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'wrong number of fields',
  CSV_INVALID_CLOSING_QUOTE: 'text after a closing quote',
};

export function parseCsv(text: string): { header: string[]; records: CsvRecord[] } {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as typeof rows;
  } catch (error) {
    if (error instanceof ParserError) {
      const { code, lines } = error as ParserError & { lines?: number };
      throw new CsvError(PARSER_MESSAGES[code] ?? error.message, lines ?? 1);
    }
    throw error;
  }
  const [headerRow, ...body] = rows;
  if (!headerRow) throw new CsvError('the CSV is empty (a header row is required)', 1);
  const header = headerRow.record.map((h) => h.trim());
  // csv-parse reports the line a record ends on; a record starts after the previous one ended.
  let previousEnd = headerRow.info.lines;
  const records = body.map(({ record, info }) => {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    return { line, values: Object.fromEntries(header.map((h, i) => [h, (record[i] ?? '').trim()])) };
  });
  return { header, records };
}
