import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, data } from '../../../api/client.ts';
import { ApiError } from '../../../api/errors.ts';
import { useSession } from '../../../auth/auth.tsx';
import { jobRunStatusNames, jobTriggerNames } from '../../../../../shared/domain/vocabulary.ts';
import { DateTimeText } from '../../components/cells.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { JobResult, resultSummary } from './JobResult.tsx';
import { chinesePeriod } from '../../../lib/dates.ts';
import { JOBS, type JobInfo, type JobRun } from './jobs.ts';
import { RunJobDialog } from './RunJobDialog.tsx';

const STATUS_TONE: Record<JobRun['status'], Tone> = {
  running: 'processing',
  done: 'success',
  failed: 'error',
};

/** The token's `sub` (who the API records as `by` for the caller's own runs). */
function subOf(token: string | undefined): string | undefined {
  try {
    const part = token?.split('.')[1];
    if (!part) return undefined;
    const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

/** Who started a run: the schedule, the signed-in officer, or another (city) HR officer. */
function byText(run: JobRun, me: string | undefined): string {
  if (run.trigger === 'schedule' || run.trigger === 'catch-up' || run.by.startsWith('scheduler:'))
    return '系统（定时计划）';
  if (me && run.by === me) return '本人';
  const account = /^account:(.+)$/.exec(run.by)?.[1];
  return account ? `人事干部 ${account}` : '市级人事干部';
}

/** 定时任务: each scheduled job's recorded runs, and 补跑 for a period the schedule missed. */
export default function JobsScreen() {
  const [params, setParams] = useSearchParams();
  const current = JOBS.find((j) => j.name === params.get('job')) ?? JOBS[0]!;
  return (
    <>
      <PageHeader
        title="定时任务"
        crumbs={[{ title: '定时任务' }]}
        subtitle="系统按计划自动运行的任务及其运行记录；错过的期间可由市级人事干部补跑"
      />
      <Card>
        <Tabs
          activeKey={current.name}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            next.set('job', key);
            setParams(next, { replace: true });
          }}
          items={JOBS.map((job) => ({ key: job.name, label: job.title, children: <JobRuns job={job} /> }))}
        />
      </Card>
    </>
  );
}

function JobRuns({ job }: { job: JobInfo }) {
  const session = useSession();
  const me = subOf(session?.token);
  const client = useQueryClient();
  const { message } = App.useApp();
  const [running, setRunning] = useState(false);
  const runs = useQuery({
    queryKey: ['job-runs', job.name],
    queryFn: () => data(api.GET('/v1/jobs/{name}/runs', { params: { path: { name: job.name } } })),
    retry: (count, e) => !(e instanceof ApiError && e.status < 500) && count < 2,
  });
  const forbidden = runs.error instanceof ApiError && runs.error.status === 403;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Text type="secondary">{job.about}</Typography.Text>
        {forbidden ? null : (
          <Button type="primary" onClick={() => setRunning(true)}>
            补跑
          </Button>
        )}
      </Flex>
      {forbidden ? (
        <Alert
          type="info"
          showIcon
          message="定时任务的运行记录和补跑仅限市级人事干部"
          description="区、街道、社区的人事干部无权查看或补跑；如需补跑，请联系市级人事部门。"
        />
      ) : runs.isError ? (
        <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} />
      ) : (
        <Table<JobRun>
          size="small"
          rowKey={(r) => `${r.period}|${r.scope}`}
          scroll={{ x: 'max-content' }}
          loading={runs.isPending}
          dataSource={runs.data?.items ?? []}
          pagination={(runs.data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          locale={{ emptyText: `${job.title}尚无运行记录` }}
          columns={[
            { title: '期间', dataIndex: 'period', render: (p: string) => chinesePeriod(p) },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: JobRun['status'], r) => (
                <StatusTag tone={STATUS_TONE[s]}>{r.statusLabel ?? jobRunStatusNames[s] ?? s}</StatusTag>
              ),
            },
            {
              title: '发起方式',
              dataIndex: 'trigger',
              render: (t: JobRun['trigger'], r) => r.triggerLabel ?? jobTriggerNames[t] ?? t,
            },
            { title: '发起人', key: 'by', render: (_, r) => byText(r, me) },
            {
              title: '范围',
              dataIndex: 'scope',
              render: (s: string) => (s === 'all' ? '全部城市' : <OrgName id={s} />),
            },
            { title: '开始时间', dataIndex: 'startedAt', render: (v: string) => <DateTimeText value={v} /> },
            {
              title: '结束时间',
              dataIndex: 'finishedAt',
              render: (v: string | null) => <DateTimeText value={v} />,
            },
            { title: '结果', key: 'result', render: (_, r) => <JobResult run={r} /> },
          ]}
        />
      )}
      {running ? (
        <RunJobDialog
          job={job}
          onClose={() => setRunning(false)}
          onDone={(run) => {
            setRunning(false);
            const summary = resultSummary(run.job, run.result);
            message.success(
              `${job.title}（${chinesePeriod(run.period)}）已补跑完成${summary ? `：${summary.text}` : ''}`,
            );
            void client.invalidateQueries({ queryKey: ['job-runs', job.name] });
          }}
        />
      ) : null}
    </Flex>
  );
}
