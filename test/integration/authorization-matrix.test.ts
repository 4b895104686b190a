import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLocalToken } from '#functions/identity/local-jwt.ts';
import type { Actor, Role } from '#shared/auth/actor.ts';
import { can, type Permission, type Resource } from '#shared/auth/authorize.ts';
import { batchItem } from '#shared/db/entities/batch.ts';
import { contractReminderItem, contractReminderKeys } from '#shared/db/entities/contract-reminder.ts';
import { evaluationKeys } from '#shared/db/entities/evaluation.ts';
import { rootOf } from '#shared/domain/org-paths.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type ApiResponse, type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

/**
 * The authorisation matrix (issue 13): every operation of the OpenAPI document × ten callers
 * around one org unit, each cell one request against the real API and DynamoDB Local, checked
 * against what the grants table (`shared/auth/authorize.ts`, through `can`) implies:
 *
 * - no token or a forged one: 401;
 * - allowed: a read answers 200; a write gets past authorisation (neither 401, 403 nor 404, and
 *   never 5xx: the write itself may still be refused, e.g. 409 for the second identical create);
 * - refused: an operation that looks a record up by an id the caller sent answers exactly what a
 *   missing record answers (404, same code), so nobody learns what exists outside their scope;
 *   other operations (the caller names an org unit) answer 403 with a body naming no org path or
 *   worker id.
 *
 * Each operation below says how to fill its request from the shared fixture and which permission
 * and resource it exercises; an operation the document gains that is neither here nor in
 * `NOT_COVERED` fails the test.
 */

const CITY = 'qth';
const STREET = 'qth/xinxing/hongqi';
const C1 = `${STREET}/c1`;
const C3 = `${STREET}/c3`;
const TODAY = '2026-05-06';
const MISSING_WORKER = 'w_missing00000';
const MISSING_BATCH = `b_${'0'.repeat(24)}`;

interface Caller {
  name: string;
  actor?: Omit<Actor, 'sub'>;
  token: 'valid' | 'none' | 'forged';
}

/** What the fixture holds (filled in beforeAll). */
interface Fixture {
  w: string; // the worker whose records are looked at (in C1, mentored by m)
  m: string; // the worker's mentor
  m2: string; // another mentor (of another worker)
  w2: string; // another worker of the same unit
  exiting: string;
  onProbation: string;
  mover: string; // moved within C1 (to its grid) by every HR caller allowed to
  newMentor: string;
  reserve: string;
  reserveRemoved: string;
  attendees: Record<string, string>; // caller name → worker whose attendance that caller deletes
  pooled: Record<string, string>; // caller name → worker that caller takes out of the reserve pool
  recruitment: string;
  stagedRecruitment: string;
  candidate: string;
  transfer: string;
  onboarding: string;
  event: string;
  attendanceEvent: string;
  mentorship: string;
  endedMentorship: string;
  cycle: string;
  nomination: string;
  batch: string;
  run: string;
  proposal: string;
  reminder: string;
  confirmedProposal: string;
  mentoringPolicy: Record<string, unknown>;
  hrAccount: string; // an HR officer's account of C1, disabled (and enabled) by the caller allowed to
  hrMover: string; // an HR officer's account of C1, moved to its grid by the caller allowed to
}

interface Request {
  path: string;
  body?: unknown;
}

interface Operation {
  /** The permission and resource the operation exercises, or a rule of its own (role-only endpoints). */
  allowed: (fx: Fixture, caller: Omit<Actor, 'sub'>) => boolean;
  request: (fx: Fixture, options: { missing: boolean; caller: string }) => Request;
  /** Addressed by an id the caller sent: a refusal must answer what a missing record answers. */
  lookup?: boolean;
  /** Refused callers who may see the record itself (so its existence is no secret): 403. */
  seen?: (fx: Fixture, caller: Omit<Actor, 'sub'>) => boolean;
  /** What a refusal may answer (default 403, or 403/404 for a look-up). */
  refusedWith?: number[];
  /** The code of a 403 (default FORBIDDEN), e.g. DEPARTMENT_NOT_HELD for a joint-review decision. */
  refusedCode?: string;
}

const asActor = (a: Omit<Actor, 'sub'>): Actor => ({ sub: `${a.role}:${a.org}`, ...a });
const grant =
  (permission: Permission, resource: (fx: Fixture, caller: Omit<Actor, 'sub'>) => Resource) =>
  (fx: Fixture, caller: Omit<Actor, 'sub'>) =>
    can(asActor(caller), permission, resource(fx, caller));
/** A worker's records: `mentorIds` as the fixture set them. */
const workerRes =
  (id: keyof Fixture, mentorIds: (fx: Fixture) => string[] = () => []) =>
  (fx: Fixture) => ({
    org: C1,
    workerId: fx[id] as string,
    mentorIds: mentorIds(fx),
  });
const wWithMentor = workerRes('w', (fx) => [fx.m]);
/** Refused callers who may read the worker get 403 for the rest of the worker's records. */
const seesW = grant('worker:read', wWithMentor);
const unit = (org: string) => () => ({ org });
const roles =
  (...allowed: Role[]) =>
  (_fx: Fixture, caller: Omit<Actor, 'sub'>) =>
    allowed.includes(caller.role);
const id = (fx: Fixture, key: keyof Fixture, missing: boolean, missingId = 'x_missing00000') =>
  missing ? missingId : (fx[key] as string);
const enc = encodeURIComponent;

