import { type ExitProposalRecord, evaluationKeys, toExitProposal } from '#shared/db/entities/evaluation.ts';
import { type Item, type Page, type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import type { ExitProposalStatus } from '#shared/domain/exits.ts';
import type { AppError } from '#shared/errors.ts';

/**
 * Exit proposals (one per worker and year, from the annual evaluation): created or refreshed,
 * withdrawn, read, listed, decided. Part of `shared/db/evaluation.ts`.
 */

/** The id of the exit proposal of (worker, year): one per worker and year by construction. */
export const exitProposalIdFor = (workerId: string, year: number): string =>
  evaluationKeys.exitProposalId(workerId, year);

/**
 * Creates the proposal of (worker, year) or refreshes it while pending (or withdrawn), listed as
 * pending; one an HR officer confirmed or dismissed is never touched (then false).
 */
export function upsertExitProposal(
  store: Store,
  proposal: Omit<ExitProposalRecord, 'status' | 'createdAt' | 'version'>,
  at: string,
) {
  const fields: Item = {
    type: 'exit-proposal',
    ...proposal,
    status: 'pending',
    gsi1pk: evaluationKeys.exitProposalsOf(proposal.org, 'pending'),
    gsi1sk: evaluationKeys.exitProposalSort(proposal.org, proposal.id),
  };
  const names = Object.keys(fields);
  return store.updateItem({
    Key: evaluationKeys.exitProposal(proposal.id),
    UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :f${i}`).join(', ')}, createdAt = if_not_exists(createdAt, :now), version = if_not_exists(version, :zero) + :one`,
    ConditionExpression: `attribute_not_exists(pk) OR #f${names.indexOf('status')} IN (:pending, :withdrawn)`,
    ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
    ExpressionAttributeValues: {
      ...Object.fromEntries(names.map((n, i) => [`:f${i}`, fields[n]])),
      ':now': at,
      ':zero': 0,
      ':one': 1,
      ':pending': 'pending',
      ':withdrawn': 'withdrawn',
    },
  });
}

/** Withdraws a pending proposal (a re-run no longer justifies it); false if it isn't pending. */
export function withdrawExitProposal(store: Store, id: string, org: string, at: string) {
  return store.updateItem({
    Key: evaluationKeys.exitProposal(id),
    UpdateExpression:
      'SET #status = :withdrawn, gsi1pk = :collection, updatedAt = :now, version = version + :one',
    ConditionExpression: '#status = :pending',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':withdrawn': 'withdrawn',
      ':pending': 'pending',
      ':collection': evaluationKeys.exitProposalsOf(org, 'withdrawn'),
      ':now': at,
      ':one': 1,
    },
  });
}

/** One exit proposal (GetItem), if it exists. */
export async function exitProposalById(store: Store, id: string): Promise<ExitProposalRecord | undefined> {
  const item = await store.get(evaluationKeys.exitProposal(id));
  return item && toExitProposal(item);
}

/** One page of a subtree's exit proposals of one status (ByCollection `EXITPROPS#<city>#<status>`). */
export async function exitProposalsOfSubtree(
  store: Store,
  org: string,
  status: ExitProposalStatus,
  cursor: string | undefined,
  limit: number,
): Promise<Page<ExitProposalRecord>> {
  const page = await store.queryPage(
    subtreeQuery(evaluationKeys.exitProposalsOf(org, status), org, { Limit: limit }),
    cursor,
  );
  return { items: page.items.map(toExitProposal), cursor: page.cursor };
}

/**
 * An HR officer's decision on a proposal (`confirmed` or `dismissed`), only while it is still
 * pending at the version read: `onConditionFailed` otherwise.
 */
export function decideExitProposalOp(
  proposal: Pick<ExitProposalRecord, 'id' | 'org' | 'version'>,
  status: ExitProposalStatus,
  decision: NonNullable<ExitProposalRecord['decision']>,
  at: string,
  onConditionFailed: () => AppError,
): WriteOp {
  return {
    Update: {
      Key: evaluationKeys.exitProposal(proposal.id),
      UpdateExpression:
        'SET #status = :status, decision = :decision, gsi1pk = :collection, updatedAt = :now, version = version + :one',
      ConditionExpression: '#status = :pending AND version = :version',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': status,
        ':decision': decision,
        ':collection': evaluationKeys.exitProposalsOf(proposal.org, status),
        ':now': at,
        ':one': 1,
        ':pending': 'pending',
        ':version': proposal.version,
      },
    },
    onConditionFailed,
  };
}
