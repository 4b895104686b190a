import {
  type EvaluationSummary,
  emptyGrades,
  emptyWorkOrders,
  evaluationKeys,
  toSummary,
  type WorkOrderTotals,
} from '#shared/db/entities/evaluation.ts';
import { divRoundHalfUp } from '#shared/domain/evaluation.ts';
import { monthsOfYear } from '#shared/domain/evaluation-periods.ts';
import { type Counters, registerStatsSection, type StatsSectionContext } from '#shared/usecases/stats.ts';

/** completed / assigned and satisfied / completed as percentages with two decimals (null: no base). */
export function workOrderRates(totals: WorkOrderTotals) {
  return {
    ...totals,
    completionRate:
      totals.assigned === 0 ? null : divRoundHalfUp(totals.completed * 10000, totals.assigned) / 100,
    satisfactionRate:
      totals.completed === 0 ? null : divRoundHalfUp(totals.satisfied * 10000, totals.completed) / 100,
  };
}

function distribution(summary: EvaluationSummary | undefined) {
  return {
    workersEvaluated: summary?.workersEvaluated ?? 0,
    gradeDistribution: summary ? summary.grades : emptyGrades(),
    averageScore:
      summary && summary.workersEvaluated > 0
        ? divRoundHalfUp(summary.totalHundredthsSum, summary.workersEvaluated) / 100
        : null,
  };
}

/**
 * The evaluation part of GET /v1/stats, from the subtree summaries the evaluation job writes
 * (overwritten by each run, so re-runs never double count), fetched in the report's BatchGet:
 * - `annual`: the annual evaluation of the year — grade distribution, workers, average score;
 * - `latestMonth`: the same for the latest month of the year that has been evaluated;
 * - `workOrders`: assigned / completed / satisfied with completion and satisfaction rates — from the
 *   annual evaluation when it has run, else summed over the months evaluated so far.
 */
export function evaluationSection(
  _counters: Counters,
  _previous: Counters,
  _current: Counters,
  context: StatsSectionContext,
) {
  const summaryOf = (period: string) => {
    const item = context.item(evaluationKeys.treeSummary(period, context.org));
    return item ? toSummary(item) : undefined;
  };
  const annual = summaryOf(String(context.year));
  const months = monthsOfYear(String(context.year))
    .map((period) => ({ period, summary: summaryOf(period) }))
    .filter((m): m is { period: string; summary: EvaluationSummary } => m.summary !== undefined);
  const latest = months[months.length - 1];
  let workOrders: WorkOrderTotals = emptyWorkOrders();
  let source: { from: 'annual' | 'months' | null; periods: string[] } = { from: null, periods: [] };
  if (annual) {
    workOrders = annual.workOrders;
    source = { from: 'annual', periods: [String(context.year)] };
  } else if (months.length > 0) {
    for (const m of months) {
      workOrders.assigned += m.summary.workOrders.assigned;
      workOrders.completed += m.summary.workOrders.completed;
      workOrders.satisfied += m.summary.workOrders.satisfied;
    }
    source = { from: 'months', periods: months.map((m) => m.period) };
  }
  return {
    evaluation: {
      annual: annual ? { period: String(context.year), ...distribution(annual) } : null,
      latestMonth: latest ? { period: latest.period, ...distribution(latest.summary) } : null,
      gradeDistribution: distribution(annual).gradeDistribution,
      workOrders: { ...workOrderRates(workOrders), source: source.from, periods: source.periods },
    },
  };
}

registerStatsSection(evaluationSection, {
  extraKeys: (org, year) =>
    [String(year), ...monthsOfYear(String(year))].map((period) => evaluationKeys.treeSummary(period, org)),
});