const operations: Record<string, Operation> = {
  'POST /v1/org-units': {
    allowed: grant('org-unit:write', unit(C1)),
    request: () => ({
      path: '/v1/org-units',
      body: { id: `${C1}/gx`, name: '矩阵网格', level: 'grid', parentId: C1, urbanPopulation: 1000 },
    }),
  },
  'GET /v1/org-units/{id}/children': {
    allowed: grant('org-unit:read', unit(C1)),
    lookup: true,
    request: (_fx, { missing }) => ({ path: `/v1/org-units/${enc(missing ? `${STREET}/c9` : C1)}/children` }),
  },
  'GET /v1/org-units/{id}': {
    allowed: grant('org-unit:read', unit(C1)),
    lookup: true,
    request: (_fx, { missing }) => ({ path: `/v1/org-units/${enc(missing ? `${STREET}/c9` : C1)}` }),
  },
  'PATCH /v1/org-units/{id}': {
    // Changing a unit (its quota) is its parent's business.
    allowed: grant('org-unit:write', unit(STREET)),
    lookup: true,
    seen: grant('org-unit:read', unit(C1)),
    request: (_fx, { missing }) => ({
      path: `/v1/org-units/${enc(missing ? `${STREET}/c9` : C1)}`,
      body: { name: '红旗社区', expectedVersion: 1 },
    }),
  },
  'PUT /v1/policies/{kind}/{effectiveFrom}': {
    allowed: grant('policy:write', unit(CITY)),
    request: (fx) => ({ path: `/v1/policies/mentoring/2026-12-01?city=${CITY}`, body: fx.mentoringPolicy }),
  },
  'GET /v1/policies/{kind}/versions': {
    allowed: grant('policy:read', unit(CITY)),
    request: () => ({ path: `/v1/policies/mentoring/versions?city=${CITY}` }),
  },
  'GET /v1/policies/{kind}': {
    allowed: grant('policy:read', unit(CITY)),
    request: () => ({ path: `/v1/policies/mentoring?city=${CITY}` }),
  },
  'GET /v1/audit': {
    allowed: grant('audit:read', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/audit?entity=${enc(`worker:${missing ? MISSING_WORKER : fx.w}`)}`,
    }),
  },
  'GET /v1/templates/{kind}': {
    // A blank template holds no data: every HR officer, whatever their unit.
    allowed: grant('template:read', (_fx, caller) => ({ org: caller.org })),
    request: () => ({ path: '/v1/templates/transfers' }),
  },
  'GET /v1/batches': {
    allowed: grant('batch:manage', unit(C1)),
    request: () => ({ path: `/v1/batches?org=${enc(C1)}` }),
  },
  'GET /v1/batches/{id}': {
    allowed: grant('batch:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/batches/${id(fx, 'batch', missing, MISSING_BATCH)}` }),
  },
  'POST /v1/batches/{id}/recover': {
    allowed: grant('batch:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/batches/${id(fx, 'batch', missing, MISSING_BATCH)}/recover`,
      body: { action: 'resume' },
    }),
  },
  'POST /v1/recruitments': {
    allowed: grant('recruitment:manage', unit(C1)),
    request: () => ({ path: '/v1/recruitments', body: { title: '矩阵招聘', org: C1, places: 1 } }),
  },
  'GET /v1/recruitments': {
    allowed: grant('recruitment:manage', unit(C1)),
    request: () => ({ path: `/v1/recruitments?org=${enc(C1)}` }),
  },
  'GET /v1/recruitments/{id}': {
    allowed: grant('recruitment:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/recruitments/${id(fx, 'recruitment', missing)}` }),
  },
  'POST /v1/recruitments/{id}/stage': {
    allowed: grant('recruitment:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/recruitments/${id(fx, 'stagedRecruitment', missing)}/stage`,
      body: { to: 'written-exam' },
    }),
  },
  'POST /v1/recruitments/{id}/candidates': {
    allowed: grant('recruitment:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/recruitments/${id(fx, 'recruitment', missing)}/candidates`,
      body: {
        nationalId: CANDIDATE_ID,
        name: '矩阵考生',
        education: 'bachelor',
        politicalRecordClear: true,
        meetsHealthRequirement: true,
        hasLocalResidence: true,
      },
    }),
  },
  'GET /v1/recruitments/{id}/candidates': {
    allowed: grant('recruitment:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/recruitments/${id(fx, 'recruitment', missing)}/candidates` }),
  },
  'GET /v1/recruitments/{id}/candidates/{candidateId}': {
    allowed: grant('recruitment:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/recruitments/${id(fx, 'recruitment', missing)}/candidates/${id(fx, 'candidate', missing)}`,
    }),
  },
  'PUT /v1/recruitments/{id}/candidates/{candidateId}/scores': {
    allowed: grant('recruitment:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/recruitments/${id(fx, 'recruitment', missing)}/candidates/${id(fx, 'candidate', missing)}/scores`,
      body: { written: 80 },
    }),
  },
  'POST /v1/recruitments/{id}/scores': {
    allowed: grant('recruitment:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/recruitments/${id(fx, 'recruitment', missing)}/scores`,
      body: { rows: [{ candidateId: fx.candidate, written: 80 }] },
    }),
  },
  'POST /v1/recruitments/{id}/registrations': {
    allowed: grant('recruitment:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/recruitments/${id(fx, 'recruitment', missing)}/registrations`,
      body: {
        rows: [
          {
            nationalId: nationalIdFor('1999-02-03'),
            name: '矩阵报名',
            education: 'college',
            politicalRecordClear: true,
            meetsHealthRequirement: true,
            hasLocalResidence: true,
          },
        ],
      },
    }),
  },
  'GET /v1/recruitments/{id}/ranking': {
    allowed: grant('recruitment:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/recruitments/${id(fx, 'recruitment', missing)}/ranking` }),
  },
  // A department's decision: only HR of the subtree holding it (the parent's officer holds
  // civil-affairs); HR in scope without it may see the recruitment: 403 DEPARTMENT_NOT_HELD.
  'POST /v1/recruitments/{id}/candidates/{candidateId}/reviews': {
    allowed: grant('recruitment:review', () => ({ org: C1, department: 'civil-affairs' })),
    lookup: true,
    seen: grant('recruitment:manage', unit(C1)),
    refusedCode: 'DEPARTMENT_NOT_HELD',
    request: (fx, { missing }) => ({
      path: `/v1/recruitments/${id(fx, 'recruitment', missing)}/candidates/${id(fx, 'candidate', missing)}/reviews`,
      body: { department: 'civil-affairs', decision: 'approve', note: '同意' },
    }),
  },
  'POST /v1/recruitments/{id}/candidates/{candidateId}/reviews/{department}/withdrawal': {
    allowed: grant('recruitment:review', () => ({ org: C1, department: 'civil-affairs' })),
    lookup: true,
    seen: grant('recruitment:manage', unit(C1)),
    refusedCode: 'DEPARTMENT_NOT_HELD',
    request: (fx, { missing }) => ({
      path: `/v1/recruitments/${id(fx, 'recruitment', missing)}/candidates/${id(fx, 'candidate', missing)}/reviews/civil-affairs/withdrawal`,
      body: { note: '撤回' },
    }),
  },
  'POST /v1/recruitments/{id}/candidates/{candidateId}/withdrawal': {
    allowed: grant('recruitment:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/recruitments/${id(fx, 'recruitment', missing)}/candidates/${id(fx, 'candidate', missing)}/withdrawal`,
      body: { reason: '本人放弃' },
    }),
  },
  'POST /v1/recruitments/{id}/candidates/{candidateId}/disqualification': {
    allowed: grant('recruitment:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/recruitments/${id(fx, 'recruitment', missing)}/candidates/${id(fx, 'candidate', missing)}/disqualification`,
      body: { reason: '资格不符' },
    }),
  },
  'POST /v1/recruitments/{id}/candidates/{candidateId}/hire': {
    allowed: grant('recruitment:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/recruitments/${id(fx, 'recruitment', missing)}/candidates/${id(fx, 'candidate', missing)}/hire`,
      body: {},
    }),
  },
  'POST /v1/transfers': {
    allowed: grant('worker:write', unit(C1)),
    request: () => ({
      path: '/v1/transfers',
      body: {
        rows: [
          {
            nationalId: TRANSFER_ID,
            name: '矩阵转任',
            org: C1,
            currentMonthlyPayFen: 300_000,
            education: 'college',
          },
        ],
      },
    }),
  },
  'POST /v1/onboarding': {
    // Into the caller's own city: its city-level HR. The row's contract has ended (422), so an
    // allowed caller gets past authorisation and nothing is written.
    allowed: (_fx, caller) => caller.role === 'hr' && caller.org === rootOf(caller.org),
    request: () => ({
      path: '/v1/onboarding',
      body: {
        rows: [{ ...ONBOARDING_ROW, nationalId: nationalIdFor('1989-09-09'), contractEndsOn: '2026-01-31' }],
      },
    }),
  },
  'GET /v1/onboarding/{id}': {
    allowed: grant('worker:onboard', unit(CITY)),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/onboarding/${id(fx, 'onboarding', missing)}` }),
  },
  'GET /v1/transfers': {
    allowed: grant('worker:list', unit(C1)),
    request: () => ({ path: `/v1/transfers?org=${enc(C1)}` }),
  },
  'GET /v1/transfers/{id}': {
    allowed: grant('worker:list', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/transfers/${id(fx, 'transfer', missing)}` }),
  },
  'GET /v1/workers': {
    allowed: grant('worker:list', unit(C1)),
    request: () => ({ path: `/v1/workers?org=${enc(C1)}` }),
  },
  'GET /v1/workers/{id}': {
    allowed: grant('worker:read', wWithMentor),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}` }),
  },
  'GET /v1/workers/{id}/history': {
    allowed: grant('worker:read', wWithMentor),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/history` }),
  },
  'POST /v1/workers/{id}/probation': {
    allowed: grant('worker:write', workerRes('onProbation')),
    lookup: true,
    seen: grant('worker:read', workerRes('onProbation')),
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'onProbation', missing, MISSING_WORKER)}/probation`,
      body: { decision: 'extend', months: 1 },
    }),
  },
  'POST /v1/workers/{id}/exits/preview': {
    allowed: grant('worker:write', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/exits/preview`,
      body: { situation: 5, effectiveOn: TODAY, evidence: '本人辞职' },
    }),
  },
  'POST /v1/workers/{id}/exits': {
    allowed: grant('worker:write', workerRes('exiting')),
    lookup: true,
    seen: grant('worker:read', workerRes('exiting')),
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'exiting', missing, MISSING_WORKER)}/exits`,
      body: { situation: 5, effectiveOn: TODAY, evidence: '本人辞职' },
    }),
  },
  'POST /v1/workers/{id}/account': {
    allowed: grant('account:manage', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/account`,
      body: { email: 'matrix-again@example.cn' },
    }),
  },
  'GET /v1/workers/{id}/account': {
    allowed: grant('account:read', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({ path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/account` }),
  },
  'GET /v1/accounts/{username}': {
    allowed: grant('account:read', wWithMentor),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/accounts/${id(fx, 'w', missing, MISSING_WORKER)}` }),
  },
  'POST /v1/accounts': {
    allowed: (fx, caller) =>
      grant('account:manage-hr', unit(CITY))(fx, caller) && grant('account:manage-hr', unit(C1))(fx, caller),
    request: () => ({
      path: '/v1/accounts',
      body: { org: C1, name: '矩阵专干', email: 'matrix-hr@example.cn', department: 'civil-affairs' },
    }),
  },
  'POST /v1/accounts/{username}/disable': {
    allowed: (fx, caller) =>
      grant('account:manage-hr', unit(CITY))(fx, caller) && grant('account:manage-hr', unit(C1))(fx, caller),
    lookup: true,
    seen: grant('account:read', unit(C1)),
    request: (fx, { missing }) => ({
      path: `/v1/accounts/${id(fx, 'hrAccount', missing, 'hr_missing00000')}/disable`,
      body: { reason: '离开人事岗位' },
    }),
  },
  'GET /v1/accounts': {
    allowed: grant('account:list', unit(C1)),
    request: () => ({ path: `/v1/accounts?org=${enc(C1)}` }),
  },
  // The account some caller disables (whichever runs first): enabling it answers 200 or 409.
  'POST /v1/accounts/{username}/enable': {
    allowed: (fx, caller) =>
      grant('account:manage-hr', unit(CITY))(fx, caller) && grant('account:manage-hr', unit(C1))(fx, caller),
    lookup: true,
    seen: grant('account:read', unit(C1)),
    request: (fx, { missing }) => ({
      path: `/v1/accounts/${id(fx, 'hrAccount', missing, 'hr_missing00000')}/enable`,
      body: { reason: '重回人事岗位' },
    }),
  },
  'POST /v1/accounts/{username}/moves': {
    allowed: (fx, caller) =>
      grant('account:manage-hr', unit(CITY))(fx, caller) &&
      grant('account:manage-hr', unit(C1))(fx, caller) &&
      grant('account:manage-hr', unit(`${C1}/g1`))(fx, caller),
    lookup: true,
    seen: grant('account:read', unit(C1)),
    request: (fx, { missing }) => ({
      path: `/v1/accounts/${id(fx, 'hrMover', missing, 'hr_missing00000')}/moves`,
      body: { org: `${C1}/g1`, reason: '调任网格' },
    }),
  },
  'POST /v1/workers/{id}/moves': {
    allowed: (fx, caller) =>
      grant('worker:write', workerRes('mover'))(fx, caller) &&
      grant('worker:write', unit(`${C1}/g1`))(fx, caller),
    lookup: true,
    seen: grant('worker:read', workerRes('mover')),
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'mover', missing, MISSING_WORKER)}/moves`,
      body: { org: `${C1}/g1`, reason: '矩阵调动' },
    }),
  },
  'POST /v1/workers/{id}/contract-renewals': {
    allowed: grant('worker:write', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/contract-renewals`,
      body: { decision: 'renew' },
    }),
  },
  'GET /v1/contracts/ending': {
    allowed: grant('worker:list', unit(C1)),
    request: () => ({ path: `/v1/contracts/ending?org=${enc(C1)}` }),
  },
  'GET /v1/contract-reminders': {
    allowed: grant('worker:list', unit(C1)),
    request: () => ({ path: `/v1/contract-reminders?org=${enc(C1)}` }),
  },
  'POST /v1/contract-reminders/{id}/dismiss': {
    allowed: grant('worker:write', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/contract-reminders/${id(fx, 'reminder', missing, `${MISSING_WORKER}.2026-06-30`)}/dismiss`,
      body: {},
    }),
  },
  'GET /v1/probations': {
    allowed: grant('worker:list', unit(C1)),
    request: () => ({ path: `/v1/probations?org=${enc(C1)}` }),
  },
  'PATCH /v1/training-events/{id}': {
    allowed: grant('training:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/training-events/${id(fx, 'event', missing)}`,
      body: { title: '矩阵培训（改）', expectedVersion: 1 },
    }),
  },
  'GET /v1/training-events/{id}': {
    allowed: grant('training:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/training-events/${id(fx, 'event', missing)}` }),
  },
  'DELETE /v1/training-events/{id}/attendance/{workerId}': {
    allowed: grant('training:manage', unit(C1)),
    lookup: true,
    // Each caller allowed to removes an attendance of its own, so every allowed cell finds one.
    request: (fx, { missing, caller }) => ({
      path: `/v1/training-events/${id(fx, 'attendanceEvent', missing)}/attendance/${
        missing ? MISSING_WORKER : (fx.attendees[caller] ?? fx.w)
      }`,
    }),
  },
  'POST /v1/training-events': {
    allowed: grant('training:manage', unit(C1)),
    request: () => ({
      path: '/v1/training-events',
      body: { title: '矩阵培训', level: 'community', date: TODAY, hours: 2, org: C1 },
    }),
  },
  'GET /v1/training-events': {
    allowed: grant('training:manage', unit(C1)),
    request: () => ({ path: `/v1/training-events?org=${enc(C1)}` }),
  },
  'GET /v1/training-hours': {
    allowed: grant('training:manage', unit(C1)),
    request: () => ({ path: `/v1/training-hours?org=${enc(C1)}` }),
  },
  'GET /v1/training-events/{id}/attendance': {
    allowed: grant('training:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/training-events/${id(fx, 'event', missing)}/attendance` }),
  },
  'POST /v1/training-events/{id}/attendance': {
    allowed: grant('training:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/training-events/${id(fx, 'event', missing)}/attendance`,
      body: { rows: [{ workerId: fx.w2 }] },
    }),
  },
  'POST /v1/mentorships': {
    allowed: grant('mentorship:manage', unit(C1)),
    request: (fx) => ({ path: '/v1/mentorships', body: { mentorId: fx.m2, menteeId: fx.w2 } }),
  },
  'GET /v1/mentorships/{id}': {
    // HR of the mentee's unit, the mentor and the mentee.
    allowed: (fx, caller) =>
      grant('mentorship:manage', unit(C1))(fx, caller) ||
      (caller.role !== 'hr' && (caller.workerId === fx.m || caller.workerId === fx.w)),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/mentorships/${id(fx, 'mentorship', missing)}` }),
  },
  'POST /v1/mentorships/{id}/end': {
    allowed: grant('mentorship:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/mentorships/${id(fx, 'endedMentorship', missing)}/end`,
      body: { reason: '调岗' },
    }),
  },
  'POST /v1/mentors': {
    allowed: grant('mentorship:manage', unit(C1)),
    request: (fx) => ({ path: '/v1/mentors', body: { workerId: fx.newMentor } }),
  },
  'GET /v1/mentors': {
    allowed: grant('mentees:read', unit(C1)),
    request: () => ({ path: `/v1/mentors?org=${enc(C1)}` }),
  },
  'GET /v1/mentors/{id}/mentees': {
    allowed: grant('mentees:read', (fx) => ({ org: C1, workerId: fx.m })),
    lookup: true,
    seen: grant('worker:read', workerRes('m')),
    request: (fx, { missing }) => ({ path: `/v1/mentors/${id(fx, 'm', missing, MISSING_WORKER)}/mentees` }),
  },
  'GET /v1/workers/{id}/training': {
    allowed: grant('training:read', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({ path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/training` }),
  },
  'POST /v1/workers/{id}/certificates': {
    allowed: grant('certificate:write', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/certificates`,
      body: { level: 'assistant', number: 'MATRIX-0001', issuedOn: '2026-01-10', registeredOn: '2026-02-01' },
    }),
  },
  'GET /v1/certificates': {
    allowed: grant('worker:list', unit(C1)),
    request: () => ({ path: `/v1/certificates?org=${enc(C1)}&holding=certified` }),
  },
  'POST /v1/certificates': {
    allowed: grant('certificate:write', wWithMentor),
    // Workers named in the sheet: one outside the caller's subtree is refused as a missing one
    // would be (422, the row named); roles without the grant get 403 before any row is read.
    lookup: true,
    seen: (fx, caller) => caller.role !== 'hr' && seesW(fx, caller),
    refusedWith: [403, 422],
    request: (fx, { missing }) => ({
      path: '/v1/certificates',
      body: {
        rows: [
          {
            workerId: id(fx, 'w', missing, MISSING_WORKER),
            level: 'assistant',
            number: 'MATRIX-BULK-0001',
            issuedOn: '2026-01-10',
            registeredOn: '2026-02-01',
          },
        ],
      },
    }),
  },
  'GET /v1/workers/{id}/certificates': {
    allowed: grant('worker:read', wWithMentor),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/certificates`,
    }),
  },
  'POST /v1/workers/{id}/coaching-sessions': {
    allowed: grant('coaching:write', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/coaching-sessions`,
      body: { date: TODAY, minutes: 60, mode: 'case-analysis' },
    }),
  },
  'GET /v1/workers/{id}/coaching-sessions': {
    allowed: grant('coaching:read', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/coaching-sessions`,
    }),
  },
  'POST /v1/honour-cycles': {
    allowed: grant('honour:manage', unit(C1)),
    request: () => ({
      path: '/v1/honour-cycles',
      body: {
        honourType: 'peoples-congress-deputy',
        name: '矩阵评优',
        year: 2026,
        quotas: [{ org: C1, seats: 1 }],
      },
    }),
  },
  'GET /v1/honour-cycles': {
    // The caller's own city's cycles, for any HR officer.
    allowed: roles('hr'),
    request: () => ({ path: '/v1/honour-cycles' }),
  },
  'GET /v1/honour-cycles/{id}': {
    allowed: grant('honour:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/honour-cycles/${id(fx, 'cycle', missing)}` }),
  },
  'POST /v1/honour-cycles/{id}/nominations': {
    allowed: grant('honour:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/honour-cycles/${id(fx, 'cycle', missing)}/nominations`,
      body: { workerId: fx.w2, reason: '表现突出' },
    }),
  },
  'POST /v1/honour-cycles/{id}/nominations/{nominationId}/result': {
    allowed: grant('honour:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/honour-cycles/${id(fx, 'cycle', missing)}/nominations/${id(fx, 'nomination', missing)}/result`,
      body: { awarded: true },
    }),
  },
  'POST /v1/reserve-pool': {
    allowed: grant('pay:write', workerRes('reserve')),
    lookup: true,
    seen: grant('worker:read', workerRes('reserve')),
    request: (fx, { missing }) => ({
      path: '/v1/reserve-pool',
      body: { workerId: missing ? MISSING_WORKER : fx.reserve, reason: '工作突出' },
    }),
  },
  'GET /v1/reserve-pool': {
    allowed: grant('pay:read', unit(C1)),
    request: () => ({ path: `/v1/reserve-pool?org=${enc(C1)}` }),
  },
  'DELETE /v1/reserve-pool/{id}': {
    allowed: grant('pay:write', workerRes('reserveRemoved')),
    lookup: true,
    // Each caller allowed to removes an entry of its own, so every allowed cell finds one.
    request: (fx, { missing, caller }) => ({
      path: `/v1/reserve-pool/${missing ? MISSING_WORKER : (fx.pooled[caller] ?? fx.reserveRemoved)}`,
    }),
  },
  'GET /v1/payroll/{month}': {
    allowed: grant('pay:read', unit(C1)),
    request: () => ({ path: `/v1/payroll/2026-04?org=${enc(C1)}` }),
  },
  'POST /v1/grade-steps': {
    // For the caller's own city: its city-level HR.
    allowed: (_fx, caller) => caller.role === 'hr' && caller.org === rootOf(caller.org),
    request: () => ({ path: '/v1/grade-steps', body: { year: 2026 } }),
  },
  'GET /v1/workers/{id}/statements/{month}': {
    allowed: grant('pay:read', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/statements/2026-04`,
    }),
  },
  'GET /v1/workers/{id}/grade': {
    allowed: grant('pay:read', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({ path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/grade` }),
  },
  'PUT /v1/workers/{id}/grade': {
    allowed: grant('pay:write', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/grade`,
      body: { grade: 4, effectiveOn: TODAY, reason: '矩阵调整' },
    }),
  },
  'POST /v1/workers/{id}/promotions': {
    allowed: grant('pay:write', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/promotions`,
      body: { committee: 'residents', role: 'member', effectiveOn: TODAY, outsidePoolReason: '矩阵' },
    }),
  },
  // The preview answers as the promotion would (same grant and body) and writes nothing.
  'POST /v1/workers/{id}/promotions/preview': {
    allowed: grant('pay:write', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/promotions/preview`,
      body: { committee: 'residents', role: 'member', effectiveOn: TODAY, outsidePoolReason: '矩阵' },
    }),
  },
  'GET /v1/workers/{id}/promotions': {
    allowed: grant('pay:read', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/promotions`,
    }),
  },
  'POST /v1/evaluation-inputs/{kind}': {
    // HR, and every row's worker inside the caller's subtree.
    allowed: grant('evaluation:manage', wWithMentor),
    lookup: true,
    // A row naming a worker outside the caller's subtree is refused like one naming nobody.
    refusedWith: [403, 422],
    request: (fx, { missing }) => ({
      path: '/v1/evaluation-inputs/poll',
      body: { rows: [{ workerId: missing ? MISSING_WORKER : fx.w, period: '2026-04', score: 90 }] },
    }),
  },
  'GET /v1/evaluation-inputs': {
    allowed: grant('evaluation:read', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({
      path: `/v1/evaluation-inputs?workerId=${id(fx, 'w', missing, MISSING_WORKER)}&period=2026-04`,
    }),
  },
  'POST /v1/evaluations/runs': {
    allowed: grant('evaluation:manage', unit(C1)),
    request: () => ({ path: '/v1/evaluations/runs', body: { period: '2026-04', org: C1 } }),
  },
  'GET /v1/evaluations/runs': {
    allowed: grant('evaluation:read', unit(C1)),
    request: () => ({ path: `/v1/evaluations/runs?org=${enc(C1)}` }),
  },
  'GET /v1/evaluations/runs/{id}': {
    allowed: grant('evaluation:read', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/evaluations/runs/${id(fx, 'run', missing)}` }),
  },
  'POST /v1/evaluations/runs/{id}/resume': {
    allowed: grant('evaluation:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({ path: `/v1/evaluations/runs/${id(fx, 'run', missing)}/resume` }),
  },
  'GET /v1/evaluations/results': {
    allowed: grant('evaluation:read', unit(C1)),
    request: () => ({ path: `/v1/evaluations/results?org=${enc(C1)}&period=2026-04` }),
  },
  'GET /v1/exit-proposals': {
    allowed: grant('evaluation:manage', unit(C1)),
    request: () => ({ path: `/v1/exit-proposals?org=${enc(C1)}` }),
  },
  'GET /v1/exit-proposals/{id}': {
    allowed: grant('evaluation:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/exit-proposals/${id(fx, 'proposal', missing, `${MISSING_WORKER}-2025`)}`,
    }),
  },
  'POST /v1/exit-proposals/{id}/confirm': {
    allowed: grant('evaluation:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/exit-proposals/${id(fx, 'confirmedProposal', missing, `${MISSING_WORKER}-2025`)}/confirm`,
      body: { effectiveOn: TODAY },
    }),
  },
  'POST /v1/exit-proposals/{id}/dismiss': {
    allowed: grant('evaluation:manage', unit(C1)),
    lookup: true,
    request: (fx, { missing }) => ({
      path: `/v1/exit-proposals/${id(fx, 'proposal', missing, `${MISSING_WORKER}-2025`)}/dismiss`,
      body: { reason: '复核后称职' },
    }),
  },
  'GET /v1/workers/{id}/evaluations': {
    allowed: grant('evaluation:read', wWithMentor),
    lookup: true,
    seen: seesW,
    request: (fx, { missing }) => ({
      path: `/v1/workers/${id(fx, 'w', missing, MISSING_WORKER)}/evaluations`,
    }),
  },
  'POST /v1/jobs/{name}/runs': {
    // For the caller's own city: its city-level HR.
    allowed: (_fx, caller) => caller.role === 'hr' && caller.org === rootOf(caller.org),
    request: () => ({ path: '/v1/jobs/stats-snapshot/runs', body: { period: '2025' } }),
  },
  'GET /v1/jobs/{name}/runs': {
    allowed: (_fx, caller) => caller.role === 'hr' && caller.org === rootOf(caller.org),
    request: () => ({ path: '/v1/jobs/stats-snapshot/runs' }),
  },
  'GET /v1/stats': {
    allowed: grant('stats:read', unit(C1)),
    request: () => ({ path: `/v1/stats?org=${enc(C1)}` }),
  },
  'GET /v1/me': { allowed: roles('worker', 'mentor'), request: () => ({ path: '/v1/me' }) },
  'GET /v1/me/statements/{month}': {
    allowed: roles('worker', 'mentor'),
    // An HR officer has no statement of their own: 422 NO_WORKER_RECORD.
    refusedWith: [403, 422],
    request: () => ({ path: '/v1/me/statements/2026-04' }),
  },
  'GET /v1/me/evaluations': {
    allowed: roles('worker', 'mentor'),
    request: () => ({ path: '/v1/me/evaluations' }),
  },
  'GET /v1/me/training': { allowed: roles('worker', 'mentor'), request: () => ({ path: '/v1/me/training' }) },
  'GET /v1/me/coaching-sessions': {
    allowed: roles('worker', 'mentor'),
    request: () => ({ path: '/v1/me/coaching-sessions' }),
  },
};

