import type { components } from '../../api/schema.ts';
import { isLabelOf, LABELS, label, policyVersionName } from '../../lib/labels.ts';
import { beijingTime, chineseDate } from '../../lib/dates.ts';
import { fenToYuan } from '../../lib/money.ts';
import {
  accountStatusNames,
  auditActionName,
  certificateLevelNames,
  committeeRoleNames,
  criterionNames,
  departmentNames,
  evaluationGradeNames,
  gradeChangeReasonNames,
  honourTypeNames,
  jobNames,
  jobTriggerNames,
  kindNames,
  orgLevelNames,
  otherReasonNames,
  recruitmentStageNames,
  reviewDecisionNames,
  sessionModeNames,
  stepReasonNames,
  workerStatusNames,
} from '../../../../shared/domain/vocabulary.ts';
import { POLICY_FIELDS, policyValueName } from '../screens/policies/policyLabels.ts';

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
  lastStepYear: '最近处理的晋档年度',
  year: '年度',
  certificate: '职业资格证书',
  number: '编号',
  issuedOn: '发证日期',
  registeredOn: '登记日期',
  email: '邮箱',
  username: '用户名',
  role: '角色',
  department: '部门',
  directory: '账号来源',
  disabledReason: '停用原因',
  // Evaluation runs and exit proposals.
  period: '考核期间',
  kind: '类型',
  trigger: '发起方式',
  unitsTotal: '单位数',
  workersScored: '已评分人数',
  grades: '各等次人数',
  annualGradesSet: '年度考核等次',
  exitProposals: '清退建议数',
  policyVersion: '政策版本',
  policy: '政策',
  // Transfers and batches.
  count: '人数',
  persons: '人员',
  row: '行号',
  previousPayFen: '原月工资',
  payFen: '月工资',
  // Recruitments.
  title: '标题',
  places: '招聘名额',
  startingGrade: '起始等级',
  stage: '阶段',
  stageChangedAt: '阶段变更时间',
  openedOn: '发布日期',
  ageReferenceDate: '年龄计算基准日',
  candidateCount: '报名人数',
  eligibleCount: '资格审查通过人数',
  hiredCount: '已录用人数',
  candidateId: '考生编号',
  eligibility: '资格审查',
  eligible: '符合条件',
  failed: '未通过项',
  reasons: '说明',
  checkedOn: '审查日期',
  decision: '意见',
  shortlist: '入围面试考生',
  selected: '拟录用考生',
  noticeStartsOn: '公示开始日期',
  noticeEndsOn: '公示结束日期',
  closedReason: '结束原因',
  // Honours.
  honourType: '表彰类型',
  evaluationYears: '参考考核年度',
  quotas: '名额',
  seats: '名额数',
  quotaOrg: '名额所属单位',
  cycleId: '评优编号',
  workerId: '人员编号',
  workerName: '姓名',
  nominatedAt: '提名时间',
  nominatedBy: '提名人',
  createdBy: '创建人',
  recordedBy: '登记人',
  awarded: '是否当选',
  // Training and mentoring.
  attendees: '参训人员',
  part: '批次',
  hours: '学时',
  date: '日期',
  minutes: '时长（分钟）',
  mode: '方式',
  notes: '内容',
  mentorId: '导师',
  mentorOrg: '导师所在单位',
  menteeId: '学员',
  menteeOrg: '学员所在单位',
  mentorshipId: '结对编号',
  startDate: '开始日期',
  endDate: '结束日期',
  months: '期限（月）',
  sessions: '带教次数',
  sessionMinutes: '带教时长（分钟）',
  designatedOn: '确定为导师日期',
  activeMentees: '在带学员数',
  totalMentees: '累计学员数',
};

/** Names a field takes inside another (a certificate's 等级 is not an org unit's 层级). */
const NESTED_FIELD_NAMES: Record<string, Record<string, string>> = {
  certificate: { level: '证书等级', number: '证书编号' },
  certificates: { level: '证书等级', number: '证书编号' },
  grades: evaluationGradeNames,
  reasons: criterionNames,
  thresholds: { grade: '等次' },
};

/** A field's Chinese name; a policy document's rules (a version's audit entry) by the 政策 screen's names. */
export const fieldName = (field: string, within?: string) =>
  (within ? NESTED_FIELD_NAMES[within]?.[field] : undefined) ??
  FIELD_NAMES[field] ??
  POLICY_FIELDS[field] ??
  field;
