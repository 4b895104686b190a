import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '#shared/domain/national-id.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';

let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;

const C1 = 'qth/xinxing/hongqi/c1';
const G1 = 'qth/xinxing/hongqi/c1/g1';

beforeAll(async () => {
  // 2026-03-02 10:00 in Shanghai.
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
});
afterAll(async () => h?.stop());

function person(overrides: Record<string, unknown> = {}) {
  return {
    nationalId: nationalIdFor('1996-04-01'),
    name: '候选人',
    education: 'college',
    politicalRecordClear: true,
    meetsHealthRequirement: true,
    hasLocalResidence: true,
    ...overrides,
  };
}

async function open(body: Record<string, unknown> = {}, client: Client = hr) {
  const res = await client.post('/v1/recruitments', { title: '社区工作者招聘', org: C1, places: 2, ...body });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; [k: string]: any };
}

async function register(recruitmentId: string, body: Record<string, unknown>) {
  const res = await hr.post(`/v1/recruitments/${recruitmentId}/candidates`, body);
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; nationalId: string; [k: string]: any };
}

async function stage(recruitmentId: string, to: string, client: Client = hr) {
  return client.post(`/v1/recruitments/${recruitmentId}/stage`, { to });
}

const departments = ['organisation', 'civil-affairs', 'public-security'];

/** A city HR officer holding the department: only they record its joint-review decisions. */
const reviewers = new Map<string, Client>();
async function reviewer(department: string) {
  if (!reviewers.has(department))
    reviewers.set(department, await h.client('hr', 'qth', undefined, { department }));
  return reviewers.get(department)!;
}

async function approveAll(recruitmentId: string, candidateId: string) {
  for (const department of departments) {
    const res = await (await reviewer(department)).post(
      `/v1/recruitments/${recruitmentId}/candidates/${candidateId}/reviews`,
      {
        department,
        decision: 'approve',
        note: '审查通过',
      },
    );
    expect(res.status, res.text).toBe(201);
  }
}

describe('opening a recruitment', () => {
  it('snapshots the recruitment policy and takes the starting grade from the pay policy', async () => {
    const r = await open();
    expect(r).toMatchObject({
      stage: 'open',
      org: C1,
      places: 2,
      post: 'staff',
      startingGrade: 1,
      channel: 'open-recruitment',
      openedOn: '2026-03-02',
      ageReferenceDate: '2026-03-02',
      payPolicyVersion: 'pay/default',
      policy: {
        version: 'recruitment/default',
        document: {
          publicNoticeDays: 7,
          examWeights: { written: 60, interview: 40 },
          interviewShortlistRatio: 3,
        },
      },
    });
    const deputy = await open({ post: 'deputy' });
    expect(deputy.startingGrade).toBe(4);
    const inBand = await open({ post: 'principal', startingGrade: 9 });
    expect(inBand.startingGrade).toBe(9);
    const outside = await hr.post('/v1/recruitments', {
      title: 'x',
      org: C1,
      places: 1,
      post: 'principal',
      startingGrade: 3,
    });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('GRADE_OUTSIDE_BAND');
    expect((await hr.post('/v1/recruitments', { title: 'x', org: 'qth/nowhere', places: 1 })).status).toBe(
      404,
    );
    const invalid = await hr.post('/v1/recruitments', { title: '', org: C1, places: 0 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['title', 'places']),
    );
    const got = await hr.get(`/v1/recruitments/${r.id}`);
    expect(got.body).toMatchObject({ id: r.id, stage: 'open' });
    const listed = await hr.get(`/v1/recruitments?org=${encodeURIComponent('qth/xinxing')}`);
    expect(listed.body.items.map((x: { id: string }) => x.id)).toContain(r.id);
  });
});

