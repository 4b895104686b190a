import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsKeys } from '#shared/db/entities/stats.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;

const G1 = 'qth/xinxing/hongqi/c1/g1';
const C1 = 'qth/xinxing/hongqi/c1';
const TAOSHAN_G1 = 'qth/taoshan/taoxi/c2/g1';

let mentor: WorkerRecord;
let mentee: WorkerRecord;
let other: WorkerRecord;
let leavers: WorkerRecord[];
let taoshanWorker: WorkerRecord;

beforeAll(async () => {
  h = await startHarness({ now: '2026-06-10T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
  const hired = { hiredOn: '2026-01-05' };
  mentor = await seedWorker(h, { ...hired, name: '导师', org: C1 });
  mentee = await seedWorker(h, { ...hired, name: '徒弟' });
  // A real pairing (mentorIds alone, without one, no longer makes a reader: see readableWorkerResource).
  expect((await hr.post('/v1/mentorships', { mentorId: mentor.id, menteeId: mentee.id })).status).toBe(201);
  other = await seedWorker(h, { ...hired, name: '同事' });
  leavers = [];
  for (let i = 1; i <= 6; i++) leavers.push(await seedWorker(h, { ...hired, name: `离开${i}` }));
  taoshanWorker = await seedWorker(h, { ...hired, name: '桃山', org: TAOSHAN_G1 });
});
afterAll(async () => h?.stop());

const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;

describe('worker records', () => {
  it('lists workers by org subtree and status with a cursor (HR only)', async () => {
    const all = await hr.get(`/v1/workers?org=${encodeURIComponent('qth/xinxing')}&status=active`);
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(9);
    expect(all.body.items.every((w: any) => w.org.startsWith('qth/xinxing/'))).toBe(true);
    // HR sees full national ids.
    expect(all.body.items.find((w: any) => w.id === other.id).nationalId).toBe(other.nationalId);
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await hr.get(
        `/v1/workers?org=${encodeURIComponent('qth/xinxing')}&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      for (const w of page.body.items) seen.add(w.id);
      cursor = page.body.cursor;
      pages++;
    } while (cursor);
    expect(seen.size).toBe(9);
    expect(pages).toBeGreaterThanOrEqual(3);
    // The community itself (mentor) and its grid (the rest) but not a sibling prefix.
    const community = await hr.get(`/v1/workers?org=${encodeURIComponent(C1)}`);
    expect(community.body.items).toHaveLength(9);
    const grid = await hr.get(`/v1/workers?org=${encodeURIComponent(G1)}`);
    expect(grid.body.items).toHaveLength(8);
    expect((await hr.get('/v1/workers?org=qth/xinxing&status=exited')).body.items).toHaveLength(0);
    expect((await hr.get('/v1/workers?org=qth/xinxing&status=retired')).status).toBe(400);
    expect((await hr.get('/v1/workers?org=qth/xinxing&cursor=nonsense')).status).toBe(400);
  });

  it('shows one worker to HR of the subtree, the worker and their mentor; masks national ids but for HR', async () => {
    const full = await hr.get(`/v1/workers/${mentee.id}`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ id: mentee.id, nationalId: mentee.nationalId, mentorIds: [mentor.id] });

    const self = await h.client('worker', G1, mentee.id);
    const mine = await self.get(`/v1/workers/${mentee.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.nationalId).toBe(masked(mentee.nationalId));
    expect(mine.body.nationalId).not.toContain(mentee.birthDate.replace(/-/g, ''));

    const asMentor = await h.client('mentor', C1, mentor.id);
    const viaMentor = await asMentor.get(`/v1/workers/${mentee.id}`);
    expect(viaMentor.status).toBe(200);
    expect(viaMentor.body.nationalId).toBe(masked(mentee.nationalId));
    expect((await asMentor.get(`/v1/workers/${mentee.id}/history`)).status).toBe(200);
    expect((await asMentor.get(`/v1/workers/${mentor.id}`)).status).toBe(200);

    const me = await self.get('/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: mentee.id, name: '徒弟', nationalId: masked(mentee.nationalId) });
    expect((await asMentor.get('/v1/me')).body.id).toBe(mentor.id);
    expect((await hr.get('/v1/me')).status).toBe(403);
    const ghost = await h.client('worker', G1, 'w_nobody');
    expect((await ghost.get('/v1/me')).status).toBe(404);
    expect((await hr.get('/v1/workers/w_nobody')).status).toBe(404);
  });

  it('authorisation matrix: another district, a mentor, a worker', async () => {
    const otherDistrict = await h.client('hr', 'qth/taoshan');
    const asMentor = await h.client('mentor', C1, mentor.id);
    const asWorker = await h.client('worker', G1, mentee.id);
    const exitBody = { situation: 5, effectiveOn: '2026-06-01', evidence: '辞职申请' };
    const cases: [Client, string, string, unknown, number][] = [
      // another district's HR officer
      // (a worker the caller may not see answers as a missing one: 404, no existence oracle)
      [otherDistrict, 'get', `/v1/workers/${other.id}`, undefined, 404],
      [otherDistrict, 'get', `/v1/workers/${other.id}/history`, undefined, 404],
      [otherDistrict, 'get', `/v1/workers?org=${encodeURIComponent('qth/xinxing')}`, undefined, 403],
      [otherDistrict, 'post', `/v1/workers/${other.id}/exits`, exitBody, 404],
      [otherDistrict, 'get', `/v1/stats?org=${encodeURIComponent('qth/xinxing')}&year=2026`, undefined, 403],
      [otherDistrict, 'get', `/v1/workers/${taoshanWorker.id}`, undefined, 200],
      [otherDistrict, 'get', `/v1/workers?org=${encodeURIComponent('qth/taoshan')}`, undefined, 200],
      // a mentor: own mentees and self only, read only
      [asMentor, 'get', `/v1/workers/${other.id}`, undefined, 404],
      [asMentor, 'get', `/v1/workers/${other.id}/history`, undefined, 404],
      [asMentor, 'get', `/v1/workers?org=${encodeURIComponent(C1)}`, undefined, 403],
      [asMentor, 'post', `/v1/workers/${mentee.id}/exits`, exitBody, 403],
      [asMentor, 'get', `/v1/stats?org=${encodeURIComponent(C1)}`, undefined, 403],
      // a worker: self only, read only
      [asWorker, 'get', `/v1/workers/${other.id}`, undefined, 404],
      [asWorker, 'get', `/v1/workers/${mentor.id}`, undefined, 404],
      [asWorker, 'get', `/v1/workers/${other.id}/history`, undefined, 404],
      [asWorker, 'get', `/v1/workers?org=${encodeURIComponent(G1)}`, undefined, 403],
      [asWorker, 'post', `/v1/workers/${mentee.id}/exits`, exitBody, 403],
      [asWorker, 'get', `/v1/workers/${mentee.id}/history`, undefined, 200],
      [h.anonymous, 'get', `/v1/workers/${mentee.id}`, undefined, 401],
      [h.anonymous, 'get', '/v1/me', undefined, 401],
    ];
    for (const [client, method, path, body, status] of cases) {
      const res =
        method === 'get' ? await client.get(path) : await client.post(path, body as Record<string, unknown>);
      expect({ method, path, status: res.status }).toEqual({ method, path, status });
    }
    // Nothing was exited by the refused attempts.
    expect((await hr.get(`/v1/workers/${mentee.id}`)).body.status).toBe('active');
  });
});

describe('exits: the six situations', () => {
  it('exits a worker: status, seats released, counted; record and history stay readable', async () => {
    const unitsBefore = await Promise.all(
      ['qth', 'qth/xinxing', 'qth/xinxing/hongqi', C1].map(
        async (id) => (await hr.get(`/v1/org-units/${orgPath(id)}`)).body,
      ),
    );
    const leaver = leavers[4]!;
    const headers = { 'idempotency-key': `exit-${leaver.id}` };
    const body = { situation: 5, effectiveOn: '2026-06-01', evidence: '本人提交辞职申请（2026-05-20）' };
    const res = await hr.post(`/v1/workers/${leaver.id}/exits`, body, { headers });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      id: leaver.id,
      status: 'exited',
      exit: {
        situation: 5,
        code: 'resignation-or-non-renewal',
        effectiveOn: '2026-06-01',
        evidence: '本人提交辞职申请（2026-05-20）',
        recordedAt: expect.stringMatching(/^2026-06-10T/),
      },
      version: 2,
    });
    expect(res.body.exit.label).toMatch(/辞职/);
    const replay = await hr.post(`/v1/workers/${leaver.id}/exits`, body, { headers });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(res.body);

    const twice = await hr.post(`/v1/workers/${leaver.id}/exits`, { ...body, situation: 6 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_EXITED');

    const unitsAfter = await Promise.all(
      ['qth', 'qth/xinxing', 'qth/xinxing/hongqi', C1].map(
        async (id) => (await hr.get(`/v1/org-units/${orgPath(id)}`)).body,
      ),
    );
    unitsAfter.forEach((u, i) => {
      expect(u.used).toBe(unitsBefore[i]!.used - 1);
      expect(u.available).toBe(unitsBefore[i]!.available + 1);
    });

    const record = await hr.get(`/v1/workers/${leaver.id}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ status: 'exited', exit: { situation: 5 } });
    const self = await h.client('worker', G1, leaver.id);
    expect((await self.get('/v1/me')).body.status).toBe('exited');
    const history = await hr.get(`/v1/workers/${leaver.id}/history`);
    expect(history.body.items.map((e: any) => e.event)).toEqual(['exited']);
    expect(history.body.items[0]).toMatchObject({
      effectiveOn: '2026-06-01',
      details: { situation: 5, code: 'resignation-or-non-renewal' },
    });
    const active = await hr.get(`/v1/workers?org=${encodeURIComponent(C1)}&status=active`);
    expect(active.body.items.map((w: any) => w.id)).not.toContain(leaver.id);
    const exited = await hr.get(`/v1/workers?org=${encodeURIComponent(C1)}&status=exited`);
    expect(exited.body.items.map((w: any) => w.id)).toEqual([leaver.id]);
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`worker:${leaver.id}`)}`);
    expect(audit.body.items.map((e: any) => e.action)).toEqual(['worker.exited', 'worker.seeded']);

    // The person can come back later through a new recruitment.
    const r = await hr.post('/v1/recruitments', { title: '再招聘', org: C1, places: 1 });
    const again = await hr.post(`/v1/recruitments/${r.body.id}/candidates`, {
      nationalId: leaver.nationalId,
      name: leaver.name,
      education: 'college',
      politicalRecordClear: true,
      meetsHealthRequirement: true,
      hasLocalResidence: true,
    });
    expect(again.status).toBe(201);
  });

  it('records each of the six situations by number or code and returns both', async () => {
    const expected = [
      'failed-evaluation',
      'unable-after-training',
      'discipline',
      'law',
      'resignation-or-non-renewal',
      'retirement-or-health',
    ];
    for (const situation of [1, 2, 3, 4, 6]) {
      const res = await hr.post(`/v1/workers/${leavers[situation - 1]!.id}/exits`, {
        // By number, or by its code.
        situation: situation === 4 ? 'law' : situation,
        effectiveOn: '2026-06-10',
        evidence: `证据 ${situation}`,
      });
      expect(res.status, res.text).toBe(201);
      expect(res.body.exit).toMatchObject({ situation, code: expected[situation - 1] });
    }
  });

  it('refuses malformed or impossible exits', async () => {
    const post = (body: Record<string, unknown>) => hr.post(`/v1/workers/${other.id}/exits`, body);
    const noEvidence = await post({ situation: 3, effectiveOn: '2026-06-01', evidence: '   ' });
    expect(noEvidence.status).toBe(400);
    expect(noEvidence.body.error.details.map((d: any) => d.path)).toContain('evidence');
    const missing = await post({ situation: 3, effectiveOn: '2026-06-01' });
    expect(missing.status).toBe(400);
    expect((await post({ situation: 7, effectiveOn: '2026-06-01', evidence: 'x' })).status).toBe(400);
    expect((await post({ situation: 'fired', effectiveOn: '2026-06-01', evidence: 'x' })).status).toBe(400);
    expect((await post({ situation: 0, effectiveOn: '2026-06-01', evidence: 'x' })).status).toBe(400);
    expect((await post({ situation: 3, effectiveOn: '2026-02-30', evidence: 'x' })).status).toBe(400);
    const beforeHire = await post({ situation: 3, effectiveOn: '2025-12-31', evidence: 'x' });
    expect(beforeHire.status).toBe(422);
    expect(beforeHire.body.error.code).toBe('EXIT_BEFORE_HIRE');
    const future = await post({ situation: 5, effectiveOn: '2026-07-01', evidence: 'x' });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('EXIT_DATE_IN_FUTURE');
    expect(
      (
        await hr.post('/v1/workers/w_nobody/exits', {
          situation: 5,
          effectiveOn: '2026-06-01',
          evidence: 'x',
        })
      ).status,
    ).toBe(404);
    expect((await hr.get(`/v1/workers/${other.id}`)).body.status).toBe('active');
  });
});

describe('stats', () => {
  it('reports headcount, quota and use, hires by channel and exits by situation', async () => {
    const stats = await hr.get(`/v1/stats?org=${encodeURIComponent('qth/xinxing')}&year=2026`);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      org: 'qth/xinxing',
      year: 2026,
      quota: { holdsQuota: true, quota: 270, used: 3, available: 267 },
      headcount: { active: 3 },
      hires: { openRecruitment: 9, transfer: 0, helperAppointment: 0, total: 9 },
      exits: { bySituation: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1 }, total: 6 },
    });
    // The stock item behind it also carries the other features' figures, kept by hires and exits.
    expect(await h.store.get(statsKeys.current('qth/xinxing'))).toMatchObject({
      headcount_active: 3,
      post_staff_grade_3: 3,
    });
    // The grid holds no quota but still counts its headcount.
    const grid = await hr.get(`/v1/stats?org=${encodeURIComponent(G1)}&year=2026`);
    expect(grid.body).toMatchObject({ quota: { holdsQuota: false, used: 0 }, headcount: { active: 2 } });
    const city = await hr.get('/v1/stats?org=qth&year=2026');
    expect(city.body.headcount.active).toBe(4);
    expect(city.body.exits.total).toBe(6);
    const lastYear = await hr.get('/v1/stats?org=qth&year=2025');
    expect(lastYear.body.exits.total).toBe(0);
    expect(lastYear.body.hires.total).toBe(0);

    // Transfers count in their own channel.
    const transfer = await hr.post('/v1/transfers', {
      rows: [
        {
          nationalId: nationalIdFor('1980-01-01'),
          name: '转任',
          org: G1,
          currentMonthlyPayFen: 300_000,
          education: 'college',
        },
      ],
    });
    expect(transfer.status).toBe(201);
    const after = await hr.get(`/v1/stats?org=${encodeURIComponent('qth/xinxing')}&year=2026`);
    expect(after.body).toMatchObject({
      headcount: { active: 4 },
      hires: { openRecruitment: 9, transfer: 1, total: 10 },
      quota: { used: 4 },
    });
  });
});
