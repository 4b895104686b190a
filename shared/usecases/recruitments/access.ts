import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { loadRecruitment } from '#shared/db/recruitments.ts';
import type { Store } from '#shared/db/store.ts';

/**
 * Exam-based recruitment (逢进必考, 部门联审, 持证优先), split by sub-flow: opening.ts (open, read,
 * list), registration.ts and registration-sheets.ts, scoring.ts, review.ts (ranking and the joint
 * review), stages.ts, hire.ts. The stage machine is the domain's (recruitment-stages.ts); reads and
 * writes are named operations of shared/db/recruitments.ts. The recruitment policy in force at
 * opening is snapshotted on the recruitment; every rule reads that snapshot.
 */

/** The recruitment, once the caller may manage it (404 for a caller outside its scope). */
export async function manageable(store: Store, ctx: RequestContext, id: string) {
  const recruitment = await loadRecruitment(store, id);
  authorize(
    ctx.actor,
    'recruitment:manage',
    { org: recruitment.org },
    { what: 'recruitment', id: recruitment.id },
  );
  return recruitment;
}