const FIELD_ORDER = new Map(Object.keys(FIELD_NAMES).map((field, i) => [field, i]));
const fieldOrder = (field: string) => FIELD_ORDER.get(field) ?? FIELD_ORDER.size;
export const actionName = auditActionName;

/** The system's own actors beside the scheduled jobs (`systemContext` names them). */
const SYSTEM_ACTOR_NAMES: Record<string, string> = {
  ...jobNames,
  evaluation: '考核计算',
  'evaluation-worker': '考核计算',
  'evaluation-scheduler': '考核调度',
  'account-sync': '账号同步',
};

/**
 * A scheduled job's change (actor `job:<name>` or `job:scheduler:<name>`, see `systemContext`) is the
 * system's, by the job's name; undefined for a person, whom the screen names by role and unit.
 */
export function systemActorName(sub: string): string | undefined {
  if (!sub.startsWith('job:')) return undefined;
  const job = sub.slice('job:'.length).replace(/^scheduler:/, '');
  return `系统定时任务（${SYSTEM_ACTOR_NAMES[job] ?? job}）`;
}

const VALUE_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  education: LABELS.education,
  sex: { male: '男', female: '女' },
  // Codes that share a field name across entities: their tables have no code in common.
  level: { ...orgLevelNames, ...certificateLevelNames },
  role: { ...LABELS.role, ...committeeRoleNames },
  reason: { ...gradeChangeReasonNames, ...otherReasonNames, ...stepReasonNames },
  status: { ...workerStatusNames, ...accountStatusNames },
  department: departmentNames,
  directory: { local: '本地账号', cognito: '统一身份认证', oidc: '统一身份认证' },
  kind: kindNames,
  trigger: jobTriggerNames,
  stage: recruitmentStageNames,
  decision: reviewDecisionNames,
  failed: criterionNames,
  honourType: honourTypeNames,
  mode: sessionModeNames,
  grade: evaluationGradeNames,
};

/** Maps keyed by a worker (`annualGradesSet`: worker id → grade): the field their values belong to. */
const ENTRY_VALUE_FIELD: Record<string, string> = { annualGradesSet: 'grade' };

/** Who a `…By` field names: a scheduled job, or a signed-in person by role (`hr:…`, local mode's ids). */
const actorSubName = (sub: string) =>
  systemActorName(sub) ?? LABELS.role[sub.split(':')[0] as keyof typeof LABELS.role] ?? sub;

/**
 * A value as HR reads it. `label_` is the Chinese name the API put beside a code (`channelLabel`
 * beside `channel`, from the domain's vocabulary), shown for codes this screen has no table for.
 */
function show(value: unknown, field?: string, label_?: unknown): string {
  if (value === null || value === undefined) return '—';
  if (field?.endsWith('Fen') && typeof value === 'number') return `¥${fenToYuan(value)}`;
  // The API's own label first: it is the domain's word for this very code.
  if (typeof label_ === 'string' && typeof value === 'string') return label_;
  if (field && typeof value === 'string' && VALUE_NAMES[field]?.[value]) return VALUE_NAMES[field][value]!;
  if (field === 'post' && typeof value === 'string') return label('post', value);
  if (field?.endsWith('By') && typeof value === 'string') return actorSubName(value);
  if (field && /^(version|policyVersion|.+PolicyVersion)$/.test(field) && typeof value === 'string')
    return policyVersionName(value);
  // An instant as the trail's 时间 column writes it, in Beijing time.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return beijingTime(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  // Business dates as the rest of the console writes them (2026年3月2日).
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return chineseDate(value);
  if (typeof value === 'object') {
    if (Array.isArray(value))
      return value.length === 0 ? '（无）' : value.map((v) => show(v, field)).join('、');
    const holder = value as Record<string, unknown>;
    return Object.entries(holder)
      .filter(([k]) => !isLabelOf(k, holder))
      .map(
        ([k, v]) =>
          `${fieldName(k, field)}：${show(v, (field && ENTRY_VALUE_FIELD[field]) ?? k, holder[`${k}Label`])}`,
      )
      .join('；');
  }
  // A code inside a policy document (a version's audit entry), by the domain's word for its field.
  if (field && typeof value === 'string') return policyValueName(field, value);
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
