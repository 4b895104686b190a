import type { RequestContext } from '#shared/context.ts';
import { changeRecruitmentStage, loadCandidates, loadRecruitment } from '#shared/db/recruitments.ts';
import type { Store } from '#shared/db/store.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import type { RecruitmentStage } from '#shared/domain/recruitment.ts';
import { planStageChange, refuseIfClosed } from '#shared/domain/recruitment-stages.ts';
import { manageable } from './access.ts';

/**
 * Moves a recruitment one stage forward (or closes it), as the domain's transition table allows
 * (`stageTransitions` in shared/domain/recruitment-stages.ts; 422 otherwise):
 * - → written-exam: at least one eligible candidate.
 * - → interview: every eligible candidate has a written score; the shortlist (places × ratio by
 *   written score, ties at the cut included) is fixed.
 * - → review: every shortlisted candidate has an interview score; the ranking is final.
 * - → notice: the joint review has settled every place (no decision pending inside the places)
 *   and selected at least one candidate; the notice runs `publicNoticeDays` from today.
 * - → closed: from any stage; final.
 */
export async function changeStage(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  input: { to: RecruitmentStage; reason?: string | undefined },
) {
  const recruitment = await manageable(store, ctx, recruitmentId);
  refuseIfClosed(recruitment);
  const candidates = await loadCandidates(store, recruitmentId);
  const changes = planStageChange(
    { recruitment, candidates, today: shanghaiDate(ctx.now) },
    input.to,
    input.reason,
  );
  await store.transact(
    ctx,
    [changeRecruitmentStage(recruitment, input.to, changes, ctx.now.toISOString())],
    [
      {
        entity: `recruitment:${recruitmentId}`,
        org: recruitment.org,
        action: `recruitment.stage-${input.to}`,
        before: { stage: recruitment.stage },
        after: { stage: input.to, ...changes },
      },
    ],
  );
  return loadRecruitment(store, recruitmentId);
}