/** Operations of the document the matrix does not call, each with the reason. */
const NOT_COVERED: Record<string, string> = {};

const CANDIDATE_ID = nationalIdFor('1998-04-01');
const TRANSFER_ID = nationalIdFor('1990-07-01');
const ONBOARDING_ROW = {
  name: '存量社工',
  org: C3,
  education: 'college',
  hiredOn: '2019-04-01',
  grade: 3,
  contractEndsOn: '2027-03-31',
};

let h: Harness;
let fx: Fixture;
let callers: Caller[];
let tokens: Map<string, string | undefined>;

beforeAll(async () => {
  h = await startHarness({ now: `${TODAY}T02:00:00.000Z` });
  const { hr } = await seedOrgTree(h, { communityQuota: 60 });
  const sibling = await hr.post('/v1/org-units', {
    id: C3,
    name: '红旗三社区',
    level: 'community',
    parentId: STREET,
    approvedQuota: 20,
  });
  expect(sibling.status, sibling.text).toBe(201);
  const worker = (name: string, extra: Record<string, unknown> = {}) =>
    seedWorker(h, { name, org: C1, isPartyMember: true, ...extra }).then((w) => w.id);
  const [
    w,
    m,
    m2,
    w2,
    exiting,
    onProbation,
    newMentor,
    reserve,
    reserveRemoved,
    other,
    proposed,
    confirmed,
    mover,
  ] = await Promise.all(
    [
      '王社工',
      '李导师',
      '赵导师',
      '钱社工',
      '孙离职',
      '周试用',
      '吴导师',
      '郑后备',
      '冯后备',
      '陈学员',
      '褚考核',
      '卫考核',
      '蒋调动',
    ].map((name, i) => worker(name, i === 5 ? { hiredOn: '2025-06-01', probationEndsOn: '2026-05-31' } : {})),
  );
  const ok = async (res: Promise<ApiResponse>, status = 201) => {
    const done = await res;
    expect(done.status, done.text).toBe(status);
    return done.body;
  };
  // Pairings: m mentors w; m2 mentors another worker; a third pairing to be ended.
  for (const mentor of [m!, m2!]) await ok(hr.post('/v1/mentors', { workerId: mentor }));
  const mentorship = (await ok(hr.post('/v1/mentorships', { mentorId: m, menteeId: w }))).id;
  await ok(hr.post('/v1/mentorships', { mentorId: m2, menteeId: other }));
  const endedMentorship = (await ok(hr.post('/v1/mentorships', { mentorId: m, menteeId: other }))).id;
  // w has a sign-in account (its state is read; a second one is refused with 409).
  await ok(hr.post(`/v1/workers/${w}/account`, { email: 'matrix-w@example.cn' }));
  // Two HR officers' accounts of C1: one to disable, one to move.
  const [hrAccount, hrMover] = await Promise.all(
    ['disable', 'move'].map(
      async (what) =>
        (
          await ok(
            hr.post('/v1/accounts', { org: C1, name: `矩阵${what}`, email: `matrix-${what}@example.cn` }),
          )
        ).username as string,
    ),
  );

  const recruitment = (await ok(hr.post('/v1/recruitments', { title: '红旗社区招聘', org: C1, places: 1 })))
    .id;
  const stagedRecruitment = (await ok(hr.post('/v1/recruitments', { title: '阶段招聘', org: C1, places: 1 })))
    .id;
  const candidate = (
    await ok(
      hr.post(`/v1/recruitments/${recruitment}/candidates`, {
        nationalId: nationalIdFor('1997-02-02'),
        name: '报名者',
        education: 'bachelor',
        politicalRecordClear: true,
        meetsHealthRequirement: true,
        hasLocalResidence: true,
      }),
    )
  ).id;
  const transfer = (
    await ok(
      hr.post('/v1/transfers', {
        rows: [
          {
            nationalId: nationalIdFor('1991-01-01'),
            name: '调入者',
            org: C1,
            currentMonthlyPayFen: 300_000,
            education: 'college',
          },
        ],
      }),
    )
  ).id;
  const onboarding = (
    await ok(
      hr.post('/v1/onboarding', { rows: [{ ...ONBOARDING_ROW, nationalId: nationalIdFor('1987-08-08') }] }),
    )
  ).id;
  const event = (
    await ok(
      hr.post('/v1/training-events', {
        title: '矩阵培训',
        level: 'community',
        date: '2026-05-04',
        hours: 2,
        org: C1,
      }),
    )
  ).id;
  const attendanceEvent = (
    await ok(
      hr.post('/v1/training-events', {
        title: '出勤培训',
        level: 'community',
        date: '2026-05-05',
        hours: 2,
        org: C1,
      }),
    )
  ).id;
  // One attendance per HR caller allowed to delete one (each removes its own), plus w's.
  const attendeeIds = [w!, w2!, exiting!, reserve!];
  await ok(
    hr.post(`/v1/training-events/${attendanceEvent}/attendance`, {
      rows: attendeeIds.map((workerId) => ({ workerId })),
    }),
  );
  const cycleOwner = await h.client('hr', C1);
  const cycle = (
    await ok(
      cycleOwner.post('/v1/honour-cycles', {
        honourType: 'outstanding-party-member',
        name: '优秀共产党员',
        year: 2026,
        quotas: [{ org: C1, seats: 3 }],
      }),
    )
  ).id;
  const nomination = (
    await ok(hr.post(`/v1/honour-cycles/${cycle}/nominations`, { workerId: w, reason: '表现突出' }))
  ).id;
  const pooledIds = [reserveRemoved!, w2!, newMentor!];
  for (const workerId of pooledIds) await ok(hr.post('/v1/reserve-pool', { workerId, reason: '工作突出' }));
  const run = (await ok(hr.post('/v1/evaluations/runs', { period: '2026-04', org: C1 }), 202)).id;
  const mentoringPolicy = (await ok(hr.get(`/v1/policies/mentoring?city=${CITY}`), 200)).document;

  // A finished durable batch and two exit proposals, as their writers leave them.
  const batch = `b_${'a'.repeat(24)}`;
  const at = h.now().toISOString();
  await h.store.client.send(
    new PutCommand({
      TableName: h.tableName,
      Item: batchItem({
        id: batch,
        kind: 'transfer',
        org: C1,
        subject: `transfer:${transfer}`,
        status: 'completed',
        stepCount: 2,
        nextStep: 2,
        undoNext: -1,
        owner: 'nobody',
        leaseUntil: 0,
        request: { actor: { sub: 'hr:qth', role: 'hr', org: CITY }, requestId: 'r', now: at },
        failure: null,
        createdAt: at,
        updatedAt: at,
      }),
    }),
  );
  const proposalFor = async (workerId: string, workerName: string) => {
    const pid = evaluationKeys.exitProposalId(workerId, 2025);
    await h.store.client.send(
      new PutCommand({
        TableName: h.tableName,
        Item: {
          ...evaluationKeys.exitProposal(pid),
          type: 'exit-proposal',
          id: pid,
          workerId,
          workerName,
          org: C1,
          year: 2025,
          situation: 1,
          reason: 'failed-year',
          years: [2025],
          note: '2025年度考核不称职',
          grade: 'failed',
          runId: 'run_x',
          policyVersion: 'default',
          status: 'pending',
          decision: null,
          gsi1pk: evaluationKeys.exitProposalsOf(C1, 'pending'),
          gsi1sk: evaluationKeys.exitProposalSort(C1, pid),
          createdAt: at,
          updatedAt: at,
          version: 1,
        },
      }),
    );
    return pid;
  };
  fx = {
    w: w!,
    m: m!,
    m2: m2!,
    w2: w2!,
    exiting: exiting!,
    onProbation: onProbation!,
    mover: mover!,
    newMentor: newMentor!,
    reserve: reserve!,
    reserveRemoved: reserveRemoved!,
    attendees: {},
    pooled: {},
    recruitment,
    stagedRecruitment,
    candidate,
    transfer,
    onboarding,
    event,
    attendanceEvent,
    mentorship,
    endedMentorship,
    cycle,
    nomination,
    batch,
    run,
    proposal: await proposalFor(proposed!, '褚考核'),
    confirmedProposal: await proposalFor(confirmed!, '卫考核'),
    reminder: contractReminderKeys.id(w!, '2026-06-30'),
    mentoringPolicy,
    hrAccount: hrAccount!,
    hrMover: hrMover!,
  };
  await h.store.client.send(
    new PutCommand({
      TableName: h.tableName,
      Item: contractReminderItem({
        id: fx.reminder,
        workerId: w!,
        workerName: '矩阵合同',
        org: C1,
        termNo: 1,
        endsOn: '2026-06-30',
        createdFor: TODAY,
        createdAt: new Date().toISOString(),
        status: 'open',
        dismissedAt: null,
        dismissedBy: null,
        note: null,
        version: 1,
      }),
    }),
  );

  callers = [
    { name: 'HR of the unit', actor: { role: 'hr', org: C1 }, token: 'valid' },
    // Holds the civil-affairs joint-review department (only the review operations look at it).
    {
      name: 'HR of its parent',
      actor: { role: 'hr', org: STREET, department: 'civil-affairs' },
      token: 'valid',
    },
    { name: 'HR of the city', actor: { role: 'hr', org: CITY }, token: 'valid' },
    { name: 'HR of a sibling unit', actor: { role: 'hr', org: C3 }, token: 'valid' },
    { name: 'HR of another city', actor: { role: 'hr', org: 'hrb' }, token: 'valid' },
    { name: "the worker's mentor", actor: { role: 'mentor', org: C1, workerId: fx.m }, token: 'valid' },
    { name: 'another mentor', actor: { role: 'mentor', org: C1, workerId: fx.m2 }, token: 'valid' },
    { name: 'the worker', actor: { role: 'worker', org: C1, workerId: fx.w }, token: 'valid' },
    { name: 'another worker', actor: { role: 'worker', org: C1, workerId: fx.w2 }, token: 'valid' },
    { name: 'no token', token: 'none' },
    { name: 'forged token', actor: { role: 'hr', org: CITY }, token: 'forged' },
  ];
  // The HR callers whose subtree holds C1 each delete a different attendance.
  const deleting = callers.filter(
    (c) => c.actor?.role === 'hr' && c.token === 'valid' && C1.startsWith(c.actor.org),
  );
  deleting.forEach((c, i) => {
    fx.attendees[c.name] = attendeeIds[i + 1]!;
    fx.pooled[c.name] = pooledIds[i]!;
  });
  tokens = new Map();
  for (const c of callers) {
    if (c.token === 'none' || !c.actor) tokens.set(c.name, undefined);
    else
      tokens.set(
        c.name,
        await signLocalToken(
          c.token === 'forged' ? 'not-the-server-secret-0123456789' : SECRET,
          c.actor,
          new Date(),
        ),
      );
  }
}, 180_000);
afterAll(() => h?.stop());

