import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#shared/context.ts';
import type { Store } from '#shared/db/store.ts';
import { exitWorkerOps } from '#shared/usecases/exits.ts';
import { createMentorship } from '#shared/usecases/mentoring/pairing.ts';
import { loadWorker } from '#shared/usecases/workers.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

/** Review findings on hiring and development: authorisation and consistency defects. */

let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const G1 = 'qth/xinxing/hongqi/c1/g1';
const C1 = 'qth/xinxing/hongqi/c1';

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 in Shanghai
  await seedOrgTree(h, { communityQuota: 100 });
  hr = await h.client('hr', 'qth');
}, 120_000);
afterAll(async () => h?.stop());

const certificate = (number: string) => ({
  level: 'assistant',
  number,
  issuedOn: '2025-10-01',
  registeredOn: '2025-11-01',
});

describe("a mentor's mentee list", () => {
  it("shows HR of the mentor's subtree no mentee outside that subtree", async () => {
    const mentor = await seedWorker(h, { name: '导师', org: G1 });
    const near = await seedWorker(h, { name: '网格内', org: G1, hiredOn: '2026-01-05' });
    const far = await seedWorker(h, { name: '社区直属', org: C1, hiredOn: '2026-01-05' });
    expect((await hr.post('/v1/mentorships', { mentorId: mentor.id, menteeId: near.id })).status).toBe(201);
    expect((await hr.post('/v1/mentorships', { mentorId: mentor.id, menteeId: far.id })).status).toBe(201);
    await hr.post(`/v1/workers/${far.id}/certificates`, certificate('REVIEW-FAR-1'));

    // City HR sees both; HR of the grid (the mentor's unit) may not see the community's worker.
    expect((await hr.get(`/v1/mentors/${mentor.id}/mentees`)).body.items).toHaveLength(2);
    const gridHr = await h.client('hr', G1);
    expect((await gridHr.get(`/v1/workers/${far.id}/certificates`)).status).toBe(404); // as if missing
    const res = await gridHr.get(`/v1/mentors/${mentor.id}/mentees`);
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: { mentee: { id: string } }) => i.mentee.id);
    expect(ids).toEqual([near.id]);
  });

  it('gives a mentor no training or certificate of a former mentee (include=all)', async () => {
    const mentor = await seedWorker(h, { name: '导师二', org: G1 });
    const mentee = await seedWorker(h, { name: '前学员', org: G1, hiredOn: '2026-01-05' });
    const paired = await hr.post('/v1/mentorships', { mentorId: mentor.id, menteeId: mentee.id });
    expect(paired.status).toBe(201);
    expect((await hr.post(`/v1/mentorships/${paired.body.id}/end`, { reason: '调岗' })).status).toBe(200);
    await hr.post(`/v1/workers/${mentee.id}/certificates`, certificate('REVIEW-FORMER-1'));

    const asMentor = await h.client('mentor', mentor.org, mentor.id);
    // A former mentee's records: as if the worker did not exist (no existence oracle).
    expect((await asMentor.get(`/v1/workers/${mentee.id}/certificates`)).status).toBe(404);
    expect((await asMentor.get(`/v1/workers/${mentee.id}/training`)).status).toBe(404);
    const res = await asMentor.get(`/v1/mentors/${mentor.id}/mentees?include=all`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ training: null, certificate: null });
    // HR of the subtree still sees it all.
    const asHr = await hr.get(`/v1/mentors/${mentor.id}/mentees?include=all`);
    expect(asHr.body.items[0].certificate).toMatchObject({ number: 'REVIEW-FORMER-1' });
  });
});

describe('exit racing another change of the worker', () => {
  it('an exit computed from a stale worker record is refused, so stock counters never drift', async () => {
    const cityStats = async () => (await hr.get('/v1/stats?org=qth&year=2026')).body;
    const worker = await seedWorker(h, { name: '将离职' });
    const ctx = systemContext('review-exit', h.now(), 'qth');
    // The exit reads the worker (no certificate yet) …
    const stale = await loadWorker(h.store, worker.id);
    const { ops, audit } = await exitWorkerOps(h.store, ctx, stale, {
      situation: 5,
      effectiveOn: '2026-03-01',
      evidence: '辞职申请',
    });
    // … meanwhile a certificate is recorded (certified_active + 1) …
    expect(
      (await hr.post(`/v1/workers/${worker.id}/certificates`, certificate('REVIEW-RACE-1'))).status,
    ).toBe(201);
    const before = await cityStats();
    // … and the exit, still believing there is none, must not commit (it would leave certified_active +1).
    await expect(h.store.transact(ctx, ops, audit)).rejects.toMatchObject({ status: 409 });
    expect((await loadWorker(h.store, worker.id)).status).toBe('active');
    expect(await cityStats()).toEqual(before);
    // A fresh exit goes through and takes the certified worker off the count.
    const exited = await hr.post(`/v1/workers/${worker.id}/exits`, {
      situation: 5,
      effectiveOn: '2026-03-01',
      evidence: '辞职申请',
    });
    expect(exited.status).toBe(201);
    const after = await cityStats();
    expect(after.certification.certifiedActive).toBe(before.certification.certifiedActive - 1);
    expect(after.certification.active).toBe(before.certification.active - 1);
  });
});

