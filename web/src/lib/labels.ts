/**
 * Chinese labels for the API's enum values. `label(group, value)` falls back to the raw value so a
 * new enum value shows up (and gets noticed) rather than breaking the page.
 */
export const LABELS = {
  role: { hr: '人事干部', mentor: '带教导师', worker: '社区工作者' },
  post: { principal: '正职', deputy: '副职', staff: '干事' },
  orgLevel: { city: '市', district: '区', street: '街道', community: '社区', grid: '网格' },
  certificateLevel: { assistant: '助理社会工作师', intermediate: '社会工作师', senior: '高级社会工作师' },
  trainingLevel: { city: '市级', district: '区级', street: '街道级', community: '社区级' },
  sessionMode: {
    'case-analysis': '案例解析',
    'interactive-exchange': '互动交流',
    'practical-coaching': '实操辅导',
  },
  evaluationGrade: { excellent: '优秀', competent: '称职', basic: '基本称职', failed: '不称职' },
  evaluationKind: { monthly: '月度', annual: '年度' },
  statementLine: {
    base: '岗位等级工资',
    'post-allowance': '岗位津贴',
    'certificate-allowance': '职业资格津贴',
    'evaluation-bonus': '考核奖励',
  },
  mentorshipStatus: { active: '带教中', ended: '已结束', completed: '已期满' },
  workerStatus: { active: '在岗', exited: '已离职' },
} as const;

export type LabelGroup = keyof typeof LABELS;

export function label(group: LabelGroup, value: string | null | undefined): string {
  if (value == null) return '—';
  return (LABELS[group] as Record<string, string>)[value] ?? value;
}

/** Grade number and band as people say it: "12级（三岗）". */
export const gradeLabel = (grade: number) => `${grade} 级`;

/** The rule book's defaults have no stored version: say so rather than show an id. */
export const policyVersionLabel = (version: string) =>
  version.endsWith('/default') ? '默认标准（规则手册）' : version;
