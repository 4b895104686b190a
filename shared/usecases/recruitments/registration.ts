import type { RequestContext } from '#shared/context.ts';
import { newId } from '#shared/db/ids.ts';
import {
  claimRegistrationNumbers,
  loadRecruitment,
  registerCandidate as registerCandidateOps,
  registeredCandidateId,
} from '#shared/db/recruitments.ts';
import { retry } from '#shared/db/retry.ts';
import type { Store } from '#shared/db/store.ts';
import { parseNationalId } from '#shared/domain/national-id.ts';
import { isWithinSubtree } from '#shared/domain/org-paths.ts';
import type { CandidateRegistration } from '#shared/domain/recruitment.ts';
import { newCandidateRecord } from '#shared/domain/recruitment-records.ts';
import { wrongStage } from '#shared/domain/recruitment-stages.ts';
import { AppError, badRequest, conflict, unprocessable } from '#shared/errors.ts';
import { loadOrgUnit } from '#shared/usecases/org-units.ts';
import { activeWorkerIdFor } from '#shared/usecases/workers.ts';
import { manageable } from './access.ts';

/** Registrations racing for the next number: each loser re-reads the count and tries the next one. */
const REGISTRATION_ATTEMPTS = 21;

/**
 * Registers a candidate (stage open) and returns them with the eligibility verdict on the six
 * criteria. Ineligible candidates are kept (with the verdict) but can't sit the exam.
 * 409 if the same person is already registered here or is an active worker.
 */
export async function registerCandidate(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  input: CandidateRegistration,
) {
  let recruitment = await manageable(store, ctx, recruitmentId);
  const parsed = parseNationalId(input.nationalId);
  if (!parsed.ok)
    throw badRequest(
      'The national id is invalid',
      [{ path: 'nationalId', message: parsed.message }],
      'VALIDATION_FAILED',
    );
  const nationalId = parsed.id;
  if (input.gridId !== undefined) {
    if (!isWithinSubtree(input.gridId, recruitment.org))
      throw unprocessable(
        'GRID_OUTSIDE_RECRUITMENT',
        `Grid ${input.gridId} is not inside ${recruitment.org}, the org unit this recruitment hires into`,
        { gridId: input.gridId, org: recruitment.org },
      );
  }
  // Workers are placed in a community or one of its grids, never directly in a street or district.
  const placement = await loadOrgUnit(store, input.gridId ?? recruitment.org);
  if (placement.level !== 'community' && placement.level !== 'grid')
    throw unprocessable(
      'PLACEMENT_REQUIRED',
      `${placement.id} is a ${placement.level}: name the community or grid (gridId) inside it where this candidate would work`,
      { org: placement.id, level: placement.level },
    );
  const registeredAs = await registeredCandidateId(store, recruitmentId, nationalId);
  if (registeredAs)
    throw conflict('DUPLICATE_CANDIDATE', 'This person is already registered in this recruitment', {
      candidateId: registeredAs,
    });
  const activeWorkerId = await activeWorkerIdFor(store, nationalId);
  if (activeWorkerId)
    throw conflict('ALREADY_ACTIVE_WORKER', 'This person is already an active worker', {
      workerId: activeWorkerId,
    });

  const now = ctx.now.toISOString();
  const id = newId('c');
  // The registration number is the recruitment's count + 1, claimed with a condition on the count;
  // a concurrent registration makes us re-read and try the next number.
  const numberTaken = (error: unknown) => error instanceof AppError && error.code === 'RECRUITMENT_CHANGED';
  try {
    return await retry(
      async (attempt) => {
        if (attempt > 1) recruitment = await loadRecruitment(store, recruitmentId);
        if (recruitment.stage !== 'open') throw wrongStage(recruitment, 'register candidates', ['open']);
        const candidate = newCandidateRecord(
          recruitment,
          input,
          { nationalId, ...parsed },
          { id, registrationNo: recruitment.candidateCount + 1, now },
        );
        await store.transact(
          ctx,
          [
            claimRegistrationNumbers(
              recruitment,
              { registered: 1, eligible: candidate.eligibility.eligible ? 1 : 0, now },
              () => conflict('RECRUITMENT_CHANGED', 'retry'),
            ),
            ...registerCandidateOps(candidate),
          ],
          [
            {
              entity: `recruitment:${recruitmentId}`,
              org: recruitment.org,
              action: 'recruitment.candidate-registered',
              after: { candidateId: id, name: candidate.name, eligibility: candidate.eligibility },
            },
          ],
        );
        return candidate;
      },
      { attempts: REGISTRATION_ATTEMPTS, retryable: numberTaken, baseMs: 20, capMs: 400 },
    );
  } catch (error) {
    if (numberTaken(error))
      throw conflict('CONCURRENT_UPDATE', 'Too many simultaneous registrations; retry shortly');
    throw error;
  }
}
