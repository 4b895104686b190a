import type { CatalogueEntry } from './texts.ts';

/** Pay, grades, promotions, honours. */
export const payAndHonourMessages = {
  // ---- pay, grades, promotions, honours
  INVALID_DATE: {
    zh: '日期或月份格式有误（YYYY-MM-DD / YYYY-MM）',
    en: 'Not a date YYYY-MM-DD or month YYYY-MM',
  },
  INVALID_GRADE: { zh: '等级须为 1–18 的整数', en: 'grade must be an integer 1..18' },
  INVALID_STEP_STATE: { zh: '薪级档次状态有误', en: 'Invalid step state' },
  GRADE_OUTSIDE_BAND: { zh: '等级超出该岗位的等级范围', en: "The grade is outside the post's band" },
  GRADE_UNCHANGED: { zh: '该人员已是此岗位等级', en: 'The worker already has this post and grade' },
  MONTH_IN_FUTURE: { zh: '该月份尚无数据', en: 'Nothing for that month yet' },
  NOT_EMPLOYED_IN_MONTH: { zh: '该人员当月不在岗', en: 'The worker was not employed in that month' },
  EFFECTIVE_DATE_BEFORE_LAST_CHANGE: {
    zh: '生效日期不能早于上一次岗位等级变动',
    en: "A change can't be dated before the last one",
  },
  EFFECTIVE_DATE_IN_FUTURE: {
    zh: '变动须在生效日期当天或之后登记',
    en: 'Record the change on or after the day it takes effect',
  },
  YEAR_NOT_STARTED: { zh: '该年度尚未开始', en: 'That year has not started' },
  ALREADY_IN_RESERVE_POOL: { zh: '该人员已在后备力量库中', en: 'Already in the reserve pool' },
  OUTSIDE_RESERVE_POOL: {
    zh: '该人员不在后备力量库中；如确需晋升请填写理由（outsidePoolReason）',
    en: 'Not in the reserve pool; give outsidePoolReason',
  },
  ALREADY_IN_ROLE: { zh: '该人员已担任此职务', en: 'The worker already holds this seat' },
  NOT_A_PROMOTION: { zh: '该职务的岗位低于现岗位，不属于晋升', en: 'That role is not a promotion' },
  ROLE_NOT_IN_COMMITTEE: { zh: '该组织没有此职务', en: 'The committee has no such role' },
  NOMINATION_WITHDRAWN: {
    zh: '被推荐人已离职，该推荐已撤回',
    en: 'The nominee has exited; the nomination was withdrawn',
  },
  HONOUR_QUOTA_EXCEEDED: { zh: '该单位的推荐名额已用完', en: 'All honour seats of this unit are taken' },
  NO_QUOTA_FOR_ORG: { zh: '本评优周期没有为该单位分配名额', en: 'The cycle reserves no seats for this unit' },
  ALREADY_NOMINATED: { zh: '该人员已在本周期被推荐', en: 'Already nominated in this cycle' },
  RESULT_ALREADY_RECORDED: {
    zh: '该推荐的结果已登记',
    en: 'The result of this nomination is already recorded',
  },
  NOT_PARTY_MEMBER: { zh: '该荣誉仅限中共党员', en: 'This honour needs party membership' },
  FAILED_EVALUATION_IN_CYCLE: {
    zh: '周期内有考核不称职记录，不能推荐',
    en: 'A failed evaluation in the cycle',
  },
} satisfies Record<string, CatalogueEntry>;