describe('registration and eligibility', () => {
  it('returns a verdict that names each failed criterion, and keeps ineligible candidates', async () => {
    const r = await open();
    const ok = await register(r.id, person({ certificateLevel: 'assistant' }));
    expect(ok.eligibility).toMatchObject({
      eligible: true,
      failed: [],
      policyVersion: 'recruitment/default',
    });
    expect(Object.keys(ok.eligibility.reasons).sort()).toEqual(
      ['age', 'education', 'health', 'political', 'professional', 'residence'].sort(),
    );
    expect(ok).toMatchObject({ registrationNo: 1, birthDate: '1996-04-01' });

    const failing = await register(
      r.id,
      person({
        nationalId: nationalIdFor('1980-05-05'),
        education: 'high-school',
        politicalRecordClear: false,
        meetsHealthRequirement: false,
        hasLocalResidence: false,
        passedProfessionalScreen: false,
      }),
    );
    expect(failing.eligibility.eligible).toBe(false);
    expect(failing.eligibility.failed).toEqual([
      'political',
      'age',
      'education',
      'professional',
      'health',
      'residence',
    ]);
    expect(failing.eligibility.reasons.age).toMatch(/45 岁，不在 18–35 岁之间/);
    expect(failing.registrationNo).toBe(2);

    // 38 years old: too old at 35, but a bachelor's degree raises the limit to 40.
    const older = await register(
      r.id,
      person({ nationalId: nationalIdFor('1988-01-01'), education: 'bachelor' }),
    );
    expect(older.eligibility.eligible).toBe(true);
    const olderCollege = await register(r.id, person({ nationalId: nationalIdFor('1988-01-01') }));
    expect(olderCollege.eligibility.failed).toEqual(['age']);

    const stored = await hr.get(`/v1/recruitments/${r.id}/candidates/${failing.id}`);
    expect(stored.body.eligibility.failed).toHaveLength(6);
    const all = await hr.get(`/v1/recruitments/${r.id}/candidates`);
    expect(all.body.items).toHaveLength(4);
    expect((await hr.get(`/v1/recruitments/${r.id}`)).body).toMatchObject({
      candidateCount: 4,
      eligibleCount: 2,
    });
  });

  it('concurrent registrations each take their own number: a loser re-reads the count and takes the next', async () => {
    const r = await open();
    const racing = await Promise.all(
      Array.from({ length: 8 }, () =>
        hr.post(`/v1/recruitments/${r.id}/candidates`, person({ nationalId: nationalIdFor('1997-07-07') })),
      ),
    );
    expect(racing.map((res) => res.status)).toEqual(Array(8).fill(201));
    expect(racing.map((res) => res.body.registrationNo as number).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect((await hr.get(`/v1/recruitments/${r.id}`)).body).toMatchObject({ candidateCount: 8 });
  });

  it('validates national ids and refuses the same person twice or an active worker (409)', async () => {
    const r = await open();
    const id = nationalIdFor('1995-01-01');
    const badCheck = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
    const bad = await hr.post(`/v1/recruitments/${r.id}/candidates`, person({ nationalId: badCheck }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'nationalId' });
    // Messages are Chinese by default (issue 11); English on request.
    expect(bad.body.error.details[0].message).toMatch(/校验码/);
    const badInEnglish = await hr.post(
      `/v1/recruitments/${r.id}/candidates`,
      person({ nationalId: badCheck }),
      {
        headers: { 'accept-language': 'en' },
      },
    );
    expect(badInEnglish.body.error.details[0].message).toMatch(/check/);
    const short = await hr.post(
      `/v1/recruitments/${r.id}/candidates`,
      person({ nationalId: id.slice(0, 17) }),
    );
    expect(short.status).toBe(400);
    const badDate = await hr.post(
      `/v1/recruitments/${r.id}/candidates`,
      person({ nationalId: withCheckDigit('23090219951301001') }),
    );
    expect(badDate.status).toBe(400);

    const first = await register(r.id, person({ nationalId: id }));
    const again = await hr.post(
      `/v1/recruitments/${r.id}/candidates`,
      person({ nationalId: id, name: '又一次' }),
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'DUPLICATE_CANDIDATE',
      details: { candidateId: first.id },
    });
    // An id ending in X: the lower-case x is the same person.
    let x = '';
    for (let seq = 100; !x.endsWith('X'); seq++) x = withCheckDigit(`23090219950101${seq}`);
    await register(r.id, person({ nationalId: x }));
    const lower = await hr.post(
      `/v1/recruitments/${r.id}/candidates`,
      person({ nationalId: x.toLowerCase() }),
    );
    expect(lower.status).toBe(409);

    const worker = await seedWorker(h);
    const active = await hr.post(
      `/v1/recruitments/${r.id}/candidates`,
      person({ nationalId: worker.nationalId }),
    );
    expect(active.status).toBe(409);
    expect(active.body.error).toMatchObject({
      code: 'ALREADY_ACTIVE_WORKER',
      details: { workerId: worker.id },
    });

    const outside = await hr.post(
      `/v1/recruitments/${r.id}/candidates`,
      person({ gridId: 'qth/taoshan/taoxi/c2/g1' }),
    );
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('GRID_OUTSIDE_RECRUITMENT');
    expect((await hr.get(`/v1/recruitments/${r.id}`)).body.candidateCount).toBe(2);
  });
});

