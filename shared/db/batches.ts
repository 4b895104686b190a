import { createHash, randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { RequestContext } from '#shared/context.ts';
import type { AuditEntry } from '#shared/db/entities/audit.ts';
import {
  type BatchRecord,
  type BatchRequest,
  batchItem,
  batchKeys,
  OPEN_BATCHES,
  toBatch,
} from '#shared/db/entities/batch.ts';
import { retry } from '#shared/db/retry.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import { AppError, conflict, notFound } from '#shared/errors.ts';
import { type StoredMessage, storedMessageOf } from '#shared/messages/stored.ts';
import { logger } from '#shared/observability.ts';

/**
 * Durable batches: one change written in several transactions that ends complete or rolled back
 * even if the process dies between them (see docs/CONVENTIONS.md, "Batches bigger than one
 * transaction").
 *
 * 1. The plan (every step's writes and the writes that undo it) is stored, then the header
 *    (`in-progress`, owner, lease), before the first write.
 * 2. Step n is one transaction: its writes plus a fenced update of the header (`owner = me AND
 *    nextStep = n` → `nextStep = n + 1`, lease renewed). The header is the step marker: a step is
 *    never applied twice, and a process that lost its lease can't write.
 * 3. The final step (step `stepCount`) commits: its writes, the header → `completed`, and the
 *    request's idempotency marker.
 * 4. On failure: header → `rolling-back`, then each applied step's undo, newest first, each fenced
 *    the same way (`undoNext = n` → `n - 1`), then → `rolled-back`.
 * 5. A batch whose owner died (lease expired) is taken over: by a retry of the same request
 *    (same Idempotency-Key → same batch id), the recovery job, or HR (`POST /v1/batches/{id}/recover`).
 *    Taking over resumes forward (falling back to rolling back if a step now fails) or, on request,
 *    rolls back; a batch already rolling back only ever continues rolling back.
 */
export interface BatchStep {
  ops: WriteOp[];
  audit: AuditEntry[];
  undo: { ops: WriteOp[]; audit: AuditEntry[] };
}

export interface BatchFinal {
  ops: WriteOp[];
  audit: AuditEntry[];
}

export interface BatchSpec {
  kind: string;
  org: string;
  /** The entity the batch writes (`transfer:t_…`): where its outcome is read. */
  subject: string;
  /** The response a retry gets once the batch is complete (small: it lives in the header). */
  result?: unknown;
}

/** How long an owner may go without finishing a step before others may take the batch over. */
export function batchLeaseMs(): number {
  const seconds = Number(process.env.BATCH_LEASE_SECONDS ?? 60);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000;
}

/** Leases are about process liveness, so they use the wall clock, not the business clock. */
const wallClock = () => Date.now();

/**
 * The batch id a request gets: derived from its Idempotency-Key (so a retry finds the batch it
 * started) or random.
 */
export function requestBatchId(ctx: RequestContext, kind: string): string {
  if (!ctx.idempotency) return `b_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
  return `b_${createHash('sha256').update(`${kind}\n${ctx.idempotency.pk}`).digest('hex').slice(0, 24)}`;
}

export async function loadBatch(store: Store, id: string): Promise<BatchRecord | undefined> {
  const item = await store.get(batchKeys.key(id));
  return item ? toBatch(item) : undefined;
}

/**
 * For a request that may be a retry: the batch this request's Idempotency-Key started, brought
 * to an end. `undefined` when there is none (or it was rolled back): run the request afresh.
 * A batch still owned by a live process is 409 BATCH_IN_PROGRESS; a resumed batch that had to be
 * rolled back rethrows the reason.
 */
export async function resumeRequestBatch(
  store: Store,
  ctx: RequestContext,
  kind: string,
): Promise<BatchRecord | undefined> {
  if (!ctx.idempotency) return undefined;
  const batch = await loadBatch(store, requestBatchId(ctx, kind));
  if (!batch || batch.status === 'rolled-back') return undefined;
  if (batch.status === 'completed') return batch;
  const outcome = await recoverBatch(store, ctx, batch.id, 'resume');
  if (outcome.batch.status === 'completed') return outcome.batch;
  if (outcome.error) throw outcome.error;
  return undefined;
}

/**
 * Runs `steps` then `final` as a durable batch (the caller has validated everything and decided
 * the steps do not fit one transaction). All or nothing: on failure every applied step is undone
 * and the error rethrown.
 */
export async function runBatch(
  store: Store,
  ctx: RequestContext,
  spec: BatchSpec,
  steps: readonly BatchStep[],
  final: BatchFinal,
): Promise<BatchRecord> {
  let id = requestBatchId(ctx, spec.kind);
  const existing = await loadBatch(store, id);
  if (existing?.status === 'rolled-back') id = requestBatchId({ ...ctx, idempotency: undefined }, spec.kind);
  else if (existing)
    throw conflict('BATCH_IN_PROGRESS', 'This request already started a batch; retry to resume it', {
      batchId: id,
    });
  const owner = randomUUID();
  const now = ctx.now.toISOString();
  const request: BatchRequest = {
    actor: { ...ctx.actor },
    requestId: ctx.requestId,
    now,
  };
  // The plan first (idempotent puts under a batch id nobody else uses), then the header.
  await store.batchPut([
    ...steps.map((step, i) => planItem(id, i, step)),
    planItem(id, steps.length, { ...final, undo: { ops: [], audit: [] } }),
  ]);
  let batch: BatchRecord = {
    id,
    kind: spec.kind,
    org: spec.org,
    subject: spec.subject,
    status: 'in-progress',
    stepCount: steps.length,
    nextStep: 0,
    undoNext: -1,
    owner,
    leaseUntil: wallClock() + batchLeaseMs(),
    request,
    failure: null,
    ...(spec.result !== undefined ? { result: spec.result } : {}),
    createdAt: now,
    updatedAt: now,
  };
  await store.transact(
    stepContext(request, 'start'),
    [{ Put: { Item: batchItem(batch), ConditionExpression: 'attribute_not_exists(pk)' } }],
    [{ entity: `batch:${id}`, org: spec.org, action: 'batch.started', after: summary(batch) }],
  );
  const run = new BatchRun(store, batch, owner, ctx.idempotency);
  try {
    await run.forward((i) => (i < steps.length ? steps[i]! : { ...final, undo: { ops: [], audit: [] } }));
    batch = run.batch;
    return batch;
  } catch (error) {
    if (error instanceof LostLease) throw run.lostLease();
    await run.rollBack(error);
    throw error;
  }
}

export type RecoveryMode = 'resume' | 'roll-back';

/**
 * Takes over an open batch whose lease expired and brings it to an end: `resume` rolls forward
 * (falling back to rolling back if a step fails), `roll-back` undoes it. Audited as the caller.
 */
export async function recoverBatch(
  store: Store,
  ctx: RequestContext,
  id: string,
  mode: RecoveryMode,
): Promise<{ batch: BatchRecord; error?: unknown }> {
  const current = await loadBatch(store, id);
  if (!current) throw notFound('batch', id);
  if (current.status === 'completed' || current.status === 'rolled-back') return { batch: current };
  const owner = randomUUID();
  const taken = await takeOver(store, current, owner);
  const run = new BatchRun(store, taken, owner, ctx.idempotency);
  let error: unknown;
  if (taken.status === 'rolling-back' || mode === 'roll-back') {
    await run.rollBack(undefined);
  } else {
    try {
      await run.forward((i) => readPlan(store, id, i));
    } catch (stepError) {
      if (stepError instanceof LostLease) throw run.lostLease();
      error = stepError;
      await run.rollBack(stepError);
    }
  }
  const batch = run.batch;
  await store.transact(
    { ...ctx, idempotency: undefined },
    [],
    [
      {
        entity: `batch:${id}`,
        org: batch.org,
        action: batch.status === 'completed' ? 'batch.resumed' : 'batch.rolled-back',
        before: { status: current.status, nextStep: current.nextStep, owner: 'expired' },
        after: summary(batch),
      },
    ],
  );
  return { batch, ...(error !== undefined ? { error } : {}) };
}

/** Open batches (in progress or rolling back) inside an org subtree: one Query. */
export async function openBatches(store: Store, org?: string): Promise<BatchRecord[]> {
  const items = await store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: org ? 'gsi1pk = :open AND gsi1sk BETWEEN :from AND :to' : 'gsi1pk = :open',
    ExpressionAttributeValues: {
      ':open': OPEN_BATCHES,
      ...(org ? { ':from': `${org}/`, ':to': `${org}/\uffff` } : {}),
    },
  });
  return items.map(toBatch);
}

/**
 * The recovery sweep (scheduled job; local mode also runs it at start): every open batch whose
 * lease has expired is resumed (or, if rolling back, rolled back).
 */
export async function recoverAbandonedBatches(
  store: Store,
  ctx: RequestContext,
): Promise<{ open: number; completed: string[]; rolledBack: string[]; skipped: string[] }> {
  const open = await openBatches(store);
  const result = {
    open: open.length,
    completed: [] as string[],
    rolledBack: [] as string[],
    skipped: [] as string[],
  };
  for (const batch of open) {
    if (batch.leaseUntil > wallClock()) {
      result.skipped.push(batch.id);
      continue;
    }
    try {
      const outcome = await recoverBatch(store, ctx, batch.id, 'resume');
      (outcome.batch.status === 'completed' ? result.completed : result.rolledBack).push(batch.id);
    } catch {
      // Taken over by someone else meanwhile, or DynamoDB trouble: the next sweep tries again.
      result.skipped.push(batch.id);
    }
  }
  return result;
}

// ----------------------------------------------------------------------------------------------

class LostLease extends Error {}

class BatchRun {
  constructor(
    private readonly store: Store,
    public batch: BatchRecord,
    private readonly owner: string,
    private readonly idempotency: RequestContext['idempotency'],
  ) {}

  lostLease(): AppError {
    return conflict(
      'BATCH_TAKEN_OVER',
      'Another process took this batch over after its lease expired; read the batch for its outcome',
      { batchId: this.batch.id },
    );
  }

  /** Applies steps from `nextStep` through the final one. */
  async forward(stepAt: (i: number) => BatchStep | Promise<BatchStep>) {
    const { id, stepCount } = this.batch;
    for (let i = this.batch.nextStep; i <= stepCount; i++) {
      const step = await stepAt(i);
      const isFinal = i === stepCount;
      const at = new Date().toISOString();
      const header: WriteOp = {
        Update: {
          Key: batchKeys.key(id),
          UpdateExpression: isFinal
            ? 'SET nextStep = :next, #status = :completed, leaseUntil = :zero, updatedAt = :at REMOVE gsi1pk, gsi1sk'
            : 'SET nextStep = :next, leaseUntil = :lease, updatedAt = :at',
          ConditionExpression: '#owner = :owner AND #status = :inProgress AND nextStep = :i',
          ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
          ExpressionAttributeValues: {
            ':owner': this.owner,
            ':inProgress': 'in-progress',
            ':i': i,
            ':next': i + 1,
            ':at': at,
            ...(isFinal
              ? { ':completed': 'completed', ':zero': 0 }
              : { ':lease': wallClock() + batchLeaseMs() }),
          },
        },
        onConditionFailed: () => new FenceFailed(),
      };
      const ctx = isFinal
        ? {
            ...stepContext(this.batch.request, ''),
            requestId: this.batch.request.requestId,
            idempotency: this.idempotency && { ...this.idempotency, batchId: id },
          }
        : stepContext(this.batch.request, `s${i}`);
      try {
        await this.store.transact(ctx, [header, ...step.ops], step.audit);
      } catch (error) {
        if (!(error instanceof FenceFailed)) throw error;
        const now = await loadBatch(this.store, id);
        if (!now || now.owner !== this.owner) throw new LostLease();
        if (now.status !== 'in-progress' || now.nextStep <= i) throw error;
        // Already applied (an earlier attempt of this very call committed): go on.
      }
      this.batch = {
        ...this.batch,
        nextStep: i + 1,
        updatedAt: at,
        ...(isFinal ? { status: 'completed' as const, leaseUntil: 0 } : {}),
      };
    }
  }

  /** Undoes every applied step, newest first, then marks the batch rolled back. */
  async rollBack(cause: unknown) {
    const { id } = this.batch;
    if (this.batch.status === 'in-progress') {
      // Code + params only (read in the caller's language); the raw cause goes to the log.
      if (cause) logger.warn('batch rolling back', { batchId: id, error: String(cause) });
      const failure: StoredMessage = cause
        ? storedMessageOf(cause, 'STEP_FAILED')
        : { code: 'ROLLED_BACK_ON_REQUEST', params: {} };
      const undoNext = this.batch.nextStep - 1;
      await withRetries(this.store, () =>
        this.store.transact(
          stepContext(this.batch.request, 'rb'),
          [
            {
              Update: {
                Key: batchKeys.key(id),
                UpdateExpression:
                  'SET #status = :rollingBack, undoNext = :undoNext, failure = :failure, leaseUntil = :lease',
                ConditionExpression: '#owner = :owner AND #status = :inProgress',
                ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
                ExpressionAttributeValues: {
                  ':owner': this.owner,
                  ':inProgress': 'in-progress',
                  ':rollingBack': 'rolling-back',
                  ':undoNext': undoNext,
                  ':failure': failure,
                  ':lease': wallClock() + batchLeaseMs(),
                },
              },
            },
          ],
          [],
        ),
      );
      this.batch = { ...this.batch, status: 'rolling-back', undoNext, failure };
    }
    for (let i = this.batch.undoNext; i >= 0; i--) {
      const step = await readPlan(this.store, id, i);
      const header: WriteOp = {
        Update: {
          Key: batchKeys.key(id),
          UpdateExpression: 'SET undoNext = :next, leaseUntil = :lease',
          ConditionExpression: '#owner = :owner AND #status = :rollingBack AND undoNext = :i',
          ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
          ExpressionAttributeValues: {
            ':owner': this.owner,
            ':rollingBack': 'rolling-back',
            ':i': i,
            ':next': i - 1,
            ':lease': wallClock() + batchLeaseMs(),
          },
        },
        onConditionFailed: () => new FenceFailed(),
      };
      try {
        await withRetries(this.store, () =>
          this.store.transact(
            stepContext(this.batch.request, `u${i}`),
            [header, ...step.undo.ops],
            step.undo.audit,
          ),
        );
      } catch (error) {
        if (!(error instanceof FenceFailed)) throw error;
        const now = await loadBatch(this.store, id);
        if (!now || now.owner !== this.owner) throw this.lostLease();
        if (now.undoNext >= i) throw error;
      }
      this.batch = { ...this.batch, undoNext: i - 1 };
    }
    const at = new Date().toISOString();
    await withRetries(this.store, () =>
      this.store.transact(
        stepContext(this.batch.request, 'rbdone'),
        [
          {
            Update: {
              Key: batchKeys.key(id),
              UpdateExpression:
                'SET #status = :rolledBack, leaseUntil = :zero, updatedAt = :at REMOVE gsi1pk, gsi1sk',
              ConditionExpression: '#owner = :owner AND #status = :rollingBack AND undoNext = :done',
              ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
              ExpressionAttributeValues: {
                ':owner': this.owner,
                ':rollingBack': 'rolling-back',
                ':rolledBack': 'rolled-back',
                ':done': -1,
                ':zero': 0,
                ':at': at,
              },
            },
          },
        ],
        [
          {
            entity: `batch:${id}`,
            org: this.batch.org,
            action: 'batch.rolled-back',
            after: this.batch.failure,
          },
        ],
      ),
    );
    this.batch = { ...this.batch, status: 'rolled-back', leaseUntil: 0, updatedAt: at };
  }
}

/** Thrown by a fenced header update; the caller reads the header to tell why. */
class FenceFailed extends AppError {
  constructor() {
    super(409, 'BATCH_FENCE', 'batch step fence failed', null);
  }
}

async function takeOver(store: Store, batch: BatchRecord, owner: string): Promise<BatchRecord> {
  const lease = wallClock() + batchLeaseMs();
  const ok = await store.updateItem({
    Key: batchKeys.key(batch.id),
    UpdateExpression: 'SET #owner = :owner, leaseUntil = :lease',
    ConditionExpression: '#status IN (:inProgress, :rollingBack) AND leaseUntil < :now',
    ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
    ExpressionAttributeValues: {
      ':owner': owner,
      ':lease': lease,
      ':now': wallClock(),
      ':inProgress': 'in-progress',
      ':rollingBack': 'rolling-back',
    },
  });
  if (!ok) {
    const now = await loadBatch(store, batch.id);
    throw conflict(
      'BATCH_IN_PROGRESS',
      'The batch is being written by a live process; retry after its lease expires',
      {
        batchId: batch.id,
        status: now?.status,
        leaseUntil: now ? new Date(now.leaseUntil).toISOString() : null,
      },
    );
  }
  const taken = await loadBatch(store, batch.id);
  if (!taken || taken.owner !== owner)
    throw conflict('BATCH_IN_PROGRESS', 'The batch was taken over meanwhile', { batchId: batch.id });
  return taken;
}

function planItem(id: string, step: number, plan: BatchStep) {
  const strip = (ops: WriteOp[]) => ops.map(({ onConditionFailed: _ignored, ...op }) => op);
  const json = JSON.stringify({
    ops: strip(plan.ops),
    audit: plan.audit,
    undo: { ops: strip(plan.undo.ops), audit: plan.undo.audit },
  });
  return { ...batchKeys.plan(id, step), type: 'batch-plan', plan: gzipSync(json) };
}

async function readPlan(store: Store, id: string, step: number): Promise<BatchStep> {
  const item = await store.get(batchKeys.plan(id, step));
  if (!item) throw new Error(`batch ${id} has no plan for step ${step}`);
  const bytes = item.plan as Uint8Array;
  return JSON.parse(gunzipSync(Buffer.from(bytes)).toString('utf8')) as BatchStep;
}

/** Steps write with the original request's identity; the request id gets a suffix so audit keys differ. */
function stepContext(request: BatchRequest, suffix: string): RequestContext {
  return {
    actor: request.actor,
    now: new Date(request.now),
    requestId: suffix ? `${request.requestId}#${suffix}` : request.requestId,
  };
}

function summary(batch: BatchRecord) {
  return {
    kind: batch.kind,
    subject: batch.subject,
    status: batch.status,
    stepCount: batch.stepCount,
    nextStep: batch.nextStep,
  };
}

/** A rollback's writes are tried a few times before the batch is left for recovery; a lost fence is final. */
function withRetries<T>(store: Store, fn: () => Promise<T>): Promise<T> {
  return retry(fn, {
    attempts: 4,
    baseMs: 100,
    retryable: (error) => !(error instanceof FenceFailed),
    sleep: store.sleep,
  });
}
