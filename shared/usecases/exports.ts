import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { orgUnitKeys, toOrgUnit } from '#shared/db/entities/org-unit.ts';
import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import { type Store, subtreeQuery } from '#shared/db/store.ts';
import { certificateLevelNames } from '#shared/domain/certificates.ts';
import { exitSituations } from '#shared/domain/exits.ts';
import { ancestorsOf } from '#shared/domain/org-paths.ts';
import { educationLevelNames } from '#shared/domain/recruitment.ts';
import {
  evaluationGradeNames,
  hireChannelNames,
  kindNames,
  placementStatusNames,
  postNames,
  workerStatusNames,
  policyVersionName,
} from '#shared/domain/vocabulary.ts';
import type { WorkerStatus } from '#shared/domain/workers.ts';
import type { ExportCell, ExportColumn, ExportTable } from '#shared/spreadsheets/export.ts';
import { listUnitResults } from '#shared/usecases/evaluation-results.ts';
import { lineAmount, payrollStatements } from '#shared/usecases/pay/payroll.ts';
import { getRecruitment } from '#shared/usecases/recruitments/opening.ts';
import { getRanking } from '#shared/usecases/recruitments/review.ts';
import { hiringWorkerView } from '#shared/usecases/worker-records.ts';

/**
 * The office spreadsheets (`?format=xlsx|csv`): payroll, a recruitment's ranking, a unit's
 * evaluation results and the worker list, as tables with Chinese headers, org units by their
 * Chinese path, codes by their labels. Rendering (xlsx/CSV, 元, dates) is shared/spreadsheets/export.ts.
 */

const label = (names: Readonly<Record<string, string>>, code: string | null | undefined): string | null =>
  code === null || code === undefined ? null : (names[code] ?? code);

/**
 * Each org unit's path by Chinese names, city first (`七台河市/新兴区/红旗街道/红旗社区`): one
 * BatchGet of the units and their ancestors.
 */
export async function orgNamePaths(store: Store, orgIds: Iterable<string>): Promise<Map<string, string>> {
  const ids = [...new Set([...orgIds].flatMap(ancestorsOf))];
  const units = ids.length ? await store.batchGet(ids.map((id) => orgUnitKeys.key(id))) : [];
  const names = new Map(units.map((item) => toOrgUnit(item)).map((u) => [u.id, u.name]));
  return new Map(
    [...new Set(orgIds)].map((id) => [
      id,
      ancestorsOf(id)
        .map((a) => names.get(a) ?? a)
        .join('/'),
    ]),
  );
}

const fileSafe = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');

// ---------------------------------------------------------------------------------------------
// Payroll (工资表)

export async function payrollExport(
  store: Store,
  ctx: RequestContext,
  org: string,
  month: string,
): Promise<ExportTable> {
  const { employed, statements } = await payrollStatements(store, ctx, org, month);
  const paths = await orgNamePaths(store, [org, ...statements.map((s) => s.org)]);
  const columns: ExportColumn[] = [
    { header: '月份' },
    { header: '人员编号', width: 18 },
    { header: '姓名' },
    { header: '身份证号', width: 22 },
    { header: '所在单位', width: 36 },
    { header: '岗位' },
    { header: '等级', type: 'number' },
    { header: '岗位等级工资（元）', type: 'money' },
    { header: '岗位津贴（元）', type: 'money' },
    { header: '职业资格津贴（元）', type: 'money' },
    { header: '考核奖励（元）', type: 'money' },
    { header: '应发合计（元）', type: 'money' },
    { header: '薪酬政策版本', width: 22 },
    { header: '状态' },
    { header: '不足整月' },
    { header: '在岗天数', type: 'number' },
    { header: '当月天数', type: 'number' },
  ];
  const rows: ExportCell[][] = statements.map((s, i) => [
    month,
    s.workerId,
    s.name,
    employed[i]!.nationalId,
    paths.get(s.org) ?? s.org,
    label(postNames, s.post),
    s.grade,
    lineAmount(s, 'base'),
    lineAmount(s, 'post-allowance'),
    lineAmount(s, 'certificate-allowance'),
    lineAmount(s, 'evaluation-bonus'),
    s.totalFen,
    policyVersionName(s.policy.version),
    label(workerStatusNames, employed[i]!.status),
    s.partialMonth,
    s.service.daysServed,
    s.service.daysInMonth,
  ]);
  const sum = (code: string | null) =>
    statements.reduce((total, s) => total + (code === null ? s.totalFen : lineAmount(s, code)), 0);
  rows.push([
    '合计',
    null,
    `${statements.length} 人`,
    null,
    null,
    null,
    null,
    sum('base'),
    sum('post-allowance'),
    sum('certificate-allowance'),
    sum('evaluation-bonus'),
    sum(null),
  ]);
  const unit = paths.get(org) ?? org;
  return {
    title: `工资表-${unit.split('/').at(-1)}-${month}`,
    asciiName: `payroll-${fileSafe(org)}-${month}`,
    columns,
    rows,
  };
}

