import { createRoute, z } from '@hono/zod-openapi';
import { readBulkRows, spreadsheetContent } from '#functions/api/bulk.ts';
import { previewBulk } from '#functions/api/bulk-preview.ts';
import { recruitmentStages } from '#shared/domain/recruitment.ts';
import { placementSchema, rankingSchema } from '#shared/schemas/recruitment-ranking.ts';
import { bulkPreviewSchema, dryRunQuery } from '#shared/schemas/bulk-preview.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { sendExport, spreadsheetExportContent } from '#functions/api/exports.ts';
import {
  bearerSecurity,
  commonErrors,
  idempotencyHeader,
  jsonBody,
  jsonContent,
} from '#functions/api/openapi.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { cursorQuery, exportFormatQuery, pageOf } from '#shared/schemas/common.ts';
import {
  candidateDisqualificationBody,
  candidateListQuery,
  candidateRow,
  candidateSchema,
  candidateWithdrawalBody,
  departmentParam,
  candidatesRegisteredSchema,
  hireBody,
  openRecruitmentBody,
  recruitmentSchema,
  registerCandidateBody,
  reviewBody,
  reviewWithdrawalBody,
  scoreRow,
  scoresBody,
  stageBody,
  workerSchema,
} from '#shared/schemas/hiring.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { hireCandidate } from '#shared/usecases/recruitments/hire.ts';
import {
  getCandidate,
  getRecruitment,
  listCandidates,
  listRecruitments,
  openRecruitment,
} from '#shared/usecases/recruitments/opening.ts';
import { registerCandidate } from '#shared/usecases/recruitments/registration.ts';
import { registerCandidates } from '#shared/usecases/recruitments/registration-sheets.ts';
import { removeFromNotice } from '#shared/usecases/recruitments/notice.ts';
import { getRanking, recordReview, withdrawReview } from '#shared/usecases/recruitments/review.ts';
import { recordScore, recordScores } from '#shared/usecases/recruitments/scoring.ts';
import { changeStage } from '#shared/usecases/recruitments/stages.ts';
import { uploadSpecs } from '#shared/spreadsheets/upload-kinds.ts';
import { rankingExport } from '#shared/usecases/exports.ts';
import { lookupCandidates } from '#shared/usecases/lookups.ts';
import { hiringWorkerView } from '#shared/usecases/worker-records.ts';

const tags = ['Recruitments'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'r_0123456789abcdef' }),
});
const candidateParams = idParam.extend({
  candidateId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'candidateId', in: 'path' }, example: 'c_0123456789abcdef' }),
});
/** Bulk bodies: `{ rows: [...] }` or a bare array; each row is validated by readBulkRows. */
const bulkJson = z.union([
  z.object({ rows: z.array(z.record(z.string(), z.unknown())) }),
  z.array(z.record(z.string(), z.unknown())),
]);
const who = 'HR officers whose subtree holds the recruitment’s org unit.';

const open = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Open a recruitment (stage open) for an org unit with a number of places',
  description: `${who} Snapshots the recruitment policy in force today (ages, education, exam weights, bonus, shortlist ratio, reviewing departments, notice days, probation and contract) so rules don't shift mid-recruitment. Starting grade defaults to the bottom of the post's band in the pay policy; a grade outside the band is 422 GRADE_OUTSIDE_BAND.`,
  security: bearerSecurity,
  request: { headers: idempotencyHeader, body: jsonBody(openRecruitmentBody) },
  responses: { 201: jsonContent(recruitmentSchema, 'Opened'), ...commonErrors },
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Recruitments in an org subtree',
  description: who,
  security: bearerSecurity,
  request: { query: cursorQuery.extend({ org: orgId }) },
  responses: { 200: jsonContent(pageOf(recruitmentSchema), 'One page'), ...commonErrors },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'A recruitment: stage, places, policy snapshot, shortlist, selected, notice dates, hires',
  description: who,
  security: bearerSecurity,
  request: { params: idParam },
  responses: { 200: jsonContent(recruitmentSchema, 'The recruitment'), ...commonErrors },
});

