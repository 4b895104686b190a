import { authorize } from '#shared/auth/authorize.ts';
import { isWithinSubtree } from '#shared/domain/org-paths.ts';
import type { RequestContext } from '#shared/context.ts';
import {
  type CandidateRecord,
  candidateItem,
  type RecruitmentRecord,
  recruitmentItem,
  recruitmentKeys,
  toCandidate,
  toRecruitment,
} from '#shared/db/entities/recruitment.ts';
import { workerHistoryOp } from '#shared/db/entities/worker-history.ts';
import { type Store, subtreeQuery, type WriteOp } from '#shared/db/store.ts';
import { type StepGroup, transactAllOrNothing } from '#shared/db/steps.ts';
import { resumeRequestBatch } from '#shared/db/batches.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { parseNationalId } from '#shared/domain/national-id.ts';
import { bandOf, initialStepState, isGradeInBand } from '#shared/domain/pay.ts';
import {
  checkEligibility,
  employmentTerms,
  noticeEndsOn,
  type Placement,
  type Ranked,
  type RankingCandidate,
  rankCandidates,
  resolveJointReview,
  type ReviewDecision,
  shortlistForInterview,
  type RecruitmentStage,
  recruitmentStages,
  type ScoreRow,
  type OpenRecruitmentInput,
  type CandidateRegistration,
} from '#shared/domain/recruitment.ts';
import { AppError, badRequest, conflict, notFound, unprocessable } from '#shared/errors.ts';

import { loadOrgUnit } from '#shared/usecases/org-units.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { activeWorkerIdFor, newWorkerOps } from '#shared/usecases/workers.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { newId } from '#shared/db/ids.ts';

/**
 * Exam-based recruitment (逢进必考, 部门联审, 持证优先): open → written-exam → interview → review →
 * notice → closed (see entities/recruitment.ts). The recruitment policy in force at opening is
 * snapshotted on the recruitment; every rule below reads that snapshot.
 */

export async function loadRecruitment(store: Store, id: string): Promise<RecruitmentRecord> {
  const item = await store.get(recruitmentKeys.key(id));
  if (!item) throw notFound('recruitment', id);
  return toRecruitment(item);
}

export async function loadCandidate(
  store: Store,
  recruitmentId: string,
  id: string,
): Promise<CandidateRecord> {
  const item = await store.get(recruitmentKeys.candidate(recruitmentId, id));
  if (!item) throw notFound('candidate', id);
  return toCandidate(item);
}

/** Every candidate of a recruitment, by registration number (one Query on the recruitment's partition). */
export async function loadCandidates(store: Store, recruitmentId: string): Promise<CandidateRecord[]> {
  const items = await store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': recruitmentKeys.key(recruitmentId).pk,
      ':prefix': recruitmentKeys.candidatePrefix,
    },
    ConsistentRead: true,
  });
  return items.map(toCandidate).sort((a, b) => a.registrationNo - b.registrationNo);
}

/**
 * A newly registered candidate: the person as entered, their eligibility under the recruitment's
 * policy (checked on its age reference date), no scores or reviews yet. One registration or a
 * sheet of them (`candidate-uploads.ts`) build it the same way.
 */
