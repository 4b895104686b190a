/**
 * Every check a promotion into the two committees (两委) must pass, in the order the promotion
 * applies them, and its pay effect. Pure: the caller reads the worker, the reserve pool and the
 * policies in force, and passes `today`.
 *
 * `assessPromotion` lists every refusal at once (the preview shows them all before the officer
 * confirms); recording the promotion refuses with the first, so both always give the same answer.
 */
import { type AppError, conflict, unprocessable } from '../errors.ts';
import { type PayPolicy, type Post, gradePayFen, isGradeInBand } from './pay.ts';
import {
  type Committee,
  type CommitteeRole,
  type PromotionAccepted,
  type PromotionPolicy,
  promotionOutcome,
} from './promotion.ts';
import type { CommitteeSeat, WorkerStatus } from './workers.ts';

/** A role as the API accepts it: the shared codes, or the head named as its committee names it. */
export type RequestedRole = CommitteeRole | 'secretary' | 'director';

export interface PromotionRequest {
  committee: Committee;
  role: RequestedRole;
  effectiveOn: string;
  outsidePoolReason?: string | undefined;
  expectedVersion?: number | undefined;
}

export interface PromotionCandidate {
  id: string;
  status: WorkerStatus;
  version: number;
  post: Post;
  grade: number;
  /** The day the current post and grade took effect. */
  gradeSince: string;
  committeeRoles: readonly CommitteeSeat[];
  inReservePool: boolean;
}

export interface VersionedPolicy<T> {
  version: string;
  document: T;
}

export interface PromotionPolicies {
  /** The pay policy in force on the effective date. */
  pay: VersionedPolicy<PayPolicy>;
  /** The pay policy of the effective month's first day: that month's statement is paid under it. */
  monthPay: VersionedPolicy<PayPolicy>;
  promotion: VersionedPolicy<PromotionPolicy>;
}

export interface PromotionAssessment {
  /** The role code the request names; null when the committee has no such role. */
  role: CommitteeRole | null;
  /** The new post, grade and pay; null when they can't be computed (no such role, not a promotion). */
  outcome: PromotionAccepted | null;
  /** Every refusal the promotion would give, in the order it checks them; empty when it may be recorded. */
  refusals: AppError[];
}

/** 'secretary' (书记) heads the party committee and 'director' (主任) the residents' committee. */
export function roleInCommittee(committee: Committee, role: RequestedRole): CommitteeRole | AppError {
  if (role !== 'secretary' && role !== 'director') return role;
  const expected = committee === 'party' ? 'secretary' : 'director';
  if (role !== expected) {
    return unprocessable(
      'ROLE_NOT_IN_COMMITTEE',
      `The ${committee} committee's head is its ${expected}, not a ${role}`,
      { committee, role },
    );
  }
  return 'head';
}

/** The role code for a requested role, or throws 422 ROLE_NOT_IN_COMMITTEE. */
export function normaliseRole(committee: Committee, role: RequestedRole): CommitteeRole {
  const normalised = roleInCommittee(committee, role);
  if (typeof normalised !== 'string') throw normalised;
  return normalised;
}

/**
 * The outcome under the effective date's pay policy, raised when needed so that the effective
 * month (paid under the policy of its first day) pays no less either. A refusal when that grade
 * falls outside the new post's band.
 */
function outcomeForMonth(
  worker: PromotionCandidate,
  target: { committee: Committee; role: CommitteeRole },
  effectiveOn: string,
  policies: PromotionPolicies,
) {
  const under = (pay: PayPolicy) => promotionOutcome(worker, target, pay, policies.promotion.document);
  const outcome = under(policies.pay.document);
  if (!outcome.ok || policies.monthPay.version === policies.pay.version) return { outcome };
  const monthOutcome = under(policies.monthPay.document);
  if (!monthOutcome.ok) return { outcome };
  if (monthOutcome.newGrade > outcome.newGrade) {
    const grade = monthOutcome.newGrade;
    if (!isGradeInBand(outcome.newPost, grade, policies.pay.document)) {
      return {
        outcome,
        refusal: unprocessable(
          'PAY_WOULD_DROP',
          `Grade ${grade}, needed so that ${effectiveOn.slice(0, 7)} pays no less under ${policies.monthPay.version}, is outside the ${outcome.newPost} band of ${policies.pay.version}`,
          {
            grade,
            payPolicyVersion: policies.pay.version,
            monthPayPolicyVersion: policies.monthPay.version,
          },
        ),
      };
    }
    return {
      outcome: {
        ...outcome,
        newGrade: grade,
        payAfterFen: gradePayFen(outcome.newPost, grade, policies.pay.document),
        shortfallFen: Math.max(outcome.shortfallFen, monthOutcome.shortfallFen),
      },
    };
  }
  return {
    outcome: { ...outcome, shortfallFen: Math.max(outcome.shortfallFen, monthOutcome.shortfallFen) },
  };
}

