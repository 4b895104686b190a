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
