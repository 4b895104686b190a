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
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import { beijingToday } from '../../../lib/dates.ts';
import { label, LABELS, policyVersionName } from '../../../lib/labels.ts';
import { DatePicker } from '../../components/DatePicker.ts';
import { DateText, DateTimeText } from '../../components/cells.tsx';
import { useFormSave } from '../../components/formErrors.ts';
import { OrgName } from '../../components/OrgName.tsx';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect.tsx';
import { UnitFilter } from '../../components/UnitFilter.tsx';
import { useWorkerNames } from '../../components/workers.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { CursorPager, useCursorPages } from '../../components/CursorPager.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { SpreadsheetUpload } from '../../upload/SpreadsheetUpload.tsx';

type TrainingEvent = components['schemas']['TrainingEvent'];
type AttendanceRecorded = components['schemas']['AttendanceRecorded'];
type UnitHoursRow = components['schemas']['UnitTrainingHours']['items'][number];
type Level = TrainingEvent['level'];

const LEVELS = Object.keys(LABELS.trainingLevel) as Level[];
const thisYear = () => Number(beijingToday().slice(0, 4));
const yearOptions = () => [0, 1, 2, 3].map((n) => ({ value: thisYear() - n, label: `${thisYear() - n} 年` }));

/** 培训: a year's events by level (create, open one to upload its attendance) and each worker's hours. */
export default function TrainingScreen() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'events';
  return (
    <>
      <PageHeader
        title="培训"
        crumbs={[{ title: '培训' }]}
        subtitle="市、区、街道、社区四级培训；签到表上传后逐行预览，确认后记入学时；每人学时对照每周半日学与全年要求"
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            next.set('tab', key);
            setParams(next);
          }}
          items={[
            { key: 'events', label: '培训活动', children: <EventsTab /> },
            { key: 'hours', label: '个人学时', children: <HoursTab /> },
          ]}
        />
      </Card>
    </>
  );
}

function EventsTab() {
  const org = useSession()?.org ?? '';
  const [year, setYear] = useState(thisYear);
  const [level, setLevel] = useState<Level | undefined>();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const events = useQuery({
    queryKey: ['training-events', org, year, level ?? 'all'],
    queryFn: () =>
      data(
        api.GET('/v1/training-events', {
          params: { query: { org, year, limit: 200, ...(level ? { level } : {}) } },
        }),
      ),
  });
  const items = events.data?.items ?? [];
  const personTimes = items.reduce((sum, e) => sum + e.attendees, 0);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <span>年度</span>
        <Select
          aria-label="年度"
          value={year}
          onChange={setYear}
          options={yearOptions()}
          style={{ width: 110 }}
        />
        <span>级别</span>
        <Select
          aria-label="培训级别"
          allowClear
          placeholder="全部级别"
          value={level}
          onChange={setLevel}
          style={{ width: 130 }}
          options={LEVELS.map((l) => ({ value: l, label: label('trainingLevel', l) }))}
        />
        <Button type="primary" onClick={() => setCreating(true)}>
          新建培训
        </Button>
      </Space>
      {events.isError ? <ErrorAlert error={events.error} onRetry={() => void events.refetch()} /> : null}
      <Typography.Text data-testid="training-summary">
        {year} 年共 {items.length} 场培训，{personTimes} 人次
        {events.data?.cursor ? '（仅显示前 200 场）' : ''}
      </Typography.Text>
      <Table<TrainingEvent>
        size="small"
        scroll={{ x: 'max-content' }}
        rowKey="id"
        loading={events.isPending}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: `${year} 年暂无培训活动` }}
        columns={[
          { title: '日期', dataIndex: 'date', render: (v: string) => <DateText value={v} /> },
          {
            title: '培训名称',
            dataIndex: 'title',
            render: (t: string, e) => <Typography.Link onClick={() => setOpen(e.id)}>{t}</Typography.Link>,
          },
          { title: '级别', dataIndex: 'level', render: (l: string) => label('trainingLevel', l) },
          { title: '组织单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
          { title: '学时', dataIndex: 'hours', align: 'right' },
          { title: '人次', dataIndex: 'attendees', align: 'right' },
          { title: '地点', dataIndex: 'location', render: (v: string | null) => v ?? '—' },
        ]}
      />
      {creating ? (
        <CreateEventDialog
          onClose={() => setCreating(false)}
          onCreated={(e) => {
            setCreating(false);
            setOpen(e.id);
          }}
        />
      ) : null}
      <Drawer
        title="培训详情与签到"
        width={960}
        open={open !== null}
        onClose={() => setOpen(null)}
        destroyOnHidden
      >
        {open ? <EventDetail id={open} /> : null}
      </Drawer>
    </Space>
  );
}

