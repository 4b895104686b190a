import { type CatalogueEntry, NOUNS, names, rows } from './texts.ts';

/** The request itself, concurrency and bookkeeping. */
export const requestMessages = {
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
} satisfies Record<string, CatalogueEntry>;
