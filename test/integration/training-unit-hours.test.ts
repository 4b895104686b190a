import { watchDynamoRequests } from '../support/dynamo-requests.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * GET /v1/training-hours: a unit's workers' hours for a year in a fixed number of Queries (the
 * workers, and the attendances of three training periods), never outside the caller's subtree.
 */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
const C2G = 'qth/taoshan/taoxi/c2/g1';
const enc = encodeURIComponent;
const w: Record<string, WorkerRecord> = {};
let requests: string[] = [];

async function event(date: string, hours: number, attendees: WorkerRecord[]) {
  const created = await hr.post('/v1/training-events', {
    title: `培训${date}`,
    level: 'city',
    date,
    hours,
    org: 'qth',
  });
  expect(created.status, created.text).toBe(201);
  const res = await hr.post(`/v1/training-events/${created.body.id}/attendance`, {
    rows: attendees.map((a) => ({ workerId: a.id })),
  });
  expect(res.status, res.text).toBe(201);
}

beforeAll(async () => {
  h = await startHarness({ now: '2025-12-30T02:00:00.000Z' });
  await seedOrgTree(h);
  hr = await h.client('hr', 'qth');
  w.a = await seedWorker(h, { name: '甲', org: C1, id: 'w_hours0000001', hiredOn: '2025-01-01' });
  w.b = await seedWorker(h, { name: '乙', org: C1, id: 'w_hours0000002', hiredOn: '2025-01-01' });
  w.c = await seedWorker(h, { name: '丙', org: C2G, id: 'w_hours0000003', hiredOn: '2025-01-01' });
  // 2026-W01 begins Monday 29 December 2025: these hours count for 2025's total and 2026's first week.
  await event('2025-12-29', 4, [w.a!]);
  h.setNow('2026-03-02T02:00:00.000Z');
  await event('2026-01-02', 2, [w.a!, w.c!]);
  await event('2026-02-10', 20, [w.b!, w.c!]);
  watchDynamoRequests(h.store, ({ operation, index }) => requests.push(`${operation} ${index}`));
});
afterAll(async () => h?.stop());

describe('GET /v1/training-hours', () => {
  it("gives each worker of the unit the year's hours, weekly study and standing, as the per-worker read does", async () => {
    const district = await h.client('hr', 'qth/xinxing');
    requests = [];
    const res = await district.get(`/v1/training-hours?org=${enc(C1)}&year=2026`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((i: { name: string }) => i.name)).toEqual(['甲', '乙']);
    expect(res.body.summary).toEqual({ workers: 2, met: 0, behind: 1, onTrack: 1 });
    for (const item of res.body.items) {
      const one = await district.get(`/v1/workers/${item.workerId}/training?year=2026`);
      expect(item).toMatchObject({
        totalHours: one.body.totalHours,
        compliantWeeks: one.body.compliantWeeks,
        weeksInYearSoFar: one.body.weeksInYearSoFar,
        progressPercent: one.body.progressPercent,
        remainingHours: one.body.remainingHours,
      });
    }
    const a = res.body.items[0];
    expect(a).toMatchObject({ totalHours: 2, attendances: 1, compliantWeeks: 1, standing: 'behind' });
    expect(res.body.items[1]).toMatchObject({ totalHours: 20, standing: 'on-track' });
    const queries = requests.filter((r) => r.startsWith('Query '));
    expect(queries.filter((r) => r.endsWith('ByRelation'))).toHaveLength(3);
    expect(requests.some((r) => r.startsWith('Scan'))).toBe(false);
  });

  it('counts the days around New Year in the right year', async () => {
    const res = await hr.get(`/v1/training-hours?org=${enc(C1)}&year=2025`);
    expect(res.body.items[0]).toMatchObject({ name: '甲', totalHours: 4 });
    expect(res.body.items[1]).toMatchObject({ name: '乙', totalHours: 0 });
  });

  it('filters by standing, pages by cursor and never leaves the subtree', async () => {
    const behind = await hr.get(`/v1/training-hours?org=${enc(C1)}&year=2026&standing=behind`);
    expect(behind.body.items.map((i: { name: string }) => i.name)).toEqual(['甲']);
    const first = await hr.get(`/v1/training-hours?org=qth&year=2026&limit=2`);
    expect(first.body.items.map((i: { name: string }) => i.name)).toEqual(['丙', '甲']);
    const second = await hr.get(
      `/v1/training-hours?org=qth&year=2026&limit=2&cursor=${enc(first.body.cursor)}`,
    );
    expect(second.body.items.map((i: { name: string }) => i.name)).toEqual(['乙']);
    expect(second.body.cursor).toBeUndefined();
    const district = await h.client('hr', 'qth/xinxing');
    expect((await district.get(`/v1/training-hours?org=${enc('qth/taoshan')}`)).status).toBe(403);
    // A cursor from another district's part of the order is refused (the rows are the subtree's anyway).
    const outside = Buffer.from(JSON.stringify({ after: 'qth/taoshan/taoxi/c2/g1/#w_x' })).toString(
      'base64url',
    );
    const forged = await district.get(`/v1/training-hours?org=${enc('qth/xinxing')}&cursor=${outside}`);
    expect(forged.status).toBe(400);
    const mine = await district.get(`/v1/training-hours?org=${enc('qth/xinxing')}&year=2026`);
    expect(mine.body.items.map((i: { name: string }) => i.name)).toEqual(['甲', '乙']);
  });
});

