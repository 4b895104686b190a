/**
 * Every API error code in Chinese (falling back to the server's message), with the request id for
 * support. One helper for the whole app: phone and desktop screens both render `describeError`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** No answer at all (offline, DNS, connection reset): always worth a retry. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network failure', { cause });
    this.name = 'NetworkError';
  }
}

/**
 * Every code in the server's catalogue (shared/messages/catalogue.ts) has its line here, in words
 * for the people using the app (test/unit/web-error-messages.test.ts keeps the two in step).
 */
export const ERROR_MESSAGES: Record<string, string> = {
  BAD_REQUEST: '请求有误，请检查填写的内容',
  VALIDATION_FAILED: '填写的内容有误，请按提示修改',
  UNSUPPORTED_MEDIA_TYPE: '文件格式不受支持',
  UNAUTHENTICATED: '登录已过期或已失效，请重新登录',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '未找到相关记录',
  SERVICE_UNAVAILABLE: '系统繁忙，请稍后重试',
  INTERNAL: '系统出错了，请稍后重试或联系管理员',
  CONCURRENT_UPDATE: '记录已被他人修改，请刷新后重试',
  VERSION_MISMATCH: '记录已被他人修改，请刷新后重试',
  IDEMPOTENCY_KEY_REUSED: '重复提交的内容不一致，请刷新后重试',
  QUOTA_EXCEEDED: '超出核定编制数',
  HONOUR_QUOTA_EXCEEDED: '超出表彰名额',
  SEAT_ACCOUNTING: '编制占用数据异常，请联系管理员',
  ORG_UNIT_EXISTS: '该组织单位已存在',
  UNKNOWN_ORG_UNIT: '组织单位不存在',
  INVALID_PLACEMENT: '只能安排到社区或网格',
  NOT_A_PLACEMENT_UNIT: '只能安排到社区或网格',
  WORKER_EXISTS: '该社区工作者已存在',
  ALREADY_ACTIVE_WORKER: '此人已是在岗社区工作者',
  NATIONAL_ID_GUARD_MISMATCH: '身份证号记录不一致，请联系管理员',
  WORKER_NOT_ACTIVE: '该社区工作者不在岗',
  NOT_ACTIVE: '该记录已不在有效状态',
  ALREADY_EXITED: '该社区工作者已离职',
  EXIT_BEFORE_HIRE: '离职日期早于入职日期',
  EXIT_DATE_IN_FUTURE: '离职日期不能晚于今天',
  NO_WORKER_RECORD: '未找到您的人员档案，请联系人事部门',
  DUPLICATE_CANDIDATE: '该考生已报名',
  NOT_ELIGIBLE: '不符合报考条件',
  WRONG_STAGE: '招聘当前阶段不允许此操作',
  RECRUITMENT_CLOSED: '招聘已结束',
  RECRUITMENT_CHANGED: '招聘信息已变更，请刷新后重试',
  NOT_SELECTED: '该考生未被拟录用',
  NO_ELIGIBLE_CANDIDATES: '没有符合条件的考生',
  NO_SELECTED_CANDIDATES: '没有拟录用的考生',
  NOTICE_NOT_STARTED: '尚未开始公示',
  ALREADY_HIRED: '该考生已录用',
  REVIEW_ALREADY_RECORDED: '该部门已提交联审意见',
  ALREADY_MENTOR: '已是带教导师',
  ALREADY_PAIRED: '已有带教结对',
  MENTOR_NOT_ACTIVE: '导师不在岗或未认定',
  MENTEE_NOT_ACTIVE: '学员不在岗',
  SELF_MENTORING: '不能自己带教自己',
  MENTORSHIP_NOT_ACTIVE: '带教结对已结束',
  OUTSIDE_PAIRING_PERIOD: '日期不在带教结对期间内',
  DATE_IN_FUTURE: '日期不能晚于今天',
  MONTH_IN_FUTURE: '该月份尚未到来',
  EVENT_NOT_HELD_YET: '培训尚未举办',
  LEVEL_NOT_IN_POLICY: '该级别不在政策范围内',
  DUPLICATE_CERTIFICATE: '证书编号已登记',
  REGISTRATION_IN_FUTURE: '登记日期不能晚于今天',
  NOT_EMPLOYED_IN_MONTH: '该月不在职，没有工资条',
  GRADE_UNCHANGED: '岗位等级未变化',
  ALREADY_IN_ROLE: '已担任该职务',
  ALREADY_IN_RESERVE_POOL: '已在后备力量库中',
  ALREADY_NOMINATED: '已被提名',
  RESULT_ALREADY_RECORDED: '结果已录入',
  NOT_PARTY_MEMBER: '非中共党员，不能参评该荣誉',
  FAILED_EVALUATION_IN_CYCLE: '评选周期内有考核不称职记录',
  UNIT_ALREADY_SCORED: '该单位已评分',
  RUN_NOT_RUNNING: '考核计算未在进行中',
  INVALID_JSON: '提交的内容格式有误，请刷新后重试',
  INVALID_CSV: 'CSV 文件格式有误，请检查后重新上传',
  INVALID_SPREADSHEET: '无法读取该表格文件，请检查后重新上传',
  INVALID_COLUMNS: '表格的列与模板不符，请按模板填写',
  INVALID_CURSOR: '分页信息已失效，请刷新后重试',
  INVALID_IDEMPOTENCY_KEY: '提交标识有误，请刷新后重试',
  IDEMPOTENCY_IN_PROGRESS: '上一次提交仍在处理中，请稍后重试',
  IDEMPOTENCY_RESPONSE_LOST: '上一次提交已生效，但结果未能返回，请刷新查看',
  IDEMPOTENCY_KEY_TAKEN_OVER: '该提交已由另一次请求接手处理，请刷新查看结果',
  PAYLOAD_TOO_LARGE: '上传内容过大（不超过 10 MB）',
  HTTP_ERROR: '请求无法处理',
  INVALID_ORG_ID: '单位编号格式有误',
  INVALID_HIERARCHY: '单位层级不正确：市 → 县（区）→ 街道 → 社区 → 网格',
  INVALID_QUOTA_INPUT: '员额核定数须为非负整数',
  QUOTA_BELOW_HEADCOUNT: '核定员额不能低于现有在岗人数',
  BATCH_IN_PROGRESS: '该批次正在处理中，请稍后重试',
  BATCH_TAKEN_OVER: '该批次已由其他进程接管，请查看批次结果',
  STEP_FAILED: '批次中有一步无法完成，已整体回滚，未保存任何数据',
  ROLLED_BACK_ON_REQUEST: '批次已按要求回滚',
  COUNTER_MOVED: '数据在检查后已变化，请重新检查',
  NOT_A_PERIOD_JOB: '该任务按计划自动执行，不能按期间运行',
  POLICY_BACKDATED: '政策不能追溯生效（生效日期不能早于今天）',
  POLICY_IN_EFFECT: '该政策版本已生效，不能修改；请以更晚的生效日期发布新版本',
  INVALID_NATIONAL_ID: '公民身份号码无效',
  INVALID_PLACES: '招聘名额须为正整数',
  INVALID_STAGE_TRANSITION: '招聘阶段只能依次推进：报名 → 笔试 → 面试 → 联审 → 公示',
  GRID_OUTSIDE_RECRUITMENT: '所选网格不在本次招聘的单位范围内',
  PLACEMENT_REQUIRED: '请指定拟安排的社区或网格',
  SCORES_MISSING: '尚有候选人没有成绩',
  SCORES_REJECTED: '有成绩无法录入，未保存任何数据',
  UNKNOWN_CANDIDATE: '本次招聘没有该候选人',
  NOT_IN_RANKING: '只有进入排名的候选人才进行联审',
  UNKNOWN_DEPARTMENT: '该部门不在联审部门之列',
  REVIEW_INCOMPLETE: '名额内仍有候选人等待联审决定',
  REJECTED_IN_REVIEW: '该候选人在联审中未通过',
  REVIEW_PENDING: '尚有部门未作出联审决定',
  REVIEW_NOT_DONE: '考试和联审尚未完成',
  NOTICE_PERIOD_NOT_OVER: '公示期未满',
  HIRE_BEFORE_NOTICE_END: '聘用日期须在公示期结束之后',
  HIRE_DATE_IN_FUTURE: '聘用须在聘用日期当天或之后登记',
  PAY_WOULD_DROP: '按同工同酬原则，调整后工资不得低于现工资',
  TRANSFER_DATE_IN_FUTURE: '转任须在转任日期当天或之后登记',
  UNKNOWN_WORKERS: '有人员不存在或不在您的管辖范围内',
  EXIT_PROPOSAL_CHANGED: '退出建议已被处理或更新，请刷新',
  EXIT_PROPOSAL_DECIDED: '退出建议已处理',
  LEVEL_MISMATCH: '培训级别须与主办单位的层级一致',
  ALREADY_RECORDED: '有人员已登记过本次培训，未保存任何数据',
  INVALID_HOURS: '学时不能为负数',
  MENTOR_AT_CAPACITY: '该导师带教人数已达上限',
  START_BEFORE_HIRE: '结对开始日期不能早于学员聘用日期',
  PAIRING_ALREADY_OVER: '该结对期限已结束',
  INVALID_DATE: '日期或月份格式有误',
  INVALID_GRADE: '等级须为 1–18 的整数',
  INVALID_STEP_STATE: '薪级档次数据有误，请联系管理员',
  GRADE_OUTSIDE_BAND: '等级超出该岗位的等级范围',
  EFFECTIVE_DATE_BEFORE_LAST_CHANGE: '生效日期不能早于上一次岗位等级变动',
  EFFECTIVE_DATE_IN_FUTURE: '变动须在生效日期当天或之后登记',
  YEAR_NOT_STARTED: '该年度尚未开始',
  OUTSIDE_RESERVE_POOL: '该人员不在后备力量库中；如确需晋升请填写理由',
  NOT_A_PROMOTION: '该职务的岗位低于现岗位，不属于晋升',
  ROLE_NOT_IN_COMMITTEE: '该组织没有此职务',
  NOMINATION_WITHDRAWN: '被推荐人已离职，该推荐已撤回',
  NO_QUOTA_FOR_ORG: '本评优周期没有为该单位分配名额',
  INVALID_PERIOD: '考核期间格式有误',
  INVALID_SCORE: '分数须在 0–100 之间',
  INVALID_EVALUATION_INPUTS: '考核数据有误',
  PERIOD_NOT_ENDED: '考核期间尚未结束',
  EVALUATION_RUN_IN_PROGRESS: '该期考核计算尚未完成',
  GRID_RANKED_WITH_COMMUNITY: '网格人员随所在社区一并排名，请对社区运行考核',
  EVENT_TOO_LARGE_TO_EDIT: '该培训签到人数过多，无法一次更正',
  ATTENDEES_NOT_ON_DUTY: '有签到人员在培训日期不在岗',
  JOB_ALREADY_RUN: '该任务在此期间已运行',
  CLOCK_MOVED_BACK: '业务时钟只能向前调整',
  PROBATION_NOT_OVER: '试用期尚未届满',
  ACCOUNT_DISABLED: '该登录账号已停用',
  SIGN_IN_FAILED: '没有使用该邮箱登录的账号',
  ACCOUNTS_IN_IDENTITY_PROVIDER: '登录账号由统一身份认证平台管理，请在该平台开通或停用',
  ACCOUNT_EXISTS: '该人员已有登录账号',
  ACCOUNT_EMAIL_TAKEN: '该邮箱已用于其他登录账号',
  NOT_A_MENTOR: '该人员不是导师，不能开通导师账号',
  ALREADY_IN_UNIT: '该人员已在该单位',
  MOVE_TARGET_LEVEL: '社区工作者只能调动到社区或网格',
  EXTENSION_TOO_LONG: '试用期延长超过政策允许的上限',
  WORKER_EXITED: '该人员已退出',
  RENEWAL_TOO_EARLY: '合同尚未进入续签办理期',
  REMINDER_EXISTS: '该合同期已有到期提醒',
  REMINDER_DISMISSED: '该提醒已处理',
  PERIOD_NOT_STARTED: '该期间尚未开始，任务不能提前运行',
  WORKER_REFERENCE_REQUIRED: '请填写人员编号或身份证号',
  CANDIDATE_REFERENCE_REQUIRED: '请填写候选人编号或身份证号',
  SCORE_REQUIRED: '请填写笔试成绩或面试成绩',
  AT_MOST_TWO_DECIMALS: '最多两位小数',
  REGISTERED_BEFORE_ISSUED: '登记日期不能早于发证日期',
  INTEGER_FEN: '金额格式有误',
  ISO_DATE: '日期格式有误',
  REAL_DATE: '不是有效的日期',
  ISO_MONTH: '月份格式有误',
  NATIONAL_ID_CHECK: '公民身份号码无效',
  UNKNOWN_VALUE: '取值无效',
  COMPLETED_EXCEEDS_ASSIGNED: '办结数不能超过派单数',
  SATISFIED_EXCEEDS_COMPLETED: '满意数不能超过办结数',
  ROW_OUTSIDE_SUBTREE: '所填单位不在您的管辖范围内',
  ROW_WORKER_NOT_HERE: '人员不存在、不在您的管辖范围或该期间不在岗',
  ROW_REPEATS_ROW: '与前面的行重复',
  ONBOARDING_ROWS_REFUSED: '有行无法导入，未保存任何数据，请按各行提示修改',
  ONBOARDING_HIRED_IN_FUTURE: '入职日期不能晚于导入当天',
  ONBOARDING_GRADE_DATE: '定级日期须在入职日期与导入当天之间',
  ONBOARDING_PROBATION_DATE: '试用期满日期不能早于入职日期',
  ONBOARDING_CONTRACT_START: '合同起始日期须在入职日期与导入当天之间',
  ONBOARDING_CONTRACT_ENDED: '合同到期日期不能早于导入当天',
  ONBOARDING_CERTIFICATE_FUTURE: '证书登记日期不能晚于导入当天',
  ONBOARDING_CERTIFICATE_INCOMPLETE: '证书等级、证书编号、发证日期、证书登记日期须同时填写',
  ONBOARDING_EVALUATION_FORMAT: '历年年度考核应写作“年份:等次”，如 2024:称职;2025:优秀',
  ONBOARDING_EVALUATION_YEAR: '年度考核仅限入职年份至上一年度',
  ONBOARDING_STEP_DUE: '按历年年度考核该等级应已晋升，请核对等级、定级日期或考核记录',
  POLICY_HISTORY_CLOSED: '本市已有人员或招聘记录，不能再录入历史政策版本',
  POLICY_NOT_HISTORICAL: '历史政策版本的生效日期须早于今天',
};

export interface ErrorDescription {
  title: string;
  /** The server's own words when we have no Chinese message for the code (kept for support). */
  detail: string | null;
  requestId: string | null;
  retryable: boolean;
}

export function describeError(error: unknown): ErrorDescription {
  if (error instanceof NetworkError) {
    return { title: '网络连接失败，请检查网络后重试', detail: null, requestId: null, retryable: true };
  }
  if (error instanceof ApiError) {
    const known = ERROR_MESSAGES[error.code];
    return {
      title: known ?? (error.status >= 500 ? ERROR_MESSAGES.INTERNAL! : '操作未成功'),
      detail: known ? null : error.message,
      requestId: error.requestId,
      retryable: error.status >= 500 || error.status === 429,
    };
  }
  return { title: '页面出错了，请刷新重试', detail: null, requestId: null, retryable: true };
}
