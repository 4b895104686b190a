import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { ApiError, type ErrorDescription } from '../../../api/errors.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import { beijingToday } from '../../../lib/dates.ts';
import { beijingTime } from '../../components/cells.tsx';
import { applyServerErrors } from '../../components/formErrors.ts';
import { OrgName } from '../../components/OrgName.tsx';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { WorkerPicker } from '../../components/WorkerPicker.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';

type Cycle = components['schemas']['HonourCycle'];
type Nomination = components['schemas']['Nomination'];
type HonourType = components['schemas']['CreateHonourCycle']['honourType'];

/** The form's choices, grouped as people say them (两代表一委员, 两优一先). */
const HONOUR_OPTIONS: { label: string; options: { value: HonourType; label: string }[] }[] = [
  {
    label: '两代表一委员',
    options: [
      { value: 'party-congress-delegate', label: '党代会代表' },
      { value: 'peoples-congress-deputy', label: '人大代表' },
      { value: 'cppcc-member', label: '政协委员' },
    ],
  },
  {
    label: '两优一先',
    options: [
      { value: 'outstanding-party-member', label: '优秀共产党员' },
      { value: 'outstanding-party-worker', label: '优秀党务工作者' },
      { value: 'advanced-party-organisation', label: '先进基层党组织' },
    ],
  },
];

function nominationStatus(n: Nomination): { text: string; tone: Tone } {
  if (n.withdrawn) return { text: `已撤回（${n.withdrawn.reasonLabel ?? '离职'}）`, tone: 'default' };
  if (!n.result) return { text: '评选中', tone: 'processing' };
  return n.result.awarded ? { text: '当选', tone: 'success' } : { text: '未当选', tone: 'warning' };
}

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
        <CreateDialog
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

function CycleDetail({ id }: { id: string }) {
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

interface CreateValues {
  honourType: HonourType;
  name: string;
  year: number;
  quotas: { org?: string; seats?: number }[];
}

function CreateDialog({
  year,
  onClose,
  onCreated,
}: {
  year: number;
  onClose: () => void;
  onCreated: (c: Cycle) => void;
}) {
  const root = useSession()?.org ?? '';
  const [form] = Form.useForm<CreateValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const save = useMutation({
    mutationFn: (v: CreateValues) =>
      data(
        api.POST('/v1/honour-cycles', {
          params: { header: { 'idempotency-key': key } },
          body: {
            honourType: v.honourType,
            name: v.name,
            year: v.year,
            quotas: v.quotas.map((q) => ({ org: q.org!, seats: q.seats! })),
          },
        }),
      ),
    onSuccess: async (c) => {
      message.success(`已发起 ${c.name}`);
      await client.invalidateQueries({ queryKey: ['honour-cycles'] });
      onCreated(c);
    },
    onError: (e) => setProblem(applyServerErrors(form, e, ['honourType', 'name', 'year', 'quotas'])),
  });
  return (
    <Modal
      open
      width={640}
      title="新建评优"
      okText="发起"
      cancelText="取消"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ year, quotas: [{ org: root, seats: 1 }] }}
      >
        <Form.Item name="honourType" label="荣誉" rules={[{ required: true, message: '请选择荣誉' }]}>
          <Select options={HONOUR_OPTIONS} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={200} placeholder="如：2026年优秀共产党员推荐" />
        </Form.Item>
        <Form.Item
          name="year"
          label="年度"
          extra="该年度及上一年度的年度考核不称职者不得推荐"
          rules={[{ required: true, message: '请填写年度' }]}
        >
          <InputNumber min={2000} max={2100} style={{ width: 160 }} />
        </Form.Item>
        <Typography.Text strong>名额（指标单列，按单位）</Typography.Text>
        <Form.List name="quotas">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'org']} rules={[{ required: true, message: '请选择单位' }]}>
                    <OrgUnitTreeSelect aria-label={`名额单位 ${i + 1}`} style={{ width: 300 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'seats']} rules={[{ required: true, message: '请填写名额' }]}>
                    <InputNumber aria-label={`名额 ${i + 1}`} min={1} max={10_000} addonAfter="名" />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button type="link" danger onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  ) : null}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ seats: 1 })}>
                添加名额单位
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** Refusals about the nominee (eligibility, seats): the API's reasons in its own words, beside 人选. */
const NOMINEE_REFUSALS = new Set([
  'NOT_PARTY_MEMBER',
  'FAILED_EVALUATION_IN_CYCLE',
  'NOT_ACTIVE',
  'ALREADY_NOMINATED',
  'HONOUR_QUOTA_EXCEEDED',
  'NO_QUOTA_FOR_ORG',
]);

