import {
  certificateLevelNames,
  postNames as postNameTable,
  statementLineNames,
  educationLevelNames,
  evaluationGradeNames,
  exitSituationNames,
  honourTypeNames,
  sessionModeNames,
  trainingLevelNames,
} from './names.ts';
import { chineseDate } from './chinese-dates.ts';
import type { Post } from './pay.ts';
import type { StepReason } from './pay-steps.ts';
import type { Committee, CommitteeRole } from './promotion.ts';
import type { defaultJointReviewDepartments } from './recruitment.ts';

// Value imports only from import-free modules (names.ts, chinese-dates.ts): the web app imports this module, and
// anything reaching zod, AWS or Hono from here would land in its bundle.
/**
 * The Chinese label of every enumerated value the API accepts or returns: one table per
 * vocabulary, code → label. Codes stay the stable English identifiers; the label is returned
 * beside the code (`<field>Label`) and accepted on input as an alias of it.
 */
export const postNames: Readonly<Record<Post, string>> = postNameTable;

export const orgLevelNames = {
  city: '市',
  district: '县（区）',
  street: '街道',
  community: '社区',
  grid: '网格',
} as const;

export {
  certificateLevelNames,
  statementLineNames,
  educationLevelNames,
  evaluationGradeNames,
  exitSituationNames,
  honourTypeNames,
  sessionModeNames,
  trainingLevelNames,
};

export const hireChannelNames = {
  'open-recruitment': '公开招聘',
  transfer: '集中转任',
  'helper-appointment': '协辅人员招聘',
  onboarding: '存量导入',
} as const;

/** The default reviewing departments of the joint review (policies may name others). */
export const departmentNames: Readonly<Record<(typeof defaultJointReviewDepartments)[number], string>> = {
  organisation: '组织部',
  'civil-affairs': '民政局',
  'public-security': '公安局',
};

/** Everyday words for the exit situations, accepted as aliases (a form says 辞职, not situation 5). */
export const exitSituationAliases: Readonly<Record<string, keyof typeof exitSituationNames>> = {
  不称职: 'failed-evaluation',
  考核不合格: 'failed-evaluation',
  不能胜任: 'unable-after-training',
  违纪: 'discipline',
  违法: 'law',
  辞职: 'resignation-or-non-renewal',
  不再续聘: 'resignation-or-non-renewal',
  退休: 'retirement-or-health',
  身体原因: 'retirement-or-health',
};

export const committeeNames: Readonly<Record<Committee, string>> = {
  party: '社区党组织',
  residents: '社区居民委员会',
};

export const committeeRoleNames: Readonly<Record<CommitteeRole, string>> = {
  member: '委员',
  deputy: '副书记（副主任）',
  head: '书记（主任）',
};

/** A committee seat as people say it: 社区党组织书记, 社区居民委员会副主任. */
export const committeeRoleTitles: Readonly<Record<Committee, Readonly<Record<CommitteeRole, string>>>> = {
  party: { member: '委员', deputy: '副书记', head: '书记' },
  residents: { member: '委员', deputy: '副主任', head: '主任' },
};

/** A payslip's lines (the payroll export's columns say the same). */
export const workerStatusNames = { active: '在岗', exited: '已离职' } as const;

/** Whether a sign-in account may sign in. */
export const accountStatusNames = { enabled: '已启用', disabled: '已停用' } as const;

/** Recruitment stages, as the board names them. */
export const recruitmentStageNames = {
  open: '报名',
  'written-exam': '笔试',
  interview: '面试',
  review: '联审',
  notice: '公示',
  closed: '已结束',
} as const;

/** The eligibility criteria a registration is checked against. */
export const criterionNames = {
  political: '政治表现',
  age: '年龄',
  education: '学历',
  professional: '专业考试资格',
  health: '身体条件',
  residence: '户籍或居住地',
} as const;

/** Where a ranked candidate stands after the joint review. */
export const placementStatusNames = {
  selected: '拟录用',
  'pending-review': '待联审',
  rejected: '联审未通过',
  reserve: '递补候选',
  withdrawn: '本人放弃',
  disqualified: '取消资格',
} as const;

export const reviewDecisionNames = {
  approved: '同意',
  rejected: '不同意',
  approve: '同意',
  reject: '不同意',
} as const;

export const rankingBasisNames = { written: '按笔试成绩', total: '按总成绩' } as const;

/** Batches bigger than one transaction (transfers, score uploads) and transfer batches. */
export const batchStatusNames = {
  'in-progress': '写入中',
  'rolling-back': '回滚中',
  completed: '已完成',
  'rolled-back': '已回滚',
} as const;

export const batchKindNames = {
  transfer: '集中转任',
  'recruitment-scores': '成绩导入',
  onboarding: '存量人员导入',
  'recruitment-candidates': '报名导入',
  certificates: '证书导入',
  'training-attendance': '培训签到',
  'evaluation-inputs': '考核数据导入',
} as const;

export const probationStatusNames = {
  none: '无试用期',
  serving: '试用期中',
  confirmed: '已转正',
  failed: '试用期不合格',
} as const;

