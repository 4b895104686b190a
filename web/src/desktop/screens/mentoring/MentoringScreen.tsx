import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Radio,
  Space,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import { label, policyVersionName } from '../../../lib/labels.ts';
import { DatePicker } from '../../components/DatePicker.ts';
import { DateText } from '../../components/cells.tsx';
import { useFormSave } from '../../components/formErrors.ts';
import { OrgName } from '../../components/OrgName.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { WorkerPicker } from '../../components/WorkerPicker.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';

type Mentor = components['schemas']['Mentor'];
type Mentorship = components['schemas']['Mentorship'];
type MenteeItem = components['schemas']['Mentees']['items'][number];

const STATUS_TONE: Record<string, Tone> = { active: 'processing', ended: 'default', completed: 'success' };

/** 导师带教: the designated mentors with their mentees against the cap, pairings made and ended, sessions. */
export default function MentoringScreen() {
  const org = useSession()?.org ?? '';
  const [designating, setDesignating] = useState(false);
  const [pairing, setPairing] = useState<{ mentorId?: string } | null>(null);
  const [open, setOpen] = useState<Mentor | null>(null);
  const mentors = useQuery({
    queryKey: ['mentors', org],
    queryFn: () => data(api.GET('/v1/mentors', { params: { query: { org, limit: 200 } } })),
  });
  const items = mentors.data?.items ?? [];
  const active = items.reduce((sum, m) => sum + m.activeMentees, 0);
  return (
    <>
      <PageHeader
        title="导师带教"
        crumbs={[{ title: '导师带教' }]}
        subtitle="认定带教导师，为新入职人员结对（一对一或一对多，每名导师带教人数不超过上限），查看带教记录"
        extra={
          <Space>
            <Button onClick={() => setDesignating(true)}>认定导师</Button>
            <Button type="primary" onClick={() => setPairing({})}>
              新建结对
            </Button>
          </Space>
        }
      />
      <Card>
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text data-testid="mentoring-summary">
            共 {items.length} 名导师，在带学员 {active} 人{mentors.data?.cursor ? '（仅显示前 200 名）' : ''}
          </Typography.Text>
          {mentors.isError ? (
            <ErrorAlert error={mentors.error} onRetry={() => void mentors.refetch()} />
          ) : null}
          <Table<Mentor>
            size="small"
            scroll={{ x: 'max-content' }}
            rowKey="workerId"
            loading={mentors.isPending}
            dataSource={items}
            pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            locale={{ emptyText: '尚未认定带教导师' }}
            columns={[
              {
                title: '导师',
                dataIndex: 'name',
                render: (n: string, m) => <Typography.Link onClick={() => setOpen(m)}>{n}</Typography.Link>,
              },
              { title: '所在单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
              {
                title: '在带学员 / 上限',
                key: 'load',
                render: (_, m) => (
                  <Space>
                    <Progress
                      aria-label={`${m.name} 在带学员占上限`}
                      percent={Math.round((m.activeMentees / Math.max(1, m.cap)) * 100)}
                      showInfo={false}
                      size="small"
                      status={m.freePlaces <= 0 ? 'exception' : 'normal'}
                      style={{ width: 100 }}
                    />
                    <span>
                      {m.activeMentees} / {m.cap}
                    </span>
                  </Space>
                ),
              },
              {
                title: '空余名额',
                dataIndex: 'freePlaces',
                align: 'right',
                render: (n: number) =>
                  n <= 0 ? <StatusTag tone="warning">已满</StatusTag> : <span>{n}</span>,
              },
              { title: '累计带教', dataIndex: 'totalMentees', align: 'right' },
              { title: '认定日期', dataIndex: 'designatedOn', render: (v: string) => <DateText value={v} /> },
              {
                title: '操作',
                key: 'actions',
                render: (_, m) => (
                  <Space>
                    <Button size="small" onClick={() => setOpen(m)}>
                      查看学员
                    </Button>
                    <Button
                      size="small"
                      disabled={m.freePlaces <= 0}
                      onClick={() => setPairing({ mentorId: m.workerId })}
                    >
                      结对
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </Space>
      </Card>
      {designating ? <DesignateDialog onClose={() => setDesignating(false)} /> : null}
      {pairing ? <PairDialog initialMentor={pairing.mentorId} onClose={() => setPairing(null)} /> : null}
      <Drawer
        title={open ? `${open.name} 的带教学员` : ''}
        width={1000}
        open={open !== null}
        onClose={() => setOpen(null)}
        destroyOnHidden
      >
        {open ? <MenteesOf mentorId={open.workerId} /> : null}
      </Drawer>
    </>
  );
}

function DesignateDialog({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<{ workerId: string }>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { submit, pending, problem } = useFormSave(form, {
    send: (v: { workerId: string }, key) =>
      data(api.POST('/v1/mentors', { params: { header: { 'idempotency-key': key } }, body: v })),
    onDone: async (m) => {
      message.success(`已认定 ${m.name} 为带教导师`);
      await client.invalidateQueries({ queryKey: ['mentors'] });
      onClose();
    },
    fields: ['workerId'],
    fieldOfCode: { ALREADY_MENTOR: 'workerId', MENTOR_NOT_ACTIVE: 'workerId' },
  });
  return (
    <Modal
      open
      title="认定带教导师"
      okText="认定"
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={submit}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="workerId" label="导师人选" rules={[{ required: true, message: '请选择在岗人员' }]}>
          <WorkerPicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface PairValues {
  mentorId: string;
  menteeId: string;
  startDate?: Dayjs;
  months?: number;
}

const PAIR_FIELDS = ['mentorId', 'menteeId', 'startDate', 'months'] as const;

function PairDialog({ initialMentor, onClose }: { initialMentor?: string | undefined; onClose: () => void }) {
  const [form] = Form.useForm<PairValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { submit, pending, problem } = useFormSave(form, {
    send: (v: PairValues, key) =>
      data(
        api.POST('/v1/mentorships', {
          params: { header: { 'idempotency-key': key } },
          body: {
            mentorId: v.mentorId,
            menteeId: v.menteeId,
            ...(v.startDate ? { startDate: v.startDate.format('YYYY-MM-DD') } : {}),
            ...(v.months ? { months: v.months } : {}),
          },
        }),
      ),
    onDone: async (m) => {
      message.success(`已结对，带教期至 ${m.endDate}`);
      await client.invalidateQueries({ queryKey: ['mentors'] });
      await client.invalidateQueries({ queryKey: ['mentees'] });
      onClose();
    },
    fields: PAIR_FIELDS,
    fieldOfCode: {
      MENTOR_AT_CAPACITY: 'mentorId',
      MENTOR_NOT_ACTIVE: 'mentorId',
      SELF_MENTORING: 'menteeId',
      ALREADY_PAIRED: 'menteeId',
      MENTEE_NOT_ACTIVE: 'menteeId',
      START_BEFORE_HIRE: 'startDate',
      PAIRING_ALREADY_OVER: 'startDate',
    },
  });
  return (
    <Modal
      open
      title="新建带教结对"
      okText="结对"
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={submit}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<PairValues> form={form} layout="vertical" initialValues={{ mentorId: initialMentor }}>
        <Form.Item
          name="mentorId"
          label="导师"
          extra="尚未认定的在岗人员在首次结对时自动认定为导师"
          rules={[{ required: true, message: '请选择导师' }]}
        >
          <WorkerPicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="menteeId" label="学员" rules={[{ required: true, message: '请选择学员' }]}>
          <WorkerPicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="startDate" label="开始日期" extra="不填则从今天开始；可填学员的聘用日期">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="months" label="带教期限（月）" extra="不填则按带教政策的期限">
          <InputNumber min={1} max={60} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function MenteesOf({ mentorId }: { mentorId: string }) {
  const [include, setInclude] = useState<'active' | 'all'>('all');
  const [ending, setEnding] = useState<MenteeItem | null>(null);
  const mentees = useQuery({
    queryKey: ['mentees', mentorId, include],
    queryFn: () =>
      data(api.GET('/v1/mentors/{id}/mentees', { params: { path: { id: mentorId }, query: { include } } })),
  });
  if (mentees.isError) return <ErrorAlert error={mentees.error} onRetry={() => void mentees.refetch()} />;
  const m = mentees.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {m ? (
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="导师">{m.mentor.name}</Descriptions.Item>
          <Descriptions.Item label="所在单位">
            <OrgName id={m.mentor.org} />
          </Descriptions.Item>
          <Descriptions.Item label="在带 / 上限">
            <span data-testid="mentor-load">
              {m.mentor.activeMentees} / {m.mentor.cap}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="带教政策版本" span="filled">
            {policyVersionName(m.policyVersion)}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
      <Radio.Group
        value={include}
        onChange={(e) => setInclude(e.target.value)}
        optionType="button"
        aria-label="结对范围"
        options={[
          { value: 'active', label: '当前结对' },
          { value: 'all', label: '全部结对（含已结束）' },
        ]}
      />
      <Table<MenteeItem>
        size="small"
        scroll={{ x: 'max-content' }}
        rowKey={(r) => r.mentorship.id}
        loading={mentees.isPending}
        dataSource={m?.items ?? []}
        pagination={false}
        locale={{ emptyText: include === 'active' ? '暂无在带学员' : '暂无结对记录' }}
        expandable={{
          rowExpandable: (r) => r.sessions.latest.length > 0,
          expandedRowRender: (r) => (
            <Table
              size="small"
              scroll={{ x: 'max-content' }}
              rowKey="id"
              pagination={false}
              dataSource={r.sessions.latest}
              columns={[
                { title: '带教日期', dataIndex: 'date', render: (v: string) => <DateText value={v} /> },
                { title: '方式', dataIndex: 'mode', render: (v: string) => label('sessionMode', v) },
                { title: '时长（分钟）', dataIndex: 'minutes', align: 'right' },
                { title: '内容', dataIndex: 'notes' },
              ]}
            />
          ),
        }}
        columns={[
          { title: '学员', key: 'name', render: (_, r) => r.mentee.name ?? r.mentee.id },
          { title: '所在单位', key: 'org', render: (_, r) => <OrgName id={r.mentee.org} /> },
          {
            title: '带教期',
            key: 'period',
            render: (_, r) => (
              <span>
                <DateText value={r.mentorship.startDate} /> 至 <DateText value={r.mentorship.endDate} />
              </span>
            ),
          },
          {
            title: '状态',
            key: 'status',
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <StatusTag tone={STATUS_TONE[r.mentorship.status]}>
                  {label('mentorshipStatus', r.mentorship.status)}
                </StatusTag>
                {r.mentorship.endedOn ? (
                  <Typography.Text type="secondary">
                    <DateText value={r.mentorship.endedOn} /> 结束
                    {r.mentorship.endReason ? `：${r.mentorship.endReason}` : ''}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: '带教记录',
            key: 'sessions',
            render: (_, r) => `${r.sessions.count} 次，${r.sessions.minutes} 分钟`,
          },
          {
            title: '本年学时',
            key: 'training',
            render: (_, r) =>
              r.training ? `${r.training.totalHours} / ${r.training.annualRequiredHours}` : '—',
          },
          {
            title: '职业资格',
            key: 'certificate',
            render: (_, r) => (r.certificate ? label('certificateLevel', r.certificate.level) : '未取得'),
          },
          {
            title: '操作',
            key: 'end',
            render: (_, r) =>
              r.mentorship.status === 'active' ? (
                <Button size="small" danger onClick={() => setEnding(r)}>
                  结束结对
                </Button>
              ) : null,
          },
        ]}
      />
      {ending ? <EndDialog item={ending} onClose={() => setEnding(null)} /> : null}
    </Space>
  );
}

/** Ends a pairing early (a pairing change: end it, then pair the mentee with someone else). */
function EndDialog({ item, onClose }: { item: MenteeItem; onClose: () => void }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { submit, pending, problem } = useFormSave(form, {
    send: (v: { reason?: string }, key) =>
      data(
        api.POST('/v1/mentorships/{id}/end', {
          params: { path: { id: item.mentorship.id }, header: { 'idempotency-key': key } },
          body: v.reason ? { reason: v.reason } : {},
        }),
      ),
    onDone: async (m: Mentorship) => {
      message.success(`结对已结束（${m.endedOn ?? ''}）`);
      await client.invalidateQueries({ queryKey: ['mentors'] });
      await client.invalidateQueries({ queryKey: ['mentees'] });
      onClose();
    },
    fields: ['reason'],
  });
  return (
    <Modal
      open
      title={`结束与 ${item.mentee.name ?? item.mentee.id} 的结对`}
      okText="结束结对"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={submit}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph>结束后导师空出一个名额，且不再能查看该学员的信息。</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="结束原因">
          <Input.TextArea maxLength={500} rows={2} placeholder="如：调整结对、学员调动" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