describe('a worker who moved in during the year (调动)', () => {
  it("brings the hours recorded at the old unit to the new unit's list, read from the worker's own partition", async () => {
    const d = await seedWorker(h, { name: '丁', org: C1, id: 'w_hours0000004', hiredOn: '2025-01-01' });
    await event('2026-02-20', 8, [d]);
    const moved = await hr.post(`/v1/workers/${d.id}/moves`, { org: C2G, reason: '工作需要' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({ org: C2G, orgSince: '2026-03-02' });
    await event('2026-03-02', 3, [d]);

    const tableQueries = () => requests.filter((r) => r === 'Query table').length;
    requests = [];
    await hr.get(`/v1/training-hours?org=${enc(C1)}&year=2026`);
    const withoutMovers = tableQueries();
    requests = [];
    const there = await hr.get(`/v1/training-hours?org=${enc(C2G)}&year=2026`);
    expect(there.status, there.text).toBe(200);
    expect(there.body.items.map((i: { name: string }) => i.name)).toEqual(['丙', '丁']);
    // 丙 never moved: from the subtree's three Queries; 丁 costs one Query of its own partition.
    const queries = requests.filter((r) => r.startsWith('Query '));
    expect(queries.filter((r) => r.endsWith('ByRelation'))).toHaveLength(3);
    expect(tableQueries()).toBe(withoutMovers + 1);
    const own = await hr.get(`/v1/workers/${d.id}/training?year=2026`);
    expect(own.body.totalHours).toBe(11);
    expect(there.body.items[1]).toMatchObject({
      workerId: d.id,
      totalHours: 11,
      attendances: 2,
      compliantWeeks: own.body.compliantWeeks,
    });
    expect(there.body.items[0]).toMatchObject({ name: '丙', totalHours: 22 });

    // The old unit lists only the workers serving there; the year before the move is read the same way.
    const left = await hr.get(`/v1/training-hours?org=${enc(C1)}&year=2026`);
    expect(left.body.items.map((i: { name: string }) => i.name)).toEqual(['甲', '乙']);
    const lastYear = await hr.get(`/v1/training-hours?org=${enc(C2G)}&year=2025`);
    expect(lastYear.body.items.find((i: { name: string }) => i.name === '丁')).toMatchObject({
      totalHours: 0,
    });
  });
});
