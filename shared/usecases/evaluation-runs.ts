import { authorize } from '#shared/auth/authorize.ts';
import { isWithinSubtree, rootOf, ancestorsOf } from '#shared/domain/org-paths.ts';
import { type RequestContext, systemContext } from '#shared/context.ts';
import {
  type EvaluationSummary,
  emptyGrades,
  emptyWorkOrders,
  type RunRecord,
} from '#shared/db/entities/evaluation.ts';
import {
  completeRunOps,
  deleteSubtreeSummaries,
  lockedRunId,
  putSubtreeSummaries,
  putUnitTasks,
  runById,
  runsOfCity,
  startRunOps,
  summariesOf,
  unitsWithSummary,
  unitTasks,
} from '#shared/db/evaluation.ts';
import { orgUnits } from '#shared/db/org-units.ts';
import type { Store } from '#shared/db/store.ts';
import { type EvaluationPolicy, evaluationUnitOf, isEvaluationUnit } from '#shared/domain/evaluation.ts';
import { periodKindOf, periodRange, periodStatus } from '#shared/domain/evaluation-periods.ts';
import { AppError, conflict, notFound, unavailable, unprocessable } from '#shared/errors.ts';
import { loadOrgUnit } from '#shared/usecases/org-units.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { newId } from '#shared/db/ids.ts';
import { logger } from '#shared/observability.ts';
import { isStoredMessage, renderStored } from '#shared/messages/stored.ts';

/** The queue an evaluation run fans out to: one message per org unit. */
export const EVALUATION_QUEUE = 'evaluation-org-units';

/** What a run needs from the queue (SQS in AWS, in-process locally): `WorkQueue` fits. */
export interface RunQueue {
  send(queue: string, messages: unknown[]): Promise<void>;
}

export interface UnitMessage {
  runId: string;
  org: string;
}

export function runView(run: RunRecord) {
  return {
    id: run.id,
    period: run.period,
    kind: run.kind,
    org: run.org,
    status: run.status,
    policyVersion: run.policy.version,
    unitsTotal: run.unitsTotal,
    unitsDone: run.unitsDone,
    workersScored: run.workersScored,
    progressPercent: run.unitsTotal === 0 ? 100 : Math.floor((run.unitsDone * 1000) / run.unitsTotal) / 10,
    startedAt: run.startedAt,
    startedBy: run.startedBy,
    trigger: run.trigger,
    completedAt: run.completedAt,
  };
}

export async function loadRun(store: Store, runId: string): Promise<RunRecord> {
  const run = await runById(store, runId);
  if (!run) throw notFound('evaluation run', runId);
  return run;
}

/**
 * Starts an evaluation of `period` for every org unit of the `org` subtree: snapshots the policy
 * in force on the period's last day, writes one task per unit, then commits the run (with the
 * city-and-period lock: one run at a time) and sends one queue message per unit. Units are scored
 * in parallel by the queue consumers; the last one to finish completes the run.
 */
export async function startEvaluationRun(
  store: Store,
  queue: RunQueue,
  ctx: RequestContext,
  input: { period: string; org?: string | undefined },
  trigger: RunRecord['trigger'] = 'api',
) {
  const org = input.org ?? ctx.actor.org;
  authorize(ctx.actor, 'evaluation:manage', { org });
  const { period } = input;
  const kind = periodKindOf(period);
  if (periodStatus(period, ctx.now) !== 'ended') {
    throw unprocessable(
      'PERIOD_NOT_ENDED',
      `The ${kind} period ${period} has not ended yet (Asia/Shanghai); it can be evaluated from the day after`,
      { period },
    );
  }
  await loadOrgUnit(store, org);
  const city = rootOf(org);
  const holder = await lockedRunId(store, city, period);
  if (holder) throw runInProgress(holder, period, city);

  const policy = await policyAt(store, city, 'evaluation', periodRange(period).to);
  if (!isEvaluationUnit(org, policy.document)) {
    throw unprocessable(
      'GRID_RANKED_WITH_COMMUNITY',
      `Grid workers are ranked with their community under the evaluation policy; run it for ${evaluationUnitOf(org, policy.document)}`,
      { org, unit: evaluationUnitOf(org, policy.document) },
    );
  }
  const units = await unitsToScore(store, org, period, policy.document);
  const runId = newId('evr');
  const now = ctx.now.toISOString();
  // Tasks first: if the run's transaction then fails they are orphans that expire, never a run
  // without its tasks.
  await putUnitTasks(store, runId, units, ctx.now);
  const run: RunRecord = {
    id: runId,
    period,
    kind,
    org,
    city,
    status: units.length === 0 ? 'completed' : 'running',
    policy: { version: policy.version, document: policy.document as EvaluationPolicy },
    unitsTotal: units.length,
    unitsDone: 0,
    workersScored: 0,
    startedAt: now,
    startedBy: ctx.actor.sub,
    trigger,
    updatedAt: now,
    completedAt: units.length === 0 ? now : null,
  };
  await store.transact(
    ctx,
    startRunOps(run, () => runInProgress('another run', period, city)),
    [
      {
        entity: `evaluation-run:${runId}`,
        org,
        action: 'evaluation.run-started',
        after: { period, kind, org, policyVersion: policy.version, unitsTotal: units.length, trigger },
      },
    ],
  );
  if (units.length === 0) return runView(run);
  try {
    await queue.send(
      EVALUATION_QUEUE,
      units.map((unit): UnitMessage => ({ runId, org: unit })),
    );
  } catch (error) {
    logger.error('evaluation fan-out failed', { runId, error: String(error) });
    throw unavailable(`Run ${runId} was created but not all units were queued; resume it`, { runId });
  }
  return runView(run);
}

