import { chineseDate } from '#shared/domain/chinese-dates.ts';
// biome-ignore lint/suspicious/noExplicitAny: details are free-form JSON
export type Details = any;
export type Text = string | ((d: Details) => string);
export interface CatalogueEntry {
  zh: Text;
  en: Text;
}

/** Helpers the catalogue's texts use to read an error's details. */
export const rows = (d: Details) => (Array.isArray(d) ? new Set(d.map((x) => x?.row ?? x)).size : 0);
export const names = (list: unknown) => (Array.isArray(list) ? list.join('、') : '');
/** A day of the details (YYYY-MM-DD) as Chinese text writes it: 2026年3月2日; anything else as it is. */
export const day = (value: unknown): string =>
  typeof value === 'string' ? chineseDate(value) : String(value ?? '');

export const NOUNS: Record<string, string> = {
  account: '登录账号',
  attendance: '签到记录',
  auditedentity: '审计对象',
  batch: '批次',
  candidate: '候选人',
  contractreminder: '合同到期提醒',
  evaluationrun: '考核任务',
  exitproposal: '退出建议',
  honourcycle: '评优周期',
  job: '任务',
  mentor: '导师',
  mentorship: '师徒结对',
  nomination: '推荐',
  orgunit: '单位',
  policykind: '政策类型',
  recruitment: '招聘',
  reservepoolentry: '后备力量人选',
  trainingevent: '培训',
  transfer: '转任批次',
  onboarding: '存量导入批次',
  worker: '社区工作者',
};

/** QUOTA_EXCEEDED's details: one full unit (a hire, a move) or a list of them (a batch). */
interface QuotaShortfall {
  name?: string;
  quota?: number | null;
  used?: number;
  requested?: number;
}
export const quotaShortfalls = (d: Details): QuotaShortfall[] =>
  (Array.isArray(d) ? d : d ? [d] : []).filter((x) => x && typeof x === 'object' && 'quota' in x);
/** 红旗社区编制已满（核定 20，在编 20）; 红旗社区编制不足（核定 20，在编 19，本次需 3 个）. */
export function quotaShortfallZh({ name, quota, used, requested = 1 }: QuotaShortfall): string {
  const figures = [`核定 ${quota ?? '—'}`, ...(used === undefined ? [] : [`在编 ${used}`])];
  return requested > 1
    ? `${name ?? '该单位'}编制不足（${figures.join('，')}，本次需 ${requested} 个）`
    : `${name ?? '该单位'}编制已满（${figures.join('，')}）`;
}
export function quotaShortfallEn({ name, quota, used, requested = 1 }: QuotaShortfall): string {
  const figures = [`quota ${quota ?? '—'}`, ...(used === undefined ? [] : [`${used} in post`])];
  return `${name ?? 'The unit'} has no room${requested > 1 ? ` for ${requested} more` : ''} (${figures.join(', ')})`;
}
