import { useQuery } from '@tanstack/react-query';
import { Button, Form, Space, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSession } from '../../../auth/auth.tsx';
import { beijingMonth } from '../../../lib/dates.ts';
import { label } from '../../../lib/labels.ts';
import { fenToYuan } from '../../../lib/money.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { DatePicker } from '../../components/DatePicker.ts';
import { OrgName } from '../../components/OrgName.tsx';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect.tsx';
import { saveBlob } from '../../upload/files.ts';
import { fetchPayroll, fetchPayrollWorkbook, PAYROLL_COLUMNS } from './payroll.ts';

function cell(header: string, value: string) {
  if (header.endsWith('_fen') && /^-?\d+$/.test(value)) return `¥${fenToYuan(Number(value))}`;
  if (header === 'post') return label('post', value);
  if (header === 'status') return label('workerStatus', value);
  if (header === 'partial_month') return value === 'yes' ? '是' : value === 'no' ? '否' : value;
  return value;
}

/** A unit's payroll for a month with totals, downloadable as the office's 工资表 (xlsx). */
export function PayrollTab() {
  const session = useSession()!;
  const [org, setOrg] = useState(session.org);
  const [month, setMonth] = useState(beijingMonth());
  const payroll = useQuery({ queryKey: ['payroll', org, month], queryFn: () => fetchPayroll(org, month) });
  const p = payroll.data;
  const hidden = new Set(['worker_id', 'month', 'policy_version']);
  const shown = (p?.header ?? []).map((h, i) => ({ h, i })).filter(({ h }) => !hidden.has(h));
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const download = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const workbook = await fetchPayrollWorkbook(org, month);
      saveBlob(workbook.blob, workbook.filename);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Form layout="inline">
        <Form.Item label="单位" htmlFor="payroll-org">
          <OrgUnitTreeSelect
            id="payroll-org"
            aria-label="单位"
            value={org}
            onChange={(v) => v && setOrg(v)}
          />
        </Form.Item>
        <Form.Item label="月份" htmlFor="payroll-month">
          <DatePicker
            id="payroll-month"
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" disabled={!p} loading={exporting} onClick={() => void download()}>
            导出 Excel
          </Button>
        </Form.Item>
      </Form>
      {payroll.isError ? <ErrorAlert error={payroll.error} onRetry={() => void payroll.refetch()} /> : null}
      {exportError ? <ErrorAlert error={exportError} onRetry={() => void download()} /> : null}
      {p ? (
        <>
          <Space size={48}>
            <Statistic title="人数" value={p.rowCount} />
            <Statistic
              title="应发合计（元）"
              value={p.totalFen === null ? '—' : fenToYuan(p.totalFen)}
              valueRender={(node) => <span data-testid="payroll-total">{node}</span>}
            />
          </Space>
          <Table
            size="small"
            rowKey={(r) => r.join('|')}
            loading={payroll.isFetching}
            dataSource={p.rows}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            columns={shown.map(({ h, i }) => ({
              title: PAYROLL_COLUMNS[h] ?? h,
              key: h,
              align: h.endsWith('_fen') ? ('right' as const) : undefined,
              render: (_: unknown, r: string[]) =>
                h === 'org' && r[i] ? <OrgName id={r[i]} /> : cell(h, r[i] ?? ''),
            }))}
          />
        </>
      ) : null}
    </Space>
  );
}
