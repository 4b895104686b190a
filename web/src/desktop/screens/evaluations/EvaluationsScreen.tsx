import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Radio,
  Row,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import type { ErrorDescription } from '../../../api/errors.ts';
import {
  beijingToday,
  chinesePeriod,
  lastEndedMonth,
  lastEndedYear,
  PERIOD_FORMATS,
} from '../../../lib/dates.ts';
import { label } from '../../../lib/labels.ts';
import { CursorPager, useCursorPages } from '../../components/CursorPager.tsx';
import { DatePicker } from '../../components/DatePicker.ts';
import { DateTimeText } from '../../components/cells.tsx';
import { applyServerErrors, whenValid } from '../../components/formErrors.ts';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { SpreadsheetUpload } from '../../upload/SpreadsheetUpload.tsx';

type Run = components['schemas']['EvaluationRun'];
type Result = components['schemas']['EvaluationResult'];
type ExitProposal = components['schemas']['ExitProposal'];

const INPUT_KINDS = {
  poll: { title: '居民测评', hint: '表头：身份证号、考核期间（YYYY-MM 或 YYYY）、测评得分（0–100）' },
  departments: { title: '部门评价', hint: '表头：身份证号、考核期间、评价部门、评价得分（0–100）' },
  duty: { title: '履职记录', hint: '表头：身份证号、考核期间、网格巡查次数、入户走访次数' },
  'work-orders': { title: '工单办理', hint: '表头：身份证号、考核期间、派单数、办结数、满意数' },
} as const;
type InputKind = keyof typeof INPUT_KINDS;

const GRADES = ['excellent', 'competent', 'basic', 'failed'] as const;

/** 考核: inputs with preview, runs with their progress, results by unit, exit proposals. */
export default function EvaluationsScreen() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'inputs';
  return (
    <>
      <PageHeader
        title="考核"
        crumbs={[{ title: '考核' }]}
        subtitle="上传考核数据 → 启动考核计算 → 查看各单位结果（优秀不超过 20%）→ 处理清退建议"
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
            { key: 'inputs', label: '考核数据', children: <InputsTab /> },
            { key: 'runs', label: '考核计算', children: <RunsTab /> },
            { key: 'results', label: '考核结果', children: <ResultsTab /> },
            { key: 'proposals', label: '清退建议', children: <ProposalsTab /> },
          ]}
        />
      </Card>
    </>
  );
}

function InputsTab() {
  const [kind, setKind] = useState<InputKind>('poll');
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Radio.Group
        value={kind}
        onChange={(e) => setKind(e.target.value)}
        optionType="button"
        buttonStyle="solid"
        aria-label="考核数据类型"
        options={Object.entries(INPUT_KINDS).map(([value, k]) => ({ value, label: k.title }))}
      />
      <SpreadsheetUpload<{ rows: number; workers: number; periods: string[] }>
        key={kind}
        path={`/v1/evaluation-inputs/${kind}`}
        template={kind}
        title={`上传${INPUT_KINDS[kind].title}`}
        hint={INPUT_KINDS[kind].hint}
        commitLabel="确认上传"
        renderCommitted={(body) => (
          <Alert
            type="success"
            showIcon
            message={`已保存 ${body.rows} 行（${body.workers} 人，考核期间：${body.periods.join('、')}）`}
          />
        )}
      />
    </Space>
  );
}

const runStatus = (s: string) => (
  <StatusTag tone={s === 'completed' ? 'success' : 'processing'}>{label('evaluationRunStatus', s)}</StatusTag>
);

const runProgress = (r: Run, width?: number) => (
  <Space>
    <Progress
      aria-label={`${chinesePeriod(r.period)} 考核计算进度`}
      percent={Math.round(r.progressPercent)}
      size="small"
      style={width ? { width } : { width: 120 }}
    />
    <span style={{ whiteSpace: 'nowrap' }}>
      {r.unitsDone}/{r.unitsTotal} 个单位
    </span>
  </Space>
);