function runInProgress(runId: string, period: string, city: string) {
  return conflict(
    'EVALUATION_RUN_IN_PROGRESS',
    `Run ${runId} for ${period} in ${city} has not finished; resume it (POST /v1/evaluations/runs/{id}/resume) or wait`,
    { runId, period, city },
  );
}

/**
 * The org units of a subtree to score for a period: every unit of the subtree (walked breadth-first
 * through ByCollection `ORG-CHILDREN#<id>`, one Query per unit that can have children, a level at a
 * time in parallel), plus any unit scored before for this period that is no longer in the tree.
 * A unit without workers costs its consumer a few empty reads; one that had results before gets
 * them cleared, so a re-run always replaces the period's results.
 */
export async function unitsToScore(
  store: Store,
  org: string,
  period: string,
  policy: Pick<EvaluationPolicy, 'rankGridsWithCommunity'>,
): Promise<string[]> {
  // A community's grids are walked only when grids are ranked on their own. The root is not read,
  // so its level is unknown and its children are always asked for.
  const leafLevel = policy.rankGridsWithCommunity ? 'community' : 'grid';
  const walked = await orgUnits.walk(store, [{ id: org, level: undefined }], {
    fields: 'levels',
    stopAt: (unit) => unit.level === leafLevel,
  });
  const units = walked.map((unit) => unit.id);
  const scoredBefore = (await unitsWithSummary(store, rootOf(org), period, org)).filter((unit) =>
    isWithinSubtree(unit, org),
  );
  return [...new Set([...units, ...scoredBefore])].sort();
}

/** Progress of a run (HR of the run's subtree). Pending units are listed while it runs. */
export async function getEvaluationRun(store: Store, ctx: RequestContext, runId: string) {
  const run = await loadRun(store, runId);
  authorize(ctx.actor, 'evaluation:read', { org: run.org }, { what: 'evaluation run', id: runId });
  if (run.status === 'completed') return runView(run);
  const pending = await unitTasks(store, runId, 'pending');
  return {
    ...runView(run),
    pendingUnits: pending.slice(0, 100).map((task) => ({
      org: task.org as string,
      attempts: (task.failedAttempts as number | undefined) ?? 0,
      ...lastErrorOf(task.lastError),
    })),
  };
}

/**
 * A unit's last failure in the caller's language, from its stored code + params. Tasks written
 * before codes were stored hold raw text: shown as the generic internal failure, never the text.
 */
function lastErrorOf(stored: unknown): { lastError: string | null; lastErrorCode: string | null } {
  if (stored === null || stored === undefined) return { lastError: null, lastErrorCode: null };
  const failure = isStoredMessage(stored) ? stored : { code: 'EVALUATION_UNIT_FAILED', params: {} };
  return { lastError: renderStored(failure), lastErrorCode: failure.code };
}

/** A city's runs, newest first, that concern the `org` subtree (they cover it or lie inside it). */
export async function listEvaluationRuns(
  store: Store,
  ctx: RequestContext,
  org: string,
  cursor?: string,
  limit = 20,
) {
  authorize(ctx.actor, 'evaluation:read', { org });
  const page = await runsOfCity(store, rootOf(org), cursor, limit);
  return {
    items: page.items
      .filter((run) => isWithinSubtree(run.org, org) || isWithinSubtree(org, run.org))
      .map(runView),
    cursor: page.cursor,
  };
}