const stage = createRoute({
  method: 'post',
  path: '/{id}/stage',
  tags,
  summary: 'Move the recruitment on: open → written-exam → interview → review → notice (→ closed)',
  description: `${who} One stage at a time; closed from any stage (final). 422 INVALID_STAGE_TRANSITION otherwise. Preconditions (422): → written-exam needs an eligible candidate (NO_ELIGIBLE_CANDIDATES); → interview needs every eligible candidate's written score (SCORES_MISSING) and fixes the interview shortlist (places × ratio by written score, ties at the cut included); → review needs every shortlisted candidate's interview score (SCORES_MISSING) and makes the ranking final; → notice needs every place settled by the joint review (REVIEW_INCOMPLETE lists pending decisions; NO_SELECTED_CANDIDATES) and starts the public notice today.`,
  security: bearerSecurity,
  request: { params: idParam, headers: idempotencyHeader, body: jsonBody(stageBody) },
  responses: { 200: jsonContent(recruitmentSchema, 'The recruitment in its new stage'), ...commonErrors },
});

const register = createRoute({
  method: 'post',
  path: '/{id}/candidates',
  tags,
  summary: 'Register a candidate (stage open) and get the eligibility verdict on the six criteria',
  description: `${who} The verdict names every failed criterion (political, age, education, professional, health, residence) with reasons; ineligible candidates are stored but can't get scores. Invalid national id → 400; the same person twice in this recruitment → 409 DUPLICATE_CANDIDATE; already an active worker → 409 ALREADY_ACTIVE_WORKER; gridId outside the recruitment's org → 422 GRID_OUTSIDE_RECRUITMENT.`,
  security: bearerSecurity,
  request: { params: idParam, headers: idempotencyHeader, body: jsonBody(registerCandidateBody) },
  responses: { 201: jsonContent(candidateSchema, 'Registered, with the verdict'), ...commonErrors },
});

const registrations = createRoute({
  method: 'post',
  path: '/{id}/registrations',
  tags,
  summary: 'Register candidates from a sheet (报名表): JSON { rows }, CSV or .xlsx, all or nothing',
  description: `${who} Stage open. Columns (Chinese headers or field names; template: GET /v1/templates/candidates): 身份证号, 姓名, 学历, 职业资格证书, 政治表现合格, 身体健康, 本地户籍或居住 (是/否), 专业资格审查, 是否网格员, 是否党员, 拟安排单位 (gridId). Each row gets the eligibility verdict on the six criteria, as a single registration does. Invalid rows → 400 by row; rows the rules refuse (the same person twice in the sheet, already registered, already an active worker, a placement outside the recruitment or not a community/grid) → 422 CANDIDATES_REJECTED listing every refused row; nothing is saved in either case. Registration numbers follow in sheet order. With \`?dryRun=true\` nothing is saved: 200 with every row, its verdict and its errors.`,
  security: bearerSecurity,
  request: {
    params: idParam,
    query: dryRunQuery,
    headers: idempotencyHeader,
    body: {
      required: false,
      content: {
        'application/json': {
          schema: bulkJson.openapi({ description: 'rows: RegisterCandidate objects (booleans also 是/否)' }),
        },
        'text/csv': {
          schema: z.string().openapi({
            example:
              '身份证号,姓名,学历,政治表现合格,身体健康,本地户籍或居住\n230902199506150010,张三,大专,是,是,是\n',
          }),
        },
        ...spreadsheetContent,
      },
    },
  },
  responses: {
    200: jsonContent(bulkPreviewSchema, 'Dry run: every row with its verdict, or its errors'),
    201: jsonContent(candidatesRegisteredSchema, 'Registered: every candidate with the verdict'),
    ...commonErrors,
  },
});

const candidates = createRoute({
  method: 'get',
  path: '/{id}/candidates',
  tags,
  summary:
    'Candidates of a recruitment with their verdicts, scores and review decisions; `q` looks one up by 身份证号 or name',
  description: `${who} With \`q\`: a full 身份证号 matches exactly, anything else is a name prefix (candidates in name order); one Query through an index each page.`,
  security: bearerSecurity,
  request: { params: idParam, query: candidateListQuery },
  responses: { 200: jsonContent(pageOf(candidateSchema), 'One page'), ...commonErrors },
});

const candidate = createRoute({
  method: 'get',
  path: '/{id}/candidates/{candidateId}',
  tags,
  summary: 'One candidate',
  description: who,
  security: bearerSecurity,
  request: { params: candidateParams },
  responses: { 200: jsonContent(candidateSchema, 'The candidate'), ...commonErrors },
});

