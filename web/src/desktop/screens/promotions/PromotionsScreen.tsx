import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import { policyVersionName } from '../../../lib/labels.ts';
import { DateText, Money } from '../../components/cells.tsx';
import { useFormSave } from '../../components/formErrors.ts';
import { OrgName } from '../../components/OrgName.tsx';
import { UnitFilter } from '../../components/UnitFilter.tsx';
import { useWorker } from '../../components/workers.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { WorkerPicker } from '../../components/WorkerPicker.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { postAndGrade } from './format.ts';
import { PromoteDialog } from './PromoteDialog.tsx';

type PoolEntry = components['schemas']['ReservePoolEntry'];
type Promotion = components['schemas']['Promotion'];

/** 晋升与后备: the reserve pool (后备力量) of a unit, and promotions into the two committees (两委). */
export default function PromotionsScreen() {
  const root = useSession()?.org ?? '';
  const [adding, setAdding] = useState(false);
  const [promoting, setPromoting] = useState<{ workerId?: string; name?: string } | null>(null);
  const [done, setDone] = useState<Promotion | null>(null);
  const [tab, setTab] = useState('pool');
  const [historyOf, setHistoryOf] = useState<string | undefined>();
  return (
    <>
      <PageHeader
        title="晋升与后备"
        crumbs={[{ title: '晋升与后备' }]}
        subtitle="后备力量库：两委人选先入库；晋升进入社区党组织委员会、居民委员会，岗位与等级随之调整，工资不降低"
        extra={
          <Space>
            <Button onClick={() => setAdding(true)}>纳入后备</Button>
            <Button type="primary" onClick={() => setPromoting({})}>
              晋升两委
            </Button>
          </Space>
        }
      />
      {done ? (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setDone(null)}
          style={{ marginBottom: 16 }}
          message={`已晋升：${done.roleLabel}`}
          description={<PromotionEffect promotion={done} />}
          data-testid="promotion-done"
        />
      ) : null}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'pool',
              label: '后备力量',
              children: (
                <ReservePool
                  root={root}
                  onPromote={(e) => setPromoting({ workerId: e.workerId, name: e.name })}
                />
              ),
            },
            {
              key: 'history',
              label: '晋升记录',
              children: <PromotionHistory workerId={historyOf} onPick={setHistoryOf} />,
            },
          ]}
        />
      </Card>
      {adding ? <AddDialog onClose={() => setAdding(false)} /> : null}
      {promoting ? (
        <PromoteDialog
          initial={promoting}
          onClose={() => setPromoting(null)}
          onDone={(p) => {
            setPromoting(null);
            setDone(p);
            setHistoryOf(p.workerId);
          }}
        />
      ) : null}
    </>
  );
}

/** 岗位等级 and 月工资 before → after, with the policy versions they were computed under. */
function PromotionEffect({ promotion: p }: { promotion: Promotion }) {
  // On a phone the long labels go above their values, so the pay change fits the screen's width.
  const wide = Grid.useBreakpoint().md ?? true;
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} layout={wide ? 'horizontal' : 'vertical'}>
      <Descriptions.Item label="岗位等级">
        {postAndGrade(p.from)} → {postAndGrade(p.to)}
      </Descriptions.Item>
      <Descriptions.Item label="月工资（岗位等级工资＋岗位津贴）">
        <Money fen={p.payBeforeFen} testId="pay-before" /> → <Money fen={p.payAfterFen} testId="pay-after" />
      </Descriptions.Item>
      <Descriptions.Item label="生效日期">
        <DateText value={p.effectiveOn} />
      </Descriptions.Item>
      <Descriptions.Item label="人选来源">
        {p.fromReservePool ? '后备力量库' : `库外人选：${p.outsidePoolReason ?? ''}`}
      </Descriptions.Item>
      <Descriptions.Item label="薪酬政策版本">{policyVersionName(p.payPolicyVersion)}</Descriptions.Item>
    </Descriptions>
  );
}

