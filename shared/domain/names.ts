/**
 * The Chinese names of enumerated values whose codes live in modules that build zod schemas
 * (certificates, mentoring, training, honours, recruitment, evaluation, exits). They sit here, in a
 * module with no imports, so the web app can show the API's words without bundling zod; those
 * modules re-export them typed against their codes, and `vocabulary.ts` gathers them all.
 */

export const certificateLevelNames = {
  assistant: '助理社会工作师',
  intermediate: '社会工作师',
  senior: '高级社会工作师',
} as const;

export const sessionModeNames = {
  'case-analysis': '案例解析',
  'interactive-exchange': '互动交流',
  'practical-coaching': '实操辅导',
} as const;

export const trainingLevelNames = {
  city: '市级培训',
  district: '县区级培训',
  street: '街道级培训',
  community: '社区微课堂',
} as const;

export const honourTypeNames = {
  'party-congress-delegate': '党代会代表',
  'peoples-congress-deputy': '人大代表',
  'cppcc-member': '政协委员',
  'outstanding-party-member': '优秀共产党员',
  'outstanding-party-worker': '优秀党务工作者',
  'advanced-party-organisation': '先进基层党组织',
} as const;

export const educationLevelNames = {
  'high-school': '高中',
  college: '大专',
  bachelor: '本科',
  master: '硕士研究生',
  doctorate: '博士研究生',
} as const;

/** The grades as the rule book names them. */
export const evaluationGradeNames = {
  excellent: '优秀',
  competent: '称职',
  basic: '基本称职',
  failed: '不称职',
} as const;

/** The six exit situations (退出情形) by code, as the rule book words them. */
export const exitSituationNames = {
  'failed-evaluation': '年度考核不称职（不合格），或一个聘期内两次基本称职',
  'unable-after-training': '经培训或调整岗位后仍不能胜任工作',
  discipline: '严重违反工作纪律',
  law: '被依法追究刑事责任或有其他违法行为',
  'resignation-or-non-renewal': '本人辞职或合同期满不再续聘',
  'retirement-or-health': '达到法定退休年龄或因身体原因',
} as const;

/** Posts (三岗): the pay statement's basis and every screen say the same. */
export const postNames = { principal: '正职', deputy: '副职', staff: '社区工作者' } as const;

export const statementLineNames = {
  base: '岗位等级工资',
  'post-allowance': '岗位津贴',
  'certificate-allowance': '职业资格津贴',
  'evaluation-bonus': '考核奖励',
} as const;
