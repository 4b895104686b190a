import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { workerHistoryOp } from '#shared/db/entities/worker-history.ts';
import type { Store } from '#shared/db/store.ts';
import { workers } from '#shared/db/workers.ts';
import { addDays, shanghaiDate } from '#shared/domain/dates.ts';
import { decideProbation, probationState } from '#shared/domain/probation.ts';
import { unprocessable } from '#shared/errors.ts';
import { exitWorkerOps } from '#shared/usecases/exits.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { retryOnStale, stale } from '#shared/usecases/stale-read.ts';
import { hiringWorkerView } from '#shared/usecases/worker-records.ts';
import { loadWorker, workerResource, workerLookup } from '#shared/usecases/workers.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

export type ProbationRequest =
  | { decision: 'confirm'; note?: string | undefined }
  | { decision: 'extend'; months: number; note?: string | undefined }
  | { decision: 'fail'; situation: number; effectiveOn?: string | undefined; evidence: string };

/**
 * POST /v1/workers/{id}/probation: HR of the worker's subtree confirms (转正, on or after the last
 * day), extends (within the recruitment policy's `probationMaxExtensionMonths` in all) or ends it
 * with an exit under the situation HR names (the exit's own rules apply). One version-guarded
 * transaction with history and audit.
 */
export async function decideWorkerProbation(
  store: Store,
  ctx: RequestContext,
  workerId: string,
  request: ProbationRequest,
) {
  return retryOnStale(async () => {
    const worker = await loadWorker(store, workerId);
    authorize(ctx.actor, 'worker:write', workerResource(worker), workerLookup(worker.id));
    const today = shanghaiDate(ctx.now);
    if (worker.status !== 'active') {
      throw unprocessable('WORKER_EXITED', `Worker ${worker.id} has exited`, { exit: worker.exit });
    }
    const policy = await policyAt(store, worker.org, 'recruitment', today);
    const outcome = decideProbation(
      worker,
      request.decision === 'extend'
        ? { decision: 'extend', months: request.months }
        : { decision: request.decision },
      today,
      policy.document.probationMaxExtensionMonths,
    );
    if (!outcome.ok)
      throw unprocessable(outcome.refusal.code, outcome.refusal.message, outcome.refusal.details);
    const { fields } = outcome;
    const before = probationState(worker);
    const details = {
      decision: request.decision,
      endsOn: fields.probationEndsOn,
      extendedMonths: fields.probationExtendedMonths,
      policyVersion: policy.version,
      ...('note' in request && request.note ? { note: request.note } : {}),
    };
    const actor = { sub: ctx.actor.sub, role: ctx.actor.role, org: ctx.actor.org };
    const now = ctx.now.toISOString();

    if (request.decision === 'fail') {
      const { ops, audit, exited } = await exitWorkerOps(
        store,
        ctx,
        worker,
        {
          situation: request.situation,
          effectiveOn: request.effectiveOn ?? today,
          evidence: request.evidence,
        },
        fields,
      );
      await store.transact(
        ctx,
        [
          ...ops,
          workerHistoryOp({
            workerId: worker.id,
            event: 'probation-failed',
            at: now,
            effectiveOn: today,
            org: worker.org,
            details,
            actor,
          }),
        ],
        [
          ...audit,
          {
            entity: `worker:${worker.id}`,
            org: worker.org,
            action: 'worker.probation-failed',
            before,
            after: probationState(exited),
          },
        ],
      );
      return hiringWorkerView(exited, ctx.actor);
    }

    const updated: WorkerRecord = { ...worker, ...fields, updatedAt: now, version: worker.version + 1 };
    await store.transact(
      ctx,
      [
        workers.setProbation(worker, fields, now, stale),
        workerHistoryOp({
          workerId: worker.id,
          event: request.decision === 'confirm' ? 'probation-confirmed' : 'probation-extended',
          at: now,
          effectiveOn: today,
          org: worker.org,
          details,
          actor,
        }),
      ],
      [
        {
          entity: `worker:${worker.id}`,
          org: worker.org,
          action: request.decision === 'confirm' ? 'worker.probation-confirmed' : 'worker.probation-extended',
          before,
          after: probationState(updated),
        },
      ],
    );
    return hiringWorkerView(updated, ctx.actor);
  });
}

/**
 * Active workers of a subtree whose probation (still undecided) ends within `withinDays` days from
 * today, overdue ones included, soonest first.
 */
export async function listProbationsEnding(
  store: Store,
  ctx: RequestContext,
  query: { org: string; withinDays: number },
) {
  authorize(ctx.actor, 'worker:list', { org: query.org });
  const today = shanghaiDate(ctx.now);
  const until = addDays(today, query.withinDays);
  const ending = await workers.probationsEndingBy(store, query.org, until);
  // toWorker reads a stored "day before the transfer" as no probation (issue 16): leave those out.
  const serving = ending.filter((w) => probationState(w).status === 'serving');
  return {
    org: query.org,
    today,
    until,
    items: serving
      .map((w) => ({
        workerId: w.id,
        name: w.name,
        org: w.org,
        hiredOn: w.hiredOn,
        probation: probationState(w, today),
      }))
      .sort(
        (a, b) =>
          (a.probation.endsOn ?? '').localeCompare(b.probation.endsOn ?? '') ||
          a.workerId.localeCompare(b.workerId),
      ),
  };
}
