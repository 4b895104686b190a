/** Chinese for the recruitment screens: stages, criteria, departments, placements. */
export const STAGE_LABELS: Record<string, string> = {
  open: '报名',
  'written-exam': '笔试',
  interview: '面试',
  review: '联审',
  notice: '公示',
  closed: '已结束',
};

/** The board's columns, in the order a candidate moves through them. */
export const PIPELINE = ['报名', '资格审查', '笔试', '面试', '联审', '公示', '录用'] as const;

export const NEXT_STAGE: Record<
  string,
  { to: 'written-exam' | 'interview' | 'review' | 'notice'; label: string }
> = {
  open: { to: 'written-exam', label: '结束报名，进入笔试' },
  'written-exam': { to: 'interview', label: '确定面试名单，进入面试' },
  interview: { to: 'review', label: '确定排名，进入联审' },
  review: { to: 'notice', label: '开始公示' },
};

export const CRITERION_LABELS: Record<string, string> = {
  political: '政治表现',
  age: '年龄',
  education: '学历',
  professional: '专业考试资格',
  health: '身体条件',
  residence: '户籍或居住地',
};

export const DEPARTMENT_LABELS: Record<string, string> = {
  organisation: '组织部门',
  'civil-affairs': '民政部门',
  'public-security': '公安部门',
};

export const PLACEMENT_LABELS: Record<string, string> = {
  selected: '拟录用',
  'pending-review': '待联审',
  rejected: '联审未通过',
  reserve: '递补候选',
};

export const EDUCATION_LABELS: Record<string, string> = {
  'high-school': '高中',
  college: '大专',
  bachelor: '本科',
  master: '硕士研究生',
  doctorate: '博士研究生',
};

/** Why a criterion failed: the criterion's name and the API's reason (in Chinese). */
export function criterionFailure(criterion: string, reason: string | undefined): string {
  return `${CRITERION_LABELS[criterion] ?? criterion}：${reason ?? '不符合条件'}`;
}

/** A department's Chinese name, its code when the policy names one this screen doesn't know. */
export const departmentName = (code: string) => DEPARTMENT_LABELS[code] ?? code;

/** How a selected candidate left during the notice (`removal.kind`). */
export const REMOVAL_LABELS: Record<'withdrew' | 'disqualified', string> = {
  withdrew: '本人放弃',
  disqualified: '取消资格',
};
