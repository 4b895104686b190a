import type { components } from '../../../api/schema.ts';
import { jobNames } from '../../../../../shared/domain/vocabulary.ts';
import { lastEndedMonth, lastEndedYear } from '../../../lib/dates.ts';

export type JobRun = components['schemas']['JobRun'];

/** The period a job runs for: a month, a year or a day. */
export type PeriodKind = 'month' | 'year' | 'date';

export interface JobInfo {
  name: keyof typeof jobNames;
  /** The domain's name of the job (the API's `jobLabel`). */
  title: string;
  /** What it does and when the schedule runs it (one line). */
  about: string;
  kind: PeriodKind;
  /** The latest period it may be run for today (Beijing): `YYYY-MM`, `YYYY` or `YYYY-MM-DD`. */
  latest: (today: string) => string;
}

/** The scheduled jobs a city's HR may run for a past period (`POST /v1/jobs/{name}/runs`). */
export const JOBS: readonly JobInfo[] = [
  {
    name: 'evaluation-monthly',
    title: jobNames['evaluation-monthly'],
    about: '每月1日自动为上月发起月度考核；可补跑已结束的月份',
    kind: 'month',
    latest: lastEndedMonth,
  },
  {
    name: 'evaluation-annual',
    title: jobNames['evaluation-annual'],
    about: '每年1月1日自动为上一年度发起年度考核；可补跑已结束的年度',
    kind: 'year',
    latest: lastEndedYear,
  },
  {
    name: 'grade-step',
    title: jobNames['grade-step'],
    about: '每年1月1日按考核结果为在岗人员晋升薪级档次；可补跑本年度及以前年度',
    kind: 'year',
    latest: (today) => today.slice(0, 4),
  },
  {
    name: 'stats-snapshot',
    title: jobNames['stats-snapshot'],
    about: '每年1月1日保存上一年度末的人员统计数据；可补跑已结束的年度',
    kind: 'year',
    latest: lastEndedYear,
  },
  {
    name: 'contract-reminders',
    title: jobNames['contract-reminders'],
    about: '每日为即将到期的合同生成续签提醒；可补跑今天及以前的日期',
    kind: 'date',
    latest: (today) => today,
  },
];

export const jobInfo = (name: string) => JOBS.find((j) => j.name === name);
