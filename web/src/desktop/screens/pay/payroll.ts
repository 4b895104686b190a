import { parse } from 'csv-parse/browser/esm/sync';
import { fetchFile, filenameOf } from '../../upload/files.ts';

export interface Payroll {
  header: string[];
  rows: string[][];
  rowCount: number;
  totalFen: number | null;
  filename: string;
  blob: Blob;
}

/**
 * A unit's payroll for a month: the API's spreadsheet export (GET /v1/payroll/{month}), read here for
 * the on-screen table and kept as the file for download. Goes through fetch, not the JSON client,
 * because the body is a file (`fetchFile`).
 */
export async function fetchPayroll(org: string, month: string): Promise<Payroll> {
  const res = await fetchFile(`/v1/payroll/${month}?org=${encodeURIComponent(org)}`, 'text/csv');
  const blob = await res.blob();
  const text = (await blob.text()).replace(/^\ufeff/, '');
  const [header = [], ...rows] = parse(text, {
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  const total = res.headers.get('x-total-fen');
  const disposition = res.headers.get('content-disposition') ?? '';
  return {
    header,
    rows,
    rowCount: Number(res.headers.get('x-row-count') ?? rows.length),
    totalFen: total === null ? null : Number(total),
    filename: filenameOf(disposition, `payroll-${month}.csv`),
    blob,
  };
}

/**
 * The payroll as the office keeps it (工资表.xlsx: Chinese headers, 元 with two decimals, a 合计
 * row), from `?format=xlsx`.
 */
export async function fetchPayrollWorkbook(
  org: string,
  month: string,
): Promise<{ blob: Blob; filename: string }> {
  const res = await fetchFile(
    `/v1/payroll/${month}?org=${encodeURIComponent(org)}&format=xlsx`,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  return {
    blob: await res.blob(),
    filename: filenameOf(res.headers.get('content-disposition') ?? '', `payroll-${month}.xlsx`),
  };
}

/** Chinese column names for the export's English headers (the export may already be Chinese). */
export const PAYROLL_COLUMNS: Record<string, string> = {
  month: '月份',
  worker_id: '人员编号',
  name: '姓名',
  org: '所在单位',
  post: '岗位',
  grade: '等级',
  base_fen: '岗位等级工资',
  post_allowance_fen: '岗位津贴',
  certificate_allowance_fen: '职业资格津贴',
  evaluation_bonus_fen: '考核奖励',
  total_fen: '合计',
  policy_version: '薪酬政策版本',
  status: '状态',
  partial_month: '不足整月',
  days_served: '在岗天数',
  days_in_month: '当月天数',
};
