import { useQuery } from '@tanstack/react-query';
import { Button, Card, Drawer, Empty, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { beijingToday } from '../../../lib/dates.ts';
import { OrgName } from '../../components/OrgName.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { CreateCycleDialog } from './CreateCycleDialog.tsx';
import { CycleDetail } from './CycleDetail.tsx';

type Cycle = components['schemas']['HonourCycle'];

const seatsOf = (c: Cycle) => c.quotas.reduce((sum, q) => sum + q.seats, 0);

/** 评优: honour cycles with seats reserved per unit (指标单列), nominations and their results. */
export default function HonoursScreen() {
  const thisYear = Number(beijingToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const cycles = useQuery({
    queryKey: ['honour-cycles', year],
    queryFn: () => data(api.GET('/v1/honour-cycles', { params: { query: { year } } })),
  });
  const items = cycles.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="评优"
        crumbs={[{ title: '评优' }]}
        subtitle="两代表一委员、两优一先推荐：按单位单列名额，党员专属荣誉须为中共党员，评选周期内考核不称职者不得推荐"
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            新建评优
          </Button>
        }
      />
      <Card>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap>
            <span>年度</span>
            <Select
              aria-label="年度"
              value={year}
              onChange={setYear}
              style={{ width: 120 }}
              options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({
                value: y,
                label: `${y} 年`,
              }))}
            />
            <Typography.Text data-testid="cycles-summary">
              {year} 年共 {items.length} 项评优，名额 {items.reduce((s, c) => s + seatsOf(c), 0)} 个
            </Typography.Text>
          </Space>
          {cycles.isError ? <ErrorAlert error={cycles.error} onRetry={() => void cycles.refetch()} /> : null}
          <Table<Cycle>
            size="small"
            scroll={{ x: 'max-content' }}
            rowKey="id"
            loading={cycles.isPending}
            dataSource={items}
            pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            locale={{ emptyText: <Empty description={`${year} 年暂无评优`} /> }}
            columns={[
              {
                title: '名称',
                dataIndex: 'name',
                render: (n: string, c) => (
                  <Typography.Link onClick={() => setOpen(c.id)}>{n}</Typography.Link>
                ),
              },
              { title: '荣誉', key: 'type', render: (_, c) => c.honourTypeLabel ?? c.honourName },
              { title: '年度', dataIndex: 'year' },
              { title: '名额单位', key: 'units', render: (_, c) => c.quotas.length },
              {
                // The list carries the seats only; what is used is in each cycle's 推荐与结果.
                title: '名额',
                key: 'seats',
                align: 'right',
                render: (_, c) => seatsOf(c),
              },
              { title: '发起单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
              {
                title: '操作',
                key: 'open',
                render: (_, c) => (
                  <Button size="small" onClick={() => setOpen(c.id)}>
                    推荐与结果
                  </Button>
                ),
              },
            ]}
          />
        </Space>
      </Card>
      {creating ? (
        <CreateCycleDialog
          year={year}
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setYear(c.year);
            setOpen(c.id);
          }}
        />
      ) : null}
      <Drawer
        title="推荐与结果"
        width={1100}
        open={open !== null}
        onClose={() => setOpen(null)}
        destroyOnHidden
      >
        {open ? <CycleDetail id={open} /> : null}
      </Drawer>
    </>
  );
}
