import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
const G1 = 'qth/xinxing/hongqi/c1/g1';
const STREET = 'qth/xinxing/hongqi';
const workers: WorkerRecord[] = [];

const stats = async (org: string, year = 2026) =>
  (await hr.get(`/v1/stats?org=${encodeURIComponent(org)}&year=${year}`)).body.training;
const hoursOf = async (w: WorkerRecord, year = 2026) =>
  (await hr.get(`/v1/workers/${w.id}/training?year=${year}`)).body.totalHours as number;
const attendees = async (eventId: string) =>
  (await hr.get(`/v1/training-events/${eventId}/attendance`)).body.items.map((a: any) => [
    a.workerId,
    a.hours,
  ]);

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 in Shanghai
  ({ hr } = await seedOrgTree(h));
  for (let i = 0; i < 4; i++) workers.push(await seedWorker(h, { name: `社工${i}`, org: G1 }));
}, 180_000);
afterAll(async () => h?.stop());

describe('training corrections', () => {
  it('corrects an event (title, level with its unit, hours, date): attendees’ hours and the stats follow', async () => {
    const event = (
      await hr.post('/v1/training-events', {
        title: '微课堂',
        level: 'community',
        org: C1,
        date: '2026-02-10',
        hours: 2,
      })
    ).body;
    const [a, b, c] = workers as [WorkerRecord, WorkerRecord, WorkerRecord];
    const recorded = await hr.post(`/v1/training-events/${event.id}/attendance`, {
      rows: [{ workerId: a.id }, { workerId: b.id, hours: 1 }, { workerId: c.id }],
    });
    expect(recorded.status, recorded.text).toBe(201);
    const before = await stats('qth');
    expect(before).toMatchObject({ totalEvents: 1, personTimes: 3, hours: 5 });
    expect(before.events).toMatchObject({ community: 1, street: 0 });

    // Hours 2 → 3: whole-event attendees get 3, the one who left early keeps 1.
    const longer = await hr.patch(`/v1/training-events/${event.id}`, { hours: 3, expectedVersion: 1 });
    expect(longer.status, longer.text).toBe(200);
    expect(longer.body).toMatchObject({ hours: 3, minutes: 180, version: 2, attendees: 3 });
    expect(await attendees(event.id)).toEqual(
      expect.arrayContaining([
        [a.id, 3],
        [b.id, 1],
        [c.id, 3],
      ]),
    );
    expect(await hoursOf(a)).toBe(3);
    expect(await stats('qth')).toMatchObject({ totalEvents: 1, personTimes: 3, hours: 7 });

    // A stale version is refused, nothing changes.
    const stale = await hr.patch(`/v1/training-events/${event.id}`, { hours: 1, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_MISMATCH');

    // Level and date into the previous year, organised by the street: counters move across years and levels.
    const moved = await hr.patch(`/v1/training-events/${event.id}`, {
      title: '街道专题培训',
      level: 'street',
      org: STREET,
      date: '2025-12-30',
      expectedVersion: 2,
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({
      title: '街道专题培训',
      level: 'street',
      org: STREET,
      date: '2025-12-30',
    });
    expect(await stats('qth')).toMatchObject({ totalEvents: 0, personTimes: 0, hours: 0 });
    const last = await stats('qth', 2025);
    expect(last).toMatchObject({ totalEvents: 1, personTimes: 3, hours: 7 });
    expect(last.events).toMatchObject({ street: 1, community: 0 });
    expect(await hoursOf(a)).toBe(0);
    expect(await hoursOf(a, 2025)).toBe(3);
    const record = (await hr.get(`/v1/workers/${a.id}/training?year=2025`)).body.records;
    expect(record).toEqual([
      {
        eventId: event.id,
        date: '2025-12-30',
        title: '街道专题培训',
        level: 'street',
        levelLabel: '街道级培训',
        hours: 3,
      },
    ]);

    // The level must stay the organising unit's.
    const mismatch = await hr.patch(`/v1/training-events/${event.id}`, { level: 'city', expectedVersion: 3 });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.code).toBe('LEVEL_MISMATCH');

    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`training-event:${event.id}`)}`);
    const corrections = audit.body.items.filter((e: any) => e.action === 'training-event.corrected');
    expect(corrections).toHaveLength(2);
    expect(corrections[0]).toMatchObject({ before: { date: '2026-02-10', level: 'community' } });
  });

  it('refuses a date on which an attendee was not yet hired, and a date in the future', async () => {
    const late = await seedWorker(h, { org: G1, hiredOn: '2026-02-01' });
    const event = (
      await hr.post('/v1/training-events', {
        title: '培训',
        level: 'community',
        org: C1,
        date: '2026-02-20',
        hours: 2,
      })
    ).body;
    await hr.post(`/v1/training-events/${event.id}/attendance`, { rows: [late.id] });
    const early = await hr.patch(`/v1/training-events/${event.id}`, {
      date: '2026-01-20',
      expectedVersion: 1,
    });
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({
      code: 'ATTENDEES_NOT_ON_DUTY',
      details: [{ workerId: late.id, reason: 'not-yet-hired' }],
    });
    const future = await hr.patch(`/v1/training-events/${event.id}`, {
      date: '2026-04-01',
      expectedVersion: 1,
    });
    expect(future.status).toBe(422);
    expect((await hr.get(`/v1/training-events/${event.id}`)).body).toMatchObject({
      date: '2026-02-20',
      version: 1,
    });
  });

  it('removes one attendance recorded in error; another may then be added; both audited', async () => {
    const [a, b, , d] = workers as [WorkerRecord, WorkerRecord, WorkerRecord, WorkerRecord];
    const event = (
      await hr.post('/v1/training-events', {
        title: '培训',
        level: 'community',
        org: C1,
        date: '2026-02-25',
        hours: 4,
      })
    ).body;
    await hr.post(`/v1/training-events/${event.id}/attendance`, { rows: [a.id, b.id] });
    const before = await stats('qth');
    const hoursBefore = await hoursOf(b);

    const removed = await hr.delete(`/v1/training-events/${event.id}/attendance/${b.id}`);
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body).toEqual({ eventId: event.id, workerId: b.id, removedHours: 4, attendees: 1 });
    expect(await hoursOf(b)).toBe(hoursBefore - 4);
    expect(await stats('qth')).toMatchObject({
      personTimes: before.personTimes - 1,
      hours: before.hours - 4,
    });
    expect((await hr.delete(`/v1/training-events/${event.id}/attendance/${b.id}`)).status).toBe(404);

    const added = await hr.post(`/v1/training-events/${event.id}/attendance`, { rows: [d.id] });
    expect(added.status).toBe(201);
    expect(added.body.attendees).toBe(2);
    expect(await stats('qth')).toMatchObject({ personTimes: before.personTimes, hours: before.hours });

    const workerAudit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`worker:${b.id}`)}`);
    expect(workerAudit.body.items.map((e: any) => e.action)).toContain('training.attendance-removed');

    // Only HR of the organising unit's subtree; to anyone else the event answers as a missing one.
    const other = await h.client('hr', 'qth/taoshan');
    expect((await other.delete(`/v1/training-events/${event.id}/attendance/${a.id}`)).status).toBe(404);
    expect(
      (await other.patch(`/v1/training-events/${event.id}`, { hours: 1, expectedVersion: 1 })).status,
    ).toBe(404);
    const worker = await h.client('worker', G1, a.id);
    expect((await worker.delete(`/v1/training-events/${event.id}/attendance/${a.id}`)).status).toBe(404);
    expect((await hr.get(`/v1/training-events/${event.id}`)).body.attendees).toBe(2);
  });
});
