import { authorize, can } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { DEPARTMENT_ATTRIBUTE_PREFIX } from '#shared/db/entities/evaluation.ts';
import { resumeRequestBatch } from '#shared/db/batches.ts';
import {
  inputItem,
  inputItemsOf,
  restoreInputAttributesOp,
  setInputAttributesOp,
} from '#shared/db/evaluation.ts';
import { type StepGroup, transactAllOrNothing } from '#shared/db/steps.ts';
import type { Item, Store } from '#shared/db/store.ts';
import { workers } from '#shared/db/workers.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { evaluationUnitOf } from '#shared/domain/evaluation.ts';
import type { PeriodInputs, InputKind, InputRow } from '#shared/domain/evaluation-inputs.ts';
import { periodRange } from '#shared/domain/evaluation-periods.ts';
import { badRequest, unprocessable } from '#shared/errors.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import {
  loadWorker,
  readableWorkerResource,
  workerResource,
  workerLookup,
} from '#shared/usecases/workers.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

type RowOf<K extends InputKind> = Omit<Extract<InputRow, { kind: K }>, 'kind'>;
export type InputRows = { [K in InputKind]: { kind: K; rows: RowOf<K>[] } }[InputKind];

/** Durable batch kind of an input upload bigger than one transaction (shared/db/batches.ts). */
const INPUTS_BATCH = 'evaluation-inputs';

interface RowFailure {
  row: number;
  path: string;
  message: string;
}

/**
 * Whether a worker can be evaluated for a period: hired by its last day, and active or exited on
 * or after its first day (someone who left mid-period is still evaluated for it).
 */
export function evaluableIn(worker: WorkerRecord, period: string): string | null {
  const { from, to } = periodRange(period);
  if (worker.hiredOn > to) return `was hired on ${worker.hiredOn}, after the period ${period}`;
  if (worker.status !== 'active' && !(worker.exit && worker.exit.effectiveOn >= from))
    return `left on ${worker.exit?.effectiveOn ?? 'an earlier date'}, before the period ${period}`;
  return null;
}

/**
 * Records a batch of evaluation inputs (all rows of one kind). All-or-nothing by validation:
 * every row is checked first (shape, duplicates, period started, worker exists in the caller's
 * subtree and worked in the period) and any failure refuses the whole batch, naming the rows.
 * The rows are then written per (worker, period) item, setting only this kind's attributes, all or
 * nothing: as a durable batch when they need more than one transaction, so a crash half-way is
 * resumed (a retry with the same Idempotency-Key, the recovery job, HR) or rolled back, each item's
 * attributes put back as they were. Re-uploading replaces values.
 */