describe('pairing racing the mentor’s exit', () => {
  it('no active pairing is left with a mentor who exited meanwhile', async () => {
    const mentor = await seedWorker(h, { name: '即将离职的导师', org: G1 });
    const mentee = await seedWorker(h, { name: '学员', org: G1, hiredOn: '2026-01-05' });
    // A store whose first read of the two workers lets the mentor's exit slip in right after.
    let raced = false;
    const racing = new Proxy(h.store, {
      get(target, prop, receiver) {
        if (prop === 'batchGet')
          return async (...args: Parameters<Store['batchGet']>) => {
            const items = await target.batchGet(...args);
            if (!raced) {
              raced = true;
              const res = await hr.post(`/v1/workers/${mentor.id}/exits`, {
                situation: 5,
                effectiveOn: '2026-03-01',
                evidence: '辞职',
              });
              expect(res.status).toBe(201);
            }
            return items;
          };
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Store;
    const ctx = systemContext('review-pair', h.now(), 'qth');
    await expect(
      createMentorship(racing, ctx, { mentorId: mentor.id, menteeId: mentee.id }),
    ).rejects.toMatchObject({ status: 422 });
    expect((await loadWorker(h.store, mentee.id)).mentorIds).toEqual([]);
    const pairings = (await hr.get(`/v1/mentors/${mentor.id}/mentees?include=all`)).body.items ?? [];
    expect(
      pairings.filter((i: { mentorship: { status: string } }) => i.mentorship.status === 'active'),
    ).toEqual([]);
  });

  it('an exit that read the mentor’s pairings before a new one was made does not commit', async () => {
    const mentor = await seedWorker(h, { name: '导师三', org: G1 });
    const mentee = await seedWorker(h, { name: '学员三', org: G1, hiredOn: '2026-01-05' });
    const ctx = systemContext('review-exit-mentor', h.now(), 'qth');
    const { ops, audit } = await exitWorkerOps(h.store, ctx, await loadWorker(h.store, mentor.id), {
      situation: 5,
      effectiveOn: '2026-03-01',
      evidence: '辞职',
    });
    expect((await hr.post('/v1/mentorships', { mentorId: mentor.id, menteeId: mentee.id })).status).toBe(201);
    await expect(h.store.transact(ctx, ops, audit)).rejects.toMatchObject({ status: 409 });
    // Through the API the exit re-reads and ends the new pairing too.
    const res = await hr.post(`/v1/workers/${mentor.id}/exits`, {
      situation: 5,
      effectiveOn: '2026-03-01',
      evidence: '辞职',
    });
    expect(res.status).toBe(201);
    expect((await loadWorker(h.store, mentee.id)).mentorIds).toEqual([]);
  });
});

describe('a mentor whose pairing period has run out', () => {
  it('no longer reads the former mentee’s record, training, certificates or sessions', async () => {
    const mentor = await seedWorker(h, { name: '导师四', org: G1 });
    const mentee = await seedWorker(h, { name: '学员四', org: G1, hiredOn: '2025-01-06' });
    const paired = await hr.post('/v1/mentorships', {
      mentorId: mentor.id,
      menteeId: mentee.id,
      startDate: '2025-04-01',
      months: 12,
    });
    expect(paired.status).toBe(201);
    const asMentor = await h.client('mentor', mentor.org, mentor.id);
    expect((await asMentor.get(`/v1/workers/${mentee.id}`)).status).toBe(200);
    expect((await asMentor.get(`/v1/workers/${mentee.id}/evaluations`)).status).toBe(200);
    // The period ends on 2026-03-31 …
    h.setNow('2026-05-01T02:00:00.000Z');
    try {
      // … so a month later the mentee is no longer theirs, though no new pairing completed it yet.
      for (const path of ['', '/history', '/training', '/certificates', '/coaching-sessions', '/evaluations'])
        expect((await asMentor.get(`/v1/workers/${mentee.id}${path}`)).status, path).toBe(404);
      const list = await asMentor.get(`/v1/mentors/${mentor.id}/mentees`);
      expect(list.body.items[0]).toMatchObject({
        mentorship: { current: false },
        training: null,
        certificate: null,
      });
      // HR and the worker themself still read it.
      expect((await hr.get(`/v1/workers/${mentee.id}`)).status).toBe(200);
      const self = await h.client('worker', mentee.org, mentee.id);
      expect((await self.get('/v1/me/coaching-sessions')).status).toBe(200);
    } finally {
      h.setNow('2026-03-02T02:00:00.000Z');
    }
  });
});