export function assessPromotion(
  worker: PromotionCandidate,
  request: PromotionRequest,
  today: string,
  policies: PromotionPolicies,
): PromotionAssessment {
  const refusals: AppError[] = [];
  if (worker.status !== 'active') {
    refusals.push(
      unprocessable('WORKER_NOT_ACTIVE', `Worker ${worker.id} is no longer an active worker`, {
        workerId: worker.id,
        status: worker.status,
      }),
    );
  }
  if (request.expectedVersion !== undefined && request.expectedVersion !== worker.version) {
    refusals.push(
      conflict('VERSION_MISMATCH', `Worker ${worker.id} is at version ${worker.version}`, {
        version: worker.version,
      }),
    );
  }
  const normalised = roleInCommittee(request.committee, request.role);
  const role = typeof normalised === 'string' ? normalised : null;
  if (typeof normalised !== 'string') refusals.push(normalised);
  if (request.effectiveOn > today) {
    refusals.push(
      unprocessable(
        'EFFECTIVE_DATE_IN_FUTURE',
        `Record the change on or after the day it takes effect (today is ${today})`,
        { effectiveOn: request.effectiveOn, today },
      ),
    );
  }
  if (request.effectiveOn < worker.gradeSince) {
    refusals.push(
      unprocessable(
        'EFFECTIVE_DATE_BEFORE_LAST_CHANGE',
        `The worker's current post and grade took effect on ${worker.gradeSince}; a change can't be dated earlier`,
        { effectiveOn: request.effectiveOn, gradeSince: worker.gradeSince },
      ),
    );
  }
  if (role === null) return { role, outcome: null, refusals };

  if (worker.committeeRoles.some((s) => s.committee === request.committee && s.role === role)) {
    refusals.push(
      conflict('ALREADY_IN_ROLE', `Worker ${worker.id} already holds this seat`, {
        committee: request.committee,
        role,
      }),
    );
  }
  const { outcome, refusal } = outcomeForMonth(
    worker,
    { committee: request.committee, role },
    request.effectiveOn,
    policies,
  );
  if (refusal) refusals.push(refusal);
  if (!outcome.ok) {
    refusals.push(
      unprocessable(
        'NOT_A_PROMOTION',
        `A ${request.committee} committee ${role} sits in the ${outcome.rolePost} post, below the worker's ${outcome.currentPost} post`,
        { currentPost: outcome.currentPost, rolePost: outcome.rolePost },
      ),
    );
  } else if (!refusal && outcome.shortfallFen > 0) {
    refusals.push(
      unprocessable(
        'PAY_WOULD_DROP',
        `Even the top grade of the ${outcome.newPost} band pays ${outcome.shortfallFen} fen less than today (同工同酬: pay never drops)`,
        {
          payBeforeFen: outcome.payBeforeFen,
          payAfterFen: outcome.payAfterFen,
          shortfallFen: outcome.shortfallFen,
          payPolicyVersion: policies.pay.version,
        },
      ),
    );
  }
  if (!worker.inReservePool && !request.outsidePoolReason?.trim()) {
    refusals.push(
      unprocessable(
        'OUTSIDE_RESERVE_POOL',
        `Worker ${worker.id} is not in the reserve pool (后备力量); give outsidePoolReason to promote them anyway`,
        { workerId: worker.id },
      ),
    );
  }
  return { role, outcome: outcome.ok ? outcome : null, refusals };
}