// ---------------------------------------------------------------------------------------------
// Recruitment ranking (成绩排名)

export async function rankingExport(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
): Promise<ExportTable> {
  const [recruitment, ranking] = await Promise.all([
    getRecruitment(store, ctx, recruitmentId),
    getRanking(store, ctx, recruitmentId),
  ]);
  const title = `成绩排名-${recruitment.title}`;
  const asciiName = `ranking-${fileSafe(recruitmentId)}`;
  if (ranking.basis === 'written') {
    return {
      title,
      asciiName,
      columns: [
        { header: '名次', type: 'number' },
        { header: '姓名' },
        { header: '身份证号', width: 22 },
        { header: '笔试成绩', type: 'number' },
        { header: '进入面试' },
      ],
      rows: ranking.items.map((item) => [
        item.rank,
        item.name,
        item.nationalId,
        item.written,
        'shortlisted' in item ? item.shortlisted : null,
      ]),
    };
  }
  return {
    title,
    asciiName,
    columns: [
      { header: '名次', type: 'number' },
      { header: '姓名' },
      { header: '身份证号', width: 22 },
      { header: '笔试成绩', type: 'number' },
      { header: '面试成绩', type: 'number' },
      { header: '加权成绩', type: 'number' },
      { header: '证书加分', type: 'number' },
      { header: '总成绩', type: 'number' },
      { header: '职业资格证书', width: 16 },
      { header: '现任网格员' },
      { header: '中共党员' },
      { header: '联审结果' },
      { header: '拟录用' },
    ],
    rows: ranking.items.map((item) => {
      const r = item as typeof item & {
        interview: number;
        weighted: number;
        bonus: number;
        total: number;
        certificateLevel: string | null;
        isGridWorker: boolean;
        isPartyMember: boolean;
        placement?: { status: string } | null;
        selected: boolean;
      };
      return [
        r.rank,
        r.name,
        r.nationalId,
        r.written,
        r.interview,
        r.weighted,
        r.bonus,
        r.total,
        label(certificateLevelNames, r.certificateLevel),
        r.isGridWorker,
        r.isPartyMember,
        r.placement ? label(placementStatusNames, r.placement.status) : null,
        r.selected,
      ];
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Evaluation results (考核结果)

export async function resultsExport(
  store: Store,
  ctx: RequestContext,
  org: string,
  period: string,
): Promise<ExportTable> {
  const { items } = await listUnitResults(store, ctx, org, period);
  const paths = await orgNamePaths(store, [org, ...items.map((r) => r.org)]);
  return {
    title: `考核结果-${(paths.get(org) ?? org).split('/').at(-1)}-${period}`,
    asciiName: `evaluation-results-${fileSafe(org)}-${period}`,
    columns: [
      { header: '考核期间' },
      { header: '考核类型' },
      { header: '单位内名次', type: 'number' },
      { header: '参评人数', type: 'number' },
      { header: '姓名' },
      { header: '人员编号', width: 18 },
      { header: '所在单位', width: 36 },
      { header: '居民测评', type: 'number' },
      { header: '部门评价', type: 'number' },
      { header: '履职记录', type: 'number' },
      { header: '工单办理', type: 'number' },
      { header: '总分', type: 'number' },
      { header: '考核等次' },
      { header: '因优秀比例调整' },
      { header: '满意度（%）', type: 'number' },
      { header: '满意度未达标' },
      { header: '考核政策版本', width: 22 },
      { header: '计算日期', type: 'date' },
    ],
    rows: items.map((r) => [
      r.period,
      label(kindNames, r.kind),
      r.rank,
      r.unitSize,
      r.workerName,
      r.workerId,
      paths.get(r.org) ?? r.org,
      r.components.poll,
      r.components.departments,
      r.components.duty,
      r.components.workOrders,
      r.total,
      label(evaluationGradeNames, r.grade),
      r.cappedFromExcellent,
      r.satisfactionPercent,
      r.satisfactionFailed,
      policyVersionName(r.policyVersion),
      r.computedAt,
    ]),
  };
}

// ---------------------------------------------------------------------------------------------
// Worker list (人员名册)

/**
 * Every worker of one status in an org subtree (all pages of the ByCollection range Query that
 * `GET /v1/workers` pages through), national ids as the caller may see them.
 */
export async function workersExport(
  store: Store,
  ctx: RequestContext,
  org: string,
  status: WorkerStatus,
): Promise<ExportTable> {
  authorize(ctx.actor, 'worker:list', { org });
  const workers = (await store.queryAll(subtreeQuery(workerKeys.byStatus(org, status), org)))
    .map(toWorker)
    .map((w) => hiringWorkerView(w, ctx.actor));
  const paths = await orgNamePaths(store, [org, ...workers.map((w) => w.org)]);
  const highest = (w: (typeof workers)[number]) =>
    [...(w.certificates ?? [])].sort(
      (a, b) =>
        Object.keys(certificateLevelNames).indexOf(b.level) -
        Object.keys(certificateLevelNames).indexOf(a.level),
    )[0]?.level;
  return {
    title: `人员名册-${(paths.get(org) ?? org).split('/').at(-1)}-${label(workerStatusNames, status)}`,
    asciiName: `workers-${fileSafe(org)}-${status}`,
    columns: [
      { header: '人员编号', width: 18 },
      { header: '姓名' },
      { header: '身份证号', width: 22 },
      { header: '出生日期', type: 'date' },
      { header: '所在单位', width: 36 },
      { header: '岗位' },
      { header: '等级', type: 'number' },
      { header: '学历' },
      { header: '中共党员' },
      { header: '职业资格证书', width: 16 },
      { header: '入职渠道' },
      { header: '入职日期', type: 'date' },
      { header: '试用期满', type: 'date' },
      { header: '合同到期', type: 'date' },
      { header: '状态' },
      { header: '离职日期', type: 'date' },
      { header: '离职情形', width: 30 },
    ],
    rows: workers.map((w) => [
      w.id,
      w.name,
      w.nationalId,
      w.birthDate,
      paths.get(w.org) ?? w.org,
      label(postNames, w.post),
      w.grade,
      label(educationLevelNames, w.education),
      w.isPartyMember,
      label(certificateLevelNames, highest(w)),
      label(hireChannelNames, w.channel),
      w.hiredOn,
      w.probationEndsOn,
      w.contractEndsOn,
      label(workerStatusNames, w.status),
      w.exit?.effectiveOn,
      w.exit ? (exitSituations.find((s) => s.situation === w.exit!.situation)?.zh ?? null) : null,
    ]),
  };
}
