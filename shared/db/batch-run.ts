import { gunzipSync, gzipSync } from 'node:zlib';
import type { RequestContext } from '#shared/context.ts';
import type { AuditEntry } from '#shared/db/entities/audit.ts';
import { type BatchRecord, type BatchRequest, batchKeys } from '#shared/db/entities/batch.ts';
import { retry } from '#shared/db/retry.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { AppError, conflict } from '#shared/errors.ts';
import { type StoredMessage, storedMessageOf } from '#shared/messages/stored.ts';
import { logger } from '#shared/observability.ts';
import { batchLeaseMs, loadBatch, wallClock } from '#shared/db/batch-records.ts';

/**
 * The runner of a durable batch (see `batches.ts`): applies the stored plan's steps forward, each
 * fenced on the header, or undoes the applied ones newest first.
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

export class LostLease extends Error {}

export class BatchRun {
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

export function planItem(id: string, step: number, plan: BatchStep) {
  const strip = (ops: WriteOp[]) => ops.map(({ onConditionFailed: _ignored, ...op }) => op);
  const json = JSON.stringify({
    ops: strip(plan.ops),
    audit: plan.audit,
    undo: { ops: strip(plan.undo.ops), audit: plan.undo.audit },
  });
  return { ...batchKeys.plan(id, step), type: 'batch-plan', plan: gzipSync(json) };
}

export async function readPlan(store: Store, id: string, step: number): Promise<BatchStep> {
  const item = await store.get(batchKeys.plan(id, step));
  if (!item) throw new Error(`batch ${id} has no plan for step ${step}`);
  const bytes = item.plan as Uint8Array;
  return JSON.parse(gunzipSync(Buffer.from(bytes)).toString('utf8')) as BatchStep;
}

/** Steps write with the original request's identity; the request id gets a suffix so audit keys differ. */
export function stepContext(request: BatchRequest, suffix: string): RequestContext {
  return {
    actor: request.actor,
    now: new Date(request.now),
    requestId: suffix ? `${request.requestId}#${suffix}` : request.requestId,
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
