import type { UseQueryResult } from '@tanstack/react-query';
import { Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { DateText } from './cells.tsx';
import { OrgName } from './OrgName.tsx';

/** How far ahead a list of terms ending soon looks (days from today). */
const RANGES = [
  { value: 30, label: '30 天内' },
  { value: 90, label: '90 天内' },
  { value: 180, label: '180 天内' },
  { value: 366, label: '一年内' },
];

/** A person whose term (probation, contract) ends soon: what every such list starts with. */
interface EndingPerson {
  workerId: string;
  name: string;
  org: string;
  hiredOn: string;
}

/** `policy`: the range the policy sets (the server's default when none is asked). */
export type EndingRange = number | 'policy';

/**
 * A list of people whose term ends soon (overdue ones included): the range to look ahead, what it
 * reaches to, then 姓名 (to the worker's page), 所在单位, 入职日期 and the term's own `columns`.
 */
export function EndingList<T extends EndingPerson>({
  rangeLabel,
  range,
  onRange,
  policyRange,
  caption,
  query,
  emptyText,
  columns,
}: {
  /** The range select's name (期满范围, 到期范围). */
  rangeLabel: string;
  range: EndingRange;
  onRange: (range: EndingRange) => void;
  /** Offered first when given: how the policy's own range is named. */
  policyRange?: string;
  /** What the range reaches to, once loaded. */
  caption?: ReactNode;
  query: UseQueryResult<{ items: T[] }>;
  emptyText: string;
  columns: TableColumnsType<T>;
}) {
  const items = query.data?.items ?? [];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <span>{rangeLabel}</span>
        <Select<EndingRange>
          aria-label={rangeLabel}
          style={{ width: 200 }}
          value={range}
          onChange={onRange}
          options={[...(policyRange ? [{ value: 'policy' as const, label: policyRange }] : []), ...RANGES]}
        />
        {caption ? <Typography.Text type="secondary">{caption}</Typography.Text> : null}
      </Space>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Table<T>
        size="small"
        rowKey="workerId"
        scroll={{ x: 'max-content' }}
        loading={query.isPending}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            render: (name: string, r) => <Link to={`/hr/workers/${r.workerId}`}>{name}</Link>,
          },
          { title: '所在单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
          { title: '入职日期', dataIndex: 'hiredOn', render: (d: string) => <DateText value={d} /> },
          ...columns,
        ]}
      />
    </Space>
  );
}

/**
 * Days to a term's last day: overdue and due today in red, the last `warnWithin` days in amber.
 * `overdue` words the days past it (已期满 3 天未办理, 已过期 3 天).
 */
export function DaysLeft({
  days,
  overdue,
  dueToday,
  warnWithin,
}: {
  days: number | null;
  overdue: (days: number) => string;
  dueToday: string;
  warnWithin: number;
}) {
  if (days === null) return <>—</>;
  if (days < 0) return <Typography.Text type="danger">{overdue(-days)}</Typography.Text>;
  if (days === 0) return <Typography.Text type="danger">{dueToday}</Typography.Text>;
  return <Typography.Text type={days <= warnWithin ? 'warning' : undefined}>{days} 天</Typography.Text>;
}
