import { type CatalogueEntry, names } from './texts.ts';

/** Messages used inside details: zod refinements, policy documents' rules, a row's share of a refused upload. */
export const validationMessages = {
  // ---- validation messages used inside details (zod refinements)
  WORKER_REFERENCE_REQUIRED: { zh: '请填写人员编号或身份证号', en: 'give workerId or nationalId (身份证号)' },
  CANDIDATE_REFERENCE_REQUIRED: { zh: '请填写候选人编号或身份证号', en: 'give candidateId or nationalId' },
  SCORE_REQUIRED: { zh: '请填写笔试成绩或面试成绩', en: 'give a written or an interview score' },
  AT_MOST_TWO_DECIMALS: { zh: '最多两位小数', en: 'at most two decimals' },
  REGISTERED_BEFORE_ISSUED: {
    zh: '登记日期不能早于发证日期',
    en: 'registeredOn must be on or after issuedOn',
  },
  INTEGER_FEN: { zh: '金额须为整数（单位：分）', en: 'money is integer fen' },
  YUAN_AMOUNT: {
    zh: '请填写金额（元），最多两位小数，如 3100.00',
    en: 'an amount in yuan with at most two decimals, e.g. 3100.00',
  },
  ISO_DATE: { zh: '日期格式应为 YYYY-MM-DD', en: 'expected an ISO date YYYY-MM-DD' },
  REAL_DATE: { zh: '不是有效的日历日期', en: 'not a real calendar date' },
  ISO_MONTH: { zh: '月份格式应为 YYYY-MM', en: 'expected a month YYYY-MM' },
  NATIONAL_ID_CHECK: {
    zh: (d) =>
      `公民身份号码无效：${d?.reason === 'check-digit' ? '校验码不符' : d?.reason === 'birth-date' ? '出生日期无效' : '应为 18 位（前 17 位为数字）'}`,
    en: (d) => `invalid national id: ${d?.message ?? d?.reason ?? ''}`,
  },
  UNKNOWN_VALUE: {
    zh: (d) => `无效的取值“${d?.value ?? ''}”；可选：${names(d?.accepted)}`,
    en: (d) =>
      `"${d?.value ?? ''}" is not accepted; use one of: ${(d?.acceptedEn ?? d?.accepted ?? []).join(', ')}`,
  },
  // Policy documents' own rules (PUT /v1/policies/{kind}/{date}).
  PAY_TABLE_DECREASES: {
    zh: (d) =>
      `基本工资表不能随等级递减${typeof d?.grade === 'number' ? `：${d.grade} 级低于 ${d.grade - 1} 级` : ''}`,
    en: 'baseMonthlyPayFen must not decrease',
  },
  PAY_BAND_INVERTED: {
    zh: (d) =>
      `岗位等级范围的下限不能高于上限${d?.min !== undefined ? `（下限 ${d.min}，上限 ${d.max}）` : ''}`,
    en: "A band's min exceeds its max",
  },
  PAY_TABLE_LENGTH: {
    zh: (d) => `基本工资表须列出全部 18 个等级${typeof d?.got === 'number' ? `（现为 ${d.got} 个）` : ''}`,
    en: 'baseMonthlyPayFen must list exactly 18 grades',
  },
  THRESHOLD_COUNT: {
    zh: '考核等次须列出 优秀、称职、基本称职、不称职 四档',
    en: 'The thresholds list the four grades excellent, competent, basic, failed',
  },
  EXAM_WEIGHTS_SUM: {
    zh: '笔试与面试成绩的权重之和须为 100',
    en: 'The written and interview weights must sum to 100',
  },
  AGE_LIMITS_ORDER: {
    zh: '年龄条件须满足：最低年龄 ≤ 最高年龄 ≤ 放宽后的最高年龄',
    en: 'Expected minAge ≤ maxAge ≤ raisedMaxAge',
  },
  WEIGHTS_SUM: {
    zh: (d) => `各项权重之和须为 100${d?.sum !== undefined ? `（现为 ${d.sum}）` : ''}`,
    en: 'The weights must sum to 100',
  },
  THRESHOLD_ORDER: {
    zh: '等次须依次为 优秀、称职、基本称职、不称职',
    en: 'The thresholds are excellent, competent, basic, failed in that order',
  },
  THRESHOLDS_DECREASE: {
    zh: '各等次的最低分须从优秀到不称职严格递减',
    en: 'Threshold minimum scores must strictly decrease from excellent to failed',
  },
  FAILED_THRESHOLD_ZERO: {
    zh: '不称职的最低分须为 0，使每个分数都有等次',
    en: "The 'failed' threshold must start at 0",
  },
  EVIDENCE_REQUIRED: { zh: '请填写依据说明（evidence）', en: 'evidence is required' },
  INVALID_BATCH_ID: { zh: '批次编号格式有误（应形如 b_…）', en: 'a batch id looks like b_…' },
  INVALID_AUDIT_ENTITY: {
    zh: '审计对象应写作“类型:编号”，如 org-unit:qth/xinxing',
    en: 'entity is <type>:<id>, e.g. org-unit:qth/xinxing',
  },
  COMPLETED_EXCEEDS_ASSIGNED: { zh: '办结数不能超过派单数', en: 'completed exceeds assigned' },
  SATISFIED_EXCEEDS_COMPLETED: { zh: '满意数不能超过办结数', en: 'satisfied exceeds completed' },
  // One row's share of a refused upload (bulk dry runs list the reasons row by row).
  ROW_OUTSIDE_SUBTREE: { zh: '所填单位不在您的管辖范围内', en: 'The org unit is outside your subtree' },
  ROW_WORKER_NOT_HERE: {
    zh: '人员不存在、不在您的管辖范围或该期间不在岗',
    en: 'No such worker here, or not working in the period',
  },
  ROW_REPEATS_ROW: {
    zh: (d) => `与第 ${d?.firstRow ?? '?'} 行重复`,
    en: (d) => `repeats row ${d?.firstRow ?? '?'}`,
  },
} satisfies Record<string, CatalogueEntry>;
