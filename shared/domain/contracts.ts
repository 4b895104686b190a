import { addDays, daysBetween, termLastDay } from './dates.ts';

/**
 * Employment contracts (聘用合同) and their renewal (续签). A worker's contract is a list of terms:
 * the first from the hire date for the recruitment policy's `contractYears`, each renewal a new term
 * from the day after the previous one ends, for the policy's `renewalContractYears`. Not renewing
 * is exit situation 5 on the term's last day (through the exit use-case).
 */
export interface ContractTerm {
  /** 1 for the first contract, 2 for the first renewal, … */
  no: number;
  startsOn: string;
  /** Last day (inclusive). */
  endsOn: string;
  /** Policy version the length came from (absent on a term derived from an older record). */
  policyVersion?: string;
  /** When HR recorded the renewal (absent for the first term). */
  renewedOn?: string;
  /** When HR recorded that it is not renewed (the exit, situation 5, on `endsOn`). */
  notRenewedOn?: string;
}

export interface ContractFields {
  hiredOn: string;
  /** Last day of the current (latest) term. */
  contractEndsOn: string;
  /** Absent on records from before terms were kept: one term, hiredOn..contractEndsOn. */
  contractTerms?: ContractTerm[];
}

export const contractStatuses = ['in-term', 'expired', 'ended'] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export interface ContractState {
  status: ContractStatus;
  /** The latest term (the one that runs now, or the one that ran out). */
  current: ContractTerm;
  terms: ContractTerm[];
  endsOn: string;
  /** Days until the last day (negative once it is over); null once the worker left or without a day. */
  daysLeft: number | null;
}

/** The recorded terms, or the one term an older record implies. */
export function contractTermsOf(worker: ContractFields): ContractTerm[] {
  if (worker.contractTerms && worker.contractTerms.length > 0) return worker.contractTerms;
  return [{ no: 1, startsOn: worker.hiredOn, endsOn: worker.contractEndsOn }];
}

/**
 * Where the contract stands on `today`: `expired` once past the last day without a renewal or an
 * exit (HR must decide), `ended` for a worker who left, else `in-term`.
 */
export function contractState(worker: ContractFields & { status?: string }, today?: string): ContractState {
  const terms = contractTermsOf(worker);
  const current = terms[terms.length - 1]!;
  const exited = worker.status === 'exited';
  const daysLeft = exited || today === undefined ? null : daysBetween(today, current.endsOn);
  const status: ContractStatus = exited ? 'ended' : daysLeft !== null && daysLeft < 0 ? 'expired' : 'in-term';
  return { status, current, terms, endsOn: current.endsOn, daysLeft };
}

export type RenewalRefusal = { code: string; message: string; details: Record<string, unknown> };

/**
 * The terms after a renewal, or why not: a renewal is recorded from `windowDays` before the
 * current term's last day (or after it, while the worker is still serving); the new term starts
 * the day after and lasts `years`.
 */
export function renewContract(
  worker: ContractFields,
  today: string,
  years: number,
  windowDays: number,
  policyVersion: string,
): { ok: true; terms: ContractTerm[]; term: ContractTerm } | { ok: false; refusal: RenewalRefusal } {
  const terms = contractTermsOf(worker);
  const current = terms[terms.length - 1]!;
  const opensOn = addDays(current.endsOn, -windowDays);
  if (today < opensOn) {
    return {
      ok: false,
      refusal: {
        code: 'RENEWAL_TOO_EARLY',
        message: `The contract runs until ${current.endsOn}; renew it from ${opensOn}`,
        details: { endsOn: current.endsOn, renewableFrom: opensOn, today },
      },
    };
  }
  const startsOn = addDays(current.endsOn, 1);
  const term: ContractTerm = {
    no: current.no + 1,
    startsOn,
    endsOn: termLastDay(startsOn, years * 12),
    policyVersion,
    renewedOn: today,
  };
  return { ok: true, terms: [...terms, term], term };
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/**
 * The contract term (by calendar years) an evaluated year falls in, from the recorded terms: the
 * earliest term whose years include it (a year shared by two terms counts in the earlier, which
 * it mostly belongs to). Past the last recorded term (a contract not yet renewed), terms are taken
 * to roll on with the last term's length, so the rule keeps working until HR decides.
 */
export function recordedTermFor(terms: readonly ContractTerm[], year: number): { from: number; to: number } {
  for (const term of terms) {
    if (yearOf(term.startsOn) <= year && year <= yearOf(term.endsOn))
      return { from: yearOf(term.startsOn), to: yearOf(term.endsOn) };
  }
  const first = terms[0]!;
  if (year < yearOf(first.startsOn)) return { from: yearOf(first.startsOn), to: yearOf(first.endsOn) };
  const last = terms[terms.length - 1]!;
  const from = yearOf(last.endsOn);
  const length = Math.max(1, from - yearOf(last.startsOn));
  const k = Math.floor((year - from) / length);
  return { from: from + k * length, to: from + (k + 1) * length };
}

export const contractReminderStatuses = ['open', 'dismissed'] as const;
export type ContractReminderStatus = (typeof contractReminderStatuses)[number];

/** A contract ending soon, turned into a reminder for HR by the daily job (one per worker and term). */
export interface ContractReminder {
  id: string;
  workerId: string;
  workerName: string;
  org: string;
  termNo: number;
  endsOn: string;
  /** The day whose run created it. */
  createdFor: string;
  createdAt: string;
  status: ContractReminderStatus;
  dismissedAt: string | null;
  dismissedBy: string | null;
  note: string | null;
  version: number;
}