const score = createRoute({
  method: 'put',
  path: '/{id}/candidates/{candidateId}/scores',
  tags,
  summary: "Record one candidate's written (stage written-exam) or interview (stage interview) score",
  description: `${who} Scores 0–100, two decimals at most. 422 NOT_ELIGIBLE for ineligible candidates, NOT_SHORTLISTED for interview scores of candidates off the shortlist, WRONG_STAGE otherwise out of order.`,
  security: bearerSecurity,
  request: { params: candidateParams, headers: idempotencyHeader, body: jsonBody(scoresBody) },
  responses: { 200: jsonContent(candidateSchema, 'The candidate with the score'), ...commonErrors },
});

const bulkScores = createRoute({
  method: 'post',
  path: '/{id}/scores',
  tags,
  summary: 'Record scores in bulk: JSON { rows } or text/csv (candidateId or nationalId, written, interview)',
  description: `${who} All or nothing: invalid rows → 400 listing them; rows the rules refuse (unknown candidate, not eligible, not shortlisted, wrong stage, repeated) → 422 SCORES_REJECTED listing every failing row; nothing is saved in either case. With \`?dryRun=true\` nothing is saved: 200 with every row, the candidate and score it would record, and its errors.`,
  security: bearerSecurity,
  request: {
    params: idParam,
    query: dryRunQuery,
    headers: idempotencyHeader,
    body: {
      required: false,
      content: {
        'application/json': {
          schema: bulkJson.openapi({
            description: 'rows: { candidateId? | nationalId?, written?, interview? }',
          }),
        },
        'text/csv': {
          schema: z.string().openapi({ example: '姓名,身份证号,笔试成绩\n张三,230902199506150010,85.5\n' }),
        },
        ...spreadsheetContent,
      },
    },
  },
  responses: {
    200: jsonContent(
      z.union([
        bulkPreviewSchema,
        z.object({
          recruitmentId: z.string(),
          stage: z.enum(recruitmentStages),
          recorded: z.number().int(),
          scores: z.array(
            z.object({
              row: z.number().int(),
              candidateId: z.string(),
              written: z.number().optional(),
              interview: z.number().optional(),
            }),
          ),
        }),
      ]),
      'Recorded (or, with dryRun=true, the preview of every row)',
    ),
    ...commonErrors,
  },
});

const ranking = createRoute({
  method: 'get',
  path: '/{id}/ranking',
  tags,
  summary: 'The ranking: weighted total + certificate bonus, tie order, shortlist, placements after review',
  description: `${who} During the written exam: by written score with the provisional interview shortlist (places × ratio). From the interview stage: shortlisted candidates by total = written × weight + interview × weight + certificate bonus; ties: higher certificate, current grid worker, party member, registration order. From the review stage the ranking is final and each row carries its placement (selected / pending-review / rejected / reserve). \`format=xlsx|csv\`: the ranking as an office spreadsheet (成绩排名: Chinese headers, certificate and placement in Chinese, 是/否).`,
  security: bearerSecurity,
  request: { params: idParam, query: exportFormatQuery },
  responses: {
    200: {
      description: 'Ranking (JSON), or the spreadsheet with ?format=',
      content: { 'application/json': { schema: rankingSchema }, ...spreadsheetExportContent },
    },
    ...commonErrors,
  },
});

const review = createRoute({
  method: 'post',
  path: '/{id}/candidates/{candidateId}/reviews',
  tags,
  summary:
    "Record a department's joint-review decision (approve / reject, with a note; stage review, or notice while a place is empty)",
  description: `HR officers of the subtree who hold that department (the \`department\` claim of their identity; 403 DEPARTMENT_NOT_HELD otherwise). Reserves may be reviewed too: only a reserve every department approved moves up (递补) if a selected candidate leaves during the notice. Departments come from the recruitment's policy (default organisation, civil-affairs, public-security); one decision per department and candidate (409 REVIEW_ALREADY_RECORDED). A rejection disqualifies; the next-ranked candidate moves into the place (递补). Only ranked candidates are reviewed (422 NOT_IN_RANKING), not one who left during the notice (409 CANDIDATE_REMOVED). During the notice, only while a place stands empty (a selected candidate left with nobody approved to follow; 422 NO_VACANT_PLACE otherwise): the approval completing a reserve's review moves the best-ranked approved reserve up (递补) in the same transaction, with a notice of their own (publicNoticeDays from today), audited on the decision's entry (movedUp); guarded by the recruitment's version (409 CONCURRENT_UPDATE if it changed meanwhile).`,
  security: bearerSecurity,
  request: { params: candidateParams, headers: idempotencyHeader, body: jsonBody(reviewBody) },
  responses: {
    201: jsonContent(
      z.object({
        candidate: candidateSchema,
        placement: placementSchema.nullable(),
        placements: z.array(placementSchema),
      }),
      'Recorded, with the placements it leads to',
    ),
    ...commonErrors,
  },
});

