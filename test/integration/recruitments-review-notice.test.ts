import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalIdFor } from '../support/fixtures.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';

/**
 * The joint review done right (issue 12 item 5): a department's decision only from an officer
 * holding that department, withdrawing a decision before the hire, and a selected candidate
 * withdrawing (本人放弃) or disqualified (取消资格) during the public notice with the next-ranked
 * approved candidate moving up (递补) under a notice of their own.
 */

let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;
const C1 = 'qth/xinxing/hongqi/c1';
const departments = ['organisation', 'civil-affairs', 'public-security'];
const reviewers = new Map<string, Client>();

beforeAll(async () => {
  // 2026-03-02 10:00 in Shanghai.
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
  for (const d of departments) reviewers.set(d, await h.client('hr', 'qth', undefined, { department: d }));
});
afterAll(async () => h?.stop());

const reviewsPath = (r: string, c: string) => `/v1/recruitments/${r}/candidates/${c}/reviews`;

async function decide(r: string, c: string, department: string, decision: 'approve' | 'reject' = 'approve') {
  const res = await reviewers
    .get(department)!
    .post(reviewsPath(r, c), { department, decision, note: '审查意见' });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/**
 * A recruitment in stage review: candidates ranked in the order given (written = interview = the
 * score), `places` places. Returns the recruitment id and candidate ids by name.
 */
async function inReview(places: number, scores: Record<string, number>) {
  const opened = await hr.post('/v1/recruitments', { title: '联审与公示', org: C1, places });
  expect(opened.status, opened.text).toBe(201);
  const r = opened.body.id as string;
  const ids: Record<string, string> = {};
  for (const name of Object.keys(scores)) {
    const res = await hr.post(`/v1/recruitments/${r}/candidates`, {
      nationalId: nationalIdFor('1997-07-07'),
      name,
      education: 'college',
      politicalRecordClear: true,
      meetsHealthRequirement: true,
      hasLocalResidence: true,
    });
    expect(res.status, res.text).toBe(201);
    ids[name] = res.body.id;
  }
  const stage = async (to: string) =>
    expect((await hr.post(`/v1/recruitments/${r}/stage`, { to })).status).toBe(200);
  await stage('written-exam');
  for (const [name, score] of Object.entries(scores))
    await hr.put(`/v1/recruitments/${r}/candidates/${ids[name]}/scores`, { written: score });
  await stage('interview');
  for (const [name, score] of Object.entries(scores))
    await hr.put(`/v1/recruitments/${r}/candidates/${ids[name]}/scores`, { interview: score });
  await stage('review');
  return { r, ids };
}

async function toNotice(r: string) {
  const res = await hr.post(`/v1/recruitments/${r}/stage`, { to: 'notice' });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

async function auditActions(r: string) {
  const res = await hr.get(`/v1/audit?entity=${encodeURIComponent(`recruitment:${r}`)}&limit=100`);
  expect(res.status).toBe(200);
  return res.body.items as { action: string; actor?: unknown; before?: any; after?: any }[];
}

describe('a department decision only from its holder', () => {
  it('refuses HR officers without the department (403 DEPARTMENT_NOT_HELD, in Chinese) and takes the holder', async () => {
    const { r, ids } = await inReview(1, { A: 90 });
    const body = { department: 'civil-affairs', decision: 'approve', note: '同意' };
    const city = await hr.post(reviewsPath(r, ids.A!), body);
    expect(city.status).toBe(403);
    expect(city.body.error.code).toBe('DEPARTMENT_NOT_HELD');
    expect(city.body.error.message).toContain('民政局');
    const otherDepartment = await reviewers.get('organisation')!.post(reviewsPath(r, ids.A!), body);
    expect(otherDepartment.status).toBe(403);
    expect(otherDepartment.body.error.code).toBe('DEPARTMENT_NOT_HELD');
    const english = await hr.post(reviewsPath(r, ids.A!), body, { headers: { 'accept-language': 'en' } });
    expect(english.body.error.message).toMatch(/civil-affairs/);
    // Holding the department outside the recruitment's subtree changes nothing: a missing record.
    const elsewhere = await h.client('hr', 'qth/taoshan', undefined, { department: 'civil-affairs' });
    expect((await elsewhere.post(reviewsPath(r, ids.A!), body)).status).toBe(404);
    // The street's officer holding it may (the community is inside the street).
    const street = await h.client('hr', 'qth/xinxing/hongqi', undefined, { department: 'civil-affairs' });
    const recorded = await street.post(reviewsPath(r, ids.A!), { ...body, department: '民政局' });
    expect(recorded.status, recorded.text).toBe(201);
    expect(recorded.body.candidate.reviews['civil-affairs']).toMatchObject({ decision: 'approved' });
    expect(recorded.body.candidate.reviews.organisation).toBeUndefined();
    const audit = await auditActions(r);
    expect(audit.filter((e) => e.action === 'recruitment.review-recorded')).toHaveLength(1);
  });
});

describe('withdrawing a decision', () => {
  it('before the notice: the decision is gone, audited, guarded; only the holder withdraws', async () => {
    const { r, ids } = await inReview(1, { A: 90, B: 80 });
    for (const d of departments) await decide(r, ids.A!, d);
    const withdrawalPath = (d: string) => `${reviewsPath(r, ids.A!)}/${d}/withdrawal`;
    const notHolder = await hr.post(withdrawalPath('civil-affairs'), { note: '误录' });
    expect(notHolder.status).toBe(403);
    expect(notHolder.body.error.code).toBe('DEPARTMENT_NOT_HELD');
    const noNote = await reviewers.get('civil-affairs')!.post(withdrawalPath('civil-affairs'), { note: ' ' });
    expect(noNote.status).toBe(400);
    const headers = { 'idempotency-key': `withdraw-${ids.A}` };
    const withdrawn = await reviewers
      .get('civil-affairs')!
      .post(withdrawalPath('civil-affairs'), { note: '材料需复核' }, { headers });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect(withdrawn.body.candidate.reviews['civil-affairs']).toBeUndefined();
    expect(withdrawn.body.placement).toMatchObject({
      status: 'pending-review',
      pendingDepartments: ['civil-affairs'],
    });
    // A retry with the same key answers the same and changes nothing more.
    const retry = await reviewers
      .get('civil-affairs')!
      .post(withdrawalPath('civil-affairs'), { note: '材料需复核' }, { headers });
    expect(retry.status).toBe(200);
    const again = await reviewers
      .get('civil-affairs')!
      .post(withdrawalPath('civil-affairs'), { note: '再撤' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REVIEW_NOT_RECORDED');
    const audit = (await auditActions(r)).filter((e) => e.action === 'recruitment.review-withdrawn');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      before: { candidateId: ids.A, department: 'civil-affairs', decision: 'approved' },
      after: { candidateId: ids.A, department: 'civil-affairs', note: '材料需复核' },
    });
    // The notice can't start while the place waits; the department decides again.
    expect((await hr.post(`/v1/recruitments/${r}/stage`, { to: 'notice' })).body.error.code).toBe(
      'REVIEW_INCOMPLETE',
    );
    await decide(r, ids.A!, 'civil-affairs');
    expect((await toNotice(r)).selected).toEqual([ids.A]);
  });

  it('during the notice: a selected candidate losing an approval leaves, the next moves up; 409 once hired', async () => {
    const { r, ids } = await inReview(1, { A: 90, B: 80, C: 70 });
    for (const name of ['A', 'B']) for (const d of departments) await decide(r, ids[name]!, d);
    const notice = await toNotice(r);
    expect(notice.selected).toEqual([ids.A]);
    const res = await reviewers
      .get('public-security')!
      .post(`${reviewsPath(r, ids.A!)}/public-security/withdrawal`, { note: '发现新情况' });
    expect(res.status, res.text).toBe(200);
    const recruitment = (await hr.get(`/v1/recruitments/${r}`)).body;
    expect(recruitment.selected).toEqual([ids.B]);
    const b = (await hr.get(`/v1/recruitments/${r}/candidates/${ids.B}`)).body;
    expect(b.notice).toEqual({ startsOn: '2026-03-02', endsOn: '2026-03-08' });
    // B is hired after their notice; then no department can take its decision on B back.
    h.setNow('2026-03-09T02:00:00.000Z');
    const hired = await hr.post(`/v1/recruitments/${r}/candidates/${ids.B}/hire`, {});
    expect(hired.status, hired.text).toBe(201);
    const late = await reviewers
      .get('organisation')!
      .post(`${reviewsPath(r, ids.B!)}/organisation/withdrawal`, { note: '太晚' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ALREADY_HIRED');
    h.setNow('2026-03-02T02:00:00.000Z');
  });
});

describe('withdrawal and disqualification during the notice (递补)', () => {
  it('moves the next approved candidate up with a fresh notice; quota seats stay right; audited', async () => {
    h.setNow('2026-03-02T02:00:00.000Z');
    // Places 2: A and B selected; C and D approved reserves; E pending (passed over).
    const { r, ids } = await inReview(2, { A: 95, B: 90, E: 85, C: 80, D: 75 });
    for (const name of ['A', 'B', 'C', 'D']) for (const d of departments) await decide(r, ids[name]!, d);
    await decide(r, ids.E!, 'organisation', 'reject');
    const notice = await toNotice(r);
    expect([...notice.selected].sort()).toEqual([ids.A, ids.B].sort());
    const usedBefore = (await hr.get(`/v1/org-units/${orgPath(C1)}`)).body.used;

    // Not in the notice yet / not selected: refused.
    expect((await hr.post(`/v1/recruitments/${r}/candidates/${ids.C}/withdrawal`, {})).body.error.code).toBe(
      'NOT_SELECTED',
    );
    // Two days into the notice, A withdraws (本人放弃).
    h.setNow('2026-03-04T02:00:00.000Z');
    const withdrew = await hr.post(`/v1/recruitments/${r}/candidates/${ids.A}/withdrawal`, {
      reason: '本人放弃',
    });
    expect(withdrew.status, withdrew.text).toBe(200);
    expect(withdrew.body.candidate.removal).toMatchObject({ kind: 'withdrew', reason: '本人放弃' });
    expect(withdrew.body.movedUp).toMatchObject({
      id: ids.C,
      notice: { startsOn: '2026-03-04', endsOn: '2026-03-10' },
    });
    expect([...withdrew.body.recruitment.selected].sort()).toEqual([ids.B, ids.C].sort());
    const twice = await hr.post(`/v1/recruitments/${r}/candidates/${ids.A}/withdrawal`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('CANDIDATE_REMOVED');

    // Disqualification needs a reason.
    const noReason = await hr.post(`/v1/recruitments/${r}/candidates/${ids.B}/disqualification`, {});
    expect(noReason.status).toBe(400);
    const disqualified = await hr.post(`/v1/recruitments/${r}/candidates/${ids.B}/disqualification`, {
      reason: '公示期间收到实名举报，经核实存在违纪记录',
    });
    expect(disqualified.status, disqualified.text).toBe(200);
    expect(disqualified.body.candidate.removal).toMatchObject({ kind: 'disqualified' });
    expect(disqualified.body.movedUp.id).toBe(ids.D);
    expect([...disqualified.body.recruitment.selected].sort()).toEqual([ids.C, ids.D].sort());

    const audit = await auditActions(r);
    const withdrawal = audit.find((e) => e.action === 'recruitment.candidate-withdrew');
    expect(withdrawal?.after).toMatchObject({
      candidateId: ids.A,
      kind: 'withdrew',
      movedUp: { candidateId: ids.C, notice: { endsOn: '2026-03-10' } },
    });
    expect(audit.find((e) => e.action === 'recruitment.candidate-disqualified')?.after).toMatchObject({
      candidateId: ids.B,
      reason: '公示期间收到实名举报，经核实存在违纪记录',
      movedUp: { candidateId: ids.D },
    });

    // After the recruitment's notice (03-08) but inside C's own (to 03-10): not yet.
    h.setNow('2026-03-09T02:00:00.000Z');
    const early = await hr.post(`/v1/recruitments/${r}/candidates/${ids.C}/hire`, {});
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({
      code: 'NOTICE_PERIOD_NOT_OVER',
      details: { noticeEndsOn: '2026-03-10' },
    });
    const gone = await hr.post(`/v1/recruitments/${r}/candidates/${ids.A}/hire`, {});
    expect(gone.status).toBe(409);
    expect(gone.body.error.code).toBe('CANDIDATE_REMOVED');
    h.setNow('2026-03-11T02:00:00.000Z');
    for (const name of ['C', 'D']) {
      const hired = await hr.post(`/v1/recruitments/${r}/candidates/${ids[name]}/hire`, {});
      expect(hired.status, hired.text).toBe(201);
    }
    // Exactly the places were hired: two seats taken, none for those who left.
    expect((await hr.get(`/v1/org-units/${orgPath(C1)}`)).body.used).toBe(usedBefore + 2);
    expect((await hr.get(`/v1/recruitments/${r}`)).body.hiredCount).toBe(2);
    const late = await hr.post(`/v1/recruitments/${r}/candidates/${ids.C}/withdrawal`, {});
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ALREADY_HIRED');
    h.setNow('2026-03-02T02:00:00.000Z');
  });

  it('nobody left to move up: the place stays empty', async () => {
    const { r, ids } = await inReview(1, { A: 90, B: 80 });
    for (const d of departments) await decide(r, ids.A!, d);
    await decide(r, ids.B!, 'civil-affairs', 'reject');
    await toNotice(r);
    const res = await hr.post(`/v1/recruitments/${r}/candidates/${ids.A}/disqualification`, {
      reason: '学历证书核验不实',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.movedUp).toBeNull();
    expect(res.body.recruitment.selected).toEqual([]);
    const audit = await auditActions(r);
    expect(audit.find((e) => e.action === 'recruitment.candidate-disqualified')?.after).toMatchObject({
      movedUp: null,
      selected: [],
    });
  });

  it('outside the notice: 422 WRONG_STAGE', async () => {
    const { r, ids } = await inReview(1, { A: 90 });
    const res = await hr.post(`/v1/recruitments/${r}/candidates/${ids.A}/withdrawal`, {});
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('WRONG_STAGE');
  });
});

describe('a reserve approved late fills the place left empty (递补)', () => {
  it('the approval completing a reserve review during the notice moves them up, once; the ranking says who left', async () => {
    h.setNow('2026-03-02T02:00:00.000Z');
    // One place: A selected; B and C reserves with only part of their review done.
    const { r, ids } = await inReview(1, { A: 90, B: 80, C: 70 });
    for (const d of departments) await decide(r, ids.A!, d);
    for (const name of ['B', 'C']) await decide(r, ids[name]!, 'organisation');
    await toNotice(r);

    // Two days in, A withdraws: nobody is approved by every department, the place stays empty.
    h.setNow('2026-03-04T02:00:00.000Z');
    const withdrew = await hr.post(`/v1/recruitments/${r}/candidates/${ids.A}/withdrawal`, {});
    expect(withdrew.status, withdrew.text).toBe(200);
    expect(withdrew.body.movedUp).toBeNull();
    expect(withdrew.body.recruitment.selected).toEqual([]);

    // The ranking says A left (本人放弃) and holds no place.
    const ranking = (await hr.get(`/v1/recruitments/${r}/ranking`)).body;
    const rowA = ranking.items.find((i: any) => i.candidateId === ids.A);
    expect(rowA.placement).toMatchObject({ status: 'withdrawn', statusLabel: '本人放弃' });
    expect(rowA.selected).toBe(false);

    // Departments still decide on reserves during the notice. C's review completes first (a
    // reserve still pending, B, is passed over): C moves up with a notice from today.
    h.setNow('2026-03-05T02:00:00.000Z');
    await decide(r, ids.C!, 'civil-affairs');
    expect((await hr.get(`/v1/recruitments/${r}`)).body.selected).toEqual([]);
    const key = { 'idempotency-key': `late-approval-${ids.C}` };
    const completing = await reviewers.get('public-security')!.post(
      reviewsPath(r, ids.C!),
      { department: 'public-security', decision: 'approve', note: '同意' },
      {
        headers: key,
      },
    );
    expect(completing.status, completing.text).toBe(201);
    expect(completing.body.candidate.notice).toEqual({ startsOn: '2026-03-05', endsOn: '2026-03-11' });
    expect(completing.body.placement).toMatchObject({ id: ids.C, status: 'selected' });
    const recruitment = (await hr.get(`/v1/recruitments/${r}`)).body;
    expect(recruitment.selected).toEqual([ids.C]);
    const version = recruitment.version;

    // A retry with the same key answers the same; without it, 409: nobody moves twice.
    const replay = await reviewers.get('public-security')!.post(
      reviewsPath(r, ids.C!),
      { department: 'public-security', decision: 'approve', note: '同意' },
      {
        headers: key,
      },
    );
    expect(replay.status).toBe(201);
    const again = await reviewers
      .get('public-security')!
      .post(reviewsPath(r, ids.C!), { department: 'public-security', decision: 'approve', note: '同意' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REVIEW_ALREADY_RECORDED');
    const unchanged = (await hr.get(`/v1/recruitments/${r}`)).body;
    expect(unchanged.selected).toEqual([ids.C]);
    expect(unchanged.version).toBe(version);

    // The place is filled: the review of reserves is over (B stays a reserve).
    const b = await reviewers
      .get('civil-affairs')!
      .post(reviewsPath(r, ids.B!), { department: 'civil-affairs', decision: 'approve', note: '同意' });
    expect(b.status).toBe(422);
    expect(b.body.error.code).toBe('NO_VACANT_PLACE');
    expect((await hr.get(`/v1/recruitments/${r}`)).body.selected).toEqual([ids.C]);
    const placements = (await hr.get(`/v1/recruitments/${r}/ranking`)).body.items.map((i: any) => [
      i.candidateId,
      i.placement.status,
    ]);
    expect(placements).toEqual([
      [ids.A, 'withdrawn'],
      [ids.B, 'reserve'],
      [ids.C, 'selected'],
    ]);

    // Audited as an immediate 递补 is: who moved up, with their notice, on the decision's entry.
    const recorded = (await auditActions(r)).filter((e) => e.action === 'recruitment.review-recorded');
    const movedUp = recorded.filter((e) => e.after?.movedUp);
    expect(movedUp).toHaveLength(1);
    expect(movedUp[0]!.after).toMatchObject({
      candidateId: ids.C,
      department: 'public-security',
      selected: [ids.C],
      movedUp: { candidateId: ids.C, notice: { startsOn: '2026-03-05', endsOn: '2026-03-11' } },
    });

    // C is hired after their own notice, not the recruitment's (03-08).
    h.setNow('2026-03-09T02:00:00.000Z');
    const early = await hr.post(`/v1/recruitments/${r}/candidates/${ids.C}/hire`, {});
    expect(early.body.error).toMatchObject({
      code: 'NOTICE_PERIOD_NOT_OVER',
      details: { noticeEndsOn: '2026-03-11' },
    });
    h.setNow('2026-03-12T02:00:00.000Z');
    const hired = await hr.post(`/v1/recruitments/${r}/candidates/${ids.C}/hire`, {});
    expect(hired.status, hired.text).toBe(201);
    h.setNow('2026-03-02T02:00:00.000Z');
  });

  it('every place filled: 422 NO_VACANT_PLACE; a place empty: a rejection moves nobody, the approval does', async () => {
    h.setNow('2026-03-02T02:00:00.000Z');
    const { r, ids } = await inReview(1, { A: 90, B: 80, C: 70 });
    for (const d of departments) await decide(r, ids.A!, d);
    await toNotice(r);
    // Every place filled: the review of reserves is over.
    const full = await reviewers
      .get('organisation')!
      .post(reviewsPath(r, ids.B!), { department: 'organisation', decision: 'approve', note: '同意' });
    expect(full.status).toBe(422);
    expect(full.body.error.code).toBe('NO_VACANT_PLACE');
    expect(full.body.error.message).toContain('名额');
    // A disqualified, nobody approved: the place is empty and reserves are reviewed again.
    const out = await hr.post(`/v1/recruitments/${r}/candidates/${ids.A}/disqualification`, {
      reason: '材料不实',
    });
    expect(out.body.movedUp).toBeNull();
    const rejected = await reviewers
      .get('civil-affairs')!
      .post(reviewsPath(r, ids.B!), { department: 'civil-affairs', decision: 'reject', note: '不同意' });
    expect(rejected.status, rejected.text).toBe(201);
    expect(rejected.body.placement.status).toBe('rejected');
    expect((await hr.get(`/v1/recruitments/${r}`)).body.selected).toEqual([]);
    for (const d of departments.slice(0, 2)) await decide(r, ids.C!, d);
    expect((await hr.get(`/v1/recruitments/${r}`)).body.selected).toEqual([]);
    const last = await decide(r, ids.C!, 'public-security');
    expect(last.candidate.notice).toEqual({ startsOn: '2026-03-02', endsOn: '2026-03-08' });
    expect((await hr.get(`/v1/recruitments/${r}`)).body.selected).toEqual([ids.C]);
    // The one who left is not reviewed again.
    const gone = await reviewers
      .get('organisation')!
      .post(reviewsPath(r, ids.A!), { department: 'organisation', decision: 'reject', note: '不同意' });
    expect(gone.status).toBe(409);
    expect(gone.body.error.code).toBe('CANDIDATE_REMOVED');
    const ranking = (await hr.get(`/v1/recruitments/${r}/ranking`)).body;
    expect(
      ranking.items.map((i: any) => [i.candidateId, i.placement.status, i.placement.statusLabel]),
    ).toEqual([
      [ids.A, 'disqualified', '取消资格'],
      [ids.B, 'rejected', '联审未通过'],
      [ids.C, 'selected', '拟录用'],
    ]);
  });
});
