import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Progress, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { beijingTime } from '../../../lib/dates.ts';
import { OrgName } from '../../components/OrgName.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { NominateDialog, ResultDialog } from './NominationDialogs.tsx';

type Nomination = components['schemas']['Nomination'];

function nominationStatus(n: Nomination): { text: string; tone: Tone } {
  if (n.withdrawn) return { text: `已撤回（${n.withdrawn.reasonLabel ?? '离职'}）`, tone: 'default' };
  if (!n.result) return { text: '评选中', tone: 'processing' };
  return n.result.awarded ? { text: '当选', tone: 'success' } : { text: '未当选', tone: 'warning' };
}

/** One honour cycle: its seats per unit (指标单列), its nominations and their results. */
export function CycleDetail({ id }: { id: string }) {
  const [nominating, setNominating] = useState(false);
  const [recording, setRecording] = useState<{ nomination: Nomination; awarded: boolean } | null>(null);
  const cycle = useQuery({
    queryKey: ['honour-cycle', id],
    queryFn: () => data(api.GET('/v1/honour-cycles/{id}', { params: { path: { id } } })),
  });
  if (cycle.isError) return <ErrorAlert error={cycle.error} onRetry={() => void cycle.refetch()} />;
  const c = cycle.data;
  if (!c) return <Card loading />;
  const full = c.quotas.every((q) => (q.available ?? q.seats - (q.used ?? 0)) <= 0);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label="名称">{c.name}</Descriptions.Item>
        <Descriptions.Item label="荣誉">{c.honourTypeLabel ?? c.honourName}</Descriptions.Item>
        <Descriptions.Item label="年度">{c.year}</Descriptions.Item>
        <Descriptions.Item label="考核年度" span={2}>
          {c.evaluationYears.map((y) => `${y} 年`).join('、')}（其间年度考核不称职者不得推荐）
        </Descriptions.Item>
        <Descriptions.Item label="发起单位">
          <OrgName id={c.org} />
        </Descriptions.Item>
      </Descriptions>
      <Space size={32} wrap data-testid="cycle-summary">
        <Statistic title="已推荐" value={c.summary.nominated} />
        <Statistic title="评选中" value={c.summary.pending} />
        <Statistic title="当选" value={c.summary.awarded} />
        <Statistic title="未当选" value={c.summary.notAwarded} />
        <Statistic title="已撤回" value={c.summary.withdrawn} />
      </Space>
      <Card size="small" title="名额（指标单列）">
        <Table
          size="small"
          scroll={{ x: 'max-content' }}
          rowKey="org"
          pagination={false}
          dataSource={c.quotas}
          columns={[
            { title: '单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
            { title: '名额', dataIndex: 'seats', align: 'right' },
            { title: '已用', key: 'used', align: 'right', render: (_, q) => q.used ?? 0 },
            {
              title: '剩余',
              key: 'available',
              align: 'right',
              render: (_, q) => {
                const left = q.available ?? q.seats - (q.used ?? 0);
                return left <= 0 ? <StatusTag tone="warning">已满</StatusTag> : left;
              },
            },
            {
              title: '使用情况',
              key: 'bar',
              render: (_, q) => (
                <Progress
                  aria-label="名额使用"
                  percent={Math.round(((q.used ?? 0) / Math.max(1, q.seats)) * 100)}
                  size="small"
                  showInfo={false}
                  style={{ width: 120 }}
                />
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title="推荐人选"
        extra={
          <Button type="primary" disabled={full} onClick={() => setNominating(true)}>
            {full ? '名额已满' : '推荐人选'}
          </Button>
        }
      >
        <Table<Nomination>
          size="small"
          scroll={{ x: 'max-content' }}
          rowKey="id"
          pagination={false}
          dataSource={c.nominations}
          locale={{ emptyText: <Empty description="尚未推荐人选" /> }}
          columns={[
            { title: '姓名', dataIndex: 'workerName' },
            { title: '所在单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
            { title: '占用名额', dataIndex: 'quotaOrg', render: (o: string) => <OrgName id={o} /> },
            { title: '推荐理由', dataIndex: 'reason' },
            { title: '推荐时间', dataIndex: 'nominatedAt', render: (v: string) => beijingTime(v) },
            {
              title: '结果',
              key: 'status',
              render: (_, n) => {
                const s = nominationStatus(n);
                return (
                  <Space direction="vertical" size={0}>
                    <StatusTag tone={s.tone}>{s.text}</StatusTag>
                    {n.result?.note ? (
                      <Typography.Text type="secondary">{n.result.note}</Typography.Text>
                    ) : null}
                  </Space>
                );
              },
            },
            {
              title: '操作',
              key: 'actions',
              render: (_, n) =>
                !n.result && !n.withdrawn ? (
                  <Space>
                    <Button size="small" onClick={() => setRecording({ nomination: n, awarded: true })}>
                      当选
                    </Button>
                    <Button size="small" onClick={() => setRecording({ nomination: n, awarded: false })}>
                      未当选
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      {nominating ? <NominateDialog cycleId={id} onClose={() => setNominating(false)} /> : null}
      {recording ? <ResultDialog cycleId={id} {...recording} onClose={() => setRecording(null)} /> : null}
    </Space>
  );
}