function ReservePool({ root, onPromote }: { root: string; onPromote: (e: PoolEntry) => void }) {
  const [org, setOrg] = useState(root);
  const client = useQueryClient();
  const { message } = App.useApp();
  const pool = useInfiniteQuery({
    queryKey: ['reserve-pool', org],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/v1/reserve-pool', {
          params: { query: { org, limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.cursor,
  });
  const remove = useMutation({
    mutationFn: (e: PoolEntry) =>
      data(
        api.DELETE('/v1/reserve-pool/{id}', {
          params: { path: { id: e.workerId }, header: { 'idempotency-key': crypto.randomUUID() } },
        }),
      ),
    onSuccess: async (r) => {
      message.success(`已将 ${r.removed.name} 移出后备力量库`);
      await client.invalidateQueries({ queryKey: ['reserve-pool'] });
    },
  });
  const items = pool.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <UnitFilter value={org} onChange={setOrg} />
        <Typography.Text data-testid="pool-summary">
          后备力量 {items.length} 人{pool.hasNextPage ? '（还有更多）' : ''}
        </Typography.Text>
      </Space>
      {pool.isError ? <ErrorAlert error={pool.error} onRetry={() => void pool.refetch()} /> : null}
      {remove.isError ? <ErrorAlert error={remove.error} /> : null}
      <Table<PoolEntry>
        size="small"
        scroll={{ x: 'max-content' }}
        rowKey="workerId"
        loading={pool.isPending}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: <Empty description="后备力量库暂无人员" /> }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '所在单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
          { title: '现岗位等级', key: 'grade', render: (_, e) => postAndGrade(e) },
          { title: '纳入理由', dataIndex: 'reason' },
          { title: '纳入日期', dataIndex: 'addedOn', render: (v: string) => <DateText value={v} /> },
          {
            title: '操作',
            key: 'actions',
            render: (_, e) => (
              <Space>
                <Button size="small" type="primary" onClick={() => onPromote(e)}>
                  晋升
                </Button>
                <Popconfirm
                  title={`将 ${e.name} 移出后备力量库？`}
                  okText="移出"
                  cancelText="取消"
                  onConfirm={() => remove.mutateAsync(e)}
                >
                  <Button size="small" danger>
                    移出
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {pool.hasNextPage ? (
        <Button loading={pool.isFetchingNextPage} onClick={() => void pool.fetchNextPage()}>
          加载更多
        </Button>
      ) : null}
    </Space>
  );
}

type Seat = components['schemas']['PromotionHistory']['committeeRoles'][number];

/** A seat as its promotion named it (社区党组织委员会 书记); the generic labels say 书记（主任）. */
const seatLabel = (seat: Seat, promotions: Promotion[]) =>
  promotions.findLast((p) => p.committee === seat.committee && p.role === seat.role)?.roleLabel ??
  `${seat.committeeLabel ?? seat.committee} ${seat.roleLabel ?? seat.role}`;

function PromotionHistory({
  workerId,
  onPick,
}: {
  workerId: string | undefined;
  onPick: (id: string | undefined) => void;
}) {
  const history = useQuery({
    queryKey: ['worker', workerId, 'promotions'],
    queryFn: () => data(api.GET('/v1/workers/{id}/promotions', { params: { path: { id: workerId! } } })),
    enabled: workerId !== undefined,
  });
  const worker = useWorker(workerId);
  const h = history.data;
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <span>人员</span>
        <WorkerPicker
          aria-label="人员"
          value={workerId}
          onChange={onPick}
          selectedLabel={worker.data ? `${worker.data.name}（${worker.data.nationalId}）` : undefined}
        />
      </Space>
      {history.isError ? <ErrorAlert error={history.error} onRetry={() => void history.refetch()} /> : null}
      {workerId === undefined ? (
        <Empty description="选择人员查看其晋升记录和现任两委职务" />
      ) : h ? (
        <>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="现岗位等级">{postAndGrade(h)}</Descriptions.Item>
            <Descriptions.Item label="现任两委职务">
              <span data-testid="committee-seats">
                {h.committeeRoles.length === 0
                  ? '无'
                  : h.committeeRoles.map((s) => seatLabel(s, h.items)).join('、')}
              </span>
            </Descriptions.Item>
          </Descriptions>
          <Table<Promotion>
            size="small"
            scroll={{ x: 'max-content' }}
            rowKey="id"
            dataSource={h.items}
            pagination={false}
            locale={{ emptyText: <Empty description="暂无晋升记录" /> }}
            columns={[
              { title: '生效日期', dataIndex: 'effectiveOn', render: (v: string) => <DateText value={v} /> },
              { title: '职务', dataIndex: 'roleLabel' },
              {
                title: '岗位等级',
                key: 'grade',
                render: (_, p) => `${postAndGrade(p.from)} → ${postAndGrade(p.to)}`,
              },
              {
                title: '月工资变化',
                key: 'pay',
                render: (_, p) => (
                  <>
                    <Money fen={p.payBeforeFen} /> → <Money fen={p.payAfterFen} />
                  </>
                ),
              },
              {
                title: '人选来源',
                key: 'source',
                render: (_, p) =>
                  p.fromReservePool ? (
                    <StatusTag tone="success">后备力量库</StatusTag>
                  ) : (
                    <Space direction="vertical" size={0}>
                      <StatusTag tone="warning">库外</StatusTag>
                      <Typography.Text type="secondary">{p.outsidePoolReason}</Typography.Text>
                    </Space>
                  ),
              },
              { title: '说明', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </>
      ) : null}
    </Space>
  );
}

function AddDialog({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<{ workerId: string; reason: string }>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { submit, pending, problem } = useFormSave(form, {
    send: (v: { workerId: string; reason: string }, key) =>
      data(api.POST('/v1/reserve-pool', { params: { header: { 'idempotency-key': key } }, body: v })),
    onDone: async (e) => {
      message.success(`已将 ${e.name} 纳入后备力量库`);
      await client.invalidateQueries({ queryKey: ['reserve-pool'] });
      onClose();
    },
    fields: ['workerId', 'reason'],
    fieldOfCode: { ALREADY_IN_RESERVE_POOL: 'workerId', WORKER_NOT_ACTIVE: 'workerId' },
  });
  return (
    <Modal
      open
      title="纳入后备力量库"
      okText="纳入"
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={submit}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="workerId" label="人选" rules={[{ required: true, message: '请选择在岗人员' }]}>
          <WorkerPicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="纳入理由" rules={[{ required: true, message: '请填写纳入理由' }]}>
          <Input.TextArea maxLength={500} rows={2} placeholder="如：年度考核优秀，群众基础好" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