/**
 * Resumes a run that stopped part-way (a consumer died, messages went to the dead-letter queue):
 * re-sends the units not yet done. Done units are never scored twice (their completion is
 * conditional), so resuming a run that is in fact still progressing is harmless.
 */
export async function resumeEvaluationRun(store: Store, queue: RunQueue, ctx: RequestContext, runId: string) {
  const run = await loadRun(store, runId);
  authorize(ctx.actor, 'evaluation:manage', { org: run.org }, { what: 'evaluation run', id: runId });
  return resumeRun(store, queue, ctx, run);
}

export async function resumeRun(store: Store, queue: RunQueue, ctx: RequestContext, run: RunRecord) {
  if (run.status === 'completed') return { ...runView(run), resentUnits: 0 };
  const pending = await unitTasks(store, run.id, 'pending');
  if (pending.length > 0) {
    await queue.send(
      EVALUATION_QUEUE,
      pending.map((task): UnitMessage => ({ runId: run.id, org: task.org as string })),
    );
  }
  await store.transact(
    ctx,
    [],
    [
      {
        entity: `evaluation-run:${run.id}`,
        org: run.org,
        action: 'evaluation.run-resumed',
        after: { resentUnits: pending.length },
      },
    ],
  );
  if (pending.length === 0) await finalizeRunIfDone(store, run.id, ctx.now);
  return { ...runView(await loadRun(store, run.id)), resentUnits: pending.length };
}

/** The unfinished run holding the lock of a city and period, if any. */
export async function unfinishedRun(
  store: Store,
  city: string,
  period: string,
): Promise<RunRecord | undefined> {
  const runId = await lockedRunId(store, city, period);
  if (!runId) return undefined;
  return runById(store, runId);
}

/**
 * Completes a run once every unit is done: rolls the unit summaries up to every ancestor, marks
 * the run completed and releases the lock (conditionally: of two finishers only one completes it).
 */
export async function finalizeRunIfDone(store: Store, runId: string, now: Date): Promise<boolean> {
  const run = await loadRun(store, runId);
  if (run.status !== 'running' || run.unitsDone < run.unitsTotal) return false;
  await rollUpSummaries(store, run.city, run.period, run.id, now);
  const at = now.toISOString();
  const ctx = { ...systemContext('evaluation', now, run.org), requestId: `evaluation-${run.id}-completed` };
  try {
    await store.transact(ctx, completeRunOps(run, at), [
      {
        entity: `evaluation-run:${run.id}`,
        org: run.org,
        action: 'evaluation.run-completed',
        after: { unitsTotal: run.unitsTotal, workersScored: run.workersScored },
      },
    ]);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.status === 409) return false; // another finisher won
    throw error;
  }
}

function addSummary(into: EvaluationSummary, from: EvaluationSummary) {
  into.workersEvaluated += from.workersEvaluated;
  into.totalHundredthsSum += from.totalHundredthsSum;
  for (const grade of Object.keys(into.grades) as (keyof EvaluationSummary['grades'])[])
    into.grades[grade] += from.grades[grade];
  for (const field of Object.keys(into.workOrders) as (keyof EvaluationSummary['workOrders'])[])
    into.workOrders[field] += from.workOrders[field];
}

/**
 * Subtree summaries of a city and period from its unit summaries: each unit counts towards itself
 * and every ancestor. Overwrites (never adds to) the previous roll-up, and deletes subtree
 * summaries that no longer have any unit, so re-runs never double count.
 */
export async function rollUpSummaries(store: Store, city: string, period: string, runId: string, now: Date) {
  const { units, subtreeOrgs } = await summariesOf(store, city, period);
  const tree = new Map<string, EvaluationSummary>();
  for (const unit of units) {
    for (const org of ancestorsOf(unit.org)) {
      let summary = tree.get(org);
      if (!summary) {
        summary = {
          org,
          period,
          workersEvaluated: 0,
          grades: emptyGrades(),
          workOrders: emptyWorkOrders(),
          totalHundredthsSum: 0,
        };
        tree.set(org, summary);
      }
      addSummary(summary, unit);
    }
  }
  const at = now.toISOString();
  await putSubtreeSummaries(store, period, [...tree.values()], runId, at);
  await deleteSubtreeSummaries(
    store,
    period,
    subtreeOrgs.filter((org) => !tree.has(org)),
  );
}
