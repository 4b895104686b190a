import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#shared/context.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';
import { mentoringExitOps } from '#shared/usecases/mentoring/exit.ts';
import { loadWorker } from '#shared/usecases/workers.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
let m1: WorkerRecord;
let m2: WorkerRecord;
let a: WorkerRecord;
let b: WorkerRecord;
let c: WorkerRecord;
let outsider: WorkerRecord;
let exited: WorkerRecord;
const capMentees: WorkerRecord[] = [];
const pairings: Record<string, string> = {};

const mentor = (w: WorkerRecord) => h.client('mentor', w.org, w.id);
const worker = (w: WorkerRecord) => h.client('worker', w.org, w.id);
const pair = (body: Record<string, unknown>, client = hr) => client.post('/v1/mentorships', body);
const session = (body: Record<string, unknown> = {}) => ({
  date: '2026-02-15',
  minutes: 60,
  mode: 'case-analysis',
  notes: '讨论一起邻里纠纷的调解',
  ...body,
});
const mentorsOf = async (org = 'qth') =>
  Object.fromEntries(
    (await hr.get(`/v1/mentors?org=${encodeURIComponent(org)}`)).body.items.map((m: { workerId: string }) => [
      m.workerId,
      m,
    ]),
  );

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 in Shanghai
  await seedOrgTree(h, { communityQuota: 100 });
  hr = await h.client('hr', 'qth');
  m1 = await seedWorker(h, { name: '导师甲', hiredOn: '2018-05-01', post: 'principal', grade: 10 });
  m2 = await seedWorker(h, { name: '导师乙', hiredOn: '2019-05-01' });
  a = await seedWorker(h, { name: '新人甲', hiredOn: '2026-01-10' });
  b = await seedWorker(h, { name: '新人乙', hiredOn: '2026-02-01' });
  c = await seedWorker(h, { name: '新人丙', hiredOn: '2026-02-01' });
  outsider = await seedWorker(h, { org: 'qth/taoshan/taoxi/c2/g1' });
  exited = await seedWorker(h, {
    status: 'exited',
    exit: { situation: 5, effectiveOn: '2026-02-01', evidence: '辞职', recordedAt: '2026-02-01T00:00:00Z' },
  });
  for (let i = 0; i < 10; i++)
    capMentees.push(await seedWorker(h, { name: `新人${i}`, hiredOn: '2026-02-01' }));
}, 120_000);
afterAll(async () => h?.stop());

