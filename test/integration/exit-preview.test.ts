import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorker } from '#shared/usecases/workers.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

/** An exit's preview names its effects with the exit's own checks, and changes nothing. */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;

beforeAll(async () => {
  h = await startHarness({ now: '2026-06-10T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
});
afterAll(async () => h?.stop());

const body = { situation: 5, effectiveOn: '2026-06-09', evidence: '本人辞职申请' };

describe('POST /v1/workers/{id}/exits/preview', () => {
  it('names the seats, pairings, reserve pool and nominations an exit affects, writing nothing', async () => {
    const mentor = await seedWorker(h, { name: '导师', hiredOn: '2020-01-05' });
    const worker = await seedWorker(h, { name: '将离职', hiredOn: '2021-01-05' });
    const mentee = await seedWorker(h, { name: '徒弟', hiredOn: '2026-01-05' });
    expect((await hr.post('/v1/mentors', { workerId: worker.id })).status).toBe(201);
    expect((await hr.post('/v1/mentorships', { mentorId: mentor.id, menteeId: worker.id })).status).toBe(201);
    expect((await hr.post('/v1/mentorships', { mentorId: worker.id, menteeId: mentee.id })).status).toBe(201);
    expect((await hr.post('/v1/reserve-pool', { workerId: worker.id, reason: '表现突出' })).status).toBe(201);
    const before = await loadWorker(h.store, worker.id);
    const community = (await hr.get('/v1/org-units/qth%2Fxinxing%2Fhongqi%2Fc1')).body;

    const preview = await hr.post(`/v1/workers/${worker.id}/exits/preview`, body);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      workerId: worker.id,
      name: '将离职',
      situation: { situation: 5, code: 'resignation-or-non-renewal', label: '本人辞职或合同期满不再续聘' },
      effectiveOn: '2026-06-09',
      mentorsReleased: [{ workerId: mentor.id, name: '导师' }],
      menteesReleased: 1,
      leavesReservePool: true,
      nominationsWithdrawn: 0,
    });
    // Every quota-holding unit above the worker's grid frees one seat, the lowest first.
    expect(preview.body.seatsReleased.map((s: { org: string }) => s.org)).toEqual([
      'qth/xinxing/hongqi/c1',
      'qth/xinxing/hongqi',
      'qth/xinxing',
      'qth',
    ]);
    const seat = preview.body.seatsReleased[0];
    expect(seat).toMatchObject({ name: '红旗社区', used: community.used, usedAfter: community.used - 1 });

    // Nothing changed: the worker, their seat and the audit trail are as before.
    expect(await loadWorker(h.store, worker.id)).toEqual(before);
    expect((await hr.get('/v1/org-units/qth%2Fxinxing%2Fhongqi%2Fc1')).body.used).toBe(community.used);
    const trail = await hr.get(`/v1/audit?entity=worker:${worker.id}`);
    expect(trail.body.items.map((e: { action: string }) => e.action)).not.toContain('worker.exited');

    // The exit itself then has exactly those effects.
    expect((await hr.post(`/v1/workers/${worker.id}/exits`, body)).status).toBe(201);
    expect((await hr.get('/v1/org-units/qth%2Fxinxing%2Fhongqi%2Fc1')).body.used).toBe(seat.usedAfter);
  });

  it('answers as the exit would: 422 for a future date, 409 after the exit, 404 outside the subtree', async () => {
    const worker = await seedWorker(h, { name: '乙', hiredOn: '2021-01-05' });
    const future = await hr.post(`/v1/workers/${worker.id}/exits/preview`, {
      ...body,
      effectiveOn: '2026-07-01',
    });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('EXIT_DATE_IN_FUTURE');
    const invalid = await hr.post(`/v1/workers/${worker.id}/exits/preview`, { ...body, situation: 9 });
    expect(invalid.status).toBe(400);
    const sibling = await h.client('hr', 'qth/taoshan');
    expect((await sibling.post(`/v1/workers/${worker.id}/exits/preview`, body)).status).toBe(404); // as if missing
    expect((await hr.post(`/v1/workers/${worker.id}/exits`, body)).status).toBe(201);
    const again = await hr.post(`/v1/workers/${worker.id}/exits/preview`, body);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_EXITED');
  });
});
