import type { RequestContext } from '#shared/context.ts';
import { resumeRequestBatch } from '#shared/db/batches.ts';
import {
  loadCandidate,
  loadCandidates,
  restoreCandidateScore,
  setCandidateScore,
  touchRecruitment,
} from '#shared/db/recruitments.ts';
import type { Store } from '#shared/db/store.ts';
import { type StepGroup, transactAllOrNothing } from '#shared/db/steps.ts';
import { parseNationalId } from '#shared/domain/national-id.ts';
import type { RecruitmentStage, ScoreRow } from '#shared/domain/recruitment.ts';
import type { CandidateRecord, RecruitmentRecord } from '#shared/domain/recruitment-records.ts';
import { refuseIfClosed, wrongStage } from '#shared/domain/recruitment-stages.ts';
import { unprocessable } from '#shared/errors.ts';
import { manageable } from './access.ts';

// Exam scores: written (stage written-exam), interview (stage interview, shortlisted candidates).

export interface ScoreFailure {
  row: number;
  candidateId?: string;
  nationalId?: string;
  code: string;
  message: string;
}

interface PlannedScore {
  row: number;
  candidate: CandidateRecord;
  field: 'written' | 'interview';
  value: number;
}

/**
 * Checks every row against the stage and the candidates: written scores in stage written-exam for
 * eligible candidates; interview scores in stage interview for shortlisted candidates. Returns the
 * planned updates or every failing row.
 */
function planScores(
  recruitment: RecruitmentRecord,
  candidates: CandidateRecord[],
  rows: readonly ScoreRow[],
): { planned: PlannedScore[]; failures: ScoreFailure[] } {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const byNationalId = new Map(candidates.map((c) => [c.nationalId, c]));
  const seen = new Set<string>();
  const planned: PlannedScore[] = [];
  const failures: ScoreFailure[] = [];
  const shortlist = new Set(recruitment.shortlist ?? []);
  for (const [i, row] of rows.entries()) {
    const rowNo = i + 1;
    const outcome = checkScoreRow(recruitment, row, byId, byNationalId, shortlist, seen);
    if ('code' in outcome)
      failures.push({
        row: rowNo,
        ...(row.candidateId ? { candidateId: row.candidateId } : {}),
        ...(row.nationalId ? { nationalId: row.nationalId } : {}),
        ...outcome,
      });
    else planned.push({ row: rowNo, ...outcome });
  }
  return { planned, failures };
}

function checkScoreRow(
  recruitment: RecruitmentRecord,
  row: ScoreRow,
  byId: Map<string, CandidateRecord>,
  byNationalId: Map<string, CandidateRecord>,
  shortlist: Set<string>,
  seen: Set<string>,
): { code: string; message: string } | Omit<PlannedScore, 'row'> {
  const fail = (code: string, message: string) => ({ code, message });
  const parsed = row.nationalId ? parseNationalId(row.nationalId) : undefined;
  const nationalId = parsed?.ok ? parsed.id : undefined;
  const candidate = row.candidateId
    ? byId.get(row.candidateId)
    : nationalId
      ? byNationalId.get(nationalId)
      : undefined;
  if (!candidate) return fail('UNKNOWN_CANDIDATE', 'No such candidate in this recruitment');
  if (row.candidateId && nationalId && candidate.nationalId !== nationalId)
    return fail('CANDIDATE_MISMATCH', 'candidateId and nationalId name different people');
  if (seen.has(candidate.id)) return fail('DUPLICATE_ROW', 'This candidate appears more than once');
  seen.add(candidate.id);
  if (!candidate.eligibility.eligible)
    return fail(
      'NOT_ELIGIBLE',
      `Ineligible candidates can't sit the exam (failed: ${candidate.eligibility.failed.join(', ')})`,
    );
  if (recruitment.stage === 'written-exam') {
    if (row.interview !== undefined)
      return fail('WRONG_STAGE', 'Interview scores are recorded in the interview stage');
    return { candidate, field: 'written', value: row.written! };
  }
  if (row.written !== undefined)
    return fail('WRONG_STAGE', 'Written scores can no longer change: the interview shortlist is fixed');
  if (!shortlist.has(candidate.id))
    return fail('NOT_SHORTLISTED', 'Only candidates on the interview shortlist get an interview score');
  return { candidate, field: 'interview', value: row.interview! };
}

