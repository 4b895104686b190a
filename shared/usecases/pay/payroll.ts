import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { toCsv } from '#shared/csv.ts';
import { orgUnits } from '#shared/db/org-units.ts';
import type { Store } from '#shared/db/store.ts';
import { workers } from '#shared/db/workers.ts';
import { monthRange, shanghaiDate } from '#shared/domain/dates.ts';
import { notFound, unprocessable } from '#shared/errors.ts';
import { gradeHistory, gradeSinceOf, payPolicyAt } from '#shared/usecases/pay/grades.ts';
import {
  buildStatement,
  currentGradeCovers,
  type GradeInForce,
  gradeInForce,
  type Statement,
} from '#shared/usecases/pay/statements.ts';

// ---------------------------------------------------------------------------------------------
// Payroll export

const PAYROLL_HEADER = [
  'month',
  'worker_id',
  'name',
  'org',
  'post',
  'grade',
  'base_fen',
  'post_allowance_fen',
  'certificate_allowance_fen',
  'evaluation_bonus_fen',
  'total_fen',
  'policy_version',
  'status',
  'partial_month',
  'days_served',
  'days_in_month',
];

const HISTORY_CONCURRENCY = 8;

/**
 * The payroll of `month` for an org subtree: the statement of every worker employed in the month
 * (active workers hired by its end, plus workers who left during it), by org path.
 */
export async function payrollStatements(store: Store, ctx: RequestContext, org: string, month: string) {
  authorize(ctx.actor, 'pay:read', { org });
  const today = shanghaiDate(ctx.now);
  if (month > today.slice(0, 7)) {
    throw unprocessable('MONTH_IN_FUTURE', `There is no payroll for ${month} yet`, { month, today });
  }
  if (!(await orgUnits.get(store, org))) throw notFound('org unit', org);
  const { from, to } = monthRange(month);
  const [active, exited, policy] = await Promise.all([
    workers.allOfSubtree(store, org, 'active'),
    workers.allOfSubtree(store, org, 'exited'),
    payPolicyAt(store, org, from),
  ]);
  const employed = [...active, ...exited]
    .filter((w) => w.hiredOn <= to && (!w.exit || w.exit.effectiveOn >= from))
    .sort((a, b) => (a.org === b.org ? (a.id < b.id ? -1 : 1) : a.org < b.org ? -1 : 1));
  const statements: Statement[] = new Array(employed.length);
  let next = 0;
  const worker = async () => {
    while (next < employed.length) {
      const i = next++;
      const w = employed[i]!;
      const inForce: GradeInForce = currentGradeCovers(w, month, today)
        ? { post: w.post, grade: w.grade, effectiveOn: gradeSinceOf(w), reason: w.gradeReason ?? 'hire' }
        : gradeInForce(w, await gradeHistory(store, w.id), to);
      statements[i] = buildStatement(w, month, inForce, policy);
    }
  };
  await Promise.all(Array.from({ length: Math.min(HISTORY_CONCURRENCY, employed.length) }, worker));
  return { employed, statements };
}

/** The amount of one statement line (0 when the statement has no such line). */
export const lineAmount = (s: Statement, code: string) =>
  s.lines.find((l) => l.code === code)?.amountFen ?? 0;

/**
 * Payroll CSV for `month` and an org subtree, for systems: one row per worker employed in the
 * month, amounts in fen, codes, header row first (the office spreadsheets: `payrollExport`).
 */
export async function payrollCsv(store: Store, ctx: RequestContext, org: string, month: string) {
  const { employed, statements } = await payrollStatements(store, ctx, org, month);
  const amount = lineAmount;
  const rows = statements.map((s, i) => [
    month,
    s.workerId,
    s.name,
    s.org,
    s.post,
    s.grade,
    amount(s, 'base'),
    amount(s, 'post-allowance'),
    amount(s, 'certificate-allowance'),
    amount(s, 'evaluation-bonus'),
    s.totalFen,
    s.policy.version,
    employed[i]!.status,
    s.partialMonth ? 'yes' : 'no',
    s.service.daysServed,
    s.service.daysInMonth,
  ]);
  return {
    filename: `payroll-${org.replace(/\//g, '_')}-${month}.csv`,
    csv: await toCsv(PAYROLL_HEADER, rows),
    count: rows.length,
    totalFen: statements.reduce((sum, s) => sum + s.totalFen, 0),
  };
}