function nomineeRefusal(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || !NOMINEE_REFUSALS.has(error.code)) return null;
  const failures = (error.details as { failures?: { message?: unknown }[] } | null)?.failures;
  const reasons = Array.isArray(failures)
    ? failures.map((f) => (typeof f.message === 'string' ? f.message : '')).filter(Boolean)
    : [];
  return reasons.length > 0 ? reasons : [error.message];
}

function NominateDialog({ cycleId, onClose }: { cycleId: string; onClose: () => void }) {
  const [form] = Form.useForm<{ workerId: string; reason: string }>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const save = useMutation({
    mutationFn: (v: { workerId: string; reason: string }) =>
      data(
        api.POST('/v1/honour-cycles/{id}/nominations', {
          params: { path: { id: cycleId }, header: { 'idempotency-key': key } },
          body: v,
        }),
      ),
    onSuccess: async (n) => {
      message.success(`已推荐 ${n.workerName}`);
      await client.invalidateQueries({ queryKey: ['honour-cycle', cycleId] });
      await client.invalidateQueries({ queryKey: ['honour-cycles'] });
      onClose();
    },
    onError: (e) => {
      // Another nominee is another request: a fresh key, so the refusal is not replayed.
      setKey(crypto.randomUUID());
      const reasons = nomineeRefusal(e);
      if (reasons) {
        form.setFields([{ name: 'workerId', errors: reasons }]);
        setProblem(null);
      } else setProblem(applyServerErrors(form, e, ['workerId', 'reason']));
    },
  });
  return (
    <Modal
      open
      title="推荐人选"
      okText="推荐"
      cancelText="取消"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="workerId" label="人选" rules={[{ required: true, message: '请选择在岗人员' }]}>
          <WorkerPicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="推荐理由" rules={[{ required: true, message: '请填写推荐理由' }]}>
          <Input.TextArea maxLength={1000} rows={3} placeholder="主要事迹" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResultDialog({
  cycleId,
  nomination,
  awarded,
  onClose,
}: {
  cycleId: string;
  nomination: Nomination;
  awarded: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ note?: string }>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const save = useMutation({
    mutationFn: (v: { note?: string }) =>
      data(
        api.POST('/v1/honour-cycles/{id}/nominations/{nominationId}/result', {
          params: {
            path: { id: cycleId, nominationId: nomination.id },
            header: { 'idempotency-key': key },
          },
          body: { awarded, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
        }),
      ),
    onSuccess: async () => {
      message.success(`已登记 ${nomination.workerName} ${awarded ? '当选' : '未当选'}`);
      await client.invalidateQueries({ queryKey: ['honour-cycle', cycleId] });
      onClose();
    },
    onError: (e) => setProblem(applyServerErrors(form, e, ['note'])),
  });
  return (
    <Modal
      open
      title={`登记结果：${nomination.workerName}${awarded ? '当选' : '未当选'}`}
      okText="登记"
      cancelText="取消"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph>结果登记后不能更改。</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label="备注">
          <Input.TextArea maxLength={1000} rows={2} placeholder="如：市委组织部2026年6月通报" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