export function newCandidateRecord(
  recruitment: RecruitmentRecord,
  input: CandidateRegistration,
  person: { nationalId: string; birthDate: string; sex: CandidateRecord['sex'] },
  at: { id: string; registrationNo: number; now: string },
): CandidateRecord {
  const verdict = checkEligibility(
    {
      birthDate: person.birthDate,
      education: input.education,
      certificateLevel: input.certificateLevel ?? null,
      politicalRecordClear: input.politicalRecordClear,
      meetsHealthRequirement: input.meetsHealthRequirement,
      hasLocalResidence: input.hasLocalResidence,
      ...(input.passedProfessionalScreen !== undefined
        ? { passedProfessionalScreen: input.passedProfessionalScreen }
        : {}),
    },
    recruitment.policy.document,
    recruitment.ageReferenceDate,
  );
  return {
    id: at.id,
    recruitmentId: recruitment.id,
    registrationNo: at.registrationNo,
    nationalId: person.nationalId,
    name: input.name,
    sex: person.sex,
    birthDate: person.birthDate,
    education: input.education,
    certificateLevel: input.certificateLevel ?? null,
    isGridWorker: input.isGridWorker ?? false,
    isPartyMember: input.isPartyMember ?? false,
    politicalRecordClear: input.politicalRecordClear,
    meetsHealthRequirement: input.meetsHealthRequirement,
    hasLocalResidence: input.hasLocalResidence,
    passedProfessionalScreen: input.passedProfessionalScreen ?? null,
    gridId: input.gridId ?? null,
    eligibility: {
      eligible: verdict.eligible,
      failed: verdict.failed,
      reasons: verdict.reasons,
      checkedOn: recruitment.ageReferenceDate,
      policyVersion: recruitment.policy.version,
    },
    scores: { written: null, interview: null },
    reviews: {},
    hiredWorkerId: null,
    hiredOn: null,
    registeredAt: at.now,
    updatedAt: at.now,
    version: 1,
  };
}

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

function refuseIfClosed(recruitment: RecruitmentRecord) {
  if (recruitment.stage === 'closed')
    throw unprocessable('RECRUITMENT_CLOSED', `Recruitment ${recruitment.id} is closed`, {
      stage: recruitment.stage,
    });
}

export function wrongStage(recruitment: RecruitmentRecord, action: string, expected: RecruitmentStage[]) {
  return unprocessable(
    'WRONG_STAGE',
    `Can't ${action} while the recruitment is in stage ${recruitment.stage} (needs ${expected.join(' or ')})`,
    { stage: recruitment.stage, expected },
  );
}

/** The recruitment item update that every change to its candidates makes (guards stage and transitions). */
function touchRecruitment(
  recruitment: RecruitmentRecord,
  ctx: RequestContext,
  stage: RecruitmentStage,
  action: string,
): WriteOp {
  return {
    Update: {
      Key: recruitmentKeys.key(recruitment.id),
      UpdateExpression: 'SET version = version + :one, updatedAt = :now',
      ConditionExpression: 'stage = :stage',
      ExpressionAttributeValues: { ':one': 1, ':now': ctx.now.toISOString(), ':stage': stage },
    },
    onConditionFailed: () =>
      unprocessable('WRONG_STAGE', `The recruitment left stage ${stage} meanwhile; can't ${action} now`, {
        expected: [stage],
      }),
  };
}

// ----------------------------------------------------------------------------------------------
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
    [{ Put: { Item: recruitmentItem(record), ConditionExpression: 'attribute_not_exists(pk)' } }],
    [{ entity: `recruitment:${record.id}`, org: record.org, action: 'recruitment.opened', after: record }],
  );
  return record;
}

export async function getRecruitment(store: Store, ctx: RequestContext, id: string) {
  return manageable(store, ctx, id);
}

/** Recruitments in an org subtree (Query on ByCollection, the org path's key range: `subtreeQuery`). */
export async function listRecruitments(
  store: Store,
  ctx: RequestContext,
  org: string,
  cursor?: string,
  limit = 50,
) {
  authorize(ctx.actor, 'recruitment:manage', { org });
  const page = await store.queryPage(
    subtreeQuery(recruitmentKeys.byCity(org), org, { Limit: limit }),
    cursor,
  );
  return { items: page.items.map(toRecruitment), cursor: page.cursor };
}

export async function listCandidates(
  store: Store,
  ctx: RequestContext,
  id: string,
  cursor?: string,
  limit = 50,
) {
  await manageable(store, ctx, id);
  const page = await store.queryPage(
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': recruitmentKeys.key(id).pk,
        ':prefix': recruitmentKeys.candidatePrefix,
      },
      Limit: limit,
    },
    cursor,
  );
  return { items: page.items.map(toCandidate), cursor: page.cursor };
}