describe('a full recruitment: exam, ranking, joint review, notice, hire', () => {
  let r: { id: string; [k: string]: any };
  const c: Record<string, { id: string; nationalId: string }> = {};

  it('walks the stages in order only', async () => {
    r = await open({ places: 2, title: '2026年红旗社区招聘' });
    // Designed so the tie order shows: B, C and A all total 82 (B with a certificate bonus);
    // F, D and E all total 80 (F grid worker, D party member).
    const people: [string, Record<string, unknown>][] = [
      ['A', {}],
      ['B', { certificateLevel: 'assistant' }],
      ['C', { isGridWorker: true, gridId: G1 }],
      ['D', { isPartyMember: true }],
      ['E', {}],
      ['F', { isGridWorker: true }],
      ['G', {}],
      ['H', {}],
      ['I', { hasLocalResidence: false }],
    ];
    for (const [name, extra] of people) {
      c[name] = await register(r.id, person({ name, nationalId: nationalIdFor('1997-07-07'), ...extra }));
    }
    expect((await stage(r.id, 'interview')).body.error.code).toBe('INVALID_STAGE_TRANSITION');
    const early = await hr.put(`/v1/recruitments/${r.id}/candidates/${c.A!.id}/scores`, { written: 90 });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('WRONG_STAGE');
    const written = await stage(r.id, 'written-exam');
    expect(written.status).toBe(200);
    expect(written.body.stage).toBe('written-exam');
    const late = await hr.post(`/v1/recruitments/${r.id}/candidates`, person());
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('WRONG_STAGE');
  });

  it('takes written scores in bulk as CSV, all or nothing with the failing rows listed', async () => {
    const csvOf = (rows: string[]) => `nationalId,written\n${rows.join('\n')}\n`;
    const invalid = await hr.post(`/v1/recruitments/${r.id}/scores`, undefined, {
      raw: csvOf([`${c.A!.nationalId},90`, `${c.B!.nationalId},101`, `${c.C!.nationalId},80.555`]),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { row: number }) => d.row)).toEqual([2, 3]);
    const refused = await hr.post(`/v1/recruitments/${r.id}/scores`, undefined, {
      raw: csvOf([`${c.A!.nationalId},90`, `${c.I!.nationalId},70`, `${nationalIdFor('1990-01-01')},50`]),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('SCORES_REJECTED');
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ row: 2, code: 'NOT_ELIGIBLE' }),
      expect.objectContaining({ row: 3, code: 'UNKNOWN_CANDIDATE' }),
    ]);
    expect((await hr.get(`/v1/recruitments/${r.id}/candidates/${c.A!.id}`)).body.scores.written).toBeNull();

    const scores: Record<string, number> = { A: 90, B: 85, C: 80, D: 80, E: 75, F: 70, G: 70 };
    const ok = await hr.post(`/v1/recruitments/${r.id}/scores`, undefined, {
      raw: csvOf(Object.entries(scores).map(([n, s]) => `${c[n]!.nationalId},${s}`)),
    });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.recorded).toBe(7);

    const ineligible = await hr.put(`/v1/recruitments/${r.id}/candidates/${c.I!.id}/scores`, { written: 99 });
    expect(ineligible.status).toBe(422);
    expect(ineligible.body.error.code).toBe('NOT_ELIGIBLE');
    const interviewNow = await hr.put(`/v1/recruitments/${r.id}/candidates/${c.A!.id}/scores`, {
      interview: 70,
    });
    expect(interviewNow.status).toBe(422);
    expect(interviewNow.body.error.code).toBe('WRONG_STAGE');

    const missing = await stage(r.id, 'interview');
    expect(missing.status).toBe(422);
    expect(missing.body.error).toMatchObject({
      code: 'SCORES_MISSING',
      details: { candidates: [expect.objectContaining({ candidateId: c.H!.id })] },
    });
    const single = await hr.put(`/v1/recruitments/${r.id}/candidates/${c.H!.id}/scores`, { written: 60 });
    expect(single.status).toBe(200);
    expect(single.body.scores).toEqual({ written: 60, interview: null });

    // Provisional ranking by written score: places 2 × ratio 3 = 6, and G ties F at the cut.
    const provisional = await hr.get(`/v1/recruitments/${r.id}/ranking`);
    expect(provisional.body).toMatchObject({ basis: 'written', final: false, shortlistSize: 7 });
    expect(provisional.body.items.find((i: any) => i.candidateId === c.H!.id).shortlisted).toBe(false);
  });

  it('fixes the interview shortlist (3:1, ties at the cut included) and takes interview scores', async () => {
    const interview = await stage(r.id, 'interview');
    expect(interview.status, interview.text).toBe(200);
    expect(interview.body.shortlist.sort()).toEqual(
      ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((n) => c[n]!.id).sort(),
    );
    const notShortlisted = await hr.put(`/v1/recruitments/${r.id}/candidates/${c.H!.id}/scores`, {
      interview: 99,
    });
    expect(notShortlisted.status).toBe(422);
    expect(notShortlisted.body.error.code).toBe('NOT_SHORTLISTED');
    const writtenFrozen = await hr.put(`/v1/recruitments/${r.id}/candidates/${c.A!.id}/scores`, {
      written: 10,
    });
    expect(writtenFrozen.status).toBe(422);
    expect(writtenFrozen.body.error.code).toBe('WRONG_STAGE');
    const earlyReview = await (await reviewer('organisation')).post(
      `/v1/recruitments/${r.id}/candidates/${c.A!.id}/reviews`,
      {
        department: 'organisation',
        decision: 'approve',
        note: '早',
      },
    );
    expect(earlyReview.status).toBe(422);
    expect(earlyReview.body.error.code).toBe('WRONG_STAGE');

    const interviews: Record<string, number> = { A: 70, B: 75, C: 85, D: 80, E: 87.5, F: 95 };
    const bulk = await hr.post(`/v1/recruitments/${r.id}/scores`, {
      rows: Object.entries(interviews).map(([n, s]) => ({ candidateId: c[n]!.id, interview: s })),
    });
    expect(bulk.status, bulk.text).toBe(200);
    const incomplete = await stage(r.id, 'review');
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.error.code).toBe('SCORES_MISSING');
    expect(
      (await hr.put(`/v1/recruitments/${r.id}/candidates/${c.G!.id}/scores`, { interview: 50 })).status,
    ).toBe(200);
  });

  it('ranks by weighted total plus certificate bonus, with the rule-book tie order', async () => {
    expect((await stage(r.id, 'review')).status).toBe(200);
    const ranking = await hr.get(`/v1/recruitments/${r.id}/ranking`);
    expect(ranking.status).toBe(200);
    expect(ranking.body).toMatchObject({ final: true, basis: 'total', places: 2 });
    const names = Object.fromEntries(Object.entries(c).map(([n, v]) => [v.id, n]));
    expect(ranking.body.items.map((i: any) => names[i.candidateId])).toEqual([
      'B',
      'C',
      'A',
      'F',
      'D',
      'E',
      'G',
    ]);
    expect(ranking.body.items[0]).toMatchObject({ rank: 1, weighted: 81, bonus: 1, total: 82, written: 85 });
    expect(ranking.body.items[1]).toMatchObject({ total: 82, bonus: 0 });
    expect(ranking.body.items[6]).toMatchObject({ rank: 7, total: 62 });
    expect(ranking.body.notShortlisted).toEqual([expect.objectContaining({ candidateId: c.H!.id })]);
    expect(ranking.body.ineligible).toEqual([
      expect.objectContaining({ candidateId: c.I!.id, failed: ['residence'] }),
    ]);
    expect(ranking.body.items[0].placement).toMatchObject({
      status: 'pending-review',
      pendingDepartments: departments,
    });
    expect(ranking.body.items[2].placement.status).toBe('reserve');
  });

  it('joint review: one rejection disqualifies and the next-ranked candidate takes the place', async () => {
    await approveAll(r.id, c.B!.id);
    const approveC = await (await reviewer('organisation')).post(
      `/v1/recruitments/${r.id}/candidates/${c.C!.id}/reviews`,
      {
        department: 'organisation',
        decision: 'approve',
        note: '同意',
      },
    );
    expect(approveC.body.placement.status).toBe('pending-review');
    const reject = await (await reviewer('civil-affairs')).post(
      `/v1/recruitments/${r.id}/candidates/${c.C!.id}/reviews`,
      {
        department: 'civil-affairs',
        decision: 'reject',
        note: '不符合民政审查要求',
      },
    );
    expect(reject.status).toBe(201);
    expect(reject.body.placement).toMatchObject({ status: 'rejected', rejectedBy: ['civil-affairs'] });
    expect(reject.body.candidate.reviews['civil-affairs']).toMatchObject({
      decision: 'rejected',
      note: '不符合民政审查要求',
    });
    const statuses = Object.fromEntries(reject.body.placements.map((p: any) => [p.id, p.status]));
    expect(statuses[c.B!.id]).toBe('selected');
    expect(statuses[c.A!.id]).toBe('pending-review');
    expect(statuses[c.F!.id]).toBe('reserve');

    const twice = await (await reviewer('civil-affairs')).post(
      `/v1/recruitments/${r.id}/candidates/${c.C!.id}/reviews`,
      {
        department: 'civil-affairs',
        decision: 'approve',
        note: '改主意',
      },
    );
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('REVIEW_ALREADY_RECORDED');
    const unknownDept = await (await reviewer('tax-bureau')).post(
      `/v1/recruitments/${r.id}/candidates/${c.A!.id}/reviews`,
      {
        department: 'tax-bureau',
        decision: 'approve',
        note: 'x',
      },
    );
    expect(unknownDept.status).toBe(422);
    expect(unknownDept.body.error.code).toBe('UNKNOWN_DEPARTMENT');
    const noNote = await (await reviewer('organisation')).post(
      `/v1/recruitments/${r.id}/candidates/${c.A!.id}/reviews`,
      {
        department: 'organisation',
        decision: 'approve',
        note: '  ',
      },
    );
    expect(noNote.status).toBe(400);
    const unranked = await (await reviewer('organisation')).post(
      `/v1/recruitments/${r.id}/candidates/${c.H!.id}/reviews`,
      {
        department: 'organisation',
        decision: 'approve',
        note: 'x',
      },
    );
    expect(unranked.status).toBe(422);
    expect(unranked.body.error.code).toBe('NOT_IN_RANKING');

    const pending = await stage(r.id, 'notice');
    expect(pending.status).toBe(422);
    expect(pending.body.error).toMatchObject({
      code: 'REVIEW_INCOMPLETE',
      details: { pending: [{ candidateId: c.A!.id, pendingDepartments: departments }] },
    });
  });

  it('refuses hires without every approval or before the notice ends (422 with the reason)', async () => {
    const hire = (name: string, body: unknown = {}) =>
      hr.post(`/v1/recruitments/${r.id}/candidates/${c[name]!.id}/hire`, body);
    const duringReview = await hire('B');
    expect(duringReview.status).toBe(422);
    expect(duringReview.body.error.code).toBe('NOTICE_NOT_STARTED');
    const pendingApproval = await hire('A');
    expect(pendingApproval.status).toBe(422);
    expect(pendingApproval.body.error).toMatchObject({
      code: 'REVIEW_PENDING',
      details: { pendingDepartments: departments },
    });

    await approveAll(r.id, c.A!.id);
    const notice = await stage(r.id, 'notice');
    expect(notice.status).toBe(200);
    expect(notice.body).toMatchObject({
      stage: 'notice',
      noticeStartsOn: '2026-03-02',
      noticeEndsOn: '2026-03-08',
    });
    expect(notice.body.selected.sort()).toEqual([c.A!.id, c.B!.id].sort());
    const lateReview = await (await reviewer('organisation')).post(
      `/v1/recruitments/${r.id}/candidates/${c.F!.id}/reviews`,
      {
        department: 'organisation',
        decision: 'approve',
        note: 'x',
      },
    );
    expect(lateReview.status).toBe(422);

    const tooEarly = await hire('B');
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.error).toMatchObject({
      code: 'NOTICE_PERIOD_NOT_OVER',
      details: { noticeEndsOn: '2026-03-08' },
    });
    expect(tooEarly.body.error.message).toMatch(/2026年3月8日/);
    h.setNow('2026-03-08T15:00:00.000Z'); // 23:00 on the notice's last day in Shanghai
    expect((await hire('B')).body.error.code).toBe('NOTICE_PERIOD_NOT_OVER');
    h.setNow('2026-03-09T02:00:00.000Z');
    const rejected = await hire('C');
    expect(rejected.status).toBe(422);
    expect(rejected.body.error).toMatchObject({
      code: 'REJECTED_IN_REVIEW',
      details: { rejectedBy: ['civil-affairs'] },
    });
    const reserve = await hire('F');
    expect(reserve.status).toBe(422);
    expect(reserve.body.error).toMatchObject({ code: 'NOT_SELECTED', details: { placement: 'reserve' } });
    expect(reserve.body.error.message).toMatch(/候补人员.*递补/);
    const ineligible = await hire('I');
    expect(ineligible.status).toBe(422);
    expect(ineligible.body.error.code).toBe('NOT_ELIGIBLE');
    const backdated = await hire('A', { hiredOn: '2026-03-08' });
    expect(backdated.status).toBe(422);
    expect(backdated.body.error.code).toBe('HIRE_BEFORE_NOTICE_END');
    const future = await hire('A', { hiredOn: '2026-04-01' });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('HIRE_DATE_IN_FUTURE');
  });

  it('hires: worker with terms, post and grade, a seat on every quota-holding ancestor, audit; retries are idempotent', async () => {
    const before = await Promise.all(
      ['qth', 'qth/xinxing', 'qth/xinxing/hongqi', C1].map(
        async (id) => (await hr.get(`/v1/org-units/${orgPath(id)}`)).body.used,
      ),
    );
    const headers = { 'idempotency-key': `hire-${c.C!.id}-B` };
    const first = await hr.post(`/v1/recruitments/${r.id}/candidates/${c.B!.id}/hire`, {}, { headers });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      name: 'B',
      nationalId: c.B!.nationalId,
      status: 'active',
      channel: 'open-recruitment',
      org: C1,
      post: 'staff',
      grade: 1,
      hiredOn: '2026-03-09',
      probationEndsOn: '2027-03-08',
      contractEndsOn: '2029-03-08',
      birthDate: '1997-07-07',
      step: { grade: 1, yearsCountedInGrade: 0 },
      source: { recruitmentId: r.id, candidateId: c.B!.id, recruitmentPolicyVersion: 'recruitment/default' },
      exit: null,
    });
    const replay = await hr.post(`/v1/recruitments/${r.id}/candidates/${c.B!.id}/hire`, {}, { headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const again = await hr.post(`/v1/recruitments/${r.id}/candidates/${c.B!.id}/hire`, {});
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_HIRED', details: { workerId: first.body.id } });

    const after = await Promise.all(
      ['qth', 'qth/xinxing', 'qth/xinxing/hongqi', C1].map(
        async (id) => (await hr.get(`/v1/org-units/${orgPath(id)}`)).body.used,
      ),
    );
    expect(after).toEqual(before.map((n) => n + 1));
    const workers = await hr.get(`/v1/workers?org=${encodeURIComponent(C1)}`);
    expect(workers.body.items.filter((w: any) => w.name === 'B')).toHaveLength(1);
    const candidate = await hr.get(`/v1/recruitments/${r.id}/candidates/${c.B!.id}`);
    expect(candidate.body).toMatchObject({ hiredWorkerId: first.body.id, hiredOn: '2026-03-09' });
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`worker:${first.body.id}`)}`);
    expect(audit.body.items.map((e: any) => e.action)).toEqual(['worker.hired']);
    const history = await hr.get(`/v1/workers/${first.body.id}/history`);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        event: 'hired',
        effectiveOn: '2026-03-09',
        details: expect.objectContaining({ recruitmentId: r.id }),
      }),
    ]);

    // A hired into the grid given at registration? A had none: the recruitment's org. Backdating
    // to the day after the notice is allowed.
    h.setNow('2026-03-12T02:00:00.000Z');
    const a = await hr.post(`/v1/recruitments/${r.id}/candidates/${c.A!.id}/hire`, { hiredOn: '2026-03-09' });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ hiredOn: '2026-03-09', org: C1 });
    expect((await hr.get(`/v1/recruitments/${r.id}`)).body.hiredCount).toBe(2);

    const stats = await hr.get(`/v1/stats?org=${encodeURIComponent(C1)}&year=2026`);
    expect(stats.body.hires).toMatchObject({ openRecruitment: 2, total: 2 });
    expect(stats.body.headcount.active).toBeGreaterThanOrEqual(2);

    const closed = await stage(r.id, 'closed');
    expect(closed.status).toBe(200);
    expect(closed.body.stage).toBe('closed');
    const afterClose = await hr.post(`/v1/recruitments/${r.id}/candidates/${c.F!.id}/hire`, {});
    expect(afterClose.status).toBe(422);
    expect(afterClose.body.error.code).toBe('RECRUITMENT_CLOSED');
    expect((await stage(r.id, 'notice')).body.error.code).toBe('RECRUITMENT_CLOSED');
  });

  it('places a hire in the grid named at registration', async () => {
    const r2 = await open({ places: 1 });
    const cand = await register(r2.id, person({ name: '网格员', gridId: G1 }));
    expect((await stage(r2.id, 'written-exam')).status).toBe(200);
    await hr.put(`/v1/recruitments/${r2.id}/candidates/${cand.id}/scores`, { written: 70 });
    expect((await stage(r2.id, 'interview')).status).toBe(200);
    await hr.put(`/v1/recruitments/${r2.id}/candidates/${cand.id}/scores`, { interview: 70 });
    expect((await stage(r2.id, 'review')).status).toBe(200);
    await approveAll(r2.id, cand.id);
    expect((await stage(r2.id, 'notice')).status).toBe(200);
    h.setNow('2026-03-20T02:00:00.000Z');
    const hired = await hr.post(`/v1/recruitments/${r2.id}/candidates/${cand.id}/hire`, {});
    expect(hired.status).toBe(201);
    expect(hired.body.org).toBe(G1);
  });

  it('a street-level recruitment needs each candidate placed in a community or grid', async () => {
    const street = await open({ org: 'qth/xinxing/hongqi', places: 1 });
    const unplaced = await hr.post(`/v1/recruitments/${street.id}/candidates`, person({ name: '未定岗' }));
    expect(unplaced.status).toBe(422);
    expect(unplaced.body.error).toMatchObject({ code: 'PLACEMENT_REQUIRED', details: { level: 'street' } });
    const placed = await hr.post(
      `/v1/recruitments/${street.id}/candidates`,
      person({ name: '定岗', gridId: C1 }),
    );
    expect(placed.status, placed.text).toBe(201);
  });
});

describe('quota and concurrency', () => {
  it('30 concurrent hires for 10 free seats: exactly 10 workers, the rest 409 QUOTA_EXCEEDED with nothing written', async () => {
    const community = 'qth/xinxing/hongqi/c9';
    const created = await hr.post('/v1/org-units', {
      id: community,
      name: '并发社区',
      level: 'community',
      parentId: 'qth/xinxing/hongqi',
      approvedQuota: 10,
    });
    expect(created.status).toBe(201);
    const r = await open({
      org: community,
      places: 30,
      channel: 'helper-appointment',
      title: '协辅人员招聘',
    });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(
        (await register(r.id, person({ name: `协辅${i}`, nationalId: nationalIdFor('1998-02-02') }))).id,
      );
    }
    expect((await stage(r.id, 'written-exam')).status).toBe(200);
    const written = await hr.post(`/v1/recruitments/${r.id}/scores`, {
      rows: ids.map((candidateId, i) => ({ candidateId, written: 60 + i })),
    });
    expect(written.status).toBe(200);
    expect((await stage(r.id, 'interview')).status).toBe(200);
    await hr.post(`/v1/recruitments/${r.id}/scores`, {
      rows: ids.map((candidateId) => ({ candidateId, interview: 80 })),
    });
    expect((await stage(r.id, 'review')).status).toBe(200);
    for (const id of ids) await approveAll(r.id, id);
    const notice = await stage(r.id, 'notice');
    expect(notice.status).toBe(200);
    expect(notice.body.selected).toHaveLength(30);
    h.setNow('2026-04-01T02:00:00.000Z');

    const statsBefore = (await hr.get(`/v1/stats?org=${encodeURIComponent(community)}&year=2026`)).body;
    const results = await Promise.all(
      ids.map(async (id) => {
        for (let attempt = 1; ; attempt++) {
          const res = await hr.post(`/v1/recruitments/${r.id}/candidates/${id}/hire`, {});
          // 409 CONCURRENT_UPDATE says "retry shortly": a client does.
          if (res.status === 409 && res.body.error.code === 'CONCURRENT_UPDATE' && attempt < 10) continue;
          return res;
        }
      }),
    );
    const statuses = results.map((res) => res.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(20);
    expect(
      results.filter((res) => res.status === 409).every((res) => res.body.error.code === 'QUOTA_EXCEEDED'),
    ).toBe(true);
    const unit = (await hr.get(`/v1/org-units/${orgPath(community)}`)).body;
    expect(unit).toMatchObject({ quota: 10, used: 10, available: 0 });
    const workers = await hr.get(`/v1/workers?org=${encodeURIComponent(community)}&limit=100`);
    expect(workers.body.items).toHaveLength(10);
    expect(workers.body.items.every((w: any) => w.channel === 'helper-appointment')).toBe(true);
    expect((await hr.get(`/v1/recruitments/${r.id}`)).body.hiredCount).toBe(10);
    const candidates = (await hr.get(`/v1/recruitments/${r.id}/candidates?limit=100`)).body.items;
    expect(candidates.filter((cand: any) => cand.hiredWorkerId !== null)).toHaveLength(10);
    const stats = (await hr.get(`/v1/stats?org=${encodeURIComponent(community)}&year=2026`)).body;
    expect(stats.hires.helperAppointment - (statsBefore.hires.helperAppointment ?? 0)).toBe(10);
    expect(stats.headcount.active).toBe(10);

    // One more, alone: still refused, and nothing is written.
    const refusedId = ids.find((id) => !candidates.find((cand: any) => cand.id === id).hiredWorkerId)!;
    const one = await hr.post(`/v1/recruitments/${r.id}/candidates/${refusedId}/hire`, {});
    expect(one.status).toBe(409);
    expect(one.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { org: community } });
    expect((await hr.get(`/v1/recruitments/${r.id}/candidates/${refusedId}`)).body.hiredWorkerId).toBeNull();
    expect(
      (await hr.get(`/v1/workers?org=${encodeURIComponent(community)}&limit=100`)).body.items,
    ).toHaveLength(10);
  });
});

describe('authorisation', () => {
  it('only HR officers of the subtree manage recruitments', async () => {
    const r = await open({ places: 1 });
    const cand = await register(r.id, person());
    const otherDistrict = await h.client('hr', 'qth/taoshan');
    const street = await h.client('hr', 'qth/xinxing/hongqi');
    const worker = await seedWorker(h, { hiredOn: '2026-01-05' });
    const mentor = await h.client('mentor', C1, 'w_some_mentor');
    const self = await h.client('worker', C1, worker.id);
    for (const client of [otherDistrict, mentor, self]) {
      // A recruitment outside their scope answers as a missing one (no existence oracle).
      expect((await client.get(`/v1/recruitments/${r.id}`)).status).toBe(404);
      expect((await client.get(`/v1/recruitments/${r.id}/candidates`)).status).toBe(404);
      expect((await client.get(`/v1/recruitments/${r.id}/candidates/${cand.id}`)).status).toBe(404);
      expect((await client.get(`/v1/recruitments/${r.id}/ranking`)).status).toBe(404);
      expect((await client.post(`/v1/recruitments/${r.id}/candidates`, person())).status).toBe(404);
      expect((await client.post(`/v1/recruitments/${r.id}/stage`, { to: 'written-exam' })).status).toBe(404);
      expect(
        (await client.put(`/v1/recruitments/${r.id}/candidates/${cand.id}/scores`, { written: 1 })).status,
      ).toBe(404);
      expect(
        (
          await client.post(`/v1/recruitments/${r.id}/candidates/${cand.id}/reviews`, {
            department: 'organisation',
            decision: 'approve',
            note: 'x',
          })
        ).status,
      ).toBe(404);
      expect((await client.post(`/v1/recruitments/${r.id}/candidates/${cand.id}/hire`, {})).status).toBe(404);
      expect((await client.post('/v1/recruitments', { title: 'x', org: C1, places: 1 })).status).toBe(403);
      expect((await client.get(`/v1/recruitments?org=${encodeURIComponent('qth/xinxing')}`)).status).toBe(
        403,
      );
    }
    // A street officer above the community may.
    expect((await street.get(`/v1/recruitments/${r.id}`)).status).toBe(200);
    expect((await h.anonymous.get(`/v1/recruitments/${r.id}`)).status).toBe(401);
    expect((await hr.get('/v1/recruitments/r_missing')).status).toBe(404);
  });
});

describe('policy versions', () => {
  it('a recruitment keeps the policy it opened under; a new one uses the version now in force', async () => {
    const before = await open({ places: 1 });
    const today = '2026-04-01'; // the clock the concurrency test left
    const policy = (await hr.get('/v1/policies/recruitment')).body.document;
    const stored = await hr.put(`/v1/policies/recruitment/${today}`, {
      ...policy,
      maxAge: 30,
      raisedMaxAge: 32,
      examWeights: { written: 50, interview: 50 },
      publicNoticeDays: 3,
      jointReviewDepartments: ['organisation'],
    });
    expect(stored.status, stored.text).toBe(200);
    const after = await open({ places: 1 });
    expect(before.policy.version).toBe('recruitment/default');
    expect(after.policy).toMatchObject({
      version: stored.body.version,
      document: { maxAge: 30, publicNoticeDays: 3, jointReviewDepartments: ['organisation'] },
    });
    // A 33-year-old with a college diploma: eligible under the old rules, too old under the new.
    const nationalId = nationalIdFor('1992-06-01');
    const old = await register(before.id, person({ nationalId }));
    const now = await register(after.id, person({ nationalId }));
    expect(old.eligibility).toMatchObject({ eligible: true, policyVersion: 'recruitment/default' });
    expect(now.eligibility).toMatchObject({
      eligible: false,
      failed: ['age'],
      policyVersion: stored.body.version,
    });
    // The new recruitment's review needs only the organisation department, its notice lasts 3 days.
    const cand = await register(after.id, person({ nationalId: nationalIdFor('1999-09-09') }));
    await stage(after.id, 'written-exam');
    await hr.put(`/v1/recruitments/${after.id}/candidates/${cand.id}/scores`, { written: 80 });
    await stage(after.id, 'interview');
    await hr.put(`/v1/recruitments/${after.id}/candidates/${cand.id}/scores`, { interview: 70 });
    await stage(after.id, 'review');
    const ranking = await hr.get(`/v1/recruitments/${after.id}/ranking`);
    expect(ranking.body.items[0]).toMatchObject({ weighted: 75, total: 75 });
    expect(
      (
        await (
          await reviewer('public-security')
        ).post(`/v1/recruitments/${after.id}/candidates/${cand.id}/reviews`, {
          department: 'public-security',
          decision: 'approve',
          note: 'x',
        })
      ).body.error.code,
    ).toBe('UNKNOWN_DEPARTMENT');
    await (await reviewer('organisation')).post(
      `/v1/recruitments/${after.id}/candidates/${cand.id}/reviews`,
      {
        department: 'organisation',
        decision: 'approve',
        note: '同意',
      },
    );
    const notice = await stage(after.id, 'notice');
    expect(notice.body).toMatchObject({ noticeStartsOn: today, noticeEndsOn: '2026-04-03' });
  });
});
