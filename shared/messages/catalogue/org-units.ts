import { type CatalogueEntry, quotaShortfallEn, quotaShortfallZh, quotaShortfalls } from './texts.ts';

/** Org units, policies, quotas. */
export const orgUnitMessages = {
  // ---- org units, policies, quotas
  ORG_UNIT_EXISTS: { zh: '该单位已存在', en: 'The org unit already exists' },
  INVALID_ORG_ID: { zh: '单位编号格式有误（应为以 / 分隔的路径，如 qth/xinxing）', en: 'Not an org path' },
  INVALID_HIERARCHY: {
    zh: '单位层级不正确：市 → 县（区）→ 街道 → 社区 → 网格',
    en: 'The org unit does not fit under this parent',
  },
  INVALID_QUOTA_INPUT: { zh: '员额核定数须为非负整数', en: 'Quota inputs must be non-negative integers' },
  QUOTA_BELOW_HEADCOUNT: {
    zh: '核定员额不能低于现有在岗人数',
    en: 'The quota would fall below the current headcount',
  },
  QUOTA_EXCEEDED: {
    zh: (d) => quotaShortfalls(d).map(quotaShortfallZh).join('；') || '超出员额：单位已无空余名额',
    en: (d) => quotaShortfalls(d).map(quotaShortfallEn).join('; ') || 'No free seat left in the quota',
  },
  BATCH_IN_PROGRESS: {
    zh: '该批次正在由其他进程写入，请在其租约到期后重试',
    en: 'The batch is being written by a live process; retry after its lease expires',
  },
  BATCH_TAKEN_OVER: {
    zh: '该批次已被其他进程接管，请查看批次结果',
    en: 'Another process took this batch over; read the batch for its outcome',
  },
  STEP_FAILED: {
    zh: '批次中的一步无法完成，已整体回滚',
    en: 'A step of the batch failed; it was rolled back',
  },
  ROLLED_BACK_ON_REQUEST: { zh: '批次已按要求回滚', en: 'The batch was rolled back on request' },
  COUNTER_MOVED: {
    zh: '计数在检查后已变化，未修复，请重新检查',
    en: 'The counter changed since the check; left alone, run the check again',
  },
  NOT_A_PERIOD_JOB: {
    zh: '该任务不按期间运行，按计划自动执行',
    en: 'This job covers no period; it runs on its schedule',
  },
  POLICY_BACKDATED: {
    zh: '政策不能追溯生效（生效日期不能早于今天）',
    en: "A policy can't start in the past",
  },
  POLICY_IN_EFFECT: {
    zh: '该政策版本已生效，不能修改；请以更晚的生效日期发布新版本',
    en: 'This policy version is in effect; supersede it with a later effectiveFrom',
  },
} satisfies Record<string, CatalogueEntry>;
