import { ApiError, describeError } from '../../../api/errors.ts';
import type { components } from '../../../api/schema.ts';

/** What the recruitment detail's sub-flows share: the API's records and a refusal's text. */
export type Recruitment = components['schemas']['Recruitment'];
export type Candidate = components['schemas']['Candidate'];

/** One row of `GET /v1/recruitments/{id}/ranking` (the route declares the items loosely). */
export interface RankingItem {
  rank: number;
  candidateId: string;
  name: string;
  nationalId: string;
  written: number | null;
  interview?: number | null;
  weighted?: number;
  bonus?: number;
  total?: number;
  certificateLevel?: string | null;
  isGridWorker?: boolean;
  isPartyMember?: boolean;
  shortlisted?: boolean;
  reviews?: Record<string, { decision: string; note: string }>;
  placement?: { status: string; rejectedBy: string[]; pendingDepartments: string[] } | null;
  selected?: boolean;
  hiredWorkerId?: string | null;
}
export interface Ranking {
  basis: 'written' | 'total';
  items: RankingItem[];
  jointReviewDepartments: string[];
  shortlistSize: number;
  noticeEndsOn: string | null;
  examWeights?: { written: number; interview: number };
}

/** A refusal in one line: the API's Chinese message, or the catalogue's title for the code. */
export const errorText = (error: unknown) => {
  const d = describeError(error);
  return error instanceof ApiError && d.detail === null ? error.message || d.title : (d.detail ?? d.title);
};

/**
 * Who would move up (递补) if `leavingId` left the selection now, for the confirm dialog: the
 * API's rule (`nextToMoveUp` in shared/domain/recruitment-stages.ts) on the ranking as shown; the
 * API's answer names who really did.
 */
export function nextToMoveUp(
  ranking: Ranking,
  candidates: readonly Candidate[],
  leavingId: string,
): RankingItem | null {
  const removed = new Set(candidates.filter((c) => c.removal).map((c) => c.id));
  return (
    ranking.items.find(
      (i) =>
        i.candidateId !== leavingId &&
        !i.selected &&
        !removed.has(i.candidateId) &&
        !i.hiredWorkerId &&
        ranking.jointReviewDepartments.every((d) => i.reviews?.[d]?.decision === 'approved'),
    ) ?? null
  );
}