export const mentorshipStatusNames = { active: '带教中', ended: '已结束', completed: '已期满' } as const;

export const evaluationRunStatusNames = { running: '进行中', completed: '已完成' } as const;

export const exitProposalStatusNames = {
  pending: '待处理',
  confirmed: '已确认',
  dismissed: '已驳回',
  withdrawn: '已撤回',
} as const;

/** The scheduled jobs (定时任务), by their names in the jobs manifest. */
export const jobNames = {
  'evaluation-monthly': '月度考核',
  'evaluation-annual': '年度考核',
  'grade-step': '年度晋档',
  'stats-snapshot': '年末统计快照',
  'contract-reminders': '合同续签提醒',
  'batch-recovery': '批处理恢复',
  'consistency-check': '数据一致性核查',
  'job-watchdog': '定时任务巡检',
} as const;

export const jobRunStatusNames = { running: '运行中', done: '已完成', failed: '失败' } as const;

export const jobTriggerNames = {
  api: '手动发起',
  schedule: '定时任务',
  'catch-up': '补跑',
  'on-demand': '按需运行',
} as const;

/** The events of a worker's history (任职经历). */
export const workerEventNames = {
  hired: '录用',
  'transferred-in': '调入',
  moved: '调动',
  onboarded: '存量导入建档',
  exited: '离职',
  'probation-confirmed': '转正',
  'probation-extended': '延长试用期',
  'probation-failed': '试用期不合格',
  'contract-renewed': '续签合同',
  'contract-not-renewed': '合同期满不续签',
} as const;

/** Where a worker's contract stands (domain/contracts.ts); a contract reminder's status. */
export const contractStatusNames = { 'in-term': '合同期内', expired: '合同已到期', ended: '已终止' } as const;
export const contractReminderStatusNames = { open: '待处理', dismissed: '已处理' } as const;

/** Why a grade changed (a worker's grade history). */
export const gradeChangeReasonNames = {
  hire: '录用定级',
  set: '调整等级',
  step: '正常晋级',
  promotion: '职务晋升',
  transfer: '转任定级',
  onboarding: '存量导入定级',
} as const;

/** Why an exit is proposed after an evaluation; why a nomination was withdrawn; why no step is due. */
export const otherReasonNames = {
  'failed-year': '年度考核不称职',
  'basic-twice-in-term': '聘期内两次基本称职',
  exit: '已离职',
  'top-of-band': '已到本岗位最高等级',
} as const;

/** What the yearly step job did with a worker's year (`StepReason`, domain/pay-steps.ts). */
export const stepReasonNames = {
  'already-applied': '本年度已处理',
  'out-of-order': '早于已处理的年度',
  'no-evaluation': '无上年度考核结果',
  'count-reset': '上年度考核未达标，年限重新计算',
  'partial-year': '上年度未满整年，不计入',
  counted: '计入晋档年限',
  'regular-step': '正常晋档',
  'early-step': '连续优秀提前晋档',
  'top-of-band': '已到本岗位最高等级',
} as const satisfies Record<StepReason, string>;

/** Policy kinds, evaluation period kinds and evaluation input kinds (no code is shared). */
export const kindNames = {
  quota: '编制员额',
  recruitment: '招聘',
  training: '培训',
  mentoring: '导师带教',
  pay: '薪酬',
  evaluation: '考核',
  promotion: '晋升',
  honours: '评优表彰',
  monthly: '月度',
  annual: '年度',
  poll: '居民测评',
  departments: '部门评价',
  duty: '履职记录',
  'work-orders': '工单办理',
  ...batchKindNames,
} as const;

export const vocabularies = {
  post: postNames,
  education: educationLevelNames,
  certificateLevel: certificateLevelNames,
  sessionMode: sessionModeNames,
  trainingLevel: trainingLevelNames,
  honourType: honourTypeNames,
  orgLevel: orgLevelNames,
  evaluationGrade: evaluationGradeNames,
  channel: hireChannelNames,
  department: departmentNames,
  exitSituation: exitSituationNames,
  committee: committeeNames,
  committeeRole: committeeRoleNames,
  workerStatus: workerStatusNames,
  recruitmentStage: recruitmentStageNames,
} as const;
export type VocabularyName = keyof typeof vocabularies;

/** The code for a code or a label (case-insensitive for codes, whitespace ignored); undefined if unknown. */
export function codeOf(
  names: Readonly<Record<string, string>>,
  input: string,
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const key = input.normalize('NFKC').replace(/\s+/g, '');
  const lower = key.toLowerCase();
  for (const [code, label] of Object.entries(names)) {
    if (code.toLowerCase() === lower || label.normalize('NFKC').replace(/\s+/g, '') === key) return code;
  }
  return aliases[key];
}

export function labelOf(names: Readonly<Record<string, string>>, code: string | null | undefined) {
  return code === null || code === undefined ? null : (names[code] ?? null);
}

/**
 * The actions an audit entry records (审计), by the code the use cases write; a recruitment's stage
 * change is `recruitment.stage-<stage>` (`auditActionName`).
 */