const SECRET = 'integration-test-secret-0123456789';

type Expected =
  | { kind: 'unauthenticated' }
  | { kind: 'allowed'; read: boolean }
  | { kind: 'refused'; lookup: boolean; seen: boolean; statuses: number[]; code: string };

function expectation(op: Operation, method: string, caller: Caller): Expected {
  if (caller.token !== 'valid' || !caller.actor) return { kind: 'unauthenticated' };
  if (op.allowed(fx, caller.actor)) return { kind: 'allowed', read: method === 'GET' };
  const lookup = op.lookup ?? false;
  return {
    kind: 'refused',
    lookup,
    seen: op.seen?.(fx, caller.actor) ?? false,
    statuses: op.refusedWith ?? (lookup ? [403, 404] : [403]),
    code: op.refusedCode ?? 'FORBIDDEN',
  };
}

/** Why the answer is wrong, or null. `missing`: what the same caller gets for a missing record. */
function verdict(expected: Expected, res: ApiResponse, missing?: ApiResponse): string | null {
  const code = res.body?.error?.code;
  switch (expected.kind) {
    case 'unauthenticated':
      return res.status === 401 && code === 'UNAUTHENTICATED' ? null : 'expected 401';
    case 'allowed':
      if (expected.read) return res.status === 200 ? null : 'expected 200';
      return [401, 403, 404].includes(res.status) || res.status >= 500
        ? 'expected to pass authorisation'
        : null;
    case 'refused':
      if (expected.seen)
        return res.status === 403 && code === expected.code
          ? null
          : `expected 403 ${expected.code} (it may see the record)`;
      if (!expected.statuses.includes(res.status) || typeof code !== 'string')
        return `expected ${expected.statuses.join(' or ')}`;
      if (res.status === 403 && code !== expected.code) return `expected ${expected.code}`;
      if (expected.lookup && (missing?.status !== res.status || missing?.body?.error?.code !== code))
        return `an existence oracle: a missing record answers ${missing?.status} ${missing?.body?.error?.code}`;
      return null;
  }
}

