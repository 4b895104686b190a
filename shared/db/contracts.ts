import {
  contractReminderItem,
  contractReminderKeys,
  toContractReminder,
} from '#shared/db/entities/contract-reminder.ts';
import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import { type Page, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import type { ContractReminder, ContractReminderStatus, ContractTerm } from '#shared/domain/contracts.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import type { AppError } from '#shared/errors.ts';

/**
 * The contracts aggregate's data operations: a worker's contract terms (on the worker item) and the
 * renewal reminders (续签提醒). The reads and `WriteOp`s `usecases/contracts.ts` composes.
 */

/** Active workers of a subtree whose current term ends by `until`: one paged Query on the subtree. */
export async function activeContractsEndingBy(
  store: Store,
  org: string,
  until: string,
): Promise<WorkerRecord[]> {
  const items = await store.queryAll(
    subtreeQuery(workerKeys.byStatus(org, 'active'), org, {
      FilterExpression: 'contractEndsOn <= :until',
      ExpressionAttributeValues: { ':until': until },
    }),
  );
  return items.map(toWorker);
}

/** A renewal: the worker's terms and current end, only while active and unchanged since read. */
export function renewContractOp(
  worker: WorkerRecord,
  terms: ContractTerm[],
  endsOn: string,
  now: string,
  onStale: () => AppError,
): WriteOp {
  return {
    Update: {
      Key: workerKeys.key(worker.id),
      UpdateExpression:
        'SET contractTerms = :terms, contractEndsOn = :endsOn, updatedAt = :now, version = version + :one',
      ConditionExpression: '#status = :active AND version = :v',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':terms': terms,
        ':endsOn': endsOn,
        ':now': now,
        ':one': 1,
        ':active': 'active',
        ':v': worker.version,
      },
    },
    onConditionFailed: onStale,
  };
}

export async function findReminder(store: Store, id: string): Promise<ContractReminder | undefined> {
  const item = await store.get(contractReminderKeys.key(id));
  return item ? toContractReminder(item) : undefined;
}

/** A new reminder (once per worker and term: `onExists` when the term already has one). */
export function createReminderOp(reminder: ContractReminder, onExists: () => AppError): WriteOp {
  return {
    Put: { Item: contractReminderItem(reminder), ConditionExpression: 'attribute_not_exists(pk)' },
    onConditionFailed: onExists,
  };
}

/**
 * Dismisses an open reminder (it moves to the dismissed collection); with `expectedVersion`, only
 * if unchanged since read. `onConditionFailed` when it isn't open (or changed).
 */
export function dismissReminderOp(
  reminder: Pick<ContractReminder, 'id' | 'org'>,
  dismissal: { at: string; by: string; note: string | null; expectedVersion?: number },
  onConditionFailed: () => AppError,
): WriteOp {
  const guarded = dismissal.expectedVersion !== undefined;
  return {
    Update: {
      Key: contractReminderKeys.key(reminder.id),
      UpdateExpression:
        'SET #status = :dismissed, gsi1pk = :gsi1pk, dismissedAt = :now, dismissedBy = :by, note = :note, version = version + :one',
      ConditionExpression: guarded ? '#status = :open AND version = :v' : '#status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':dismissed': 'dismissed',
        ':open': 'open',
        ':gsi1pk': contractReminderKeys.byStatus(reminder.org, 'dismissed'),
        ':now': dismissal.at,
        ':by': dismissal.by,
        ':note': dismissal.note,
        ':one': 1,
        ...(guarded ? { ':v': dismissal.expectedVersion } : {}),
      },
    },
    onConditionFailed,
  };
}

/** A subtree's reminders of one status, by org path, one page at a time. */
export async function remindersPage(
  store: Store,
  org: string,
  status: ContractReminderStatus,
  cursor: string | undefined,
  limit: number,
): Promise<Page<ContractReminder>> {
  const page = await store.queryPage(
    subtreeQuery(contractReminderKeys.byStatus(org, status), org, { Limit: limit }),
    cursor,
  );
  return { items: page.items.map(toContractReminder), ...(page.cursor ? { cursor: page.cursor } : {}) };
}