export const auditActionNames: Readonly<Record<string, string>> = {
  'account.applied-in-identity-provider': '账号变更同步至身份提供方',
  'account.created': '开通登录账号',
  'account.disabled': '停用登录账号',
  'account.enabled': '启用登录账号',
  'account.moved': '调整账号单位',
  'batch.resumed': '批量操作继续',
  'batch.rolled-back': '批量操作撤销',
  'batch.started': '批量操作开始',
  'certificates.uploaded': '批量登记证书',
  'coaching-session.logged': '记录带教',
  'consistency.repaired': '数据一致性修复',
  'contract-reminder.created': '生成合同到期提醒',
  'contract-reminder.dismissed': '处理合同到期提醒',
  'evaluation-inputs.uploaded': '上传考核数据',
  'evaluation.run-completed': '考核计算完成',
  'evaluation.run-resumed': '继续考核计算',
  'evaluation.run-started': '开始考核计算',
  'evaluation.unit-scored': '单位考核评分',
  'exit-proposal.confirmed': '确认退出建议',
  'exit-proposal.dismissed': '驳回退出建议',
  'honour-cycle.created': '新建评优',
  'honour.awarded': '授予表彰',
  'honour.nominated': '表彰提名',
  'honour.not-awarded': '未获表彰',
  'honour.withdrawn': '撤回表彰提名',
  'job.failed': '定时任务失败',
  'job.finished': '定时任务完成',
  'job.started': '定时任务开始',
  'mentor.designated': '认定导师',
  'mentorship.created': '建立带教结对',
  'mentorship.ended': '结束带教结对',
  'onboarding.completed': '存量人员导入完成',
  'onboarding.rolled-back': '存量人员导入撤销',
  'org-unit.created': '新建组织单位',
  'org-unit.quota-cut-below-headcount': '核减编制至在编人数以下',
  'org-unit.updated': '修改组织单位',
  'policy.created': '新建政策版本',
  'policy.historical-entered': '补录历史政策版本',
  'policy.revised': '修订政策版本',
  'policy.stored': '保存政策版本',
  'recruitment.candidate-disqualified': '取消拟聘资格',
  'recruitment.candidate-hired': '录用考生',
  'recruitment.candidate-registered': '考生报名',
  'recruitment.candidate-registration-undone': '撤销考生报名',
  'recruitment.candidate-withdrew': '拟聘人员放弃',
  'recruitment.candidates-uploaded': '批量导入报名',
  'recruitment.opened': '发布招聘',
  'recruitment.review-recorded': '联审意见',
  'recruitment.review-withdrawn': '撤回联审意见',
  'recruitment.scores-recorded': '录入成绩',
  'reserve-pool.added': '纳入后备力量库',
  'reserve-pool.promoted-out': '后备人选晋升出库',
  'reserve-pool.removed': '移出后备力量库',
  'training-event.corrected': '更正培训',
  'training-event.created': '新建培训',
  'training.attendance-recorded': '登记参训',
  'training.attendance-removed': '删除参训记录',
  'training.attendance-rolled-back': '参训登记撤销',
  'transfer.completed': '调入完成',
  'transfer.rolled-back': '调入撤销',
  'worker.certificate-recorded': '登记证书',
  'worker.certificate-upload-undone': '证书登记撤销',
  'worker.contract-not-renewed': '合同期满不续签',
  'worker.contract-renewed': '续签合同',
  'worker.exited': '离职',
  'worker.grade-set': '调整等级',
  'worker.grade-stepped': '晋档',
  'worker.hired': '录用',
  'worker.moved': '调动',
  'worker.onboarded': '存量导入建档',
  'worker.onboarding-rolled-back': '存量导入撤销',
  'worker.probation-confirmed': '转正',
  'worker.probation-extended': '延长试用期',
  'worker.probation-failed': '试用期不合格',
  'worker.promoted': '晋升',
  'worker.step-counted': '计入晋档年限',
  'worker.transfer-rolled-back': '调入撤销',
  'worker.transferred-in': '调入',
};

/** An audit action's Chinese name; the code itself for one this table lacks. */
export function auditActionName(action: string): string {
  const stage = /^recruitment\.stage-(.+)$/.exec(action)?.[1];
  if (stage && stage in recruitmentStageNames)
    return `招聘进入${recruitmentStageNames[stage as keyof typeof recruitmentStageNames]}阶段`;
  return auditActionNames[action] ?? action;
}

/**
 * A policy version as people name it, never its id: the rule book's defaults (`kind/default`), or the
 * day a city's version takes effect (`kind/YYYY-MM-DD/rN`, see `policyVersionOf`), with how often it was
 * revised before that day. Anything else comes back as it is.
 */
export function policyVersionName(version: string): string {
  if (version.endsWith('/default')) return '默认标准（规则手册）';
  const stored = /\/(\d{4}-\d{2}-\d{2})\/r(\d+)$/.exec(version);
  if (!stored) return version;
  const revisions = Number(stored[2]) - 1;
  return `${chineseDate(stored[1]!)}起执行${revisions > 0 ? `（第 ${revisions} 次修订）` : ''}`;
}