const reviewOutcomeSchema = z.object({
  candidate: candidateSchema,
  placement: placementSchema.nullable(),
  placements: z.array(placementSchema),
});

const withdrawReviewRoute = createRoute({
  method: 'post',
  path: '/{id}/candidates/{candidateId}/reviews/{department}/withdrawal',
  tags,
  summary: "Withdraw a department's joint-review decision (before the candidate's hire)",
  description: `HR officers of the subtree who hold that department (403 DEPARTMENT_NOT_HELD otherwise). Stage review or notice; 409 ALREADY_HIRED once the candidate is hired, REVIEW_NOT_RECORDED if the department has not decided, CONCURRENT_UPDATE if the candidate changed meanwhile. During the notice, a selected candidate who loses an approval leaves the selection and the best-ranked reserve every department approved moves up (递补) with a notice of their own. Audited.`,
  security: bearerSecurity,
  request: {
    params: candidateParams.extend({ department: departmentParam }),
    headers: idempotencyHeader,
    body: jsonBody(reviewWithdrawalBody),
  },
  responses: {
    200: jsonContent(reviewOutcomeSchema, 'Withdrawn, with the placements it leads to'),
    ...commonErrors,
  },
});

const noticeOutcomeSchema = z.object({
  recruitment: recruitmentSchema,
  candidate: candidateSchema,
  movedUp: candidateSchema.nullable().openapi({
    description: 'The candidate who moved up (递补) with a notice of their own, or null: nobody left',
  }),
});
const noticeRemoval = (kind: 'withdrawal' | 'disqualification') =>
  createRoute({
    method: 'post',
    path: `/{id}/candidates/{candidateId}/${kind}`,
    tags,
    summary:
      kind === 'withdrawal'
        ? 'A selected candidate withdraws during the public notice (本人放弃); the next one moves up (递补)'
        : 'Disqualify a selected candidate during the public notice (取消资格, reason required); the next one moves up (递补)',
    description: `${who} Stage notice only (422 WRONG_STAGE), a selected candidate (422 NOT_SELECTED), not hired (409 ALREADY_HIRED), not already gone (409 CANDIDATE_REMOVED). One transaction: the candidate marked, the selection changed, and the best-ranked reserve whom every department approved (neither withdrawn, disqualified nor hired) moves up with a notice of its own (publicNoticeDays of the recruitment's policy, from today); nobody left: the place stays empty. Seats are taken at hire, so quotas are untouched. Audited.`,
    security: bearerSecurity,
    request: {
      params: candidateParams,
      headers: idempotencyHeader,
      body: jsonBody(kind === 'withdrawal' ? candidateWithdrawalBody : candidateDisqualificationBody),
    },
    responses: {
      200: jsonContent(noticeOutcomeSchema, 'Recorded, with who moved up'),
      ...commonErrors,
    },
  });
const withdrawal = noticeRemoval('withdrawal');
const disqualification = noticeRemoval('disqualification');

const hire = createRoute({
  method: 'post',
  path: '/{id}/candidates/{candidateId}/hire',
  tags,
  summary: 'Hire a selected candidate after the public notice: creates the worker and takes the seats',
  description: `${who} One transaction: the worker (post and starting grade from the recruitment, probation and contract from its policy, placed in the candidate's grid or the recruitment's org), a seat on every quota-holding ancestor, the hire counters, the candidate marked hired, history and audit. 422 with the reason before the notice ends (NOTICE_PERIOD_NOT_OVER, NOTICE_NOT_STARTED, REVIEW_NOT_DONE) or without every approval (REVIEW_PENDING, REJECTED_IN_REVIEW, NOT_SELECTED); hiredOn must follow the notice and not lie in the future. 409 QUOTA_EXCEEDED (nothing written), ALREADY_HIRED, ALREADY_ACTIVE_WORKER.`,
  security: bearerSecurity,
  request: {
    params: candidateParams,
    headers: idempotencyHeader,
    body: { required: false, content: { 'application/json': { schema: hireBody } } },
  },
  responses: { 201: jsonContent(workerSchema, 'The new worker'), ...commonErrors },
});