interface EventValues {
  title: string;
  level: Level;
  org: string;
  date: Dayjs;
  hours: number;
  location?: string;
}

const EVENT_FIELDS = ['title', 'level', 'org', 'date', 'hours', 'location'] as const;

function CreateEventDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (event: TrainingEvent) => void;
}) {
  const [form] = Form.useForm<EventValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { submit, pending, problem } = useFormSave(form, {
    send: (v: EventValues, key) =>
      data(
        api.POST('/v1/training-events', {
          params: { header: { 'idempotency-key': key } },
          body: {
            title: v.title,
            level: v.level,
            org: v.org,
            date: v.date.format('YYYY-MM-DD'),
            hours: v.hours,
            ...(v.location ? { location: v.location } : {}),
          },
        }),
      ),
    onDone: async (event) => {
      message.success('培训已创建');
      await client.invalidateQueries({ queryKey: ['training-events'] });
      onCreated(event);
    },
    fields: EVENT_FIELDS,
    fieldOfCode: { LEVEL_MISMATCH: 'org', LEVEL_NOT_IN_POLICY: 'level' },
  });
  return (
    <Modal
      open
      title="新建培训"
      okText="创建"
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={submit}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<EventValues> form={form} layout="vertical" initialValues={{ hours: 4 }}>
        <Form.Item name="title" label="培训名称" rules={[{ required: true, message: '请填写培训名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="level" label="培训级别" rules={[{ required: true, message: '请选择培训级别' }]}>
          <Select options={LEVELS.map((l) => ({ value: l, label: label('trainingLevel', l) }))} />
        </Form.Item>
        <Form.Item name="org" label="组织单位" rules={[{ required: true, message: '请选择组织单位' }]}>
          <OrgUnitTreeSelect />
        </Form.Item>
        <Form.Item name="date" label="培训日期" rules={[{ required: true, message: '请选择培训日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
          <InputNumber min={0.5} max={24} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="location" label="地点">
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EventDetail({ id }: { id: string }) {
  const client = useQueryClient();
  const event = useQuery({
    queryKey: ['training-event', id],
    queryFn: () => data(api.GET('/v1/training-events/{id}', { params: { path: { id } } })),
  });
  if (event.isError) return <ErrorAlert error={event.error} onRetry={() => void event.refetch()} />;
  if (!event.data) return null;
  const e = event.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label="培训名称" span={2}>
          {e.title}
        </Descriptions.Item>
        <Descriptions.Item label="级别">{label('trainingLevel', e.level)}</Descriptions.Item>
        <Descriptions.Item label="组织单位">
          <OrgName id={e.org} />
        </Descriptions.Item>
        <Descriptions.Item label="日期">
          <DateText value={e.date} />
        </Descriptions.Item>
        <Descriptions.Item label="学时">{e.hours}</Descriptions.Item>
        <Descriptions.Item label="人次">
          <span data-testid="event-attendees">{e.attendees}</span>
        </Descriptions.Item>
        <Descriptions.Item label="培训政策版本">{policyVersionName(e.policyVersion)}</Descriptions.Item>
      </Descriptions>
      <SpreadsheetUpload<AttendanceRecorded>
        path={`/v1/training-events/${id}/attendance`}
        template="attendance"
        title="上传签到表"
        hint="表头：姓名、身份证号、学时（不填则按本次培训学时计）"
        commitLabel="确认记入学时"
        resultColumns={[
          {
            title: '记入学时',
            key: 'credited',
            align: 'right',
            render: (_, r) => (r.result ? String(r.result.hours) : '—'),
          },
        ]}
        onCommitted={() => {
          void client.invalidateQueries({ queryKey: ['training-event', id] });
          void client.invalidateQueries({ queryKey: ['training-attendance', id] });
          void client.invalidateQueries({ queryKey: ['training-events'] });
          void client.invalidateQueries({ queryKey: ['training-hours'] });
        }}
        renderCommitted={(r) => (
          <Typography.Text type="success">
            本次记入 {r.recorded} 人，累计 {r.attendees} 人次
          </Typography.Text>
        )}
      />
      <AttendanceList id={id} />
    </Space>
  );
}

function AttendanceList({ id }: { id: string }) {
  const attendance = useQuery({
    queryKey: ['training-attendance', id],
    queryFn: () =>
      data(
        api.GET('/v1/training-events/{id}/attendance', { params: { path: { id }, query: { limit: 500 } } }),
      ),
  });
  const items = attendance.data?.items ?? [];
  const names = useWorkerNames(items.map((a) => a.workerId));
  return (
    <Card size="small" title="签到名单">
      {attendance.isError ? (
        <ErrorAlert error={attendance.error} onRetry={() => void attendance.refetch()} />
      ) : (
        <Table
          size="small"
          scroll={{ x: 'max-content' }}
          rowKey="workerId"
          loading={attendance.isPending}
          dataSource={items}
          pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: '尚未登记签到' }}
          columns={[
            { title: '姓名', dataIndex: 'workerId', render: (w: string) => names.get(w) ?? '…' },
            { title: '所在单位', dataIndex: 'workerOrg', render: (o: string) => <OrgName id={o} /> },
            { title: '记入学时', dataIndex: 'hours', align: 'right' },
            { title: '登记时间', dataIndex: 'recordedAt', render: (v: string) => <DateTimeText value={v} /> },
          ]}
        />
      )}
    </Card>
  );
}

const PAGE = 20;

/**
 * Each worker of a unit against the year's requirement: hours, weekly half-day study, progress.
 * "Behind" means the share of the requirement done is below the share of the year gone by.
 */
function HoursTab() {
  const root = useSession()?.org ?? '';
  const [org, setOrg] = useState(root);
  const [year, setYear] = useState(thisYear);
  const pages = useCursorPages();
  const [onlyBehind, setOnlyBehind] = useState(false);
  const cursor = pages.cursor;
  // One read for the unit's page of workers with their hours (the server computes the standing).
  const hours = useQuery({
    queryKey: ['training-hours', org, year, onlyBehind, cursor ?? ''],
    queryFn: () =>
      data(
        api.GET('/v1/training-hours', {
          params: {
            query: {
              org,
              year,
              limit: PAGE,
              ...(onlyBehind ? { standing: 'behind' as const } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
  });
  const summary = hours.data?.summary;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <UnitFilter
          value={org}
          onChange={(unit) => {
            setOrg(unit);
            pages.reset();
          }}
        />
        <span>年度</span>
        <Select
          aria-label="学时年度"
          value={year}
          onChange={(v) => {
            setYear(v);
            pages.reset();
          }}
          options={yearOptions()}
          style={{ width: 110 }}
        />
        <Space>
          <Switch
            aria-label="只看进度落后的人员"
            checked={onlyBehind}
            onChange={(v) => {
              setOnlyBehind(v);
              pages.reset();
            }}
          />
          <span>只看进度落后的人员</span>
        </Space>
      </Space>
      {hours.isError ? <ErrorAlert error={hours.error} onRetry={() => void hours.refetch()} /> : null}
      {summary ? (
        <Typography.Text data-testid="training-hours-summary">
          在岗 {summary.workers} 人：已达标 {summary.met} 人，按进度 {summary.onTrack} 人，进度落后{' '}
          {summary.behind} 人 （全年应修 {hours.data?.annualRequiredHours} 学时）
        </Typography.Text>
      ) : null}
      <Table<UnitHoursRow>
        size="small"
        scroll={{ x: 'max-content' }}
        rowKey="workerId"
        loading={hours.isPending}
        dataSource={hours.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: onlyBehind ? '没有进度落后的人员' : '暂无在岗人员' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '所在单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
          {
            title: '全年学时',
            key: 'hours',
            align: 'right',
            render: (_, t) => `${t.totalHours} / ${hours.data?.annualRequiredHours}`,
          },
          {
            title: '完成进度',
            key: 'progress',
            render: (_, t) => (
              <Progress
                aria-label={`${t.name} 学时完成进度`}
                percent={Math.min(100, t.progressPercent)}
                size="small"
                style={{ width: 140 }}
              />
            ),
          },
          {
            title: '每周半日学达标周数',
            key: 'weeks',
            align: 'right',
            render: (_, t) => `${t.compliantWeeks} / ${t.weeksInYearSoFar}`,
          },
          { title: '人次', dataIndex: 'attendances', align: 'right' },
          {
            title: '状态',
            key: 'standing',
            render: (_, t) => {
              const s = t.standing;
              return s === 'met' ? (
                <StatusTag tone="success">已达标</StatusTag>
              ) : s === 'behind' ? (
                <StatusTag tone="error">进度落后，尚差 {t.remainingHours} 学时</StatusTag>
              ) : (
                <StatusTag tone="processing">按进度，尚差 {t.remainingHours} 学时</StatusTag>
              );
            },
          },
        ]}
      />
      <CursorPager pages={pages} nextCursor={hours.data?.cursor} />
    </Space>
  );
}