describe('pairing mentors with mentees', () => {
  it('pairs for the policy period from the start date (default today), designating the mentor', async () => {
    const fromHire = await pair({ mentorId: m1.id, menteeId: a.id, startDate: a.hiredOn });
    expect(fromHire.status).toBe(201);
    expect(fromHire.body).toMatchObject({
      mentorId: m1.id,
      menteeId: a.id,
      startDate: '2026-01-10',
      endDate: '2027-01-09',
      months: 12,
      status: 'active',
      current: true,
      sessions: 0,
      policyVersion: 'mentoring/default',
    });
    pairings.a = fromHire.body.id;
    const today = await pair({ mentorId: m1.id, menteeId: b.id });
    expect(today.status).toBe(201);
    expect(today.body).toMatchObject({ startDate: '2026-03-02', endDate: '2027-03-01' });
    pairings.b = today.body.id;
    expect((await loadWorker(h.store, a.id)).mentorIds).toEqual([m1.id]);
    const mentors = await mentorsOf();
    expect(mentors[m1.id]).toMatchObject({ activeMentees: 2, totalMentees: 2, cap: 6, freePlaces: 4 });
  });

  it('refuses the same pair twice, self-mentoring, inactive workers and impossible periods', async () => {
    const again = await pair({ mentorId: m1.id, menteeId: a.id });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_PAIRED');
    const self = await pair({ mentorId: m1.id, menteeId: m1.id });
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('SELF_MENTORING');
    const gone = await pair({ mentorId: m1.id, menteeId: exited.id });
    expect(gone.status).toBe(422);
    expect(gone.body.error.code).toBe('MENTEE_NOT_ACTIVE');
    const goneMentor = await pair({ mentorId: exited.id, menteeId: c.id });
    expect(goneMentor.body.error.code).toBe('MENTOR_NOT_ACTIVE');
    const early = await pair({ mentorId: m1.id, menteeId: c.id, startDate: '2026-01-15' });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('START_BEFORE_HIRE');
    const over = await pair({ mentorId: m1.id, menteeId: m2.id, startDate: '2025-01-01', months: 6 });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('PAIRING_ALREADY_OVER');
    expect((await pair({ mentorId: m1.id, menteeId: 'w_nobody' })).status).toBe(404);
    const invalid = await pair({ mentorId: m1.id, menteeId: c.id, startDate: '2026-13-01', months: 0 });
    expect(invalid.status).toBe(400);
    expect((await mentorsOf())[m1.id].activeMentees).toBe(2);
  });

  it('only HR officers whose subtree holds both workers may pair them', async () => {
    const district = await h.client('hr', 'qth/xinxing');
    expect((await pair({ mentorId: m1.id, menteeId: outsider.id }, district)).status).toBe(403);
    const otherDistrict = await h.client('hr', 'qth/taoshan');
    expect((await pair({ mentorId: m1.id, menteeId: outsider.id }, otherDistrict)).status).toBe(403);
    expect((await pair({ mentorId: m1.id, menteeId: c.id }, await mentor(m1))).status).toBe(403);
    expect((await pair({ mentorId: m1.id, menteeId: c.id }, await worker(c))).status).toBe(403);
  });

  it('designating twice is a conflict', async () => {
    const res = await hr.post('/v1/mentors', { workerId: m2.id });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ workerId: m2.id, activeMentees: 0, cap: 6, freePlaces: 6 });
    const again = await hr.post('/v1/mentors', { workerId: m2.id });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_MENTOR');
    expect((await (await h.client('hr', 'qth/taoshan')).get('/v1/mentors?org=qth')).status).toBe(403);
  });

  it('holds the per-mentor cap (6) under concurrent pairings: over the cap → 409', async () => {
    const results = await Promise.all(
      capMentees.slice(0, 8).map((mentee) => pair({ mentorId: m2.id, menteeId: mentee.id })),
    );
    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(6);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.map((r) => r.status)).toEqual([409, 409]);
    expect(refused.some((r) => r.body.error.code === 'MENTOR_AT_CAPACITY')).toBe(true);
    const ninth = await pair({ mentorId: m2.id, menteeId: capMentees[8]!.id });
    expect(ninth.status).toBe(409);
    expect(ninth.body.error.code).toBe('MENTOR_AT_CAPACITY');
    expect((await mentorsOf())[m2.id]).toMatchObject({ activeMentees: 6, freePlaces: 0 });
    for (const r of created) pairings[r.body.menteeId] = r.body.id;
  });

  it('ending a pairing frees the place and takes the mentee from the mentor', async () => {
    const menteeId = Object.keys(pairings).find((id) => capMentees.some((w) => w.id === id))!;
    const ended = await hr.post(`/v1/mentorships/${pairings[menteeId]}/end`, { reason: '调整帮带安排' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({
      status: 'ended',
      current: false,
      endedOn: '2026-03-02',
      endReason: '调整帮带安排',
    });
    const again = await hr.post(`/v1/mentorships/${pairings[menteeId]}/end`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('MENTORSHIP_NOT_ACTIVE');
    expect((await loadWorker(h.store, menteeId)).mentorIds).toEqual([]);
    expect((await mentorsOf())[m2.id].activeMentees).toBe(5);
    const next = await pair({ mentorId: m2.id, menteeId: capMentees[8]!.id });
    expect(next.status).toBe(201);
    // The ex-mentor can no longer log sessions for that worker, nor see them (404, as if missing).
    const res = await (await mentor(m2)).post(
      `/v1/workers/${menteeId}/coaching-sessions`,
      session({ date: '2026-03-01' }),
    );
    expect(res.status).toBe(404);
    pairings.ended = pairings[menteeId]!;
  });
});

describe('coaching logs', () => {
  it('a mentor logs sessions with their own current mentee', async () => {
    const client = await mentor(m1);
    const first = await client.post(`/v1/workers/${a.id}/coaching-sessions`, session());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      menteeId: a.id,
      mentorId: m1.id,
      mentorshipId: pairings.a,
      date: '2026-02-15',
      minutes: 60,
      mode: 'case-analysis',
    });
    expect(
      (
        await client.post(
          `/v1/workers/${a.id}/coaching-sessions`,
          session({ date: '2026-03-01', mode: 'interactive-exchange', minutes: 45 }),
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await client.post(
          `/v1/workers/${a.id}/coaching-sessions`,
          session({ date: '2026-03-02', mode: 'practical-coaching', minutes: 90 }),
        )
      ).status,
    ).toBe(201);
    expect((await hr.get(`/v1/mentorships/${pairings.a}`)).body).toMatchObject({
      sessions: 3,
      sessionMinutes: 195,
    });
  });

  it('anyone but the mentee’s current mentor is refused: 403 if they may see the mentee, else 404', async () => {
    const body = session({ date: '2026-03-02' });
    expect((await (await mentor(m1)).post(`/v1/workers/${c.id}/coaching-sessions`, body)).status).toBe(404);
    expect((await (await mentor(m2)).post(`/v1/workers/${a.id}/coaching-sessions`, body)).status).toBe(404);
    expect((await hr.post(`/v1/workers/${a.id}/coaching-sessions`, body)).status).toBe(403);
    expect((await (await worker(a)).post(`/v1/workers/${a.id}/coaching-sessions`, body)).status).toBe(403);
    // A worker token for the mentor's own id is not a mentor's.
    expect((await (await worker(m1)).post(`/v1/workers/${a.id}/coaching-sessions`, body)).status).toBe(404);
    // Writing about oneself as a "mentee" is not coaching either.
    expect((await (await mentor(m1)).post(`/v1/workers/${m1.id}/coaching-sessions`, body)).status).toBe(403);
    expect((await (await mentor(m1)).post('/v1/workers/w_nobody/coaching-sessions', body)).status).toBe(404);
  });

  it('a session outside the pairing period → 422; in the future → 422; bad input → 400', async () => {
    const client = await mentor(m1);
    const before = await client.post(
      `/v1/workers/${a.id}/coaching-sessions`,
      session({ date: '2026-01-05' }),
    );
    expect(before.status).toBe(422);
    expect(before.body.error).toMatchObject({
      code: 'OUTSIDE_PAIRING_PERIOD',
      // In Chinese by default, naming the period so the mentor can pick a date that fits.
      message: '日期不在结对期限内（2026年1月10日至2027年1月9日）',
      details: { startDate: '2026-01-10', endDate: '2027-01-09' },
    });
    const bBefore = await client.post(
      `/v1/workers/${b.id}/coaching-sessions`,
      session({ date: '2026-03-01' }),
    );
    expect(bBefore.body.error.code).toBe('OUTSIDE_PAIRING_PERIOD');
    const future = await client.post(
      `/v1/workers/${a.id}/coaching-sessions`,
      session({ date: '2026-03-09' }),
    );
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('DATE_IN_FUTURE');
    expect(future.body.error.message).toMatch(/^不能登记尚未发生的带教（今天是2026年\d{1,2}月\d{1,2}日）$/);
    const bad = await client.post(
      `/v1/workers/${a.id}/coaching-sessions`,
      session({ mode: 'lecture', minutes: 0 }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['minutes', 'mode']);
    expect((await hr.get(`/v1/mentorships/${pairings.a}`)).body.sessions).toBe(3);
  });

  it('the mentee reads their own sessions; their mentor and HR may too, nobody else', async () => {
    const mine = await (await worker(a)).get('/v1/me/coaching-sessions');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      workerId: a.id,
      count: 3,
      minutes: 195,
      byMode: { 'case-analysis': 1, 'interactive-exchange': 1, 'practical-coaching': 1 },
    });
    expect(mine.body.items.map((s: { date: string }) => s.date)).toEqual([
      '2026-03-02',
      '2026-03-01',
      '2026-02-15',
    ]);
    expect(mine.body.mentorships.map((m: { mentorId: string }) => m.mentorId)).toEqual([m1.id]);
    expect(mine.body.given.count).toBe(0);
    expect((await (await worker(a)).get('/v1/me/coaching-sessions?year=2025')).body.count).toBe(0);
    expect((await (await worker(a)).get(`/v1/workers/${a.id}/coaching-sessions`)).status).toBe(200);
    expect((await (await mentor(m1)).get(`/v1/workers/${a.id}/coaching-sessions`)).body.count).toBe(3);
    expect((await hr.get(`/v1/workers/${a.id}/coaching-sessions`)).body.count).toBe(3);
    // Outside their scope: what a missing worker gets (no existence oracle).
    expect((await (await worker(b)).get(`/v1/workers/${a.id}/coaching-sessions`)).status).toBe(404);
    expect((await (await mentor(m2)).get(`/v1/workers/${a.id}/coaching-sessions`)).status).toBe(404);
    expect(
      (await (await h.client('hr', 'qth/taoshan')).get(`/v1/workers/${a.id}/coaching-sessions`)).status,
    ).toBe(404);
    const given = await (await mentor(m1)).get('/v1/me/coaching-sessions');
    expect(given.body.given).toMatchObject({ count: 3, minutes: 195 });
    expect((await hr.get('/v1/me/coaching-sessions')).status).toBe(403);
  });

  it('a pairing is visible to its HR, mentor and mentee only', async () => {
    expect((await (await mentor(m1)).get(`/v1/mentorships/${pairings.a}`)).status).toBe(200);
    expect((await (await worker(a)).get(`/v1/mentorships/${pairings.a}`)).status).toBe(200);
    // Others get what a missing pairing gets.
    expect((await (await worker(c)).get(`/v1/mentorships/${pairings.a}`)).status).toBe(404);
    expect((await (await h.client('hr', 'qth/taoshan')).get(`/v1/mentorships/${pairings.a}`)).status).toBe(
      404,
    );
    expect((await hr.get('/v1/mentorships/ms_nothing')).status).toBe(404);
  });
});

