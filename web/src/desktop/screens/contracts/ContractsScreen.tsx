import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Form, Input, Modal, Radio, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, data } from '../../../api/client.ts';
import type { ErrorDescription } from '../../../api/errors.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import { chineseDate } from '../../../lib/dates.ts';
import { DateText, DateTimeText } from '../../components/cells.tsx';
import { CursorPager, useCursorPages } from '../../components/CursorPager.tsx';
import { applyServerErrors, whenValid } from '../../components/formErrors.ts';
import { OrgName } from '../../components/OrgName.tsx';
import { DaysLeft, EndingList } from '../../components/EndingList.tsx';
import { UnitFilter } from '../../components/UnitFilter.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { ContractDecisionDialog } from './ContractDecisionDialog.tsx';

type Ending = components['schemas']['ContractsEnding']['items'][number];
type Reminder = components['schemas']['ContractReminder'];

interface Deciding {
  id: string;
  name: string;
  endsOn: string;
  termNo: number;
}

const CONTRACT_TONE: Record<string, Tone> = { 'in-term': 'processing', expired: 'error', ended: 'default' };

/** Days to the contract's last day; the last month in amber. */
const ContractDaysLeft = ({ days }: { days: number | null }) => (
  <DaysLeft days={days} overdue={(n) => `已过期 ${n} 天`} dueToday="今天到期" warnWithin={30} />
);

/** 合同: contracts ending soon with 续签 / 不续签, and the daily job's reminders to dismiss. */
export default function ContractsScreen() {
  const root = useSession()?.org ?? '';
  const [org, setOrg] = useState(root);
  const [deciding, setDeciding] = useState<Deciding | null>(null);
  const client = useQueryClient();
  const { message } = App.useApp();
  // ?tab=reminders opens the reminders (the 概览 to-do links there).
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'reminders' ? 'reminders' : 'ending';
  return (
    <>
      <PageHeader
        title="合同"
        crumbs={[{ title: '合同' }]}
        subtitle="合同到期前办理续签或不续签；续签提醒由每日任务生成"
        extra={<UnitFilter value={org} onChange={setOrg} width={260} />}
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={[
            { key: 'ending', label: '即将到期', children: <EndingTab org={org} onDecide={setDeciding} /> },
            {
              key: 'reminders',
              label: '续签提醒',
              children: <RemindersTab org={org} onDecide={setDeciding} />,
            },
          ]}
        />
      </Card>
      {deciding ? (
        <ContractDecisionDialog
          worker={deciding}
          onClose={() => setDeciding(null)}
          onDone={(w) => {
            setDeciding(null);
            message.success(
              w.status === 'exited'
                ? `${w.name} 合同期满不续签，已办理离职`
                : `${w.name} 已续签，新合同至 ${chineseDate(w.contract?.endsOn)}`,
            );
            for (const key of ['contracts-ending', 'contract-reminders', 'worker', 'workers', 'org-unit'])
              void client.invalidateQueries({ queryKey: [key] });
          }}
        />
      ) : null}
    </>
  );
}

function EndingTab({ org, onDecide }: { org: string; onDecide: (d: Deciding) => void }) {
  const [withinDays, setWithinDays] = useState<number | undefined>(undefined);
  const ending = useQuery({
    queryKey: ['contracts-ending', org, withinDays ?? 'policy'],
    queryFn: () =>
      data(
        api.GET('/v1/contracts/ending', {
          params: { query: { org, ...(withinDays === undefined ? {} : { withinDays }) } },
        }),
      ),
  });
  return (
    <EndingList<Ending>
      rangeLabel="到期范围"
      range={withinDays ?? 'policy'}
      onRange={(range) => setWithinDays(range === 'policy' ? undefined : range)}
      policyRange="按政策提醒天数"
      caption={
        ending.data
          ? `截至 ${chineseDate(ending.data.until)}（${ending.data.withinDays} 天内，含已到期未办理）`
          : null
      }
      query={ending}
      emptyText="该范围内没有到期的合同"
      columns={[
        { title: '合同期次', key: 'term', render: (_, r) => `第 ${r.contract.current.no} 期` },
        {
          title: '合同期',
          key: 'period',
          render: (_, r) =>
            `${chineseDate(r.contract.current.startsOn)} 至 ${chineseDate(r.contract.current.endsOn)}`,
        },
        { title: '剩余', key: 'days', render: (_, r) => <ContractDaysLeft days={r.contract.daysLeft} /> },
        {
          title: '状态',
          key: 'status',
          render: (_, r) => (
            <StatusTag tone={CONTRACT_TONE[r.contract.status]}>
              {r.contract.statusLabel ?? r.contract.status}
            </StatusTag>
          ),
        },
        {
          title: '操作',
          key: 'decide',
          render: (_, r) => (
            <Typography.Link
              onClick={() =>
                onDecide({
                  id: r.workerId,
                  name: r.name,
                  endsOn: r.contract.endsOn,
                  termNo: r.contract.current.no,
                })
              }
            >
              续签办理
            </Typography.Link>
          ),
        },
      ]}
    />
  );
}

