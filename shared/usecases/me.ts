import type { Store } from '#shared/db/store.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { nextRegularStep } from '#shared/domain/next-step.ts';
import { bandOf } from '#shared/domain/pay.ts';
import type { RequestContext } from '#shared/context.ts';
import { payPolicyAt } from '#shared/usecases/pay/grades.ts';
import { getMe } from '#shared/usecases/worker-records.ts';
import { ancestorsOf } from '#shared/domain/org-paths.ts';
import { orgUnitLabels } from '#shared/usecases/org-unit-names.ts';

/**
 * 我的: the caller's record (one GetItem, authorised in `getMe`) plus what a worker cannot read
 * elsewhere: the names of the org units above them (workers may not read org units; cached per
 * process, see org-unit-names.ts), the post's band and the date of the next regular grade step under
 * the pay policy in force today (cached per process, see policy-cache.ts). Warm, that is one request.
 */
export async function getMyProfile(store: Store, ctx: RequestContext) {
  const me = await getMe(store, ctx);
  const today = shanghaiDate(ctx.now);
  const path = ancestorsOf(me.org);
  const [byId, policy] = await Promise.all([orgUnitLabels(store, path), payPolicyAt(store, me.org, today)]);
  const gradeSince = me.gradeSince ?? me.hiredOn;
  return {
    ...me,
    orgPath: path.map((id) => ({ id, name: byId.get(id)?.name ?? id, level: byId.get(id)?.level ?? null })),
    band: bandOf(me.post, policy.document),
    gradeSince,
    nextStep:
      me.status === 'active' ? nextRegularStep(me.step, me.post, policy.document, gradeSince, today) : null,
    payPolicy: { version: policy.version, effectiveFrom: policy.effectiveFrom },
  };
}
