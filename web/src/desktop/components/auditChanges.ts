import type { components } from '../../api/schema.ts';
import { isLabelOf, LABELS, label, policyVersionName } from '../../lib/labels.ts';
import { chineseDate } from '../../lib/dates.ts';
import { fenToYuan } from '../../lib/money.ts';
import { auditActionName } from '../../../../shared/domain/vocabulary.ts';

type AuditEntry = components['schemas']['AuditEntry'];

/**
 * How an audit entry reads in Chinese: field and action names, values as HR reads them, and the
 * fields that changed between before and after (the trail's rows). Pure, so it is unit-tested.
 */

/**
 * Chinese names of the fields that appear in audit before/after documents, in the order an entry
 * lists them (a person's name and particulars first, as on a 登记表).
 */
const FIELD_NAMES: Record<string, string> = {
  name: '姓名',
  nationalId: '身份证号',
  sex: '性别',
  birthDate: '出生日期',
  education: '学历',
  isPartyMember: '中共党员',
  org: '所在单位',
  orgSince: '调入本单位日期',
  status: '状态',
  post: '岗位',
  grade: '等级',
  channel: '进入方式',
  hiredOn: '入职日期',
  exit: '离职信息',
  situation: '退出情形',
  effectiveOn: '生效日期',
  evidence: '依据',
  recordedAt: '记录时间',
  code: '代码',
  level: '层级',
  parentId: '上级单位',
  urbanPopulation: '城镇常住人口',
  approvedQuota: '核定编制',
  quota: '编制数',
  used: '在编人数',
  available: '空余编制',
  holdsQuota: '单独核定编制',
  allowOverQuota: '允许超编',
  overQuotaBy: '超编人数',
  version: '版本',
  mentorIds: '带教导师',
  certificates: '职业资格证书',
  probation: '试用期',
  probationEndsOn: '试用期满日期',
  contractEndsOn: '合同到期日期',
  reason: '原因',
  note: '备注',
  result: '结果',
  withdrawn: '撤回',
  annualGrades: '年度考核等次',
  committeeRoles: '两委职务',
  gradeSince: '等级起始日期',
  updatedAt: '更新时间',
  createdAt: '创建时间',
  effectiveFrom: '生效日期',
  document: '政策内容',
  id: '编号',
  source: '来源',
  step: '晋档进度',
  quotaPolicyVersion: '编制政策版本',
  payPolicyVersion: '薪酬政策版本',
  transferBatchId: '调入批次',
  previousMonthlyPayFen: '原月工资',
  mappedMonthlyPayFen: '套改后月工资',
  consecutiveExcellent: '连续优秀年数',
  earlyStepsTaken: '已提前晋档次数',
  yearsCountedInGrade: '本级已计年数',
};

export const fieldName = (field: string) => FIELD_NAMES[field] ?? field;
const FIELD_ORDER = new Map(Object.keys(FIELD_NAMES).map((field, i) => [field, i]));
const fieldOrder = (field: string) => FIELD_ORDER.get(field) ?? FIELD_ORDER.size;
export const actionName = auditActionName;

const VALUE_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  education: LABELS.education,
  sex: { male: '男', female: '女' },
};

/**
 * A value as HR reads it. `label_` is the Chinese name the API put beside a code (`channelLabel`
 * beside `channel`, from the domain's vocabulary), shown for codes this screen has no table for.
 */
function show(value: unknown, field?: string, label_?: unknown): string {
  if (value === null || value === undefined) return '—';
  if (field?.endsWith('Fen') && typeof value === 'number') return `¥${fenToYuan(value)}`;
  if (field && typeof value === 'string' && VALUE_NAMES[field]?.[value]) return VALUE_NAMES[field][value]!;
  if (field === 'post' && typeof value === 'string') return label('post', value);
  if (field === 'status' && typeof value === 'string') return label('workerStatus', value);
  if (field === 'level' && typeof value === 'string') return label('orgLevel', value);
  if (field?.endsWith('PolicyVersion') && typeof value === 'string') return policyVersionName(value);
  if (typeof label_ === 'string' && typeof value === 'string') return label_;
  if (typeof value === 'boolean') return value ? '是' : '否';
  // Business dates as the rest of the console writes them (2026年3月2日).
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return chineseDate(value);
  if (typeof value === 'object') {
    if (Array.isArray(value)) return value.length === 0 ? '（无）' : value.map((v) => show(v)).join('、');
    const holder = value as Record<string, unknown>;
    return Object.entries(holder)
      .filter(([k]) => !isLabelOf(k, holder))
      .map(([k, v]) => `${fieldName(k)}：${show(v, k, holder[`${k}Label`])}`)
      .join('；');
  }
  return String(value);
}

/** The fields that differ between before and after, with Chinese names. */
export function changedFields(before: AuditEntry['before'], after: AuditEntry['after'], entity = '') {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const empty = (v: unknown) =>
    v == null ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && Object.keys(v as object).length === 0);
  // An update may record only what it changed after (a quota cut: the quota, not the unit's level):
  // a field the after document leaves out did not change, so it is not listed as cleared.
  const partialAfter = before != null && after != null && typeof after === 'object';
  const keys = [...new Set([...(partialAfter ? [] : Object.keys(b)), ...Object.keys(a)])].filter(
    (k) =>
      !['id', 'version', 'updatedAt', 'createdAt'].includes(k) &&
      !isLabelOf(k, b, a) &&
      !(empty(b[k]) && empty(a[k])) &&
      JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  keys.sort((x, y) => fieldOrder(x) - fieldOrder(y));
  const nameOf = (k: string) => (k === 'name' && !entity.startsWith('worker:') ? '名称' : fieldName(k));
  return keys.map((k) => ({
    field: k,
    name: nameOf(k),
    before: show(b[k], k, b[`${k}Label`]),
    after: show(a[k], k, a[`${k}Label`]),
    // Org unit ids, which the screen shows by name.
    ...(ORG_FIELDS.has(k) ? { orgBefore: orgId(b[k]), orgAfter: orgId(a[k]) } : {}),
  }));
}

const ORG_FIELDS = new Set(['org', 'parentId']);
const orgId = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