describe('authorisation matrix', () => {
  it('covers every operation of the OpenAPI document (or lists why not)', async () => {
    const doc = (await h.anonymous.get('/openapi.json')).body;
    const documented = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const unknown = documented.filter((op) => !(op in operations) && !(op in NOT_COVERED));
    expect(unknown, 'operations neither in the matrix nor in NOT_COVERED').toEqual([]);
    const stale = Object.keys(operations).filter((op) => !documented.includes(op));
    expect(stale, 'matrix entries for operations the document no longer has').toEqual([]);
  });

  it('every cell answers what the grants imply; refused look-ups answer like missing records', async () => {
    const failures: string[] = [];
    let cells = 0;
    for (const [key, op] of Object.entries(operations)) {
      const method = key.split(' ')[0]!;
      const send = (caller: Caller, request: Request) => {
        const client = h.as(tokens.get(caller.name));
        switch (method) {
          case 'GET':
            return client.get(request.path);
          case 'DELETE':
            return client.delete(request.path);
          default:
            return (client as any)[method.toLowerCase()](request.path, request.body ?? {});
        }
      };
      // Refused and unauthenticated cells first (they must change nothing), then the allowed ones.
      const ordered = [...callers].sort(
        (a, b) =>
          Number(expectation(op, method, a).kind === 'allowed') -
          Number(expectation(op, method, b).kind === 'allowed'),
      );
      for (const caller of ordered) {
        const expected = expectation(op, method, caller);
        const res = await send(caller, op.request(fx, { missing: false, caller: caller.name }));
        cells++;
        // A refused look-up is compared with what the same caller gets for a record that does not exist.
        const missing =
          expected.kind === 'refused' && expected.lookup && !expected.seen
            ? await send(caller, op.request(fx, { missing: true, caller: caller.name }))
            : undefined;
        const problem = verdict(expected, res, missing);
        if (problem)
          failures.push(`${key} × ${caller.name}: ${problem}, got ${res.status} ${res.text.slice(0, 160)}`);
        if (res.status === 403) {
          // The caller's own org and what the caller sent are theirs; anything else is a leak.
          const request = op.request(fx, { missing: false, caller: caller.name });
          const sent = decodeURIComponent(`${request.path} ${JSON.stringify(request.body ?? {})}`);
          const said = res.text.replaceAll(caller.actor?.org ?? '\u0000', '');
          for (const leak of [C1, STREET, fx.w, fx.m, fx.m2, fx.w2]) {
            if (said.includes(leak) && !sent.includes(leak))
              failures.push(`${key} × ${caller.name}: 403 body names ${leak}`);
          }
        }
      }
    }
    expect(cells).toBeGreaterThan(Object.keys(operations).length * 10);
    expect(failures, failures.join('\n')).toEqual([]);
  }, 300_000);
});
