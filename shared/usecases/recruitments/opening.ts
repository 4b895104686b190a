import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { newId } from '#shared/db/ids.ts';
import { candidatePage, createRecruitment, loadCandidate, recruitmentPage } from '#shared/db/recruitments.ts';
import type { Store } from '#shared/db/store.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { bandOf, isGradeInBand } from '#shared/domain/pay.ts';
import type { OpenRecruitmentInput } from '#shared/domain/recruitment.ts';
import type { RecruitmentRecord } from '#shared/domain/recruitment-records.ts';
import { unprocessable } from '#shared/errors.ts';
import { loadOrgUnit } from '#shared/usecases/org-units.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { manageable } from './access.ts';

// Opening, reading, listing

export async function openRecruitment(store: Store, ctx: RequestContext, input: OpenRecruitmentInput) {
  authorize(ctx.actor, 'recruitment:manage', { org: input.org });
  await loadOrgUnit(store, input.org);
  const today = shanghaiDate(ctx.now);
  const [policy, pay] = await Promise.all([
    policyAt(store, input.org, 'recruitment', today),
    policyAt(store, input.org, 'pay', today),
  ]);
  const post = input.post ?? 'staff';
  const band = bandOf(post, pay.document);
  const startingGrade = input.startingGrade ?? band.min;
  if (!isGradeInBand(post, startingGrade, pay.document)) {
    throw unprocessable(
      'GRADE_OUTSIDE_BAND',
      `Starting grade ${startingGrade} is outside the ${post} band ${band.min}–${band.max} (${pay.version})`,
      { post, startingGrade, band, payPolicyVersion: pay.version },
    );
  }
  const now = ctx.now.toISOString();
  const record: RecruitmentRecord = {
    id: newId('r'),
    title: input.title,
    org: input.org,
    channel: input.channel ?? 'open-recruitment',
    places: input.places,
    post,
    startingGrade,
    stage: 'open',
    ageReferenceDate: input.ageReferenceDate ?? today,
    policy: { version: policy.version, document: policy.document },
    payPolicyVersion: pay.version,
    openedOn: today,
    candidateCount: 0,
    eligibleCount: 0,
    shortlist: null,
    selected: null,
    noticeStartsOn: null,
    noticeEndsOn: null,
    hiredCount: 0,
    closedReason: null,
    stageChangedAt: now,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await store.transact(
    ctx,
    [createRecruitment(record)],
    [{ entity: `recruitment:${record.id}`, org: record.org, action: 'recruitment.opened', after: record }],
  );
  return record;
}

export async function getRecruitment(store: Store, ctx: RequestContext, id: string) {
  return manageable(store, ctx, id);
}

/** Recruitments in an org subtree (one Query on the city's collection, the subtree's key range). */
export async function listRecruitments(
  store: Store,
  ctx: RequestContext,
  org: string,
  cursor?: string,
  limit = 50,
) {
  authorize(ctx.actor, 'recruitment:manage', { org });
  return recruitmentPage(store, org, cursor, limit);
}

export async function listCandidates(
  store: Store,
  ctx: RequestContext,
  id: string,
  cursor?: string,
  limit = 50,
) {
  await manageable(store, ctx, id);
  return candidatePage(store, id, cursor, limit);
}

export async function getCandidate(store: Store, ctx: RequestContext, id: string, candidateId: string) {
  await manageable(store, ctx, id);
  return loadCandidate(store, id, candidateId);
}