const runColumns: TableColumnsType<Run> = [
  { title: '考核期间', dataIndex: 'period', render: (p: string) => chinesePeriod(p) },
  { title: '类型', dataIndex: 'kind', render: (k: string) => label('evaluationKind', k) },
  { title: '状态', dataIndex: 'status', render: runStatus },
  { title: '进度（按单位）', key: 'progress', render: (_, r) => runProgress(r, 160) },
  { title: '已评人数', dataIndex: 'workersScored' },
  { title: '开始时间', dataIndex: 'startedAt', render: (v: string) => <DateTimeText value={v} /> },
];

/** On a phone: one stacked cell per run instead of six columns wider than the screen. */
const runColumnsNarrow: TableColumnsType<Run> = [
  {
    title: '考核计算',
    key: 'run',
    render: (_, r) => (
      <Flex vertical gap={4}>
        <Space size={8} wrap>
          <Typography.Text strong>
            {chinesePeriod(r.period)} {label('evaluationKind', r.kind)}
          </Typography.Text>
          {runStatus(r.status)}
        </Space>
        {runProgress(r)}
        <Typography.Text type="secondary">
          已评 {r.workersScored} 人 · 开始于 <DateTimeText value={r.startedAt} />
        </Typography.Text>
      </Flex>
    ),
  },
];

/** The latest period of each kind that has ended, by the browser's Beijing day (the server has the last word). */
const PERIOD_KINDS = {
  month: { label: '月度考核', ...PERIOD_FORMATS.month, latest: lastEndedMonth },
  year: { label: '年度考核', ...PERIOD_FORMATS.year, latest: lastEndedYear },
} as const;
type PeriodKind = keyof typeof PERIOD_KINDS;

interface StartValues {
  kind: PeriodKind;
  period: Dayjs;
}

function RunsTab() {
  const org = useSession()?.org ?? '';
  const client = useQueryClient();
  const [form] = Form.useForm<StartValues>();
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  // One key per start: a double click starts one run; the next period is a new request.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const wide = Grid.useBreakpoint().md ?? true;
  const kind = Form.useWatch('kind', form) ?? 'month';
  const today = beijingToday();
  const runs = useQuery({
    queryKey: ['evaluation-runs', org],
    queryFn: () => data(api.GET('/v1/evaluations/runs', { params: { query: { org, limit: 20 } } })),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running') ? 2000 : false),
  });
  const start = useMutation({
    mutationFn: (v: StartValues) =>
      data(
        api.POST('/v1/evaluations/runs', {
          params: { header: { 'idempotency-key': key } },
          body: { period: v.period.format(PERIOD_KINDS[v.kind].api), org },
        }),
      ),
    onSuccess: () => {
      setProblem(null);
      setKey(crypto.randomUUID());
      void client.invalidateQueries({ queryKey: ['evaluation-runs'] });
    },
    onError: (e) =>
      setProblem(
        applyServerErrors(form, e, ['period'], {
          PERIOD_NOT_ENDED: 'period',
          INVALID_PERIOD: 'period',
          EVALUATION_RUN_IN_PROGRESS: 'period',
        }),
      ),
  });
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Form<StartValues>
        form={form}
        layout="inline"
        style={{ rowGap: 12 }}
        initialValues={{ kind: 'month', period: dayjs(PERIOD_KINDS.month.latest(today), 'YYYY-MM') }}
        onValuesChange={(changed: Partial<StartValues>) => {
          // Another kind of period: offer its latest ended one.
          if (changed.kind)
            form.setFieldValue(
              'period',
              dayjs(PERIOD_KINDS[changed.kind].latest(today), PERIOD_KINDS[changed.kind].api),
            );
        }}
        onFinish={(v) => {
          setProblem(null);
          start.mutate(v);
        }}
      >
        <Form.Item name="kind" label="考核类型">
          <Radio.Group
            optionType="button"
            options={(Object.keys(PERIOD_KINDS) as PeriodKind[]).map((k) => ({
              value: k,
              label: PERIOD_KINDS[k].label,
            }))}
          />
        </Form.Item>
        <Form.Item name="period" label="考核期间" rules={[{ required: true, message: '请选择考核期间' }]}>
          <DatePicker
            picker={kind}
            format={PERIOD_KINDS[kind].shown}
            allowClear={false}
            style={{ width: 160 }}
            disabledDate={(d) => {
              const p = d.format(PERIOD_KINDS[kind].api);
              return p > PERIOD_KINDS[kind].latest(today) || p < '2000';
            }}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={start.isPending}>
            启动考核计算
          </Button>
        </Form.Item>
      </Form>
      {problem ? <ErrorAlert error={problem} /> : null}
      {runs.isError ? <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} /> : null}
      <Table<Run>
        size="small"
        rowKey="id"
        loading={runs.isPending}
        dataSource={runs.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '尚未进行考核计算' }}
        expandable={{
          // The list carries no per-unit detail; an unfinished run's units are read from the run itself.
          rowExpandable: (r) => r.status !== 'completed',
          expandedRowRender: (r) => <PendingUnits runId={r.id} />,
        }}
        columns={wide ? runColumns : runColumnsNarrow}
      />
    </Space>
  );
}

