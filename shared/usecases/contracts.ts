import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import {
  activeContractsEndingBy,
  createReminderOp,
  dismissReminderOp,
  findReminder,
  remindersPage,
  renewContractOp,
} from '#shared/db/contracts.ts';
import { contractReminderKeys } from '#shared/db/entities/contract-reminder.ts';
import { workerHistoryOp } from '#shared/db/entities/worker-history.ts';
import type { Store } from '#shared/db/store.ts';
import {
  type ContractReminder,
  type ContractReminderStatus,
  contractState,
  contractTermsOf,
  renewContract,
} from '#shared/domain/contracts.ts';
import { addDays, daysBetween, shanghaiDate } from '#shared/domain/dates.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { AppError, conflict, notFound, unprocessable } from '#shared/errors.ts';
import { exitWorkerOps } from '#shared/usecases/exits.ts';
import { allCities } from '#shared/usecases/grade-steps.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { retryOnStale, stale } from '#shared/usecases/stale-read.ts';
import { hiringWorkerView } from '#shared/usecases/worker-records.ts';
import { loadWorker, workerLookup, workerResource } from '#shared/usecases/workers.ts';

/** Situation 5 (辞职或合同期满不续签): how a contract not renewed ends. */
const NOT_RENEWED_SITUATION = 5;

export type ContractDecision =
  | { decision: 'renew'; note?: string | undefined }
  | { decision: 'not-renew'; evidence: string };

/**
 * POST /v1/workers/{id}/contract-renewals: HR of the worker's subtree renews the contract (a new
 * term from the day after the current one ends, for the recruitment policy's
 * `renewalContractYears`, from `contractReminderDays` before that day on) or records that it is
 * not renewed: an exit under situation 5 on the term's last day, through the exit use-case (seats,
 * counters, pairings, nominations, history and audit follow), recorded on or after that day.
 */
export async function decideContract(
  store: Store,
  ctx: RequestContext,
  workerId: string,
  request: ContractDecision,
) {
  return retryOnStale(async () => {
    const worker = await loadWorker(store, workerId);
    authorize(ctx.actor, 'worker:write', workerResource(worker), workerLookup(worker.id));
    if (worker.status !== 'active')
      throw unprocessable('WORKER_EXITED', `Worker ${worker.id} has exited`, { exit: worker.exit });
    const today = shanghaiDate(ctx.now);
    const actor = { sub: ctx.actor.sub, role: ctx.actor.role, org: ctx.actor.org };
    const now = ctx.now.toISOString();
    const before = contractState(worker, today);
    const terms = contractTermsOf(worker);
    const current = terms[terms.length - 1]!;

    if (request.decision === 'not-renew') {
      const ended = [...terms.slice(0, -1), { ...current, notRenewedOn: today }];
      const { ops, audit, exited } = await exitWorkerOps(
        store,
        ctx,
        worker,
        { situation: NOT_RENEWED_SITUATION, effectiveOn: current.endsOn, evidence: request.evidence },
        { contractTerms: ended },
      );
      await store.transact(
        ctx,
        [
          ...ops,
          ...(await reminderSettledOps(store, worker, current.endsOn, now, ctx.actor.sub)),
          workerHistoryOp({
            workerId: worker.id,
            event: 'contract-not-renewed',
            at: now,
            effectiveOn: current.endsOn,
            org: worker.org,
            details: { termNo: current.no, endsOn: current.endsOn },
            actor,
          }),
        ],
        [
          ...audit,
          {
            entity: `worker:${worker.id}`,
            org: worker.org,
            action: 'worker.contract-not-renewed',
            before,
            after: contractState(exited, today),
          },
        ],
      );
      return hiringWorkerView(exited, ctx.actor, today);
    }

    const policy = await policyAt(store, worker.org, 'recruitment', today);
    const outcome = renewContract(
      worker,
      today,
      policy.document.renewalContractYears,
      policy.document.contractReminderDays,
      policy.version,
    );
    if (!outcome.ok)
      throw unprocessable(outcome.refusal.code, outcome.refusal.message, outcome.refusal.details);
    const updated: WorkerRecord = {
      ...worker,
      contractTerms: outcome.terms,
      contractEndsOn: outcome.term.endsOn,
      updatedAt: now,
      version: worker.version + 1,
    };
    await store.transact(
      ctx,
      [
        renewContractOp(worker, outcome.terms, outcome.term.endsOn, now, stale),
        ...(await reminderSettledOps(store, worker, current.endsOn, now, ctx.actor.sub)),
        workerHistoryOp({
          workerId: worker.id,
          event: 'contract-renewed',
          at: now,
          effectiveOn: outcome.term.startsOn,
          org: worker.org,
          details: {
            termNo: outcome.term.no,
            startsOn: outcome.term.startsOn,
            endsOn: outcome.term.endsOn,
            policyVersion: policy.version,
            ...(request.note ? { note: request.note } : {}),
          },
          actor,
        }),
      ],
      [
        {
          entity: `worker:${worker.id}`,
          org: worker.org,
          action: 'worker.contract-renewed',
          before,
          after: contractState(updated, today),
        },
      ],
    );
    return hiringWorkerView(updated, ctx.actor, today);
  });
}

/** Once HR decided on a term, its open reminder (if the job made one) is closed with the decision. */
async function reminderSettledOps(
  store: Store,
  worker: WorkerRecord,
  endsOn: string,
  now: string,
  by: string,
) {
  const id = contractReminderKeys.id(worker.id, endsOn);
  const existing = await findReminder(store, id);
  if (existing?.status !== 'open') return [];
  return [dismissReminderOp({ id, org: worker.org }, { at: now, by, note: 'decided' }, stale)];
}

