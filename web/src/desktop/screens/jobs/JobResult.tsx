import { Typography } from 'antd';
import type { JobRun } from './jobs.ts';

type Counts = Record<string, unknown>;

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

interface Failure {
  message?: unknown;
}

/** The failure entries a result carries ({ code, message } in Chinese), as plain sentences. */
function failureMessages(list: unknown): string[] {
  return Array.isArray(list)
    ? list.map((f: Failure) => (typeof f?.message === 'string' ? f.message : '')).filter(Boolean)
    : [];
}

/** The run's own summary (the job's counts) in Chinese. */
export function resultSummary(job: string, result: unknown): { text: string; failures: string[] } | null {
  if (!result || typeof result !== 'object') return null;
  const r = result as Counts;
  switch (job) {
    case 'contract-reminders':
      return {
        text: `即将到期合同 ${num(r.due)} 份，新生成提醒 ${num(r.created)} 条，已有提醒 ${num(r.existing)} 条`,
        failures: [],
      };
    case 'stats-snapshot':
      return {
        text: `单位 ${num(r.units)} 个，新保存快照 ${num(r.written)} 个，已有快照 ${num(r.alreadyTaken)} 个`,
        failures: [],
      };
    case 'grade-step':
      return {
        text: `核查 ${num(r.examined)} 人，晋档 ${num(r.stepped)} 人，档次未变 ${num(r.unchanged)} 人，跳过 ${num(r.skipped)} 人${num(r.failed) ? `，失败 ${num(r.failed)} 人` : ''}`,
        failures: failureMessages(r.failures),
      };
    case 'evaluation-monthly':
    case 'evaluation-annual': {
      const runs = Array.isArray(r.runs) ? (r.runs as Counts[]) : [];
      const started = runs.filter((x) => x.action === 'started').length;
      const resumed = runs.length - started;
      const units = runs.reduce((sum, x) => sum + num(x.unitsTotal), 0);
      const parts = [
        started ? '已发起考核' : null,
        resumed ? '已继续未完成的考核' : null,
        runs.length ? `共 ${units} 个单位` : '未发起考核',
      ].filter(Boolean);
      return { text: parts.join('，'), failures: failureMessages(r.failedCities) };
    }
    default:
      return null;
  }
}

/** 结果 column: the summary of a finished run, the reason of a failed one. */
export function JobResult({ run }: { run: JobRun }) {
  if (run.status === 'failed')
    return <Typography.Text type="danger">{run.error ?? '运行失败'}</Typography.Text>;
  if (run.status === 'running') return <Typography.Text type="secondary">运行中…</Typography.Text>;
  const summary = resultSummary(run.job, run.result);
  if (!summary) return <>—</>;
  return (
    <div style={{ maxWidth: 420, whiteSpace: 'normal' }}>
      <span>{summary.text}</span>
      {summary.failures.map((f) => (
        <div key={f}>
          <Typography.Text type="danger">{f}</Typography.Text>
        </div>
      ))}
    </div>
  );
}
