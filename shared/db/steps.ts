import type { RequestContext } from '#shared/context.ts';
import type { AuditEntry } from '#shared/db/entities/audit.ts';
import { type BatchSpec, runBatch } from '#shared/db/batches.ts';
import { MAX_TRANSACTION_ITEMS, type Store, type WriteOp } from '#shared/db/store.ts';

/**
 * All-or-nothing writes larger than one DynamoDB transaction (100 items).
 *
 * The work is cut into groups that must be written together (e.g. a worker item, its national-id
 * guard, its history entry and its audit entry), each with the ops that undo it. If everything
 * fits, it is one transaction. Otherwise groups are packed into steps of at most `STEP_ITEMS`
 * items and run as a durable batch (`shared/db/batches.ts`): recorded before the first write,
 * each step fenced on the batch header, `final` the commit point (with the request's idempotency
 * marker). It ends complete or rolled back even if the process dies between steps: a retry with
 * the same Idempotency-Key, the recovery job or HR resume or roll it back.
 */
export interface StepGroup {
  ops: WriteOp[];
  audit: AuditEntry[];
  undo: { ops: WriteOp[]; audit: AuditEntry[] };
}

export interface FinalStep {
  ops: WriteOp[];
  audit: AuditEntry[];
}

/** Items per step: one transaction less the batch header (the step's fence and marker). */
export const STEP_ITEMS = MAX_TRANSACTION_ITEMS - 1;

/** Whether `groups` + `final` (+ the idempotency marker) fit in a single transaction. */
export function fitsOneTransaction(groups: readonly StepGroup[], final: FinalStep): boolean {
  return sizeOf(groups) + final.ops.length + final.audit.length + 1 <= MAX_TRANSACTION_ITEMS;
}

/** Commits everything in one transaction (when it fits) or as a durable batch, all-or-nothing. */
export async function transactAllOrNothing(
  store: Store,
  ctx: RequestContext,
  groups: readonly StepGroup[],
  final: FinalStep,
  batch: BatchSpec,
): Promise<{ transactions: number; batchId?: string }> {
  if (fitsOneTransaction(groups, final)) {
    await store.transact(
      ctx,
      [...groups.flatMap((g) => g.ops), ...final.ops],
      [...groups.flatMap((g) => g.audit), ...final.audit],
    );
    return { transactions: 1 };
  }
  // The final step also carries the header and the idempotency marker.
  if (final.ops.length + final.audit.length + 2 > MAX_TRANSACTION_ITEMS)
    throw new Error(`a final step of ${final.ops.length + final.audit.length} items can't be committed`);
  const steps = pack(groups).map((step) => ({
    ops: step.flatMap((g) => g.ops),
    audit: step.flatMap((g) => g.audit),
    undo: { ops: step.flatMap((g) => g.undo.ops), audit: step.flatMap((g) => g.undo.audit) },
  }));
  const record = await runBatch(store, ctx, batch, steps, final);
  return { transactions: steps.length + 1, batchId: record.id };
}

function sizeOf(groups: readonly StepGroup[]): number {
  return groups.reduce((n, g) => n + g.ops.length + g.audit.length, 0);
}

function pack(groups: readonly StepGroup[]): StepGroup[][] {
  const steps: StepGroup[][] = [];
  let current: StepGroup[] = [];
  let size = 0;
  for (const group of groups) {
    const n = group.ops.length + group.audit.length;
    const undoN = group.undo.ops.length + group.undo.audit.length;
    if (n > STEP_ITEMS || undoN > STEP_ITEMS)
      throw new Error(`a step group of ${n} items can't be committed`);
    const currentUndo = current.reduce((m, g) => m + g.undo.ops.length + g.undo.audit.length, 0);
    if (current.length > 0 && (size + n > STEP_ITEMS || currentUndo + undoN > STEP_ITEMS)) {
      steps.push(current);
      current = [];
      size = 0;
    }
    current.push(group);
    size += n;
  }
  if (current.length > 0) steps.push(current);
  return steps;
}
