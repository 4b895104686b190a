import type { RequestContext } from '#shared/context.ts';
import {
  giveOwnNotice,
  loadCandidates,
  loadRecruitment,
  markCandidateRemoved,
  reselect,
} from '#shared/db/recruitments.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { noticeEndsOn } from '#shared/domain/recruitment.ts';
import type { CandidateRecord, RecruitmentRecord } from '#shared/domain/recruitment-records.ts';
import {
  nextToFillVacancy,
  nextToMoveUp,
  refuseIfClosed,
  wrongStage,
} from '#shared/domain/recruitment-stages.ts';
import { conflict, notFound, unprocessable } from '#shared/errors.ts';
import { manageable } from './access.ts';

/**
 * The public notice (公示): a selected candidate may withdraw (本人放弃) or be disqualified
 * (取消资格, with the reason); the best-ranked reserve whom every department approved moves up
 * (递补) into the selection with a notice of their own (`publicNoticeDays` of the recruitment's
 * policy, from today). Seats are taken only at hire, so the quota needs no change here.
 */

/** What leaving the selection writes: the new selection and, if someone moves up, their notice. */
export function leaveSelection(
  recruitment: RecruitmentRecord,
  candidates: readonly CandidateRecord[],
  leavingId: string,
  ctx: RequestContext,
): {
  ops: WriteOp[];
  movedUp: CandidateRecord | null;
  selected: string[];
  notice: { startsOn: string; endsOn: string } | null;
} {
  const next = nextToMoveUp(recruitment, candidates, leavingId);
  const today = shanghaiDate(ctx.now);
  const now = ctx.now.toISOString();
  const selected = (recruitment.selected ?? []).filter((id) => id !== leavingId);
  if (!next) return { ops: [reselect(recruitment, selected, now)], movedUp: null, selected, notice: null };
  const notice = { startsOn: today, endsOn: noticeEndsOn(today, recruitment.policy.document) };
  return {
    ops: [reselect(recruitment, [...selected, next.id], now), giveOwnNotice(next.candidate, notice, now)],
    movedUp: next.candidate,
    selected: [...selected, next.id],
    notice,
  };
}

/**
 * Who fills a place left empty once a write is applied (`candidates` as they will be): during the
 * notice, with fewer selected than places, the best-ranked reserve every department approved moves
 * up with a notice of their own, as when a candidate leaves. The caller writes `notice` on them and
 * `selected` on the recruitment (guarded by its version, so a move-up is written once).
 */
export function fillVacancy(
  recruitment: RecruitmentRecord,
  candidates: readonly CandidateRecord[],
  ctx: RequestContext,
): {
  movedUp: CandidateRecord | null;
  selected: string[];
  notice: { startsOn: string; endsOn: string } | null;
} {
  const selected = recruitment.selected ?? [];
  const next = nextToFillVacancy(recruitment, candidates);
  if (!next) return { movedUp: null, selected, notice: null };
  const today = shanghaiDate(ctx.now);
  const notice = { startsOn: today, endsOn: noticeEndsOn(today, recruitment.policy.document) };
  return { movedUp: next.candidate, selected: [...selected, next.id], notice };
}

/**
 * A selected candidate leaves during the notice: `withdrew` (本人放弃) or `disqualified` (取消资格,
 * reason required). One transaction: the candidate marked, the selection changed, the next one's
 * notice, the audit entry. 422 WRONG_STAGE outside the notice, NOT_SELECTED for a candidate not
 * selected; 409 ALREADY_HIRED, CANDIDATE_REMOVED (already left).
 */
export async function removeFromNotice(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  candidateId: string,
  input: { kind: 'withdrew' | 'disqualified'; reason?: string | undefined },
) {
  const recruitment = await manageable(store, ctx, recruitmentId);
  refuseIfClosed(recruitment);
  const action = input.kind === 'withdrew' ? 'record a withdrawal' : 'disqualify a candidate';
  if (recruitment.stage !== 'notice') throw wrongStage(recruitment, action, ['notice']);
  const candidates = await loadCandidates(store, recruitmentId);
  const candidate = candidates.find((c) => c.id === candidateId);
  if (!candidate) throw notFound('candidate', candidateId);
  if (candidate.hiredWorkerId)
    throw conflict('ALREADY_HIRED', 'This candidate has already been hired: an exit, not a withdrawal', {
      workerId: candidate.hiredWorkerId,
    });
  if (candidate.removal)
    throw conflict('CANDIDATE_REMOVED', 'The candidate already left the selection', {
      removal: candidate.removal,
    });
  if (!(recruitment.selected ?? []).includes(candidateId))
    throw unprocessable('NOT_SELECTED', 'Only a selected candidate can withdraw or be disqualified', {
      candidateId,
    });
  const removal = {
    kind: input.kind,
    reason: input.reason ?? null,
    at: ctx.now.toISOString(),
    by: ctx.actor.sub,
  };
  const leaving = leaveSelection(recruitment, candidates, candidateId, ctx);
  await store.transact(
    ctx,
    [markCandidateRemoved(candidate, removal), ...leaving.ops],
    [
      {
        entity: `recruitment:${recruitmentId}`,
        org: recruitment.org,
        action:
          input.kind === 'withdrew' ? 'recruitment.candidate-withdrew' : 'recruitment.candidate-disqualified',
        before: { selected: recruitment.selected },
        after: {
          candidateId,
          ...removal,
          selected: leaving.selected,
          movedUp: leaving.movedUp ? { candidateId: leaving.movedUp.id, notice: leaving.notice } : null,
        },
      },
    ],
  );
  const after = await loadCandidates(store, recruitmentId);
  return {
    recruitment: await loadRecruitment(store, recruitmentId),
    candidate: after.find((c) => c.id === candidateId)!,
    movedUp: leaving.movedUp ? after.find((c) => c.id === leaving.movedUp!.id)! : null,
  };
}
