import { type CatalogueEntry, day } from './texts.ts';

/** Evaluation. */
export const evaluationMessages = {
  // ---- evaluation
  INVALID_PERIOD: {
    zh: '期间格式有误（月度 YYYY-MM，年度 YYYY；按日运行的任务为 YYYY-MM-DD）',
    en: 'Not a period',
  },
  INVALID_SCORE: { zh: '分数须在 0–100 之间', en: 'score out of 0–100' },
  INVALID_EVALUATION_INPUTS: { zh: '考核数据有误', en: 'Invalid evaluation inputs' },
  PERIOD_NOT_ENDED: { zh: '考核期间尚未结束，期满次日起方可考核', en: 'The period has not ended yet' },
  EVALUATION_RUN_IN_PROGRESS: {
    zh: '该期考核任务尚未完成，请续跑或等待其完成',
    en: (d) =>
      d?.runId
        ? `Run ${d.runId}${d.org ? ` of ${d.org}` : ''} for ${d.period ?? 'this period'} has not finished yet`
        : 'A run for this period has not finished',
  },
  EVALUATION_UNIT_FAILED: {
    zh: '该单位计算时发生系统内部错误（已记录日志），将自动重试，也可续跑考核任务',
    en: 'Scoring this unit failed on an internal error (logged); it is retried, or resume the run',
  },
  GRID_RANKED_WITH_COMMUNITY: {
    zh: '网格人员随所在社区一并排名，请对社区运行考核',
    en: 'Grid workers are ranked with their community',
  },
  RUN_NOT_RUNNING: { zh: '该考核任务已不在运行', en: 'The run is no longer running' },
  UNIT_ALREADY_SCORED: { zh: '该单位已完成考核', en: 'The unit is already done' },

  EVENT_TOO_LARGE_TO_EDIT: {
    zh: '该培训签到人数过多，无法一次更正',
    en: 'The event has too many attendances to correct in one step',
  },
  ATTENDEES_NOT_ON_DUTY: {
    zh: '有签到人员在培训日期不在岗',
    en: 'Some attendees were not on duty on the event date',
  },
  JOB_ALREADY_RUN: { zh: '该任务在此期间已运行', en: 'The job has already run for this period' },
  JOB_FAILED: {
    zh: '任务运行失败（系统内部错误，已记录日志），可再次运行该期间',
    en: 'The job failed on an internal error (logged); run the period again',
  },
  SCHEDULED_EVALUATION_FAILED: {
    zh: (d) =>
      `各市的定期考核均未能启动${Array.isArray(d?.failed) ? `（${d.failed.length} 个市）` : ''}，计划任务将重试`,
    en: 'The scheduled evaluation failed in every city; the schedule retries',
  },
  CLOCK_MOVED_BACK: { zh: '业务时钟只能向前调整', en: 'The business clock only moves forward' },

  ACCOUNTS_IN_IDENTITY_PROVIDER: {
    zh: '登录账号由统一身份认证平台管理，请在该平台开通或停用',
    en: 'Sign-in accounts live in the external identity provider; create or disable them there',
  },
  ACCOUNT_EXISTS: { zh: '该人员已有登录账号', en: 'This account already exists' },
  ACCOUNT_EMAIL_TAKEN: {
    zh: (d) => `邮箱 ${d?.email ?? ''} 已用于其他登录账号`,
    en: 'The e-mail already signs in to another account',
  },
  NOT_A_MENTOR: { zh: '该人员不是导师，不能开通导师账号', en: 'The worker is not a designated mentor' },
  ACCOUNT_FOLLOWS_WORKER: {
    zh: '社区工作者和导师的登录账号随人员离职、调动自动变更，请办理人员离职或调动',
    en: "A worker's or mentor's account follows the worker: exit or move the worker instead",
  },
  ACCOUNT_ALREADY_DISABLED: { zh: '该登录账号已停用', en: 'The account is already disabled' },
  ACCOUNT_NOT_DISABLED: { zh: '该登录账号未停用，无需启用', en: 'The account is enabled' },
  ALREADY_IN_UNIT: { zh: '该人员已在该单位', en: 'The worker already serves in this unit' },
  MOVE_TARGET_LEVEL: { zh: '社区工作者只能调动到社区或网格', en: 'Workers serve in a community or a grid' },
  PROBATION_NOT_OVER: { zh: '试用期尚未届满', en: 'The probation is not over yet' },
  NO_PROBATION: { zh: '该人员没有试用期（如转任人员）', en: 'This worker serves no probation' },
  PROBATION_DECIDED: {
    zh: (d) =>
      `该人员的试用期已${d?.status === 'confirmed' ? '转正' : d?.status === 'failed' ? '判定不合格' : '处理'}${d?.decidedOn ? `（${day(d.decidedOn)}）` : ''}`,
    en: 'The probation was already decided',
  },
  EXTENSION_TOO_LONG: {
    zh: (d) =>
      typeof d?.maxExtensionMonths === 'number' && typeof d?.extendedMonths === 'number'
        ? `试用期累计最多延长 ${d.maxExtensionMonths} 个月，已延长 ${d.extendedMonths} 个月，本次最多可延长 ${Math.max(0, d.maxExtensionMonths - d.extendedMonths)} 个月`
        : '试用期延长超过政策允许的上限',
    en: 'The probation extension exceeds the policy limit',
  },
  WORKER_EXITED: { zh: '该人员已退出', en: 'The worker has exited' },
  RENEWAL_TOO_EARLY: {
    zh: (d) =>
      d?.renewableFrom
        ? `合同${day(d.endsOn)}到期，${day(d.renewableFrom)}起方可办理续签`
        : '合同尚未进入续签办理期',
    en: 'The contract is not yet due for renewal',
  },
  PERIOD_NOT_STARTED: { zh: '该期间尚未开始，任务不能提前运行', en: 'The period has not begun yet' },
  REMINDER_EXISTS: { zh: '该合同期已有到期提醒', en: 'This contract term already has a reminder' },
  REMINDER_DISMISSED: { zh: '该提醒已处理', en: 'This reminder was already dismissed' },
} satisfies Record<string, CatalogueEntry>;
