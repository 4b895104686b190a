import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import type { ExitProposalRecord } from '#shared/db/entities/evaluation.ts';
import { decideExitProposalOp, exitProposalById, exitProposalsOfSubtree } from '#shared/db/evaluation.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { conflict, notFound } from '#shared/errors.ts';
import { exitWorkerOps } from '#shared/usecases/exits.ts';
import { loadWorker, workerResource } from '#shared/usecases/workers.ts';
import type { ExitProposalStatus } from '#shared/domain/exits.ts';

/**
 * Exit proposals (考核清退, exit situation 1) made by the annual evaluation job. An HR officer of
 * the worker's subtree confirms one (the worker exits for situation 1, in the same transaction as
 * the proposal's decision) or dismisses it with a reason.
 */
export function exitProposalView(p: ExitProposalRecord) {
  return p;
}

export async function loadExitProposal(store: Store, id: string): Promise<ExitProposalRecord> {
  const proposal = await exitProposalById(store, id);
  if (!proposal) throw notFound('exit proposal', id);
  return proposal;
}

export async function getExitProposal(store: Store, ctx: RequestContext, id: string) {
  const proposal = await loadExitProposal(store, id);
  authorize(
    ctx.actor,
    'evaluation:manage',
    { org: proposal.org, workerId: proposal.workerId },
    { what: 'exit proposal', id },
  );
  return exitProposalView(proposal);
}

export async function listExitProposals(
  store: Store,
  ctx: RequestContext,
  query: {
    org?: string | undefined;
    status?: ExitProposalStatus | undefined;
    cursor?: string | undefined;
    limit?: number;
  },
) {
  const org = query.org ?? ctx.actor.org;
  authorize(ctx.actor, 'evaluation:manage', { org });
  const status = query.status ?? 'pending';
  const page = await exitProposalsOfSubtree(store, org, status, query.cursor, query.limit ?? 50);
  return { items: page.items.map(exitProposalView), cursor: page.cursor };
}

function decide(
  proposal: ExitProposalRecord,
  status: ExitProposalStatus,
  decision: NonNullable<ExitProposalRecord['decision']>,
  at: string,
): WriteOp {
  return decideExitProposalOp(proposal, status, decision, at, () =>
    conflict(
      'EXIT_PROPOSAL_CHANGED',
      `Exit proposal ${proposal.id} was decided or updated meanwhile; reload it`,
    ),
  );
}

function requirePending(proposal: ExitProposalRecord) {
  if (proposal.status !== 'pending') {
    throw conflict(
      'EXIT_PROPOSAL_DECIDED',
      `Exit proposal ${proposal.id} is ${proposal.status}, not pending`,
      {
        status: proposal.status,
      },
    );
  }
}

/**
 * Confirms a proposal: the worker exits for situation 1 on `effectiveOn` with the evidence (by
 * default the proposal's own note), atomically with the proposal becoming `confirmed`.
 */
export async function confirmExitProposal(
  store: Store,
  ctx: RequestContext,
  id: string,
  input: { effectiveOn: string; evidence?: string | undefined },
) {
  const proposal = await loadExitProposal(store, id);
  authorize(
    ctx.actor,
    'evaluation:manage',
    { org: proposal.org, workerId: proposal.workerId },
    { what: 'exit proposal', id: proposal.id },
  );
  requirePending(proposal);
  const worker = await loadWorker(store, proposal.workerId);
  authorize(ctx.actor, 'worker:write', workerResource(worker));
  const evidence = input.evidence ?? `${proposal.note} (evaluation run ${proposal.runId})`;
  const { ops, audit } = await exitWorkerOps(store, ctx, worker, {
    situation: 1,
    effectiveOn: input.effectiveOn,
    evidence,
  });
  const at = ctx.now.toISOString();
  const decision = { by: ctx.actor.sub, at, effectiveOn: input.effectiveOn, evidence };
  await store.transact(
    ctx,
    [decide(proposal, 'confirmed', decision, at), ...ops],
    [
      ...audit,
      {
        entity: `exit-proposal:${proposal.id}`,
        org: proposal.org,
        action: 'exit-proposal.confirmed',
        before: { status: proposal.status },
        after: { status: 'confirmed', decision },
      },
    ],
  );
  return exitProposalView(await loadExitProposal(store, id));
}

/** Dismisses a proposal with a reason; the worker stays. A later re-run won't reopen it. */
export async function dismissExitProposal(
  store: Store,
  ctx: RequestContext,
  id: string,
  input: { reason: string },
) {
  const proposal = await loadExitProposal(store, id);
  authorize(
    ctx.actor,
    'evaluation:manage',
    { org: proposal.org, workerId: proposal.workerId },
    { what: 'exit proposal', id: proposal.id },
  );
  requirePending(proposal);
  const at = ctx.now.toISOString();
  const decision = { by: ctx.actor.sub, at, reason: input.reason };
  await store.transact(
    ctx,
    [decide(proposal, 'dismissed', decision, at)],
    [
      {
        entity: `exit-proposal:${proposal.id}`,
        org: proposal.org,
        action: 'exit-proposal.dismissed',
        before: { status: proposal.status },
        after: { status: 'dismissed', decision },
      },
    ],
  );
  return exitProposalView(await loadExitProposal(store, id));
}