export async function getCandidate(store: Store, ctx: RequestContext, id: string, candidateId: string) {
  await manageable(store, ctx, id);
  return loadCandidate(store, id, candidateId);
}

// ----------------------------------------------------------------------------------------------
// Registration and eligibility

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
  const guard = await store.get(recruitmentKeys.nationalIdGuard(recruitmentId, nationalId));
  if (guard)
    throw conflict('DUPLICATE_CANDIDATE', 'This person is already registered in this recruitment', {
      candidateId: guard.candidateId,
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
  for (let attempt = 0; ; attempt++) {
    if (recruitment.stage !== 'open') throw wrongStage(recruitment, 'register candidates', ['open']);
    const candidate = newCandidateRecord(
      recruitment,
      input,
      { nationalId, ...parsed },
      {
        id,
        registrationNo: recruitment.candidateCount + 1,
        now,
      },
    );
    try {
      await store.transact(
        ctx,
        [
          {
            Update: {
              Key: recruitmentKeys.key(recruitmentId),
              UpdateExpression:
                'SET candidateCount = :next, eligibleCount = eligibleCount + :eligible, version = version + :one, updatedAt = :now',
              ConditionExpression: 'stage = :open AND candidateCount = :count',
              ExpressionAttributeValues: {
                ':next': candidate.registrationNo,
                ':count': recruitment.candidateCount,
                ':eligible': candidate.eligibility.eligible ? 1 : 0,
                ':one': 1,
                ':now': now,
                ':open': 'open',
              },
            },
            onConditionFailed: () => conflict('RECRUITMENT_CHANGED', 'retry'),
          },
          {
            Put: {
              Item: {
                ...recruitmentKeys.nationalIdGuard(recruitmentId, nationalId),
                type: 'candidate-national-id',
                candidateId: id,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
            onConditionFailed: () =>
              conflict('DUPLICATE_CANDIDATE', 'This person is already registered in this recruitment'),
          },
          { Put: { Item: candidateItem(candidate), ConditionExpression: 'attribute_not_exists(pk)' } },
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
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'RECRUITMENT_CHANGED') || attempt >= 20) {
        if (error instanceof AppError && error.code === 'RECRUITMENT_CHANGED')
          throw conflict('CONCURRENT_UPDATE', 'Too many simultaneous registrations; retry shortly');
        throw error;
      }
      recruitment = await loadRecruitment(store, recruitmentId);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * (attempt + 1)));
    }
  }
}

// ----------------------------------------------------------------------------------------------
// Scores

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
    ops: [
      {
        Update: {
          Key: recruitmentKeys.candidate(recruitment.id, candidate.id),
          UpdateExpression: 'SET scores.#field = :value, updatedAt = :now, version = version + :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#field': field },
          ExpressionAttributeValues: { ':value': value, ':now': now, ':one': 1 },
        },
      },
    ],
    audit: [],
    undo: {
      ops: [
        {
          Update: {
            Key: recruitmentKeys.candidate(recruitment.id, candidate.id),
            UpdateExpression: 'SET scores.#field = :value, version = version + :one',
            ExpressionAttributeNames: { '#field': field },
            ExpressionAttributeValues: { ':value': candidate.scores[field], ':one': 1 },
          },
        },
      ],
      audit: [],
    },
  }));
  await transactAllOrNothing(
    store,
    ctx,
    groups,
    {
      ops: [touchRecruitment(recruitment, ctx, recruitment.stage, 'record scores')],
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

// ----------------------------------------------------------------------------------------------
// Ranking, joint review, placements

type RankedCandidate = Ranked<RankingCandidate & { candidate: CandidateRecord }>;

function rankingCandidate(c: CandidateRecord): RankingCandidate & { candidate: CandidateRecord } {
  return {
    id: c.id,
    registrationOrder: c.registrationNo,
    written: c.scores.written ?? 0,
    interview: c.scores.interview ?? 0,
    certificateLevel: c.certificateLevel,
    isCurrentGridWorker: c.isGridWorker,
    isPartyMember: c.isPartyMember,
    candidate: c,
  };
}

/** Shortlisted candidates with both scores, in rank order (weighted total + bonus, rule-book ties). */
function rankShortlist(recruitment: RecruitmentRecord, candidates: CandidateRecord[]): RankedCandidate[] {
  const shortlist = new Set(recruitment.shortlist ?? []);
  const scored = candidates.filter(
    (c) => shortlist.has(c.id) && c.scores.written !== null && c.scores.interview !== null,
  );
  return rankCandidates(scored.map(rankingCandidate), recruitment.policy.document);
}

function decisionsOf(candidate: CandidateRecord): Record<string, ReviewDecision> {
  return Object.fromEntries(Object.entries(candidate.reviews ?? {}).map(([d, r]) => [d, r.decision]));
}

function placementsOf(recruitment: RecruitmentRecord, ranked: RankedCandidate[]): Placement[] {
  return resolveJointReview(
    ranked,
    Object.fromEntries(ranked.map((r) => [r.id, decisionsOf(r.candidate)])),
    recruitment.places,
    recruitment.policy.document.jointReviewDepartments,
  );
}

const afterRanking: RecruitmentStage[] = ['review', 'notice', 'closed'];

/**
 * The ranking as it stands: during the written exam, by written score with the provisional
 * interview shortlist; from the interview stage, shortlisted candidates by total (weighted written
 * and interview, plus certificate bonus; ties: certificate level, grid worker, party member,
 * registration order); from the review stage (final), with each candidate's placement after joint
 * review (selected / pending-review / rejected / reserve).
 */
export async function getRanking(store: Store, ctx: RequestContext, recruitmentId: string) {
  const recruitment = await manageable(store, ctx, recruitmentId);
  const candidates = await loadCandidates(store, recruitmentId);
  const policy = recruitment.policy.document;
  const eligible = candidates.filter((c) => c.eligibility.eligible);
  const base = {
    recruitmentId,
    stage: recruitment.stage,
    final: afterRanking.includes(recruitment.stage) && recruitment.shortlist !== null,
    places: recruitment.places,
    policyVersion: recruitment.policy.version,
    examWeights: policy.examWeights,
    certificateBonusPoints: policy.certificateBonusPoints,
    interviewShortlistRatio: policy.interviewShortlistRatio,
    jointReviewDepartments: policy.jointReviewDepartments,
    noticeEndsOn: recruitment.noticeEndsOn,
    ineligible: candidates
      .filter((c) => !c.eligibility.eligible)
      .map((c) => ({ candidateId: c.id, name: c.name, failed: c.eligibility.failed })),
  };
  if (recruitment.shortlist === null) {
    // Before the interview stage: by written score, with the shortlist it would give now.
    const written = eligible.filter((c) => c.scores.written !== null);
    const shortlist = new Set(
      written.length > 0
        ? shortlistForInterview(
            written.map((c) => ({ id: c.id, written: c.scores.written! })),
            recruitment.places,
            policy,
          ).map((c) => c.id)
        : [],
    );
    const ordered = [...written].sort(
      (a, b) => b.scores.written! - a.scores.written! || a.registrationNo - b.registrationNo,
    );
    return {
      ...base,
      basis: 'written' as const,
      shortlistSize: shortlist.size,
      items: ordered.map((c, i) => ({
        rank: i + 1,
        candidateId: c.id,
        name: c.name,
        nationalId: c.nationalId,
        written: c.scores.written,
        shortlisted: shortlist.has(c.id),
      })),
      awaitingScores: eligible.filter((c) => c.scores.written === null).map((c) => c.id),
      notShortlisted: [],
    };
  }
  const ranked = rankShortlist(recruitment, candidates);
  const placements = afterRanking.includes(recruitment.stage)
    ? new Map(placementsOf(recruitment, ranked).map((p) => [p.id, p]))
    : null;
  const shortlist = new Set(recruitment.shortlist);
  return {
    ...base,
    basis: 'total' as const,
    shortlistSize: shortlist.size,
    items: ranked.map((r) => ({
      rank: r.rank,
      candidateId: r.id,
      name: r.candidate.name,
      nationalId: r.candidate.nationalId,
      written: r.written,
      interview: r.interview,
      weighted: r.weightedHundredths / 100,
      bonus: r.bonusHundredths / 100,
      total: r.total,
      certificateLevel: r.certificateLevel ?? null,
      isGridWorker: r.candidate.isGridWorker,
      isPartyMember: r.candidate.isPartyMember,
      reviews: r.candidate.reviews,
      ...(placements ? { placement: placements.get(r.id) ?? null } : {}),
      selected: recruitment.selected?.includes(r.id) ?? false,
      hiredWorkerId: r.candidate.hiredWorkerId,
    })),
    awaitingScores: candidates
      .filter((c) => shortlist.has(c.id) && c.scores.interview === null)
      .map((c) => c.id),
    notShortlisted: eligible
      .filter((c) => !shortlist.has(c.id))
      .map((c) => ({ candidateId: c.id, name: c.name, written: c.scores.written })),
  };
}

/**
 * A department's decision on a ranked candidate (stage review; one decision per department).
 * One rejection disqualifies; the next-ranked candidate then moves into the place (递补).
 */
export async function recordReview(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  candidateId: string,
  input: { department: string; decision: 'approve' | 'reject'; note: string },
) {
  const recruitment = await manageable(store, ctx, recruitmentId);
  refuseIfClosed(recruitment);
  if (recruitment.stage !== 'review')
    throw wrongStage(recruitment, 'record joint-review decisions', ['review']);
  const departments = recruitment.policy.document.jointReviewDepartments;
  if (!departments.includes(input.department))
    throw unprocessable(
      'UNKNOWN_DEPARTMENT',
      `${input.department} is not one of the reviewing departments (${departments.join(', ')})`,
      { department: input.department, departments },
    );
  const candidate = await loadCandidate(store, recruitmentId, candidateId);
  const inRanking =
    candidate.eligibility.eligible &&
    (recruitment.shortlist ?? []).includes(candidateId) &&
    candidate.scores.written !== null &&
    candidate.scores.interview !== null;
  if (!inRanking)
    throw unprocessable(
      'NOT_IN_RANKING',
      'Only ranked candidates (eligible, shortlisted, scored) are reviewed',
      {
        candidateId,
      },
    );
  if (candidate.reviews?.[input.department])
    throw conflict('REVIEW_ALREADY_RECORDED', `${input.department} already decided on this candidate`, {
      review: candidate.reviews[input.department],
    });
  const decision: ReviewDecision = input.decision === 'approve' ? 'approved' : 'rejected';
  const review = {
    decision,
    note: input.note,
    recordedAt: ctx.now.toISOString(),
    recordedBy: ctx.actor.sub,
  };
  await store.transact(
    ctx,
    [
      {
        Update: {
          Key: recruitmentKeys.candidate(recruitmentId, candidateId),
          UpdateExpression: 'SET reviews.#department = :review, updatedAt = :now, version = version + :one',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(reviews.#department)',
          ExpressionAttributeNames: { '#department': input.department },
          ExpressionAttributeValues: { ':review': review, ':now': review.recordedAt, ':one': 1 },
        },
        onConditionFailed: () =>
          conflict('REVIEW_ALREADY_RECORDED', `${input.department} already decided on this candidate`),
      },
      touchRecruitment(recruitment, ctx, 'review', 'record joint-review decisions'),
    ],
    [
      {
        entity: `recruitment:${recruitmentId}`,
        org: recruitment.org,
        action: 'recruitment.review-recorded',
        after: { candidateId, department: input.department, ...review },
      },
    ],
  );
  const candidates = await loadCandidates(store, recruitmentId);
  const placements = placementsOf(recruitment, rankShortlist(recruitment, candidates));
  const updated = candidates.find((c) => c.id === candidateId)!;
  return {
    candidate: updated,
    placement: placements.find((p) => p.id === candidateId) ?? null,
    placements,
  };
}

// ----------------------------------------------------------------------------------------------
// Stage transitions

const nextStage: Partial<Record<RecruitmentStage, RecruitmentStage>> = {
  open: 'written-exam',
  'written-exam': 'interview',
  interview: 'review',
  review: 'notice',
  notice: 'closed',
};

/**
 * Moves a recruitment one stage forward (or closes it). Preconditions (422 otherwise):
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
  const to = input.to;
  if (to !== 'closed' && nextStage[recruitment.stage] !== to)
    throw unprocessable(
      'INVALID_STAGE_TRANSITION',
      `A recruitment in stage ${recruitment.stage} moves on to ${nextStage[recruitment.stage]} (or closed), not ${to}`,
      { from: recruitment.stage, to, next: nextStage[recruitment.stage], stages: recruitmentStages },
    );
  const policy = recruitment.policy.document;
  const today = shanghaiDate(ctx.now);
  const candidates = await loadCandidates(store, recruitmentId);
  const eligible = candidates.filter((c) => c.eligibility.eligible);
  const changes: Record<string, unknown> = {};
  if (to === 'written-exam') {
    if (eligible.length === 0)
      throw unprocessable('NO_ELIGIBLE_CANDIDATES', 'No eligible candidate has registered', {
        candidates: candidates.length,
      });
  } else if (to === 'interview') {
    const missing = eligible.filter((c) => c.scores.written === null);
    if (missing.length > 0)
      throw unprocessable(
        'SCORES_MISSING',
        `${missing.length} eligible candidate(s) have no written score yet`,
        { candidates: missing.map((c) => ({ candidateId: c.id, name: c.name })) },
      );
    changes.shortlist = shortlistForInterview(
      eligible.map((c) => ({ id: c.id, written: c.scores.written! })),
      recruitment.places,
      policy,
    ).map((c) => c.id);
  } else if (to === 'review') {
    const shortlist = new Set(recruitment.shortlist ?? []);
    const missing = candidates.filter((c) => shortlist.has(c.id) && c.scores.interview === null);
    if (missing.length > 0)
      throw unprocessable(
        'SCORES_MISSING',
        `${missing.length} shortlisted candidate(s) have no interview score yet`,
        { candidates: missing.map((c) => ({ candidateId: c.id, name: c.name })) },
      );
  } else if (to === 'notice') {
    const placements = placementsOf(recruitment, rankShortlist(recruitment, candidates));
    const pending = placements.filter((p) => p.status === 'pending-review');
    if (pending.length > 0)
      throw unprocessable(
        'REVIEW_INCOMPLETE',
        `${pending.length} candidate(s) inside the places still await a joint-review decision`,
        { pending: pending.map((p) => ({ candidateId: p.id, pendingDepartments: p.pendingDepartments })) },
      );
    const selected = placements.filter((p) => p.status === 'selected').map((p) => p.id);
    if (selected.length === 0)
      throw unprocessable('NO_SELECTED_CANDIDATES', 'The joint review approved nobody for the places');
    changes.selected = selected;
    changes.noticeStartsOn = today;
    changes.noticeEndsOn = noticeEndsOn(today, policy);
  } else if (to === 'closed') {
    changes.closedReason = input.reason ?? null;
  }
  const now = ctx.now.toISOString();
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {
    ':to': to,
    ':from': recruitment.stage,
    ':version': recruitment.version,
    ':one': 1,
    ':now': now,
  };
  const sets = ['stage = :to', 'stageChangedAt = :now', 'updatedAt = :now', 'version = version + :one'];
  Object.entries(changes).forEach(([field, value], i) => {
    names[`#f${i}`] = field;
    values[`:f${i}`] = value;
    sets.push(`#f${i} = :f${i}`);
  });
  await store.transact(
    ctx,
    [
      {
        Update: {
          Key: recruitmentKeys.key(recruitmentId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'stage = :from AND version = :version',
          ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
        },
        onConditionFailed: () =>
          conflict('CONCURRENT_UPDATE', 'The recruitment changed while changing its stage; reload and retry'),
      },
    ],
    [
      {
        entity: `recruitment:${recruitmentId}`,
        org: recruitment.org,
        action: `recruitment.stage-${to}`,
        before: { stage: recruitment.stage },
        after: { stage: to, ...changes },
      },
    ],
  );
  return loadRecruitment(store, recruitmentId);
}

// ----------------------------------------------------------------------------------------------
// Hire

/**
 * Hires a selected candidate once the public notice is over: creates the worker (probation and
 * contract from the recruitment policy, post and starting grade from the recruitment, org unit =
 * the candidate's grid or the recruitment's org), takes a seat on every quota-holding ancestor,
 * counts the hire, and marks the candidate hired — one transaction with the audit entries.
 */
export async function hireCandidate(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  candidateId: string,
  input: { hiredOn?: string | undefined },
) {
  const recruitment = await manageable(store, ctx, recruitmentId);
  const candidate = await loadCandidate(store, recruitmentId, candidateId);
  if (candidate.hiredWorkerId)
    throw conflict('ALREADY_HIRED', 'This candidate has already been hired', {
      workerId: candidate.hiredWorkerId,
    });
  refuseIfClosed(recruitment);
  const today = shanghaiDate(ctx.now);
  await refuseUnlessHireable(store, recruitment, candidate, today);
  const hiredOn = input.hiredOn ?? today;
  if (hiredOn <= recruitment.noticeEndsOn!)
    throw unprocessable(
      'HIRE_BEFORE_NOTICE_END',
      `The hire date must come after the public notice, which ends on ${recruitment.noticeEndsOn}`,
      { hiredOn, noticeEndsOn: recruitment.noticeEndsOn },
    );
  if (hiredOn > today)
    throw unprocessable(
      'HIRE_DATE_IN_FUTURE',
      `The worker is active from the moment of hire: record the hire on or after ${hiredOn}`,
      { hiredOn, today },
    );
  const policy = recruitment.policy.document;
  const now = ctx.now.toISOString();
  const worker: WorkerRecord = {
    id: newId('w'),
    name: candidate.name,
    nationalId: candidate.nationalId,
    sex: candidate.sex,
    birthDate: candidate.birthDate,
    org: candidate.gridId ?? recruitment.org,
    status: 'active',
    channel: recruitment.channel,
    education: candidate.education,
    isPartyMember: candidate.isPartyMember,
    post: recruitment.post,
    grade: recruitment.startingGrade,
    step: initialStepState(recruitment.startingGrade),
    hiredOn,
    ...employmentTerms(hiredOn, policy),
    certificates: [],
    mentorIds: [],
    annualGrades: {},
    exit: null,
    source: {
      recruitmentId,
      candidateId,
      recruitmentPolicyVersion: recruitment.policy.version,
      payPolicyVersion: recruitment.payPolicyVersion,
      certificateLevelAtHire: candidate.certificateLevel,
    },
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const ops: WriteOp[] = [
    ...(await newWorkerOps(store, worker, Number(hiredOn.slice(0, 4)))),
    {
      Update: {
        Key: recruitmentKeys.candidate(recruitmentId, candidateId),
        UpdateExpression:
          'SET hiredWorkerId = :workerId, hiredOn = :hiredOn, updatedAt = :now, version = version + :one',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(hiredWorkerId) OR attribute_type(hiredWorkerId, :nullType))',
        ExpressionAttributeValues: {
          ':workerId': worker.id,
          ':hiredOn': hiredOn,
          ':now': now,
          ':one': 1,
          ':nullType': 'NULL',
        },
      },
      onConditionFailed: () => conflict('ALREADY_HIRED', 'This candidate has already been hired'),
    },
    {
      Update: {
        Key: recruitmentKeys.key(recruitmentId),
        UpdateExpression: 'SET hiredCount = hiredCount + :one, updatedAt = :now',
        ConditionExpression: 'stage = :notice AND contains(selected, :candidateId)',
        ExpressionAttributeValues: {
          ':one': 1,
          ':now': now,
          ':notice': 'notice',
          ':candidateId': candidateId,
        },
      },
      onConditionFailed: () =>
        unprocessable('WRONG_STAGE', 'The recruitment changed (closed?) while hiring; reload and retry'),
    },
    workerHistoryOp({
      workerId: worker.id,
      event: 'hired',
      at: now,
      effectiveOn: hiredOn,
      org: worker.org,
      details: {
        channel: worker.channel,
        recruitmentId,
        candidateId,
        post: worker.post,
        grade: worker.grade,
        probationEndsOn: worker.probationEndsOn,
        contractEndsOn: worker.contractEndsOn,
      },
      actor: { sub: ctx.actor.sub, role: ctx.actor.role, org: ctx.actor.org },
    }),
  ];
  await store.transact(ctx, ops, [
    { entity: `worker:${worker.id}`, org: worker.org, action: 'worker.hired', after: worker },
    {
      entity: `recruitment:${recruitmentId}`,
      org: recruitment.org,
      action: 'recruitment.candidate-hired',
      after: { candidateId, workerId: worker.id, hiredOn },
    },
  ]);
  return worker;
}

/** 422 with the reason why this candidate can't be hired (yet), if so. */
async function refuseUnlessHireable(
  store: Store,
  recruitment: RecruitmentRecord,
  candidate: CandidateRecord,
  today: string,
) {
  if (!candidate.eligibility.eligible)
    throw unprocessable('NOT_ELIGIBLE', `The candidate failed: ${candidate.eligibility.failed.join(', ')}`, {
      failed: candidate.eligibility.failed,
    });
  if (!afterRanking.includes(recruitment.stage))
    throw unprocessable(
      'REVIEW_NOT_DONE',
      `The exam and joint review are not finished (stage ${recruitment.stage})`,
      { stage: recruitment.stage },
    );
  if (!(recruitment.selected ?? []).includes(candidate.id)) {
    const candidates = await loadCandidates(store, recruitment.id);
    const placement = placementsOf(recruitment, rankShortlist(recruitment, candidates)).find(
      (p) => p.id === candidate.id,
    );
    if (placement?.status === 'rejected')
      throw unprocessable(
        'REJECTED_IN_REVIEW',
        `Rejected in joint review by ${placement.rejectedBy.join(', ')}`,
        {
          rejectedBy: placement.rejectedBy,
        },
      );
    if (placement?.status === 'pending-review')
      throw unprocessable(
        'REVIEW_PENDING',
        `Not every department has approved yet (pending: ${placement.pendingDepartments.join(', ')})`,
        { pendingDepartments: placement.pendingDepartments },
      );
    if (recruitment.stage === 'review')
      throw unprocessable('NOTICE_NOT_STARTED', 'The public notice has not started', {
        placement: placement?.status ?? null,
      });
    throw unprocessable('NOT_SELECTED', 'The candidate is not among those selected for the places', {
      placement: placement?.status ?? 'not-ranked',
    });
  }
  if (recruitment.stage === 'review')
    throw unprocessable('NOTICE_NOT_STARTED', 'The public notice has not started');
  if (today <= recruitment.noticeEndsOn!)
    throw unprocessable(
      'NOTICE_PERIOD_NOT_OVER',
      `The public notice runs until ${recruitment.noticeEndsOn}; hire from the day after`,
      { noticeStartsOn: recruitment.noticeStartsOn, noticeEndsOn: recruitment.noticeEndsOn, today },
    );
}
