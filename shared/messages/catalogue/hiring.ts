import { departmentNames } from '#shared/domain/vocabulary.ts';
import { type CatalogueEntry, names, rows, day } from './texts.ts';

/** Recruitment, transfers, workers and exits. */
export const hiringMessages = {
  // ---- recruitment
  INVALID_NATIONAL_ID: { zh: '公民身份号码无效', en: 'Invalid national id' },
  INVALID_PLACES: { zh: '招聘名额须为正整数', en: 'places must be a positive integer' },
  INVALID_STAGE_TRANSITION: {
    zh: '招聘阶段只能依次推进：报名 → 笔试 → 面试 → 联审 → 公示（或关闭）',
    en: 'The recruitment cannot move to that stage',
  },
  WRONG_STAGE: { zh: '招聘当前所处阶段不允许此操作', en: 'Not possible in the recruitment’s current stage' },
  RECRUITMENT_CLOSED: { zh: '该招聘已关闭', en: 'The recruitment is closed' },
  DUPLICATE_CANDIDATE: {
    zh: '此人已报名本次招聘',
    en: 'This person is already registered in this recruitment',
  },
  ALREADY_ACTIVE_WORKER: { zh: '此人已是在岗社区工作者', en: 'This person is already an active worker' },
  GRID_OUTSIDE_RECRUITMENT: {
    zh: '所选网格不在本次招聘的单位范围内',
    en: 'The grid is not inside the recruitment’s org unit',
  },
  PLACEMENT_REQUIRED: {
    zh: '请指定候选人拟安排的社区或网格（gridId）',
    en: 'Name the community or grid for this candidate',
  },
  NOT_A_PLACEMENT_UNIT: { zh: '只能安排到社区或网格', en: 'Only a community or grid can be a placement' },
  UNKNOWN_ORG_UNIT: {
    zh: (d) =>
      typeof d?.org === 'string' && typeof d?.path === 'string'
        ? `找不到单位“${d.org}”：请填写本单位范围内社区或网格的名称，或单位编号`
        : '单位不存在',
    en: (d) =>
      typeof d?.org === 'string' && typeof d?.path === 'string'
        ? `No unit is called ${d.org}: write the name of a community or grid in your unit, or its id`
        : 'Unknown org unit',
  },
  AMBIGUOUS_ORG_UNIT: {
    // candidates are full names (新兴区/红旗街道/东风社区/第一网格): the last two make the example.
    zh: (d) => {
      const candidates: string[] = Array.isArray(d?.candidates) ? d.candidates : [];
      const example = candidates[0]?.split('/').slice(-2).join('');
      return `${typeof d?.org === 'string' ? `有多个单位名为“${d.org}”` : '有多个单位同名'}${candidates.length ? `：${candidates.join('、')}` : ''}。请在名称前加上级单位${example ? `，如“${example}”` : ''}，或填写单位编号`;
    },
    en: (d) =>
      `${typeof d?.org === 'string' ? `More than one unit is called ${d.org}` : 'More than one unit has that name'}${Array.isArray(d?.candidates) ? `: ${d.candidates.join('; ')}` : ''}. Put the parent's name in front, or write the unit's id`,
  },
  REGISTRATION_IN_FUTURE: { zh: '报名日期不能晚于今天', en: "A registration date can't be after today" },
  NO_ELIGIBLE_CANDIDATES: { zh: '尚无符合资格条件的报名人员', en: 'No eligible candidate has registered' },
  SCORES_MISSING: {
    zh: (d) => `尚有 ${Array.isArray(d) ? d.length : ''} 名候选人没有成绩`,
    en: 'Some candidates have no score yet',
  },
  CANDIDATES_REJECTED: {
    zh: (d) => `${rows(d)} 行报名无法登记，未保存任何数据`,
    en: "Some rows can't be registered; nothing was saved",
  },
  SCORES_REJECTED: {
    zh: (d) => `${rows(d)} 行成绩无法录入，未保存任何数据`,
    en: "Some rows can't be recorded; nothing was saved",
  },
  NOT_ELIGIBLE: { zh: '候选人资格审查未通过', en: 'The candidate is not eligible' },
  UNKNOWN_CANDIDATE: { zh: '本次招聘没有该候选人', en: 'No such candidate in this recruitment' },
  CANDIDATE_MISMATCH: {
    zh: '候选人编号与身份证号不是同一人',
    en: 'candidateId and nationalId name different people',
  },
  DUPLICATE_ROW: {
    zh: '该候选人在表中出现多次，每人只能有一行',
    en: 'This candidate appears more than once',
  },
  NOT_SHORTLISTED: {
    zh: '只有进入面试名单的候选人才能录入面试成绩',
    en: 'Only candidates on the interview shortlist get an interview score',
  },
  NOT_IN_RANKING: {
    zh: '只有进入排名（合格、入围并有成绩）的候选人才进行联审',
    en: 'Only ranked candidates are reviewed',
  },
  UNKNOWN_DEPARTMENT: {
    zh: (d) => `该部门不在联审部门之列${d?.departments ? `（${names(d.departments)}）` : ''}`,
    en: 'Not one of the reviewing departments',
  },
  NO_VACANT_PLACE: {
    zh: '公示期间名额已满，不再录入联审意见；仅在有名额空缺时可审查递补人选',
    en: 'During the notice, decisions are recorded only while a place stands empty (递补)',
  },
  REVIEW_ALREADY_RECORDED: {
    zh: '该部门已对此候选人作出审查决定',
    en: 'This department already decided on this candidate',
  },
  DEPARTMENT_NOT_HELD: {
    zh: (d) => {
      const department = (departmentNames as Record<string, string>)[d?.department] ?? d?.department;
      return `只有持有${department ? `“${department}”` : '该'}联审部门身份的人员才能记录或撤回该部门的联审意见`;
    },
    en: 'Only an officer holding this department may record or withdraw its decision',
  },
  REVIEW_NOT_RECORDED: {
    zh: '该部门尚未对此候选人作出联审决定，无可撤回',
    en: 'This department has not decided on this candidate; there is nothing to withdraw',
  },
  CANDIDATE_REMOVED: {
    zh: '该候选人已放弃或被取消资格',
    en: 'The candidate has withdrawn or been disqualified',
  },
  REVIEW_INCOMPLETE: {
    zh: '名额内仍有候选人等待联审决定',
    en: 'Candidates inside the places still await a joint-review decision',
  },
  NO_SELECTED_CANDIDATES: {
    zh: '联审没有通过任何候选人',
    en: 'The joint review approved nobody for the places',
  },
  NOT_SELECTED: {
    // A reserve (候补) is hired only after moving up, when a selected candidate leaves during the notice.
    zh: (d) =>
      d?.placement === 'reserve'
        ? '该候选人为候补人员：拟聘人员放弃或被取消资格后依次递补，递补公示期满后方可聘用'
        : '该候选人未被确定为拟聘人员',
    en: (d) =>
      d?.placement === 'reserve'
        ? 'The candidate is a reserve: reserves move up, in rank order, when a selected candidate withdraws or is disqualified, and are hired after their own notice'
        : 'The candidate is not among those selected',
  },
  REJECTED_IN_REVIEW: { zh: '该候选人在联审中未通过', en: 'Rejected in joint review' },
  REVIEW_PENDING: { zh: '尚有部门未作出联审决定', en: 'Not every department has approved yet' },
  REVIEW_NOT_DONE: { zh: '考试和联审尚未完成', en: 'The exam and joint review are not finished' },
  NOTICE_NOT_STARTED: { zh: '公示尚未开始', en: 'The public notice has not started' },
  NOTICE_PERIOD_NOT_OVER: {
    zh: (d) => `公示期未满${d?.noticeEndsOn ? `（至${day(d.noticeEndsOn)}）` : ''}，公示期满次日起方可聘用`,
    en: 'The public notice is not over',
  },
  HIRE_BEFORE_NOTICE_END: {
    zh: '聘用日期须在公示期结束之后',
    en: 'The hire date must come after the public notice',
  },
  HIRE_DATE_IN_FUTURE: { zh: '聘用须在聘用日期当天或之后登记', en: 'Record the hire on or after its date' },
  ALREADY_HIRED: { zh: '该候选人已被聘用', en: 'This candidate has already been hired' },

  // ---- transfers
  INVALID_PLACEMENT: { zh: '有行填写的单位不是社区或网格', en: 'Some rows name no community or grid' },
  PAY_WOULD_DROP: {
    zh: '按同工同酬原则，调整后工资不得低于现工资，本岗位等级无法满足',
    en: 'Pay would drop',
  },
  TRANSFER_DATE_IN_FUTURE: {
    zh: '转任须在转任日期当天或之后登记',
    en: 'Record the transfer on or after its date',
  },
  UNKNOWN_WORKERS: {
    zh: (d) =>
      `${Array.isArray(d) ? d.length : ''} 名人员无法在此处理（不存在、不在您的管辖范围或不在岗），未保存任何数据`,
    en: 'Some workers are unknown here; nothing was saved',
  },

  // ---- workers, exits
  ALREADY_EXITED: { zh: '该人员已退出', en: 'The worker has already exited' },
  WORKER_NOT_ACTIVE: { zh: '该人员不在岗', en: 'The worker is not active' },
  NOT_ACTIVE: { zh: '该人员不在岗', en: 'The worker is not active' },
  EXIT_BEFORE_HIRE: { zh: '退出日期不能早于聘用日期', en: 'The exit date is before the hire' },
  EXIT_DATE_IN_FUTURE: { zh: '退出须在生效日期当天或之后登记', en: 'Record the exit on or after its date' },
  EXIT_PROPOSAL_CHANGED: {
    zh: '退出建议已被处理或更新，请刷新',
    en: 'The exit proposal changed meanwhile; reload it',
  },
  EXIT_PROPOSAL_DECIDED: { zh: '退出建议已处理，不再待定', en: 'The exit proposal is no longer pending' },
  NO_WORKER_RECORD: {
    zh: '您的账号未关联社区工作者档案',
    en: 'Your sign-in is not linked to a worker record',
  },
} satisfies Record<string, CatalogueEntry>;
