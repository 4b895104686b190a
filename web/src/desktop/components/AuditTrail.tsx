import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Empty, Space, Table, Typography } from 'antd';
import { api, data } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';
import { LABELS, label } from '../../lib/labels.ts';
import { fenToYuan } from '../../lib/money.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { beijingTime } from './cells.tsx';

type AuditEntry = components['schemas']['AuditEntry'];

/** Chinese names of the fields that appear in audit before/after documents. */
const FIELD_NAMES: Record<string, string> = {
  name: '姓名',
  nationalId: '身份证号',
  org: '所在单位',
  status: '状态',
  post: '岗位',
  grade: '等级',
  channel: '进入方式',
  hiredOn: '入职日期',
  exit: '离职信息',
  situation: '退出情形',
  effectiveOn: '生效日期',
  evidence: '依据',
  recordedAt: '记录时间',
  code: '代码',
  level: '层级',
  parentId: '上级单位',
  urbanPopulation: '城镇常住人口',
  approvedQuota: '核定编制',
  quota: '编制数',
  used: '在编人数',
  available: '空余编制',
  holdsQuota: '单独核定编制',
  overQuotaBy: '超编人数',
  version: '版本',
  mentorIds: '带教导师',
  certificates: '职业资格证书',
  probation: '试用期',
  probationEndsOn: '试用期满日期',
  contractEndsOn: '合同到期日期',
  reason: '原因',
  note: '备注',
  result: '结果',
  withdrawn: '撤回',
  annualGrades: '年度考核等次',
  committeeRoles: '两委职务',
  gradeSince: '等级起始日期',
  education: '学历',
  isPartyMember: '中共党员',
  sex: '性别',
  birthDate: '出生日期',
  updatedAt: '更新时间',
  createdAt: '创建时间',
  effectiveFrom: '生效日期',
  document: '政策内容',
  id: '编号',
  source: '来源',
  step: '晋档进度',
  quotaPolicyVersion: '编制政策版本',
  payPolicyVersion: '薪酬政策版本',
  transferBatchId: '调入批次',
  previousMonthlyPayFen: '原月工资',
  mappedMonthlyPayFen: '套改后月工资',
  consecutiveExcellent: '连续优秀年数',
  earlyStepsTaken: '已提前晋档次数',
  yearsCountedInGrade: '本级已计年数',
};

const ACTION_NAMES: Record<string, string> = {
  'org-unit.created': '新建组织单位',
  'org-unit.updated': '修改组织单位',
  'org-unit.quota-cut-below-headcount': '核减编制至在编人数以下',
  'worker.hired': '录用',
  'worker.transferred-in': '调入',
  'worker.transfer-rolled-back': '调入撤销',
  'worker.exited': '离职',
  'worker.grade-set': '调整等级',
  'worker.promoted': '晋升',
  'worker.probation-failed': '试用期不合格',
  'worker.certificate-recorded': '登记证书',
  'coaching-session.logged': '记录带教',
  'consistency.repaired': '数据一致性修复',
  'evaluation-inputs.uploaded': '上传考核数据',
  'evaluation.run-started': '开始考核计算',
  'evaluation.run-resumed': '继续考核计算',
  'evaluation.run-completed': '考核计算完成',
  'evaluation.unit-scored': '单位考核评分',
  'exit-proposal.confirmed': '确认退出建议',
  'exit-proposal.dismissed': '驳回退出建议',
  'honour-cycle.created': '新建评优',
  'honour.nominated': '表彰提名',
  'honour.withdrawn': '撤回表彰提名',
  'mentor.designated': '认定导师',
  'mentorship.created': '建立带教结对',
  'mentorship.ended': '结束带教结对',
  'recruitment.opened': '发布招聘',
  'recruitment.candidate-registered': '考生报名',
  'recruitment.candidate-hired': '录用考生',
  'recruitment.review-recorded': '联审意见',
  'recruitment.scores-recorded': '录入成绩',
  'reserve-pool.added': '纳入后备力量库',
  'reserve-pool.promoted-out': '后备人选晋升出库',
  'reserve-pool.removed': '移出后备力量库',
  'training-event.created': '新建培训',
  'training-event.corrected': '更正培训',
  'training.attendance-recorded': '登记参训',
  'training.attendance-removed': '删除参训记录',
  'training.attendance-rolled-back': '参训登记撤销',
  'transfer.completed': '调入完成',
  'transfer.rolled-back': '调入撤销',
  'policy.stored': '保存政策版本',
};