/** Durable batch kind of a score upload too big for one transaction (shared/db/batches.ts). */
const SCORES_BATCH = 'recruitment-scores';

async function writeScores(
  store: Store,
  ctx: RequestContext,
  recruitment: RecruitmentRecord,
  planned: PlannedScore[],
  result?: unknown,
) {
  const now = ctx.now.toISOString();
  const groups: StepGroup[] = planned.map(({ candidate, field, value }) => ({
    ops: [setCandidateScore(candidate, field, value, now)],
    audit: [],
    undo: { ops: [restoreCandidateScore(candidate, field, candidate.scores[field])], audit: [] },
  }));
  await transactAllOrNothing(
    store,
    ctx,
    groups,
    {
      ops: [touchRecruitment(recruitment.id, recruitment.stage, now, 'record scores')],
      audit: [
        {
          entity: `recruitment:${recruitment.id}`,
          org: recruitment.org,
          action: 'recruitment.scores-recorded',
          before: planned.map((p) => ({
            candidateId: p.candidate.id,
            [p.field]: p.candidate.scores[p.field],
          })),
          after: planned.map((p) => ({ candidateId: p.candidate.id, [p.field]: p.value })),
        },
      ],
    },
    { kind: SCORES_BATCH, org: recruitment.org, subject: `recruitment:${recruitment.id}`, result },
  );
}

function requireScoringStage(recruitment: RecruitmentRecord) {
  refuseIfClosed(recruitment);
  if (recruitment.stage !== 'written-exam' && recruitment.stage !== 'interview')
    throw wrongStage(recruitment, 'record exam scores', ['written-exam', 'interview']);
}

/** One candidate's score: written (stage written-exam) or interview (stage interview, shortlisted). */
export async function recordScore(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  candidateId: string,
  input: { written?: number | undefined; interview?: number | undefined },
) {
  const recruitment = await manageable(store, ctx, recruitmentId);
  const candidate = await loadCandidate(store, recruitmentId, candidateId);
  requireScoringStage(recruitment);
  const { planned, failures } = planScores(recruitment, [candidate], [{ candidateId, ...input }]);
  const failure = failures[0];
  if (failure) throw unprocessable(failure.code, failure.message, { candidateId });
  await writeScores(store, ctx, recruitment, planned);
  return loadCandidate(store, recruitmentId, candidateId);
}

/**
 * Scores in bulk (JSON rows or CSV: candidateId or nationalId, written / interview). All or
 * nothing: if any row fails, nothing is saved and the 422 lists every failing row.
 */
export async function recordScores(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  rows: readonly ScoreRow[],
  options: { dryRun?: boolean } = {},
) {
  const recruitment = await manageable(store, ctx, recruitmentId);
  // A retry of an upload that a crash interrupted: finish it (or learn why it was rolled back).
  const resumed = options.dryRun ? null : await resumeRequestBatch(store, ctx, SCORES_BATCH);
  if (resumed?.result !== undefined) return resumed.result as ScoresRecorded;
  requireScoringStage(recruitment);
  const candidates = await loadCandidates(store, recruitmentId);
  const { planned, failures } = planScores(recruitment, candidates, rows);
  if (failures.length > 0)
    throw unprocessable(
      'SCORES_REJECTED',
      `${failures.length} row(s) can't be recorded; nothing was saved`,
      failures,
    );
  const result: ScoresRecorded = {
    recruitmentId,
    stage: recruitment.stage,
    recorded: planned.length,
    scores: planned.map((p) => ({ row: p.row, candidateId: p.candidate.id, [p.field]: p.value })),
  };
  // A dry run (the console's preview) stops here: every rule checked, nothing written.
  if (options.dryRun) return result;
  await writeScores(store, ctx, recruitment, planned, result);
  return result;
}

interface ScoresRecorded {
  recruitmentId: string;
  stage: RecruitmentStage;
  recorded: number;
  scores: ({ row: number; candidateId: string } & Partial<Record<'written' | 'interview', number>>)[];
}
