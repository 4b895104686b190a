import { departmentNames } from '#shared/domain/vocabulary.ts';
import { currentLanguage, type Language } from './language.ts';

/**
 * The one message catalogue: every error code (and every message key used inside `details` and
 * validation) with its Simplified Chinese and English text. Codes are stable English identifiers;
 * texts may read the error's `details` (d). English responses keep the more specific sentence the
 * code path gave when there is one; Chinese always comes from here.
 */
// biome-ignore lint/suspicious/noExplicitAny: details are free-form JSON
type Details = any;
type Text = string | ((d: Details) => string);
export interface CatalogueEntry {
  zh: Text;
  en: Text;
}

const rows = (d: Details) => (Array.isArray(d) ? new Set(d.map((x) => x?.row ?? x)).size : 0);
const names = (list: unknown) => (Array.isArray(list) ? list.join('、') : '');

const NOUNS: Record<string, string> = {
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
const quotaShortfalls = (d: Details): QuotaShortfall[] =>
  (Array.isArray(d) ? d : d ? [d] : []).filter((x) => x && typeof x === 'object' && 'quota' in x);
/** 红旗社区编制已满（核定 20，在编 20）; 红旗社区编制不足（核定 20，在编 19，本次需 3 个）. */
function quotaShortfallZh({ name, quota, used, requested = 1 }: QuotaShortfall): string {
  const figures = [`核定 ${quota ?? '—'}`, ...(used === undefined ? [] : [`在编 ${used}`])];
  return requested > 1
    ? `${name ?? '该单位'}编制不足（${figures.join('，')}，本次需 ${requested} 个）`
    : `${name ?? '该单位'}编制已满（${figures.join('，')}）`;
}
function quotaShortfallEn({ name, quota, used, requested = 1 }: QuotaShortfall): string {
  const figures = [`quota ${quota ?? '—'}`, ...(used === undefined ? [] : [`${used} in post`])];
  return `${name ?? 'The unit'} has no room${requested > 1 ? ` for ${requested} more` : ''} (${figures.join(', ')})`;
}

export const catalogue = {
  // ---- the request itself
  BAD_REQUEST: { zh: '请求有误', en: 'Bad request' },
  INVALID_JSON: { zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  VALIDATION_FAILED: {
    zh: (d) =>
      rows(d) > 0 && Array.isArray(d) && d.some((x) => x?.row)
        ? `${rows(d)} 行数据有误，未保存任何数据`
        : '请求内容不符合要求，详见 details',
    en: 'The request is invalid',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    zh: '不支持的内容类型：请发送 application/json、text/csv 或 .xlsx 文件',
    en: 'Send application/json, text/csv or an .xlsx workbook',
  },
  INVALID_CSV: {
    zh: (d) => `CSV 格式有误${d?.line ? `（第 ${d.line} 行）` : ''}`,
    en: (d) => `The CSV is malformed${d?.line ? ` (line ${d.line})` : ''}`,
  },
  INVALID_SPREADSHEET: {
    zh: (d) => (d?.reason === 'empty' ? '表格为空（需要表头行）' : '无法读取该 .xlsx 文件'),
    en: (d) =>
      d?.reason === 'empty'
        ? 'The spreadsheet is empty (a header row is required)'
        : 'The file is not a readable .xlsx workbook',
  },
  INVALID_COLUMNS: {
    zh: (d) =>
      `${[
        d?.unknown?.length ? `无法识别的列：${names(d.unknown)}` : '',
        d?.missing?.length ? `缺少的列：${names(d.missing.map((m: { label: string }) => m.label))}` : '',
        d?.missingOneOf?.length
          ? `以下各组至少需要一列：${d.missingOneOf.map((g: { label: string }[]) => g.map((m) => m.label).join(' 或 ')).join('；')}`
          : '',
        d?.duplicate?.length ? `重复的列：${names(d.duplicate)}` : '',
      ]
        .filter(Boolean)
        .join('；')}。未检查或保存任何数据`,
    en: 'The columns are not recognised; nothing was checked or saved',
  },
  INVALID_CURSOR: { zh: '分页游标无效（不属于此列表）', en: 'The cursor does not belong to this list' },
  INVALID_IDEMPOTENCY_KEY: {
    zh: 'Idempotency-Key 须为 1–200 个可见 ASCII 字符',
    en: 'Idempotency-Key must be 1–200 visible ASCII characters',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    zh: '使用此 Idempotency-Key 的请求仍在处理中，请稍后重试',
    en: 'A request with this Idempotency-Key is still being processed; retry shortly',
  },
  IDEMPOTENCY_RESPONSE_LOST: {
    zh: '使用此 Idempotency-Key 的请求已生效，但其响应未能保存；请查询相应资源以确认结果',
    en: 'The request with this Idempotency-Key took effect, but its response was not kept; read the resource to see the result',
  },
  IDEMPOTENCY_KEY_REUSED: {
    zh: '此 Idempotency-Key 已用于另一个不同的请求',
    en: 'This Idempotency-Key was used with a different request',
  },
  IDEMPOTENCY_KEY_TAKEN_OVER: {
    zh: '另一个使用此 Idempotency-Key 的请求已接手处理，请重试以查看结果',
    en: 'Another attempt with this Idempotency-Key took over; retry to see its result',
  },
  PAYLOAD_TOO_LARGE: { zh: '请求体超过 10 MB', en: 'The request body is larger than 10 MB' },
  UNAUTHENTICATED: { zh: '需要有效的登录令牌（Bearer token）', en: 'A valid bearer token is required' },
  ACCOUNT_DISABLED: { zh: '该登录账号已停用', en: 'This sign-in account is disabled' },
  SIGN_IN_FAILED: {
    zh: '没有使用该邮箱或用户名登录的账号',
    en: 'No account signs in with this e-mail or user name',
  },
  FORBIDDEN: { zh: '您无权在此执行该操作（角色或管辖范围不符）', en: 'You may not do this here' },
  NOT_FOUND: {
    zh: (d) => {
      const [what, id] = d && typeof d === 'object' && !Array.isArray(d) ? (Object.entries(d)[0] ?? []) : [];
      return what ? `${NOUNS[String(what).toLowerCase()] ?? what} ${id} 不存在` : '所请求的资源不存在';
    },
    en: 'Not found',
  },
  HTTP_ERROR: { zh: '请求无法处理', en: 'The request could not be handled' },
  SERVICE_UNAVAILABLE: { zh: '服务繁忙，请稍后重试', en: 'The service is busy; retry shortly' },
  INTERNAL: {
    zh: '系统内部错误，已记录，请稍后重试',
    en: 'Something went wrong on our side; it has been logged',
  },

  // ---- concurrency and bookkeeping
  CONCURRENT_UPDATE: {
    zh: '记录已被他人修改，请刷新后重试',
    en: 'The record changed meanwhile; reload and retry',
  },
  VERSION_MISMATCH: {
    zh: '记录版本已变化，请刷新后重试',
    en: 'The record is at another version; reload and retry',
  },
  RECRUITMENT_CHANGED: { zh: '招聘信息已变化，请重试', en: 'The recruitment changed; retry' },
  SEAT_ACCOUNTING: {
    zh: '单位在编人数不足以释放，数据不一致',
    en: 'An org unit has fewer seats in use than are being released',
  },
  NATIONAL_ID_GUARD_MISMATCH: {
    zh: '该身份证号的在岗记录属于另一名工作者',
    en: 'The national-id record belongs to another worker',
  },
  WORKER_EXISTS: { zh: '该人员记录已存在', en: 'The worker already exists' },
  STALE_READ: { zh: '记录在读取后已变化，正在重试', en: 'A record changed meanwhile' },
  BATCH_FENCE: {
    zh: '批次的这一步已由其他进程处理或批次已不在进行中',
    en: 'The batch step was fenced off: another process holds the batch, or it is no longer in progress',
  },

  // ---- org units, policies, quotas
  ORG_UNIT_EXISTS: { zh: '该单位已存在', en: 'The org unit already exists' },
  INVALID_ORG_ID: { zh: '单位编号格式有误（应为以 / 分隔的路径，如 qth/xinxing）', en: 'Not an org path' },
  INVALID_HIERARCHY: {
    zh: '单位层级不正确：市 → 县（区）→ 街道 → 社区 → 网格',
    en: 'The org unit does not fit under this parent',
  },
  INVALID_QUOTA_INPUT: { zh: '员额核定数须为非负整数', en: 'Quota inputs must be non-negative integers' },
  QUOTA_BELOW_HEADCOUNT: {
    zh: '核定员额不能低于现有在岗人数',
    en: 'The quota would fall below the current headcount',
  },
  QUOTA_EXCEEDED: {
    zh: (d) => quotaShortfalls(d).map(quotaShortfallZh).join('；') || '超出员额：单位已无空余名额',
    en: (d) => quotaShortfalls(d).map(quotaShortfallEn).join('; ') || 'No free seat left in the quota',
  },
  BATCH_IN_PROGRESS: {
    zh: '该批次正在由其他进程写入，请在其租约到期后重试',
    en: 'The batch is being written by a live process; retry after its lease expires',
  },
  BATCH_TAKEN_OVER: {
    zh: '该批次已被其他进程接管，请查看批次结果',
    en: 'Another process took this batch over; read the batch for its outcome',
  },
  STEP_FAILED: {
    zh: '批次中的一步无法完成，已整体回滚',
    en: 'A step of the batch failed; it was rolled back',
  },
  ROLLED_BACK_ON_REQUEST: { zh: '批次已按要求回滚', en: 'The batch was rolled back on request' },
  COUNTER_MOVED: {
    zh: '计数在检查后已变化，未修复，请重新检查',
    en: 'The counter changed since the check; left alone, run the check again',
  },
  NOT_A_PERIOD_JOB: {
    zh: '该任务不按期间运行，按计划自动执行',
    en: 'This job covers no period; it runs on its schedule',
  },
  POLICY_BACKDATED: {
    zh: '政策不能追溯生效（生效日期不能早于今天）',
    en: "A policy can't start in the past",
  },
  POLICY_IN_EFFECT: {
    zh: '该政策版本已生效，不能修改；请以更晚的生效日期发布新版本',
    en: 'This policy version is in effect; supersede it with a later effectiveFrom',
  },

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
  UNKNOWN_ORG_UNIT: { zh: '单位不存在', en: 'Unknown org unit' },
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
  NOT_SELECTED: { zh: '该候选人未被确定为拟聘人员', en: 'The candidate is not among those selected' },
  REJECTED_IN_REVIEW: { zh: '该候选人在联审中未通过', en: 'Rejected in joint review' },
  REVIEW_PENDING: { zh: '尚有部门未作出联审决定', en: 'Not every department has approved yet' },
  REVIEW_NOT_DONE: { zh: '考试和联审尚未完成', en: 'The exam and joint review are not finished' },
  NOTICE_NOT_STARTED: { zh: '公示尚未开始', en: 'The public notice has not started' },
  NOTICE_PERIOD_NOT_OVER: {
    zh: (d) => `公示期未满${d?.noticeEndsOn ? `（至 ${d.noticeEndsOn}）` : ''}，公示期满次日起方可聘用`,
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

  // ---- training, mentoring, certificates
  EVENT_NOT_HELD_YET: { zh: '培训尚未举办，请在培训之后登记签到', en: 'Record attendance after the event' },
  LEVEL_MISMATCH: {
    zh: '培训级别须与主办单位的层级一致',
    en: 'The event level must match the organising unit',
  },
  LEVEL_NOT_IN_POLICY: { zh: '培训政策中没有该级别', en: 'The training policy has no such level' },
  ALREADY_RECORDED: {
    zh: '有人员已登记过本次培训，未保存任何数据',
    en: 'Some workers are already recorded for this event; nothing was saved',
  },
  INVALID_HOURS: { zh: '学时不能为负数', en: 'hours must be ≥ 0' },
  ALREADY_MENTOR: { zh: '该人员已是导师', en: 'Already a designated mentor' },
  MENTOR_NOT_ACTIVE: { zh: '导师不在岗', en: 'The mentor is not an active worker' },
  MENTEE_NOT_ACTIVE: { zh: '学员不在岗', en: 'The mentee is not an active worker' },
  MENTOR_AT_CAPACITY: {
    zh: '该导师带教人数已达上限',
    en: 'The mentor already has the maximum of current mentees',
  },
  ALREADY_PAIRED: { zh: '该学员已与此导师结对', en: 'Already paired with this mentor' },
  SELF_MENTORING: { zh: '不能自己带教自己', en: 'A worker cannot mentor themselves' },
  START_BEFORE_HIRE: {
    zh: '结对开始日期不能早于学员聘用日期',
    en: "The pairing can't start before the hire",
  },
  PAIRING_ALREADY_OVER: { zh: '该结对期限已结束', en: 'The pairing period is already over' },
  MENTORSHIP_NOT_ACTIVE: { zh: '该结对已结束', en: 'The pairing is no longer active' },
  OUTSIDE_PAIRING_PERIOD: { zh: '日期不在结对期限内', en: 'The date is outside the pairing period' },
  DATE_IN_FUTURE: { zh: '不能登记尚未发生的带教', en: "A session can't be logged before it happens" },
  CERTIFICATES_REJECTED: {
    zh: (d) => `${rows(d)} 行证书无法登记，未保存任何数据`,
    en: "Some rows' certificates can't be recorded; nothing was saved",
  },
  DUPLICATE_CERTIFICATE: { zh: '该证书编号已登记', en: 'This certificate number is already recorded' },

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

  // ---- evaluation
  INVALID_PERIOD: {
    zh: '期间格式有误（月度 YYYY-MM，年度 YYYY；按日运行的任务为 YYYY-MM-DD）',
    en: 'Not a period',
  },
  INVALID_SCORE: { zh: '分数须在 0–100 之间', en: 'score out of 0–100' },
  INVALID_EVALUATION_INPUTS: { zh: '考核数据有误', en: 'Invalid evaluation inputs' },
  PERIOD_NOT_ENDED: { zh: '考核期间尚未结束，期满次日起方可考核', en: 'The period has not ended yet' },
  EVALUATION_RUN_IN_PROGRESS: {
    zh: '该期考核任务尚未完成，请续跑或等待其完成',
    en: (d) =>
      d?.runId
        ? `Run ${d.runId}${d.org ? ` of ${d.org}` : ''} for ${d.period ?? 'this period'} has not finished yet`
        : 'A run for this period has not finished',
  },
  EVALUATION_UNIT_FAILED: {
    zh: '该单位计算时发生系统内部错误（已记录日志），将自动重试，也可续跑考核任务',
    en: 'Scoring this unit failed on an internal error (logged); it is retried, or resume the run',
  },
  GRID_RANKED_WITH_COMMUNITY: {
    zh: '网格人员随所在社区一并排名，请对社区运行考核',
    en: 'Grid workers are ranked with their community',
  },
  RUN_NOT_RUNNING: { zh: '该考核任务已不在运行', en: 'The run is no longer running' },
  UNIT_ALREADY_SCORED: { zh: '该单位已完成考核', en: 'The unit is already done' },

  EVENT_TOO_LARGE_TO_EDIT: {
    zh: '该培训签到人数过多，无法一次更正',
    en: 'The event has too many attendances to correct in one step',
  },
  ATTENDEES_NOT_ON_DUTY: {
    zh: '有签到人员在培训日期不在岗',
    en: 'Some attendees were not on duty on the event date',
  },
  JOB_ALREADY_RUN: { zh: '该任务在此期间已运行', en: 'The job has already run for this period' },
  JOB_FAILED: {
    zh: '任务运行失败（系统内部错误，已记录日志），可再次运行该期间',
    en: 'The job failed on an internal error (logged); run the period again',
  },
  SCHEDULED_EVALUATION_FAILED: {
    zh: (d) =>
      `各市的定期考核均未能启动${Array.isArray(d?.failed) ? `（${d.failed.length} 个市）` : ''}，计划任务将重试`,
    en: 'The scheduled evaluation failed in every city; the schedule retries',
  },
  CLOCK_MOVED_BACK: { zh: '业务时钟只能向前调整', en: 'The business clock only moves forward' },

  ACCOUNTS_IN_IDENTITY_PROVIDER: {
    zh: '登录账号由统一身份认证平台管理，请在该平台开通或停用',
    en: 'Sign-in accounts live in the external identity provider; create or disable them there',
  },
  ACCOUNT_EXISTS: { zh: '该人员已有登录账号', en: 'This account already exists' },
  ACCOUNT_EMAIL_TAKEN: {
    zh: (d) => `邮箱 ${d?.email ?? ''} 已用于其他登录账号`,
    en: 'The e-mail already signs in to another account',
  },
  NOT_A_MENTOR: { zh: '该人员不是导师，不能开通导师账号', en: 'The worker is not a designated mentor' },
  ACCOUNT_FOLLOWS_WORKER: {
    zh: '社区工作者和导师的登录账号随人员离职、调动自动变更，请办理人员离职或调动',
    en: "A worker's or mentor's account follows the worker: exit or move the worker instead",
  },
  ACCOUNT_ALREADY_DISABLED: { zh: '该登录账号已停用', en: 'The account is already disabled' },
  ACCOUNT_NOT_DISABLED: { zh: '该登录账号未停用，无需启用', en: 'The account is enabled' },
  ALREADY_IN_UNIT: { zh: '该人员已在该单位', en: 'The worker already serves in this unit' },
  MOVE_TARGET_LEVEL: { zh: '社区工作者只能调动到社区或网格', en: 'Workers serve in a community or a grid' },
  PROBATION_NOT_OVER: { zh: '试用期尚未届满', en: 'The probation is not over yet' },
  NO_PROBATION: { zh: '该人员没有试用期（如转任人员）', en: 'This worker serves no probation' },
  PROBATION_DECIDED: {
    zh: (d) =>
      `该人员的试用期已${d?.status === 'confirmed' ? '转正' : d?.status === 'failed' ? '判定不合格' : '处理'}${d?.decidedOn ? `（${d.decidedOn}）` : ''}`,
    en: 'The probation was already decided',
  },
  EXTENSION_TOO_LONG: {
    zh: '试用期延长超过政策允许的上限',
    en: 'The probation extension exceeds the policy limit',
  },
  WORKER_EXITED: { zh: '该人员已退出', en: 'The worker has exited' },
  RENEWAL_TOO_EARLY: {
    zh: (d) =>
      d?.renewableFrom
        ? `合同 ${d.endsOn} 到期，${d.renewableFrom} 起方可办理续签`
        : '合同尚未进入续签办理期',
    en: 'The contract is not yet due for renewal',
  },
  PERIOD_NOT_STARTED: { zh: '该期间尚未开始，任务不能提前运行', en: 'The period has not begun yet' },
  REMINDER_EXISTS: { zh: '该合同期已有到期提醒', en: 'This contract term already has a reminder' },
  REMINDER_DISMISSED: { zh: '该提醒已处理', en: 'This reminder was already dismissed' },

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
  // ---- onboarding an existing workforce, historical policies
  ONBOARDING_ROWS_REFUSED: {
    zh: (d) => `${rows(d)} 行无法导入，未保存任何数据`,
    en: "Some rows can't be onboarded; nothing was saved",
  },
  ONBOARDING_HIRED_IN_FUTURE: { zh: '入职日期不能晚于导入当天', en: "The hire date can't be after today" },
  ONBOARDING_GRADE_DATE: {
    zh: '定级日期须在入职日期与导入当天之间',
    en: "The grade's date must lie between the hire and today",
  },
  ONBOARDING_PROBATION_DATE: {
    zh: '试用期满日期不能早于入职日期',
    en: "Probation can't end before the hire",
  },
  ONBOARDING_CONTRACT_START: {
    zh: '合同起始日期须在入职日期与导入当天之间',
    en: "The contract term's start must lie between the hire and today",
  },
  ONBOARDING_CONTRACT_ENDED: {
    zh: (d) => `合同到期日期（${d?.contractEndsOn ?? ''}）不能早于导入当天，且须晚于合同起始日期`,
    en: 'The contract must be in force today',
  },
  ONBOARDING_CERTIFICATE_FUTURE: {
    zh: '证书登记日期不能晚于导入当天',
    en: "A certificate's registration can't be after today",
  },
  ONBOARDING_CERTIFICATE_INCOMPLETE: {
    zh: '证书等级、证书编号、发证日期、证书登记日期须同时填写',
    en: 'Give all four certificate columns or none',
  },
  ONBOARDING_EVALUATION_FORMAT: {
    zh: '历年年度考核应写作“年份:等次”，如 2024:称职;2025:优秀',
    en: 'Write past evaluations as year:grade, e.g. 2024:competent;2025:excellent',
  },
  ONBOARDING_EVALUATION_YEAR: {
    zh: (d) => `${d?.year ?? ''} 年不能导入年度考核（限入职年份至上一年度）`,
    en: 'Annual evaluations only for years from the hire year to last year',
  },
  ONBOARDING_STEP_DUE: {
    zh: (d) =>
      `按历年年度考核，${d?.grade ?? ''} 级应已于 ${d?.dueOn ?? ''} 晋升至 ${d?.to ?? ''} 级；请核对等级、定级日期或考核记录`,
    en: 'By its evaluations the grade would already have stepped',
  },
  POLICY_HISTORY_CLOSED: {
    zh: '本市已有人员或招聘记录，不能再录入历史政策版本；新版本只能自今天或以后生效',
    en: 'The city has recorded changes; historical policy versions are closed',
  },
  POLICY_NOT_HISTORICAL: {
    zh: '历史政策版本的生效日期须早于今天；今天或以后生效的版本请直接发布',
    en: 'A historical version starts before today',
  },
} satisfies Record<string, CatalogueEntry>;

export type MessageCode = keyof typeof catalogue;

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(catalogue, code);
}

/** A catalogue text in a language, read with the error's details. */
export function renderMessage(code: MessageCode, language: Language, details: unknown = null): string {
  const text: Text = catalogue[code][language];
  return typeof text === 'function' ? text(details) : text;
}

/** A catalogue text in the current request's language (for zod refinements and details). */
export function t(code: MessageCode, details: unknown = null): string {
  return renderMessage(code, currentLanguage(), details);
}

/**
 * Outcomes stored with their code in the current request's language, wherever they sit in plain
 * JSON (a batch's failure, a job's failed cities, an audit entry's error). Stored as code + params
 * (`shared/messages/stored.ts`): the text is rendered here, `params` kept when there are any. Older
 * items stored code + English sentence: Chinese from the catalogue, English the sentence stored.
 */
export function localiseOutcomes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(localiseOutcomes) as T;
  if (!isPlainJsonObject(value)) return value;
  const out: Record<string, unknown> = Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, localiseOutcomes(v)]),
  );
  if (typeof out.code !== 'string' || !isMessageCode(out.code)) return out as T;
  if (isPlainJsonObject(out.params) && !('message' in out)) {
    const { params, ...rest } = out;
    return {
      ...rest,
      message: renderMessage(out.code, currentLanguage(), params),
      ...(Object.keys(params).length > 0 ? { params } : {}),
    } as T;
  }
  if (currentLanguage() === 'zh' && typeof out.message === 'string')
    out.message = renderMessage(out.code, 'zh', out);
  return out as T;
}

function isPlainJsonObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}
