import { type Component, divRoundHalfUp, type EvaluationInputs } from './evaluation.ts';

/**
 * The inputs recorded for one worker and one period, as uploaded (before scoring).
 * Departments: department name → score (each department's feedback is kept separately and the
 * component is their average, see `scoreWorker`).
 */
export interface PeriodInputs {
  poll?: { score: number };
  departments?: Record<string, number>;
  duty?: { gridPatrols: number; householdVisits: number };
  workOrders?: { assigned: number; completed: number; satisfied: number };
}

export type InputSource = 'annual' | 'months';

/** What `scoreWorker` takes, from one period's inputs (plus training hours for annual periods). */
export function toScoringInputs(inputs: PeriodInputs, trainingHours?: number): EvaluationInputs {
  const departments = inputs.departments ? Object.values(inputs.departments) : [];
  return {
    ...(inputs.poll ? { poll: { score: inputs.poll.score } } : {}),
    ...(departments.length > 0 ? { departments: { scores: departments } } : {}),
    ...(inputs.duty ? { duty: { ...inputs.duty } } : {}),
    ...(inputs.workOrders ? { workOrders: { ...inputs.workOrders } } : {}),
    ...(trainingHours !== undefined ? { trainingHours } : {}),
  };
}

const hundredths = (x: number) => Math.round(x * 100);
const meanOf = (xs: number[]) =>
  divRoundHalfUp(
    xs.reduce((s, x) => s + hundredths(x), 0),
    xs.length,
  ) / 100;

/**
 * The inputs of an annual evaluation. Per component: the row uploaded for the year ('YYYY') when
 * there is one; otherwise the months of that year aggregated — poll: mean of the monthly scores;
 * departments: per department, the mean of its monthly scores; duty and work orders: sums (annual
 * duty targets are 12 × the monthly ones). A component with neither stays missing.
 * `byPeriod` holds the worker's inputs keyed by period ('2025', '2025-01', …); other years are ignored.
 */
export function annualInputs(
  year: string,
  byPeriod: ReadonlyMap<string, PeriodInputs>,
): { inputs: PeriodInputs; sources: Partial<Record<Component, InputSource>> } {
  const annual = byPeriod.get(year) ?? {};
  const months = [...byPeriod]
    .filter(([period]) => period.length === 7 && period.startsWith(`${year}-`))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, inputs]) => inputs);
  const inputs: PeriodInputs = {};
  const sources: Partial<Record<Component, InputSource>> = {};

  if (annual.poll) {
    inputs.poll = annual.poll;
    sources.poll = 'annual';
  } else {
    const scores = months.flatMap((m) => (m.poll ? [m.poll.score] : []));
    if (scores.length > 0) {
      inputs.poll = { score: meanOf(scores) };
      sources.poll = 'months';
    }
  }

  if (annual.departments && Object.keys(annual.departments).length > 0) {
    inputs.departments = annual.departments;
    sources.departments = 'annual';
  } else {
    const byDepartment = new Map<string, number[]>();
    for (const m of months)
      for (const [dept, score] of Object.entries(m.departments ?? {}))
        byDepartment.set(dept, [...(byDepartment.get(dept) ?? []), score]);
    if (byDepartment.size > 0) {
      inputs.departments = Object.fromEntries(
        [...byDepartment].sort(([a], [b]) => (a < b ? -1 : 1)).map(([d, xs]) => [d, meanOf(xs)]),
      );
      sources.departments = 'months';
    }
  }

  if (annual.duty) {
    inputs.duty = annual.duty;
    sources.duty = 'annual';
  } else {
    const duties = months.flatMap((m) => (m.duty ? [m.duty] : []));
    if (duties.length > 0) {
      inputs.duty = {
        gridPatrols: duties.reduce((s, d) => s + d.gridPatrols, 0),
        householdVisits: duties.reduce((s, d) => s + d.householdVisits, 0),
      };
      sources.duty = 'months';
    }
  }

  if (annual.workOrders) {
    inputs.workOrders = annual.workOrders;
    sources.workOrders = 'annual';
  } else {
    const orders = months.flatMap((m) => (m.workOrders ? [m.workOrders] : []));
    if (orders.length > 0) {
      inputs.workOrders = {
        assigned: orders.reduce((s, o) => s + o.assigned, 0),
        completed: orders.reduce((s, o) => s + o.completed, 0),
        satisfied: orders.reduce((s, o) => s + o.satisfied, 0),
      };
      sources.workOrders = 'months';
    }
  }
  return { inputs, sources };
}

export const INPUT_KINDS = ['poll', 'departments', 'duty', 'work-orders'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];
/** The input item's attribute of each kind (departments: one `dept:<department>` attribute each). */
export const componentOfKind: Record<InputKind, Component> = {
  poll: 'poll',
  departments: 'departments',
  duty: 'duty',
  'work-orders': 'workOrders',
};

/** One evaluation input row once its worker is resolved (身份证号 → the active worker's id). */
export type InputRow =
  | { kind: 'poll'; workerId: string; period: string; score: number }
  | { kind: 'departments'; workerId: string; period: string; department: string; score: number }
  | { kind: 'duty'; workerId: string; period: string; gridPatrols: number; householdVisits: number }
  | {
      kind: 'work-orders';
      workerId: string;
      period: string;
      assigned: number;
      completed: number;
      satisfied: number;
    };