/**
 * GET /v1/contracts/ending: active workers of a subtree whose contract term ends within
 * `withinDays` days (default: the recruitment policy's `contractReminderDays`), expired ones
 * included, soonest first. One Query on the subtree (plus the policy read).
 */
export async function listContractsEnding(
  store: Store,
  ctx: RequestContext,
  query: { org: string; withinDays?: number | undefined },
) {
  authorize(ctx.actor, 'worker:list', { org: query.org });
  const today = shanghaiDate(ctx.now);
  const withinDays =
    query.withinDays ??
    (await policyAt(store, query.org, 'recruitment', today)).document.contractReminderDays;
  const until = addDays(today, withinDays);
  const workers = await activeContractsEndingBy(store, query.org, until);
  return {
    org: query.org,
    today,
    withinDays,
    until,
    items: workers
      .map((w) => ({
        workerId: w.id,
        name: w.name,
        org: w.org,
        hiredOn: w.hiredOn,
        contract: contractState(w, today),
      }))
      .sort(
        (a, b) => a.contract.endsOn.localeCompare(b.contract.endsOn) || a.workerId.localeCompare(b.workerId),
      ),
  };
}

/**
 * The daily job (`contract-reminders`, for day `day`): in each city, every active worker whose
 * term ends within the city's `contractReminderDays` of that day gets a reminder, once per term
 * (a conditional put: running the day again, or the next day, adds nothing; a dismissed reminder
 * stays dismissed). One transaction with its audit entry per new reminder.
 */
export async function createContractReminders(
  store: Store,
  ctx: RequestContext,
  input: { day: string; cities?: string[] | undefined },
) {
  const cities = input.cities ?? (await allCities(store));
  const counts = { day: input.day, cities: cities.length, due: 0, created: 0, existing: 0 };
  for (const city of cities) {
    const policy = await policyAt(store, city, 'recruitment', input.day);
    const until = addDays(input.day, policy.document.contractReminderDays);
    for (const worker of await activeContractsEndingBy(store, city, until)) {
      counts.due++;
      const state = contractState(worker, input.day);
      const reminder: ContractReminder = {
        id: contractReminderKeys.id(worker.id, state.endsOn),
        workerId: worker.id,
        workerName: worker.name,
        org: worker.org,
        termNo: state.current.no,
        endsOn: state.endsOn,
        createdFor: input.day,
        createdAt: ctx.now.toISOString(),
        status: 'open',
        dismissedAt: null,
        dismissedBy: null,
        note: null,
        version: 1,
      };
      try {
        await store.transact(
          ctx,
          [createReminderOp(reminder, () => conflict('REMINDER_EXISTS', 'This term already has a reminder'))],
          [
            {
              entity: `contract-reminder:${reminder.id}`,
              org: worker.org,
              action: 'contract-reminder.created',
              after: reminder,
            },
          ],
        );
        counts.created++;
      } catch (error) {
        if (error instanceof AppError && error.code === 'REMINDER_EXISTS') counts.existing++;
        else throw error;
      }
    }
  }
  return counts;
}

/** GET /v1/contract-reminders: a subtree's reminders of one status, by org path, one page at a time. */
export async function listContractReminders(
  store: Store,
  ctx: RequestContext,
  query: {
    org: string;
    status: ContractReminderStatus;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
) {
  authorize(ctx.actor, 'worker:list', { org: query.org });
  const today = shanghaiDate(ctx.now);
  const page = await remindersPage(store, query.org, query.status, query.cursor, query.limit ?? 50);
  return {
    items: page.items.map((reminder) => reminderView(reminder, today)),
    cursor: page.cursor,
  };
}

function reminderView(reminder: ContractReminder, today: string) {
  return { ...reminder, daysLeft: daysBetween(today, reminder.endsOn) };
}

/** POST /v1/contract-reminders/{id}/dismiss: HR of the worker's subtree; audited; once (409 after). */
export async function dismissContractReminder(
  store: Store,
  ctx: RequestContext,
  id: string,
  input: { note?: string | undefined },
) {
  const reminder = await findReminder(store, id);
  if (!reminder) throw notFound('contract reminder', id);
  authorize(ctx.actor, 'worker:write', { org: reminder.org }, { what: 'contract reminder', id });
  if (reminder.status !== 'open')
    throw conflict('REMINDER_DISMISSED', 'This reminder was already dismissed', {
      dismissedAt: reminder.dismissedAt,
    });
  const now = ctx.now.toISOString();
  const dismissed: ContractReminder = {
    ...reminder,
    status: 'dismissed',
    dismissedAt: now,
    dismissedBy: ctx.actor.sub,
    note: input.note ?? null,
    version: reminder.version + 1,
  };
  await store.transact(
    ctx,
    [
      dismissReminderOp(
        reminder,
        { at: now, by: ctx.actor.sub, note: dismissed.note, expectedVersion: reminder.version },
        () => conflict('REMINDER_DISMISSED', 'This reminder was dismissed or changed meanwhile; reload'),
      ),
    ],
    [
      {
        entity: `contract-reminder:${id}`,
        org: reminder.org,
        action: 'contract-reminder.dismissed',
        before: { status: reminder.status },
        after: { status: 'dismissed', note: dismissed.note },
      },
    ],
  );
  return reminderView(dismissed, shanghaiDate(ctx.now));
}