export const fieldName = (field: string) => FIELD_NAMES[field] ?? field;
export const actionName = (action: string) => ACTION_NAMES[action] ?? action;

const VALUE_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  education: LABELS.education,
  sex: { male: '男', female: '女' },
};

/**
 * A value as HR reads it. `label_` is the Chinese name the API put beside a code (`channelLabel`
 * beside `channel`, from the domain's vocabulary), shown for codes this screen has no table for.
 */
function show(value: unknown, field?: string, label_?: unknown): string {
  if (value === null || value === undefined) return '—';
  if (field?.endsWith('Fen') && typeof value === 'number') return `¥${fenToYuan(value)}`;
  if (field && typeof value === 'string' && VALUE_NAMES[field]?.[value]) return VALUE_NAMES[field][value]!;
  if (field === 'post' && typeof value === 'string') return label('post', value);
  if (field === 'status' && typeof value === 'string') return label('workerStatus', value);
  if (field === 'level' && typeof value === 'string') return label('orgLevel', value);
  if (typeof label_ === 'string' && typeof value === 'string') return label_;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'object') {
    if (Array.isArray(value)) return value.length === 0 ? '（无）' : value.map((v) => show(v)).join('、');
    const holder = value as Record<string, unknown>;
    return Object.entries(holder)
      .filter(([k]) => !isLabelOf(k, holder))
      .map(([k, v]) => `${fieldName(k)}：${show(v, k, holder[`${k}Label`])}`)
      .join('；');
  }
  return String(value);
}

/** `channelLabel` beside `channel`: the API's label of another field, shown in its place. */
const isLabelOf = (key: string, ...holders: Record<string, unknown>[]) =>
  /Labels?$/.test(key) && holders.some((h) => Object.hasOwn(h, key.replace(/Labels?$/, '')));

/** The fields that differ between before and after, with Chinese names. */
export function changedFields(before: unknown, after: unknown, entity = '') {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const empty = (v: unknown) =>
    v == null ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'object' && Object.keys(v as object).length === 0);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) =>
      !['id', 'version', 'updatedAt', 'createdAt'].includes(k) &&
      !isLabelOf(k, b, a) &&
      !(empty(b[k]) && empty(a[k])) &&
      JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  const nameOf = (k: string) => (k === 'name' && !entity.startsWith('worker:') ? '名称' : fieldName(k));
  return keys.map((k) => ({
    field: k,
    name: nameOf(k),
    before: show(b[k], k, b[`${k}Label`]),
    after: show(a[k], k, a[`${k}Label`]),
  }));
}

function Changes({ entry }: { entry: AuditEntry }) {
  const rows = changedFields(entry.before, entry.after, entry.entity);
  if (rows.length === 0) return <Typography.Text type="secondary">（无字段变化）</Typography.Text>;
  return (
    <Space direction="vertical" size={2}>
      {rows.map((r) => (
        <span key={r.field}>
          <Typography.Text strong>{r.name}</Typography.Text>：{r.before} → {r.after}
        </span>
      ))}
    </Space>
  );
}

/** An entity's audit trail (newest first, paged by the API's cursor): who, when, what changed. */
export function AuditTrail({ entity }: { entity: string }) {
  const trail = useInfiniteQuery({
    queryKey: ['audit', entity],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/v1/audit', {
          params: { query: { entity, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.cursor,
  });
  if (trail.isError) return <ErrorAlert error={trail.error} onRetry={() => void trail.refetch()} />;
  const items = trail.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Table<AuditEntry>
        rowKey={(e) => `${e.at}-${e.requestId}-${e.action}`}
        loading={trail.isPending}
        dataSource={items}
        pagination={false}
        size="small"
        locale={{ emptyText: <Empty description="暂无变更记录" /> }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => beijingTime(v) },
          { title: '操作', dataIndex: 'action', width: 140, render: (v: string) => actionName(v) },
          {
            title: '操作人',
            key: 'actor',
            width: 200,
            render: (_, e) => `${label('role', e.actor.role)}（${e.actor.org}）`,
          },
          { title: '变更内容（前 → 后）', key: 'changes', render: (_, e) => <Changes entry={e} /> },
        ]}
      />
      {trail.hasNextPage ? (
        <Button
          style={{ marginTop: 12 }}
          loading={trail.isFetchingNextPage}
          onClick={() => void trail.fetchNextPage()}
        >
          加载更多
        </Button>
      ) : null}
    </>
  );
}
