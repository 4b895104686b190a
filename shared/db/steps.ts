import type { RequestContext } from '#shared/context.ts';
import type { AuditEntry } from '#shared/db/entities/audit.ts';
import { MAX_TRANSACTION_ITEMS, type Store, type WriteOp } from '#shared/db/store.ts';

/**
 * All-or-nothing writes larger than one DynamoDB transaction (100 items).
 *
 * The work is cut into groups that must be written together (e.g. a worker item, its national-id
 * guard, its history entry and its audit entry), each with the ops that undo it. Groups are packed
 * into steps of at most `STEP_ITEMS` items; each step is one transaction. Then `final` commits
 * (with the request's idempotency marker: a retry replays the response only if everything took
 * effect). If a step or the final transaction fails, every committed step is undone in reverse
 * order and the original error is rethrown, so the caller sees nothing written.
 *
 * What this can't cover: the process dying between steps (the in-progress record the first step
 * writes then stays `in-progress`, which is what an operator would look for).
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

/** Items per intermediate step (they carry no idempotency marker; one spare for safety). */
export const STEP_ITEMS = MAX_TRANSACTION_ITEMS - 1;

/** Whether `groups` + `final` (+ the idempotency marker) fit in a single transaction. */
export function fitsOneTransaction(groups: readonly StepGroup[], final: FinalStep): boolean {
  return sizeOf(groups) + final.ops.length + final.audit.length + 1 <= MAX_TRANSACTION_ITEMS;
}

/** Commits everything in one transaction (when it fits) or in undoable steps, all-or-nothing. */
export async function transactAllOrNothing(
  store: Store,
  ctx: RequestContext,
  groups: readonly StepGroup[],
  final: FinalStep,
  options: { onUndoFailure?: (error: unknown, step: number) => void } = {},
): Promise<{ transactions: number }> {
  if (fitsOneTransaction(groups, final)) {
    await store.transact(
      ctx,
      [...groups.flatMap((g) => g.ops), ...final.ops],
      [...groups.flatMap((g) => g.audit), ...final.audit],
    );
    return { transactions: 1 };
  }
  const steps = pack(groups);
  const done: number[] = [];
  try {
    for (const [i, step] of steps.entries()) {
      await store.transact(
        stepContext(ctx, `s${i}`),
        step.flatMap((g) => g.ops),
        step.flatMap((g) => g.audit),
      );
      done.push(i);
    }
    await store.transact(ctx, final.ops, final.audit);
  } catch (error) {
    for (const i of done.reverse()) {
      const step = steps[i]!;
      const undoOps = step.flatMap((g) => g.undo.ops);
      const undoAudit = step.flatMap((g) => g.undo.audit);
      try {
        await withRetries(() => store.transact(stepContext(ctx, `u${i}`), undoOps, undoAudit));
      } catch (undoError) {
        (options.onUndoFailure ?? logUndoFailure)(undoError, i);
      }
    }
    throw error;
  }
  return { transactions: steps.length + 1 };
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

/** Intermediate steps: no idempotency marker, and a request id of their own so audit keys differ. */
function stepContext(ctx: RequestContext, suffix: string): RequestContext {
  return { actor: ctx.actor, now: ctx.now, requestId: `${ctx.requestId}#${suffix}` };
}

async function withRetries<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** i));
    }
  }
}

function logUndoFailure(error: unknown, step: number) {
  console.error(
    JSON.stringify({
      level: 'error',
      msg: 'could not undo a committed step of an all-or-nothing batch; manual repair needed',
      step,
      error: String((error as Error)?.stack ?? error),
    }),
  );
}