describe("a mentor's mentees", () => {
  beforeAll(async () => {
    const event = (
      await hr.post('/v1/training-events', {
        title: '微课堂',
        level: 'community',
        org: C1,
        date: '2026-02-20',
        hours: 3,
      })
    ).body;
    expect((await hr.post(`/v1/training-events/${event.id}/attendance`, { rows: [a.id] })).status).toBe(201);
    const cert = await hr.post(`/v1/workers/${a.id}/certificates`, {
      level: 'assistant',
      number: 'ZL2025001',
      issuedOn: '2025-11-01',
      registeredOn: '2026-02-10',
    });
    expect(cert.status).toBe(201);
  });

  it('shows each mentee with their sessions, training hours this year and highest certificate', async () => {
    const res = await (await mentor(m1)).get(`/v1/mentors/${m1.id}/mentees`);
    expect(res.status).toBe(200);
    expect(res.body.mentor).toMatchObject({ workerId: m1.id, activeMentees: 2, cap: 6 });
    const byMentee = Object.fromEntries(
      res.body.items.map((i: { mentee: { id: string } }) => [i.mentee.id, i]),
    );
    expect(Object.keys(byMentee).sort()).toEqual([a.id, b.id].sort());
    expect(byMentee[a.id]).toMatchObject({
      mentorship: { id: pairings.a, current: true },
      mentee: { id: a.id, name: '新人甲', hiredOn: '2026-01-10' },
      sessions: { count: 3, minutes: 195, byMode: { 'case-analysis': 1 } },
      training: { year: 2026, totalHours: 3, attendances: 1, annualRequiredHours: 48, requirementMet: false },
      certificate: { level: 'assistant', number: 'ZL2025001', registeredOn: '2026-02-10' },
    });
    expect(byMentee[a.id].sessions.latest.map((s: { date: string }) => s.date)).toEqual([
      '2026-03-02',
      '2026-03-01',
      '2026-02-15',
    ]);
    expect(byMentee[b.id]).toMatchObject({ sessions: { count: 0, latest: [] }, certificate: null });
    // The mentor can read the mentee's training and certificates.
    expect((await (await mentor(m1)).get(`/v1/workers/${a.id}/training`)).body.totalHours).toBe(3);
    expect((await (await mentor(m1)).get(`/v1/workers/${a.id}/certificates`)).status).toBe(200);
    expect((await (await mentor(m2)).get(`/v1/workers/${a.id}/training`)).status).toBe(404);
  });

  it('HR of the mentor’s subtree may look; other mentors, workers and other districts may not', async () => {
    expect((await (await h.client('hr', C1)).get(`/v1/mentors/${m1.id}/mentees`)).status).toBe(200);
    // None of them may see the mentor: 404, as for a missing one.
    expect((await (await h.client('hr', 'qth/taoshan')).get(`/v1/mentors/${m1.id}/mentees`)).status).toBe(
      404,
    );
    expect((await (await mentor(m2)).get(`/v1/mentors/${m1.id}/mentees`)).status).toBe(404);
    expect((await (await worker(a)).get(`/v1/mentors/${m1.id}/mentees`)).status).toBe(404);
    expect((await hr.get(`/v1/mentors/${c.id}/mentees`)).status).toBe(404);
  });

  it('include=all also lists ended pairings', async () => {
    const current = await hr.get(`/v1/mentors/${m2.id}/mentees`);
    const all = await hr.get(`/v1/mentors/${m2.id}/mentees?include=all`);
    expect(current.body.items).toHaveLength(6);
    expect(all.body.items).toHaveLength(7);
    expect(
      all.body.items.find((i: { mentorship: { id: string } }) => i.mentorship.id === pairings.ended)
        .mentorship.status,
    ).toBe('ended');
  });
});