function RemindersTab({ org, onDecide }: { org: string; onDecide: (d: Deciding) => void }) {
  const [status, setStatus] = useState<'open' | 'dismissed'>('open');
  const [dismissing, setDismissing] = useState<Reminder | null>(null);
  const pages = useCursorPages();
  const cursor = pages.cursor;
  const reminders = useQuery({
    queryKey: ['contract-reminders', org, status, cursor ?? ''],
    queryFn: () =>
      data(
        api.GET('/v1/contract-reminders', {
          params: { query: { org, status, limit: 20, ...(cursor ? { cursor } : {}) } },
        }),
      ),
  });
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Radio.Group
        aria-label="提醒状态"
        optionType="button"
        value={status}
        onChange={(e) => {
          setStatus(e.target.value);
          pages.reset();
        }}
        options={[
          { value: 'open', label: '待处理' },
          { value: 'dismissed', label: '已处理' },
        ]}
      />
      {reminders.isError ? (
        <ErrorAlert error={reminders.error} onRetry={() => void reminders.refetch()} />
      ) : null}
      <Table<Reminder>
        size="small"
        rowKey="id"
        scroll={{ x: 'max-content' }}
        loading={reminders.isPending}
        dataSource={reminders.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: status === 'open' ? '没有待处理的续签提醒' : '没有已处理的续签提醒' }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'workerName',
            render: (name: string, r) => <Link to={`/hr/workers/${r.workerId}`}>{name}</Link>,
          },
          { title: '所在单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
          { title: '合同期次', dataIndex: 'termNo', render: (n: number) => `第 ${n} 期` },
          { title: '到期日', dataIndex: 'endsOn', render: (d: string) => <DateText value={d} /> },
          { title: '提醒时剩余', dataIndex: 'daysLeft', render: (d: number) => `${d} 天` },
          { title: '提醒日期', dataIndex: 'createdFor', render: (d: string) => <DateText value={d} /> },
          ...(status === 'dismissed'
            ? [
                {
                  title: '处理时间',
                  dataIndex: 'dismissedAt',
                  render: (v: string | null) => <DateTimeText value={v} />,
                },
                { title: '处理说明', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
              ]
            : [
                {
                  title: '操作',
                  key: 'actions',
                  render: (_: unknown, r: Reminder) => (
                    <Space>
                      <Typography.Link
                        onClick={() =>
                          onDecide({ id: r.workerId, name: r.workerName, endsOn: r.endsOn, termNo: r.termNo })
                        }
                      >
                        续签办理
                      </Typography.Link>
                      <Typography.Link onClick={() => setDismissing(r)}>标记已处理</Typography.Link>
                    </Space>
                  ),
                },
              ]),
        ]}
      />
      <CursorPager pages={pages} nextCursor={reminders.data?.cursor} />
      {dismissing ? <DismissDialog reminder={dismissing} onClose={() => setDismissing(null)} /> : null}
    </Space>
  );
}

function DismissDialog({ reminder, onClose }: { reminder: Reminder; onClose: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const client = useQueryClient();
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const dismiss = useMutation({
    mutationFn: (v: { note?: string }) =>
      data(
        api.POST('/v1/contract-reminders/{id}/dismiss', {
          params: { path: { id: reminder.id }, header: { 'idempotency-key': key } },
          body: v.note?.trim() ? { note: v.note.trim() } : {},
        }),
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['contract-reminders'] });
      onClose();
    },
    onError: (e) => setProblem(applyServerErrors(form, e, ['note'])),
  });
  return (
    <Modal
      open
      title={`标记已处理：${reminder.workerName} 第 ${reminder.termNo} 期合同`}
      okText="标记已处理"
      cancelText="取消"
      confirmLoading={dismiss.isPending}
      onCancel={onClose}
      onOk={() => whenValid(form, (v) => dismiss.mutate(v))}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="note" label="处理说明" extra="例如：已联系本人，正在准备续签材料">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
