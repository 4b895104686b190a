import { addDays, daysBetween, termLastDay } from './dates.ts';

/**
 * Probation (试用期) and its end (转正): on or after the last day HR confirms it; while it runs or
 * once it is over HR may extend it (within the policy's total) or end it with an exit.
 */
export const probationStatuses = ['none', 'serving', 'confirmed', 'failed'] as const;
export type ProbationStatus = (typeof probationStatuses)[number];

export interface ProbationFields {
  probationEndsOn: string | null;
  /** Absent on records from before probation decisions were kept: derived from the dates. */
  probationStatus?: ProbationStatus;
  probationExtendedMonths?: number;
  probationDecidedOn?: string | null;
}

export interface ProbationState {
  status: ProbationStatus;
  endsOn: string | null;
  extendedMonths: number;
  decidedOn: string | null;
  /** Days until the last day (negative once it is over); null without a probation, once decided, or without a date. */
  daysLeft: number | null;
}

export function probationState(worker: ProbationFields, today?: string): ProbationState {
  const status: ProbationStatus =
    worker.probationStatus ?? (worker.probationEndsOn === null ? 'none' : 'serving');
  return {
    status,
    endsOn: worker.probationEndsOn,
    extendedMonths: worker.probationExtendedMonths ?? 0,
    decidedOn: worker.probationDecidedOn ?? null,
    daysLeft:
      status === 'serving' && worker.probationEndsOn !== null && today !== undefined
        ? daysBetween(today, worker.probationEndsOn)
        : null,
  };
}

export type ProbationDecision =
  | { decision: 'confirm' }
  | { decision: 'extend'; months: number }
  | { decision: 'fail' };

export type ProbationRefusal = { code: string; message: string; details: Record<string, unknown> };

/**
 * The new probation fields after a decision, or why it is refused. `maxExtensionMonths` is the
 * recruitment policy's total; an extension runs on from the current last day.
 */
export function decideProbation(
  worker: ProbationFields,
  input: ProbationDecision,
  today: string,
  maxExtensionMonths: number,
): { ok: true; fields: Required<ProbationFields> } | { ok: false; refusal: ProbationRefusal } {
  const state = probationState(worker, today);
  if (state.status !== 'serving' || state.endsOn === null) {
    return {
      ok: false,
      refusal: {
        code: state.status === 'none' ? 'NO_PROBATION' : 'PROBATION_DECIDED',
        message:
          state.status === 'none'
            ? 'This worker serves no probation'
            : `The probation was already ${state.status} on ${state.decidedOn}`,
        details: { status: state.status, decidedOn: state.decidedOn },
      },
    };
  }
  if (input.decision === 'confirm') {
    if (today < state.endsOn) {
      return {
        ok: false,
        refusal: {
          code: 'PROBATION_NOT_OVER',
          message: `The probation runs until ${state.endsOn}; confirm it on or after that day`,
          details: { endsOn: state.endsOn, today },
        },
      };
    }
    return {
      ok: true,
      fields: {
        probationEndsOn: state.endsOn,
        probationStatus: 'confirmed',
        probationExtendedMonths: state.extendedMonths,
        probationDecidedOn: today,
      },
    };
  }
  if (input.decision === 'extend') {
    const total = state.extendedMonths + input.months;
    if (total > maxExtensionMonths) {
      return {
        ok: false,
        refusal: {
          code: 'EXTENSION_TOO_LONG',
          message: `A probation may be extended by ${maxExtensionMonths} months in all; ${state.extendedMonths} already used`,
          details: { maxExtensionMonths, extendedMonths: state.extendedMonths, requested: input.months },
        },
      };
    }
    return {
      ok: true,
      fields: {
        probationEndsOn: termLastDay(addDays(state.endsOn, 1), input.months),
        probationStatus: 'serving',
        probationExtendedMonths: total,
        probationDecidedOn: null,
      },
    };
  }
  return {
    ok: true,
    fields: {
      probationEndsOn: state.endsOn,
      probationStatus: 'failed',
      probationExtendedMonths: state.extendedMonths,
      probationDecidedOn: today,
    },
  };
}