describe('mentoring figures', () => {
  it('counts mentors, mentees and sessions by mode on the unit and its ancestors', async () => {
    const city = (await hr.get('/v1/stats?org=qth&year=2026')).body;
    expect(city.mentoring).toEqual({
      mentors: 2,
      mentees: 9,
      sessions: 3,
      sessionMinutes: 195,
      sessionsByMode: { 'case-analysis': 1, 'interactive-exchange': 1, 'practical-coaching': 1 },
    });
    expect((await hr.get(`/v1/stats?org=${encodeURIComponent(C1)}&year=2026`)).body.mentoring.mentees).toBe(
      9,
    );
    expect((await hr.get('/v1/stats?org=qth%2Ftaoshan&year=2026')).body.mentoring).toMatchObject({
      mentors: 0,
      mentees: 0,
      sessions: 0,
    });
  });
});

describe('when the pairing period has run out', () => {
  beforeAll(() => h.setNow('2027-03-15T02:00:00.000Z'));

  it('sessions after the period → 422, and the pairing no longer shows as current', async () => {
    const res = await (await mentor(m1)).post(
      `/v1/workers/${a.id}/coaching-sessions`,
      session({ date: '2027-01-20' }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('OUTSIDE_PAIRING_PERIOD');
    // Inside the period, late logging is still fine.
    const late = await (await mentor(m1)).post(
      `/v1/workers/${a.id}/coaching-sessions`,
      session({ date: '2027-01-09' }),
    );
    expect(late.status).toBe(201);
    const mentees = await hr.get(`/v1/mentors/${m1.id}/mentees`);
    expect(mentees.body.items.every((i: { mentorship: { current: boolean } }) => !i.mentorship.current)).toBe(
      true,
    );
  });

  it('run-out pairings stop taking places: the next pairing completes them', async () => {
    const res = await pair({ mentorId: m2.id, menteeId: capMentees[9]!.id });
    expect(res.status).toBe(201);
    expect((await mentorsOf())[m2.id]).toMatchObject({ activeMentees: 1 });
    const all = await hr.get(`/v1/mentors/${m2.id}/mentees?include=all`);
    const statuses = all.body.items
      .map((i: { mentorship: { status: string } }) => i.mentorship.status)
      .sort();
    expect(statuses).toEqual([
      'active',
      'completed',
      'completed',
      'completed',
      'completed',
      'completed',
      'completed',
      'ended',
    ]);
    const former = all.body.items.find(
      (i: { mentorship: { status: string } }) => i.mentorship.status === 'completed',
    );
    expect((await loadWorker(h.store, former.mentee.id)).mentorIds).toEqual([]);
    const late = await (await mentor(m2)).post(
      `/v1/workers/${former.mentee.id}/coaching-sessions`,
      session({ date: '2027-02-01' }),
    );
    expect(late.status).toBe(404);
    // A mentee may be paired again with the same mentor once the old pairing ran out.
    const again = await pair({ mentorId: m1.id, menteeId: a.id });
    expect(again.status).toBe(201);
    expect((await loadWorker(h.store, a.id)).mentorIds).toEqual([m1.id]);
    expect((await mentorsOf())[m1.id].activeMentees).toBe(1);
  });
});

describe('exits (helper for the exit use-case)', () => {
  it('ends the pairings of an exiting mentor in the exit’s transaction and frees their mentees', async () => {
    const ctx = systemContext('exit-test', h.now(), 'qth');
    const leaving = await loadWorker(h.store, m2.id);
    const ops = await mentoringExitOps(h.store, leaving, ctx);
    await h.store.transact(
      ctx,
      [
        ...ops,
        {
          Update: {
            Key: workerKeys.key(leaving.id),
            UpdateExpression: 'SET #status = :exited',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':exited': 'exited' },
          },
        },
      ],
      [],
    );
    expect((await mentorsOf())[m2.id].activeMentees).toBe(0);
    expect((await loadWorker(h.store, capMentees[9]!.id)).mentorIds).toEqual([]);
    const all = await hr.get(`/v1/mentors/${m2.id}/mentees?include=all`);
    expect(
      all.body.items.filter((i: { mentorship: { status: string } }) => i.mentorship.status === 'active'),
    ).toEqual([]);
  });
});