export async function uploadEvaluationInputs(
  store: Store,
  ctx: RequestContext,
  batch: InputRows,
  options: { dryRun?: boolean } = {},
) {
  authorize(ctx.actor, 'evaluation:manage', { org: ctx.actor.org });
  // A retry of an upload that a crash interrupted: finish it (or learn why it was rolled back).
  const resumed = options.dryRun ? undefined : await resumeRequestBatch(store, ctx, INPUTS_BATCH);
  if (resumed?.result !== undefined) return resumed.result as InputsUploaded;
  const { kind, rows } = batch;
  const today = shanghaiDate(ctx.now);
  const invalid: RowFailure[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((row, i) => {
    if (periodRange(row.period).from > today)
      invalid.push({ row: i + 1, path: 'period', message: `the period ${row.period} has not started yet` });
    const department = 'department' in row ? row.department : '';
    const key = `${row.workerId}|${row.period}|${department}`;
    const first = firstRowOf.get(key);
    if (first !== undefined)
      invalid.push({
        row: i + 1,
        path: 'workerId',
        message: `duplicates row ${first} (same worker, period${department ? ' and department' : ''})`,
      });
    else firstRowOf.set(key, i + 1);
  });
  if (invalid.length > 0) {
    throw badRequest(
      `${new Set(invalid.map((f) => f.row)).size} row(s) are invalid; nothing was saved`,
      invalid,
      'VALIDATION_FAILED',
    );
  }

  const workerIds = [...new Set(rows.map((r) => r.workerId))];
  const workerById = await workers.getMany(store, workerIds);
  const refused: RowFailure[] = [];
  rows.forEach((row, i) => {
    const worker = workerById.get(row.workerId);
    // A worker outside the caller's subtree is reported exactly like one that doesn't exist.
    if (!worker || !can(ctx.actor, 'evaluation:manage', workerResource(worker))) {
      refused.push({
        row: i + 1,
        path: 'workerId',
        message: `no worker ${row.workerId} in ${ctx.actor.org}`,
      });
      return;
    }
    const reason = evaluableIn(worker, row.period);
    if (reason) refused.push({ row: i + 1, path: 'workerId', message: `worker ${row.workerId} ${reason}` });
  });
  if (refused.length > 0) {
    throw unprocessable(
      'UNKNOWN_WORKERS',
      `${refused.length} row(s) name workers who can't be evaluated here; nothing was saved`,
      refused,
    );
  }

  // The index groups inputs by the unit the scoring job ranks together (grids with their community).
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const policyByPeriod = new Map(
    await Promise.all(
      periods.map(
        async (period) =>
          [
            period,
            (await policyAt(store, ctx.actor.org, 'evaluation', periodRange(period).to)).document,
          ] as const,
      ),
    ),
  );
  const result: InputsUploaded = { kind, rows: rows.length, workers: workerIds.length, periods };
  // A dry run (the console's preview) stops here: every rule checked, nothing written.
  if (options.dryRun) return result;
  const now = ctx.now.toISOString();
  // One update per (worker, period) item, setting only this kind's attribute(s): kinds and
  // departments uploaded separately never overwrite each other (a department upload may hold
  // several rows for one item, so rows are merged per item first).
  const byItem = new Map<string, { workerId: string; period: string; values: Item }>();
  for (const row of rows as InputRow[]) {
    const id = `${row.workerId}|${row.period}`;
    const entry = byItem.get(id) ?? { workerId: row.workerId, period: row.period, values: {} };
    Object.assign(entry.values, inputAttributes({ ...row, kind } as InputRow));
    byItem.set(id, entry);
  }
  const entries = [...byItem.values()];
  const previous = new Map(
    (await inputItemsOf(store, entries)).map((item) => [
      `${item.workerId as string}|${item.period as string}`,
      item,
    ]),
  );
  const groups: StepGroup[] = entries.map(({ workerId, period, values }) => {
    const org = workerById.get(workerId)!.org;
    const before = previous.get(`${workerId}|${period}`);
    return {
      ops: [
        setInputAttributesOp(
          {
            workerId,
            period,
            org,
            unit: evaluationUnitOf(org, policyByPeriod.get(period)!),
            updatedAt: now,
            requestId: ctx.requestId,
          },
          values,
        ),
      ],
      audit: [],
      // Undo puts back only this kind's attributes (and, on an existing item, its stamp), so an
      // upload of another kind made before a late roll-back stays.
      undo: { ops: [restoreInputAttributesOp(workerId, period, before, Object.keys(values))], audit: [] },
    };
  });
  await transactAllOrNothing(
    store,
    ctx,
    groups,
    {
      ops: [],
      audit: [
        {
          entity: `evaluation-inputs:${kind}`,
          org: ctx.actor.org,
          action: 'evaluation-inputs.uploaded',
          after: result,
        },
      ],
    },
    { kind: INPUTS_BATCH, org: ctx.actor.org, subject: `evaluation-inputs:${kind}`, result },
  );
  return result;
}

/** What an input upload answers (and a retry of it, from its batch). */
interface InputsUploaded {
  kind: InputKind;
  rows: number;
  workers: number;
  periods: string[];
}

/** The attributes one row sets on the worker's input item for its period. */
export function inputAttributes(row: InputRow): Record<string, unknown> {
  switch (row.kind) {
    case 'poll':
      return { poll: { score: row.score } };
    case 'departments':
      return { [`${DEPARTMENT_ATTRIBUTE_PREFIX}${row.department}`]: row.score };
    case 'duty':
      return { duty: { gridPatrols: row.gridPatrols, householdVisits: row.householdVisits } };
    case 'work-orders':
      return { workOrders: { assigned: row.assigned, completed: row.completed, satisfied: row.satisfied } };
  }
}

/** One input item (`EVALIN#<worker>` / `<period>`) → what it holds. */
export function periodInputsOf(item: Item | undefined): PeriodInputs {
  const inputs: PeriodInputs = {};
  if (!item) return inputs;
  if (item.poll) inputs.poll = item.poll as PeriodInputs['poll'];
  if (item.duty) inputs.duty = item.duty as PeriodInputs['duty'];
  if (item.workOrders) inputs.workOrders = item.workOrders as PeriodInputs['workOrders'];
  const scores: Record<string, number> = {};
  for (const [name, value] of Object.entries(item))
    if (name.startsWith(DEPARTMENT_ATTRIBUTE_PREFIX) && typeof value === 'number')
      scores[name.slice(DEPARTMENT_ATTRIBUTE_PREFIX.length)] = value;
  if (Object.keys(scores).length > 0) inputs.departments = scores;
  return inputs;
}

/** A worker's input items → inputs by period. */
export function periodInputsFromItems(items: readonly Item[]): Map<string, PeriodInputs> {
  return new Map(items.map((item) => [item.period as string, periodInputsOf(item)]));
}

/** The inputs recorded for one worker and period (HR of the subtree, the worker, their mentor). */
export async function getWorkerInputs(store: Store, ctx: RequestContext, workerId: string, period: string) {
  const worker = await loadWorker(store, workerId);
  authorize(
    ctx.actor,
    'evaluation:read',
    await readableWorkerResource(store, ctx, worker),
    workerLookup(worker.id),
  );
  const inputs = periodInputsOf(await inputItem(store, workerId, period));
  return {
    workerId,
    period,
    poll: inputs.poll ?? null,
    departments: inputs.departments ? { scores: inputs.departments } : null,
    duty: inputs.duty ?? null,
    workOrders: inputs.workOrders ?? null,
  };
}