export function recruitmentRoutes(deps: Dependencies) {
  const { store } = deps;
  return resourceApp()
    .openapi(open, async (c) =>
      c.json(await openRecruitment(store, requestContext(c), c.req.valid('json')), 201),
    )
    .openapi(list, async (c) => {
      const { org, cursor, limit } = c.req.valid('query');
      return c.json(await listRecruitments(store, requestContext(c), org, cursor, limit), 200);
    })
    .openapi(get, async (c) =>
      c.json(await getRecruitment(store, requestContext(c), c.req.valid('param').id), 200),
    )
    .openapi(stage, async (c) =>
      c.json(await changeStage(store, requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(register, async (c) =>
      c.json(
        await registerCandidate(store, requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(registrations, async (c) => {
      const { id } = c.req.valid('param');
      if (c.req.valid('query').dryRun === 'true') {
        const preview = await previewBulk(c, candidateRow, uploadSpecs.candidates, async (rows) => {
          const result = await registerCandidates(store, requestContext(c), id, rows, { dryRun: true });
          return new Map(
            result.candidates.map(({ row, candidateId: _unsaved, ...verdict }) => [row, verdict]),
          );
        });
        return c.json(preview, 200);
      }
      const rows = await readBulkRows(c, candidateRow, uploadSpecs.candidates);
      return c.json(await registerCandidates(store, requestContext(c), id, rows), 201);
    })
    .openapi(candidates, async (c) => {
      const { cursor, limit, q } = c.req.valid('query');
      const id = c.req.valid('param').id;
      return c.json(
        q === undefined
          ? await listCandidates(store, requestContext(c), id, cursor, limit)
          : await lookupCandidates(store, requestContext(c), id, { q, cursor, limit }),
        200,
      );
    })
    .openapi(candidate, async (c) => {
      const { id, candidateId } = c.req.valid('param');
      return c.json(await getCandidate(store, requestContext(c), id, candidateId), 200);
    })
    .openapi(score, async (c) => {
      const { id, candidateId } = c.req.valid('param');
      return c.json(await recordScore(store, requestContext(c), id, candidateId, c.req.valid('json')), 200);
    })
    .openapi(bulkScores, async (c) => {
      const { id } = c.req.valid('param');
      if (c.req.valid('query').dryRun === 'true') {
        const preview = await previewBulk(c, scoreRow, uploadSpecs.scores, async (rows) => {
          const result = await recordScores(store, requestContext(c), id, rows, { dryRun: true });
          return new Map(result.scores.map(({ row, ...score }) => [row as number, score]));
        });
        return c.json(preview, 200);
      }
      const rows = await readBulkRows(c, scoreRow, uploadSpecs.scores);
      return c.json(await recordScores(store, requestContext(c), id, rows), 200);
    })
    .openapi(ranking, async (c) => {
      const { id } = c.req.valid('param');
      const { format } = c.req.valid('query');
      if (format) return sendExport(c, await rankingExport(store, requestContext(c), id), format);
      return c.json(await getRanking(store, requestContext(c), id), 200);
    })
    .openapi(review, async (c) => {
      const { id, candidateId } = c.req.valid('param');
      return c.json(await recordReview(store, requestContext(c), id, candidateId, c.req.valid('json')), 201);
    })
    .openapi(withdrawReviewRoute, async (c) => {
      const { id, candidateId, department } = c.req.valid('param');
      return c.json(
        await withdrawReview(store, requestContext(c), id, candidateId, department, c.req.valid('json')),
        200,
      );
    })
    .openapi(withdrawal, async (c) => {
      const { id, candidateId } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      return c.json(
        await removeFromNotice(store, requestContext(c), id, candidateId, { kind: 'withdrew', reason }),
        200,
      );
    })
    .openapi(disqualification, async (c) => {
      const { id, candidateId } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      return c.json(
        await removeFromNotice(store, requestContext(c), id, candidateId, { kind: 'disqualified', reason }),
        200,
      );
    })
    .openapi(hire, async (c) => {
      const { id, candidateId } = c.req.valid('param');
      const ctx = requestContext(c);
      const body = c.req.valid('json') as { hiredOn?: string };
      const worker = await hireCandidate(store, ctx, id, candidateId, { hiredOn: body.hiredOn });
      return c.json(hiringWorkerView(worker, ctx.actor), 201);
    });
}
