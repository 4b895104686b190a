import { describe, expect, it } from 'vitest';
import { mapHeader, normaliseHeader, recordObject } from '#shared/spreadsheets/columns.ts';
import { decodeText, readCsv, SpreadsheetError } from '#shared/spreadsheets/read.ts';
import { uploadSpecs } from '#shared/spreadsheets/upload-kinds.ts';
import { gbkCsv } from '../support/spreadsheets.ts';

describe('reading CSV', () => {
  it('decodes UTF-8 with or without BOM, and GBK', () => {
    expect(decodeText(new TextEncoder().encode('\ufeff姓名,身份证号'))).toBe('姓名,身份证号');
    expect(decodeText(new TextEncoder().encode('姓名'))).toBe('姓名');
    expect(decodeText(gbkCsv(['姓名,学时']))).toBe('姓名,学时\r\n');
  });

  it('skips blank and comma-only lines and keeps each record’s line', async () => {
    const table = await readCsv('\ufeff姓名,学时\r\n张三,4\r\n,\r\n\r\n"李,四",2\r\n\r\n');
    expect(table.header).toEqual(['姓名', '学时']);
    expect(table.records).toEqual([
      { line: 2, cells: ['张三', '4'] },
      { line: 5, cells: ['李,四', '2'] },
    ]);
  });

  it('reports malformed CSV with its line', async () => {
    await expect(readCsv('a,b\n"open')).rejects.toThrow(SpreadsheetError);
    await expect(readCsv('a,b\n"open')).rejects.toMatchObject({ reason: 'malformed-csv', line: 2 });
    await expect(readCsv('')).rejects.toThrow(/no header/);
  });
});

describe('mapping headers', () => {
  it('accepts Chinese headers, English field names, full-width forms and a required-marker', () => {
    expect(normaliseHeader(' 现月工资（元）* ')).toBe(normaliseHeader('现月工资(元)'));
    const mapping = mapHeader(
      ['身份证号', 'NAME', '所在单位', '现月工资（元）', '学历*'],
      uploadSpecs.transfers,
    );
    expect(mapping).toMatchObject({ unknown: [], missing: [], missingOneOf: [], duplicate: [] });
    expect(mapping.fields).toEqual(['nationalId', 'name', 'org', 'currentMonthlyPayYuan', 'education']);
  });

  it('names unknown, missing, duplicate and either-or columns', () => {
    const mapping = mapHeader(['身份证号', '身份证号码', '工资', ''], uploadSpecs.transfers);
    expect(mapping.unknown).toEqual(['工资']);
    expect(mapping.duplicate).toEqual(['身份证号码']);
    expect(mapping.missing.map((m) => m.label)).toEqual(['姓名', '所在单位', '学历']);
    expect(mapping.missingOneOf).toEqual([
      [
        { field: 'currentMonthlyPayYuan', label: '现月工资（元）' },
        { field: 'currentMonthlyPayFen', label: '现月工资（分）' },
      ],
    ]);
    expect(mapping.fields[3]).toBeNull();
  });

  it('turns a record into an object without empty cells', () => {
    expect(recordObject(['nationalId', null, 'hours'], ['1', 'x', ''])).toEqual({ nationalId: '1' });
  });
});