/**
 * The units of an unfinished run still to be scored, with each one's attempts and last failure (in
 * Chinese). A run whose units stopped (a failure past its retries, or a process that died) is
 * resumed from here: 续跑 re-queues the units not yet done, once per click (Idempotency-Key).
 */
function PendingUnits({ runId }: { runId: string }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const run = useQuery({
    queryKey: ['evaluation-run', runId],
    queryFn: () => data(api.GET('/v1/evaluations/runs/{id}', { params: { path: { id: runId } } })),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 2000 : false),
  });
  const resume = useMutation({
    mutationFn: () =>
      data(
        api.POST('/v1/evaluations/runs/{id}/resume', {
          params: { path: { id: runId }, header: { 'idempotency-key': key } },
        }),
      ),
    onSuccess: (result) => {
      // A later 续跑 (after this one stalls too) is a new request.
      setKey(crypto.randomUUID());
      void message.success(
        result.resentUnits ? `已将 ${result.resentUnits} 个未完成单位重新排队计算` : '各单位均已计算完成',
      );
      void client.invalidateQueries({ queryKey: ['evaluation-run', runId] });
      void client.invalidateQueries({ queryKey: ['evaluation-runs'] });
    },
  });
  if (run.isError) return <ErrorAlert error={run.error} onRetry={() => void run.refetch()} />;
  const pending = run.data?.pendingUnits ?? [];
  return (
    <Space direction="vertical" size={8} style={{ width: '100%' }}>
      {run.data?.status === 'running' && pending.length > 0 ? (
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Typography.Text type="secondary">
            各单位分别计算、失败自动重试；如计算长时间停滞（服务中断或重试已用尽），可续跑未完成的单位。
          </Typography.Text>
          <Popconfirm
            title="续跑未完成单位"
            description={`将 ${pending.length} 个未完成单位重新排队计算。`}
            okText="确认续跑"
            cancelText="取消"
            onConfirm={() => resume.mutate()}
          >
            <Button size="small" loading={resume.isPending}>
              续跑未完成单位
            </Button>
          </Popconfirm>
        </Flex>
      ) : null}
      {resume.isError ? <ErrorAlert error={resume.error} /> : null}
      <Table
        size="small"
        rowKey="org"
        loading={run.isPending}
        pagination={false}
        locale={{ emptyText: '各单位均已计算完成' }}
        dataSource={pending}
        columns={[
          { title: '待计算单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
          { title: '尝试次数', dataIndex: 'attempts' },
          { title: '最近错误', dataIndex: 'lastError', render: (e: string | null) => e ?? '—' },
        ]}
      />
    </Space>
  );
}

