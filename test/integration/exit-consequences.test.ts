import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorker } from '#shared/usecases/workers.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

/** An exit reaches beyond the worker record: pairings end, mentors' places free up, the pool forgets. */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;

beforeAll(async () => {
  h = await startHarness({ now: '2026-06-10T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
});
afterAll(async () => h?.stop());

const exit = (workerId: string) =>
  hr.post(`/v1/workers/${workerId}/exits`, {
    situation: 5,
    effectiveOn: '2026-06-09',
    evidence: '本人辞职申请',
  });

describe('consequences of an exit', () => {
  it("an exiting mentee's pairing ends and the mentor's place is freed", async () => {
    const mentor = await seedWorker(h, { name: '导师', hiredOn: '2020-01-05' });
    const mentee = await seedWorker(h, { name: '徒弟', hiredOn: '2026-01-05' });
    const pairing = await hr.post('/v1/mentorships', { mentorId: mentor.id, menteeId: mentee.id });
    expect(pairing.status).toBe(201);
    expect((await exit(mentee.id)).status).toBe(201);
    const mentees = await (await h.client('mentor', mentor.org, mentor.id)).get(
      `/v1/mentors/${mentor.id}/mentees`,
    );
    expect(mentees.status).toBe(200);
    expect(mentees.body.mentor.activeMentees).toBe(0);
    expect(mentees.body.items).toEqual([]);
    expect((await hr.get(`/v1/mentorships/${pairing.body.id}`)).body.status).toBe('ended');
    expect((await loadWorker(h.store, mentee.id)).mentorIds).toEqual([]);
  });

  it("an exiting mentor's mentees lose them as mentor (and their access to the mentees' records)", async () => {
    const mentor = await seedWorker(h, { name: '导师乙', hiredOn: '2020-01-05' });
    const mentee = await seedWorker(h, { name: '徒弟乙', hiredOn: '2026-01-05' });
    expect((await hr.post('/v1/mentorships', { mentorId: mentor.id, menteeId: mentee.id })).status).toBe(201);
    const asMentor = await h.client('mentor', mentor.org, mentor.id);
    expect((await asMentor.get(`/v1/workers/${mentee.id}`)).status).toBe(200);
    expect((await exit(mentor.id)).status).toBe(201);
    expect((await loadWorker(h.store, mentee.id)).mentorIds).toEqual([]);
    expect((await asMentor.get(`/v1/workers/${mentee.id}`)).status).toBe(404); // as if missing
  });

  it('an exiting worker leaves the reserve pool', async () => {
    const pooled = await seedWorker(h, { name: '后备', hiredOn: '2021-01-05' });
    expect((await hr.post('/v1/reserve-pool', { workerId: pooled.id, reason: '表现突出' })).status).toBe(201);
    expect((await exit(pooled.id)).status).toBe(201);
    const pool = await hr.get(`/v1/reserve-pool?org=qth`);
    expect(pool.body.items.map((e: { workerId: string }) => e.workerId)).not.toContain(pooled.id);
    expect(await h.store.get({ pk: `WORKER#${pooled.id}`, sk: 'RESERVE-POOL' })).toBeUndefined();
  });
});
