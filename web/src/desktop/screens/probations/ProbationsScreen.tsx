import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import { chineseDate } from '../../../lib/dates.ts';
import { DateText } from '../../components/cells.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { UnitFilter } from '../../components/UnitFilter.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import {
  ProbationDecisionDialog,
  type ProbationToDecide,
  probationOutcome,
} from './ProbationDecisionDialog.tsx';

type Ending = components['schemas']['ProbationsEnding']['items'][number];

/** Days to the last day: overdue and due today in red, the last fortnight in amber. */
export function ProbationDaysLeft({ days }: { days: number | null }) {
  if (days === null) return <>—</>;
  if (days < 0) return <Typography.Text type="danger">已期满 {-days} 天未办理</Typography.Text>;
  if (days === 0) return <Typography.Text type="danger">今天期满</Typography.Text>;
  return <Typography.Text type={days <= 14 ? 'warning' : undefined}>{days} 天</Typography.Text>;
}

/** 试用期: undecided probations ending soon (overdue ones first), with 转正 / 延长 / 不合格. */
export default function ProbationsScreen() {
  const root = useSession()?.org ?? '';
  const [org, setOrg] = useState(root);
  const [withinDays, setWithinDays] = useState(30);
  const [deciding, setDeciding] = useState<ProbationToDecide | null>(null);
  const client = useQueryClient();
  const { message } = App.useApp();
  const ending = useQuery({
    queryKey: ['probations', org, withinDays],
    queryFn: () => data(api.GET('/v1/probations', { params: { query: { org, withinDays } } })),
  });
  return (
    <>
      <PageHeader
        title="试用期"
        crumbs={[{ title: '试用期' }]}
        subtitle="试用期届满前后办理考核：合格转正、延长试用期，或不合格办理离职"
        extra={<UnitFilter value={org} onChange={setOrg} width={260} />}
      />
      <Card>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap>
            <span>期满范围</span>
            <Select<number>
              aria-label="期满范围"
              style={{ width: 200 }}
              value={withinDays}
              onChange={setWithinDays}
              options={[
                { value: 30, label: '30 天内' },
                { value: 90, label: '90 天内' },
                { value: 180, label: '180 天内' },
                { value: 366, label: '一年内' },
              ]}
            />
            {ending.data ? (
              <Typography.Text type="secondary">
                截至 {chineseDate(ending.data.until)}（含已期满未办理）
              </Typography.Text>
            ) : null}
          </Space>
          {ending.isError ? <ErrorAlert error={ending.error} onRetry={() => void ending.refetch()} /> : null}
          <Table<Ending>
            size="small"
            rowKey="workerId"
            scroll={{ x: 'max-content' }}
            loading={ending.isPending}
            dataSource={ending.data?.items ?? []}
            pagination={
              (ending.data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false
            }
            locale={{ emptyText: '该范围内没有待办理的试用期' }}
            columns={[
              {
                title: '姓名',
                dataIndex: 'name',
                render: (name: string, r) => <Link to={`/hr/workers/${r.workerId}`}>{name}</Link>,
              },
              { title: '所在单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
              { title: '入职日期', dataIndex: 'hiredOn', render: (d: string) => <DateText value={d} /> },
              {
                title: '试用期满',
                key: 'endsOn',
                render: (_, r) => <DateText value={r.probation.endsOn} />,
              },
              {
                title: '已延长',
                key: 'extended',
                render: (_, r) =>
                  r.probation.extendedMonths > 0 ? `${r.probation.extendedMonths} 个月` : '—',
              },
              {
                title: '剩余',
                key: 'days',
                render: (_, r) => <ProbationDaysLeft days={r.probation.daysLeft} />,
              },
              {
                title: '操作',
                key: 'decide',
                render: (_, r) => (
                  <Typography.Link
                    onClick={() =>
                      setDeciding({
                        id: r.workerId,
                        name: r.name,
                        endsOn: r.probation.endsOn ?? '',
                        extendedMonths: r.probation.extendedMonths,
                        daysLeft: r.probation.daysLeft,
                      })
                    }
                  >
                    试用期考核
                  </Typography.Link>
                ),
              },
            ]}
          />
        </Space>
      </Card>
      {deciding ? (
        <ProbationDecisionDialog
          worker={deciding}
          onClose={() => setDeciding(null)}
          onDone={(w) => {
            setDeciding(null);
            message.success(probationOutcome(w));
            for (const key of ['probations', 'worker', 'workers', 'org-unit', 'audit'])
              void client.invalidateQueries({ queryKey: [key] });
          }}
        />
      ) : null}
    </>
  );
}