function ResultsTab() {
  const [params, setParams] = useSearchParams();
  const org = params.get('org') ?? '';
  const period = params.get('period') ?? '';
  // A year (YYYY) or a month (YYYY-MM); the picker follows the period in the address.
  const [kind, setKind] = useState<PeriodKind>(/^\d{4}$/.test(period) ? 'year' : 'month');
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const results = useQuery({
    queryKey: ['evaluation-results', org, period],
    queryFn: () => data(api.GET('/v1/evaluations/results', { params: { query: { org, period } } })),
    enabled: org !== '' && /^\d{4}(-\d{2})?$/.test(period),
  });
  const policy = useQuery({
    queryKey: ['policy', 'evaluation'],
    queryFn: () => data(api.GET('/v1/policies/{kind}', { params: { path: { kind: 'evaluation' } } })),
  });
  const capPercent = Number(
    (policy.data?.document as { excellentCapPercent?: number } | undefined)?.excellentCapPercent ?? 20,
  );
  const items = results.data?.items ?? [];
  const count = (g: string) => items.filter((r) => r.grade === g).length;
  const cap = Math.floor((items.length * capPercent) / 100);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <span id="results-unit">考核单位</span>
        <OrgUnitTreeSelect aria-label="考核单位" value={org || null} onChange={(v) => set('org', v)} />
        <Radio.Group
          aria-label="考核类型"
          optionType="button"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as PeriodKind);
            set('period', undefined);
          }}
          options={(Object.keys(PERIOD_KINDS) as PeriodKind[]).map((k) => ({
            value: k,
            label: PERIOD_KINDS[k].label,
          }))}
        />
        <DatePicker
          aria-label="考核期间"
          picker={kind}
          format={PERIOD_KINDS[kind].shown}
          placeholder={kind === 'year' ? '选择年度' : '选择月份'}
          value={period ? dayjs(period, PERIOD_KINDS[kind].api) : null}
          onChange={(d: Dayjs | null) => set('period', d ? d.format(PERIOD_KINDS[kind].api) : undefined)}
          disabledDate={(d) => d.format(PERIOD_KINDS[kind].api) > PERIOD_KINDS[kind].latest(beijingToday())}
          style={{ width: 160 }}
        />
      </Space>
      {!org || !period ? (
        <Empty description="请选择考核单位（社区，网格与所在社区一起排名）和考核期间" />
      ) : results.isError ? (
        <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
      ) : (
        <>
          <Row gutter={16}>
            {GRADES.map((g) => (
              <Col span={6} key={g}>
                <Card size="small">
                  <Statistic
                    title={`${label('evaluationGrade', g)}（${items.length ? Math.round((100 * count(g)) / items.length) : 0}%）`}
                    value={count(g)}
                    suffix="人"
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Alert
            type={count('excellent') <= cap ? 'info' : 'warning'}
            showIcon
            message={`优秀 ${count('excellent')} 人，上限 ${cap} 人（本单位 ${items.length} 人 × ${capPercent}%，向下取整）；超出上限者按排名降为称职`}
          />
          <Table<Result>
            size="small"
            rowKey="workerId"
            loading={results.isFetching}
            dataSource={items}
            pagination={false}
            // Nine columns: on a phone the table scrolls sideways inside its card instead of squeezing.
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '该单位该期间尚无考核结果' }}
            columns={[
              { title: '名次', dataIndex: 'rank', width: 60 },
              { title: '姓名', dataIndex: 'workerName' },
              { title: '所在单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
              { title: '居民测评', key: 'poll', render: (_, r) => r.components.poll },
              { title: '部门评价', key: 'departments', render: (_, r) => r.components.departments },
              { title: '履职', key: 'duty', render: (_, r) => r.components.duty },
              { title: '工单', key: 'workOrders', render: (_, r) => r.components.workOrders },
              { title: '总分', dataIndex: 'total' },
              {
                title: '等次',
                key: 'grade',
                render: (_, r) => (
                  <Space size={4}>
                    <StatusTag
                      tone={
                        r.grade === 'excellent'
                          ? 'success'
                          : r.grade === 'failed'
                            ? 'error'
                            : r.grade === 'basic'
                              ? 'warning'
                              : 'default'
                      }
                    >
                      {label('evaluationGrade', r.grade)}
                    </StatusTag>
                    {r.cappedFromExcellent ? (
                      <Typography.Text type="secondary">（受优秀比例限制）</Typography.Text>
                    ) : null}
                    {r.satisfactionFailed ? (
                      <Typography.Text type="danger">满意度未达标</Typography.Text>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}

function ProposalsTab() {
  const org = useSession()?.org ?? '';
  const client = useQueryClient();
  const [acting, setActing] = useState<{ proposal: ExitProposal; action: 'confirm' | 'dismiss' } | null>(
    null,
  );
  // A year with many failures has more proposals than one page: page by the API's cursor.
  const pages = useCursorPages();
  const proposals = useQuery({
    queryKey: ['exit-proposals', org, pages.cursor ?? ''],
    queryFn: () =>
      data(
        api.GET('/v1/exit-proposals', {
          params: {
            query: { org, status: 'pending', limit: 50, ...(pages.cursor ? { cursor: pages.cursor } : {}) },
          },
        }),
      ),
  });
  return (
    <>
      {proposals.isError ? (
        <ErrorAlert error={proposals.error} onRetry={() => void proposals.refetch()} />
      ) : null}
      <Table<ExitProposal>
        size="small"
        rowKey="id"
        loading={proposals.isPending}
        dataSource={proposals.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '没有待处理的清退建议' }}
        columns={[
          { title: '姓名', dataIndex: 'workerName' },
          { title: '所在单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
          { title: '考核年度', dataIndex: 'year' },
          { title: '原因', dataIndex: 'reason', render: (r: string) => label('exitProposalReason', r) },
          { title: '等次', dataIndex: 'grade', render: (g: string) => label('evaluationGrade', g) },
          {
            title: '处理',
            key: 'actions',
            render: (_, p) => (
              <Space>
                <Button danger size="small" onClick={() => setActing({ proposal: p, action: 'confirm' })}>
                  确认清退
                </Button>
                <Button size="small" onClick={() => setActing({ proposal: p, action: 'dismiss' })}>
                  不予清退
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {pages.pageNumber > 1 || proposals.data?.cursor ? (
        <CursorPager pages={pages} nextCursor={proposals.data?.cursor} />
      ) : null}
      {acting ? (
        <DecideProposal
          {...acting}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            void client.invalidateQueries({ queryKey: ['exit-proposals'] });
          }}
        />
      ) : null}
    </>
  );
}

function DecideProposal({
  proposal,
  action,
  onClose,
  onDone,
}: {
  proposal: ExitProposal;
  action: 'confirm' | 'dismiss';
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: (v: { effectiveOn?: Dayjs; evidence?: string; reason?: string }) =>
      action === 'confirm'
        ? data(
            api.POST('/v1/exit-proposals/{id}/confirm', {
              params: { path: { id: proposal.id } },
              body: {
                effectiveOn: v.effectiveOn!.format('YYYY-MM-DD'),
                ...(v.evidence ? { evidence: v.evidence } : {}),
              },
            }),
          )
        : data(
            api.POST('/v1/exit-proposals/{id}/dismiss', {
              params: { path: { id: proposal.id } },
              body: { reason: v.reason! },
            }),
          ),
    onSuccess: onDone,
    onError: (e) => setProblem(applyServerErrors(form, e)?.title ?? null),
  });
  return (
    <Modal
      open
      title={`${action === 'confirm' ? '确认清退' : '不予清退'}：${proposal.workerName}`}
      okText="提交"
      cancelText="取消"
      okButtonProps={{ danger: action === 'confirm' }}
      confirmLoading={decide.isPending}
      onCancel={onClose}
      onOk={() => whenValid(form, (v) => decide.mutate(v))}
    >
      <Typography.Paragraph>{proposal.note}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        {action === 'confirm' ? (
          <>
            <Form.Item
              name="effectiveOn"
              label="离职日期"
              rules={[{ required: true, message: '请选择离职日期' }]}
            >
              <DatePicker style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="evidence" label="依据说明">
              <Input.TextArea rows={2} placeholder="默认使用考核结果说明" />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="reason" label="不予清退的理由" rules={[{ required: true, message: '请填写理由' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
      </Form>
      {problem ? <Alert type="error" showIcon message={problem} /> : null}
    </Modal>
  );
}
