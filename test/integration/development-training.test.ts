import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
const G1 = 'qth/xinxing/hongqi/c1/g1';
const C2 = 'qth/taoshan/taoxi/c2/g1';
const workers: WorkerRecord[] = [];
let outsider: WorkerRecord;
let exited: WorkerRecord;
let lateHire: WorkerRecord;

async function createEvent(body: Record<string, unknown>, client = hr) {
  return client.post('/v1/training-events', { title: '培训', hours: 4, ...body });
}

const stats = async (org: string, year = 2026) =>
  (await hr.get(`/v1/stats?org=${encodeURIComponent(org)}&year=${year}`)).body;

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 (a Monday) in Shanghai
  await seedOrgTree(h, { communityQuota: 400 });
  hr = await h.client('hr', 'qth');
  // Room for ~200 workers under hongqi (its street and district quotas follow population).
  for (const id of ['qth/xinxing', 'qth/xinxing/hongqi']) {
    const unit = await hr.get(`/v1/org-units/${orgPath(id)}`);
    await hr.patch(`/v1/org-units/${orgPath(id)}`, {
      urbanPopulation: 400_000,
      expectedVersion: unit.body.version,
    });
  }
  for (let i = 0; i < 170; i++) workers.push(await seedWorker(h, { name: `社工${i}`, org: G1 }));
  outsider = await seedWorker(h, { org: C2 });
  exited = await seedWorker(h, {
    status: 'exited',
    exit: { situation: 5, effectiveOn: '2026-01-15', evidence: '辞职', recordedAt: '2026-01-15T00:00:00Z' },
  });
  lateHire = await seedWorker(h, { hiredOn: '2026-02-27' });
}, 180_000);
afterAll(async () => h?.stop());

describe('training events', () => {
  it('HR create events at the four levels; the level is the organising unit’s', async () => {
    const city = await createEvent({
      title: '全市社工培训班',
      level: 'city',
      org: 'qth',
      date: '2026-02-23',
    });
    expect(city.status).toBe(201);
    expect(city.body).toMatchObject({
      level: 'city',
      org: 'qth',
      hours: 4,
      minutes: 240,
      attendees: 0,
      policyVersion: 'training/default',
    });
    const district = await createEvent({
      level: 'district',
      org: 'qth/xinxing',
      date: '2026-02-24',
      hours: 3,
    });
    expect(district.status).toBe(201);
    const street = await createEvent({
      level: 'street',
      org: 'qth/xinxing/hongqi',
      date: '2026-02-25',
      hours: 2,
    });
    expect(street.status).toBe(201);
    const micro = await createEvent({
      title: '微课堂',
      level: 'community',
      org: C1,
      date: '2026-03-02',
      hours: 1,
    });
    expect(micro.status).toBe(201);

    const mismatch = await createEvent({ level: 'city', org: 'qth/xinxing', date: '2026-02-24' });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.code).toBe('LEVEL_MISMATCH');
    const grid = await createEvent({ level: 'community', org: G1, date: '2026-02-24' });
    expect(grid.status).toBe(422);
    const invalid = await hr.post('/v1/training-events', {
      title: '',
      level: 'province',
      org: 'qth',
      date: '2026-02-30',
      hours: -1,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['title', 'level', 'date', 'hours']),
    );
  });

  it('only HR officers of the organising unit’s subtree may create or read events', async () => {
    const otherDistrict = await h.client('hr', 'qth/taoshan');
    expect(
      (await createEvent({ level: 'street', org: 'qth/xinxing/hongqi', date: '2026-02-25' }, otherDistrict))
        .status,
    ).toBe(403);
    const worker = await h.client('worker', G1, workers[0]!.id);
    expect((await createEvent({ level: 'community', org: C1, date: '2026-02-25' }, worker)).status).toBe(403);
    const mentor = await h.client('mentor', G1, workers[1]!.id);
    expect((await createEvent({ level: 'community', org: C1, date: '2026-02-25' }, mentor)).status).toBe(403);
    const list = await otherDistrict.get('/v1/training-events?org=qth&year=2026');
    expect(list.status).toBe(403);
  });

  it('lists a subtree’s events of a year, optionally by level', async () => {
    const all = await hr.get('/v1/training-events?org=qth&year=2026');
    expect(all.status).toBe(200);
    expect(all.body.items.map((e: { level: string }) => e.level).sort()).toEqual([
      'city',
      'community',
      'district',
      'street',
    ]);
    const street = await hr.get(
      `/v1/training-events?org=${encodeURIComponent('qth/xinxing/hongqi')}&year=2026`,
    );
    expect(street.body.items.map((e: { level: string }) => e.level).sort()).toEqual(['community', 'street']);
    const micro = await hr.get('/v1/training-events?org=qth&year=2026&level=community');
    expect(micro.body.items).toHaveLength(1);
    expect((await hr.get('/v1/training-events?org=qth&year=2025')).body.items).toHaveLength(0);
  });
});

describe('recording attendance', () => {
  let eventId: string;
  beforeAll(async () => {
    eventId = (
      await createEvent({
        title: '街道培训',
        level: 'street',
        org: 'qth/xinxing/hongqi',
        date: '2026-02-26',
        hours: 3,
      })
    ).body.id;
  });

  it('records JSON rows (hours default to the event’s) and CSV rows', async () => {
    const json = await hr.post(`/v1/training-events/${eventId}/attendance`, {
      rows: [{ workerId: workers[0]!.id }, { workerId: workers[1]!.id, hours: 1.5 }, workers[2]!.id],
    });
    expect(json.status).toBe(201);
    expect(json.body).toMatchObject({ recorded: 3, attendees: 3 });
    expect(json.body.items).toEqual([
      { workerId: workers[0]!.id, hours: 3 },
      { workerId: workers[1]!.id, hours: 1.5 },
      { workerId: workers[2]!.id, hours: 3 },
    ]);
    const csv = await hr.post(`/v1/training-events/${eventId}/attendance`, undefined, {
      raw: `workerId,hours\n${workers[3]!.id},2\n${workers[4]!.id},\n`,
    });
    expect(csv.status).toBe(201);
    expect(csv.body).toMatchObject({ recorded: 2, attendees: 5 });
    const list = await hr.get(`/v1/training-events/${eventId}/attendance`);
    expect(list.body.attendees).toBe(5);
    expect(
      Object.fromEntries(
        list.body.items.map((a: { workerId: string; hours: number }) => [a.workerId, a.hours]),
      ),
    ).toEqual({
      [workers[0]!.id]: 3,
      [workers[1]!.id]: 1.5,
      [workers[2]!.id]: 3,
      [workers[3]!.id]: 2,
      [workers[4]!.id]: 3,
    });
    expect((await hr.get(`/v1/training-events/${eventId}`)).body.attendees).toBe(5);
  });

  it('refuses a batch with rows listed twice or invalid rows (400), saving nothing', async () => {
    const before = await stats('qth');
    const dup = await hr.post(`/v1/training-events/${eventId}/attendance`, {
      rows: [workers[10]!.id, workers[11]!.id, workers[10]!.id, { workerId: workers[12]!.id, hours: 9 }],
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.code).toBe('VALIDATION_FAILED');
    expect(dup.body.error.details).toEqual([
      expect.objectContaining({ row: 3, workerId: workers[10]!.id, path: 'workerId' }),
      expect.objectContaining({ row: 4, workerId: workers[12]!.id, path: 'hours' }),
    ]);
    const csv = await hr.post(`/v1/training-events/${eventId}/attendance`, undefined, {
      raw: `workerId,hours\n${workers[10]!.id},2\n,3\n${workers[11]!.id},many\n`,
    });
    expect(csv.status).toBe(400);
    expect(csv.body.error.details.map((d: { row: number }) => d.row)).toEqual([2, 3]);
    const empty = await hr.post(`/v1/training-events/${eventId}/attendance`, { rows: [] });
    expect(empty.status).toBe(400);
    const text = await hr.post(`/v1/training-events/${eventId}/attendance`, undefined, {
      raw: 'hello',
      contentType: 'text/plain',
    });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await hr.get(`/v1/training-events/${eventId}`)).body.attendees).toBe(5);
    expect((await stats('qth')).training).toEqual(before.training);
  });

  it('lists unknown, out-of-subtree, exited and not-yet-hired workers (422), saving nothing', async () => {
    const district = await h.client('hr', 'qth/xinxing');
    const res = await district.post(`/v1/training-events/${eventId}/attendance`, {
      rows: [workers[20]!.id, 'w_nobody', outsider.id, exited.id, lateHire.id, workers[21]!.id],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('UNKNOWN_WORKERS');
    expect(res.body.error.details).toEqual([
      { row: 2, workerId: 'w_nobody', reason: 'unknown' },
      { row: 3, workerId: outsider.id, reason: 'unknown' },
      { row: 4, workerId: exited.id, reason: 'exited' },
      { row: 5, workerId: lateHire.id, reason: 'not-yet-hired' },
    ]);
    const list = await hr.get(`/v1/training-events/${eventId}/attendance`);
    expect(list.body.items.map((a: { workerId: string }) => a.workerId)).not.toContain(workers[20]!.id);
    expect(list.body.attendees).toBe(5);
  });

  it('an exited worker who left after the event can still be recorded for it', async () => {
    const early = (
      await createEvent({ level: 'street', org: 'qth/xinxing/hongqi', date: '2026-01-05', hours: 2 })
    ).body;
    const res = await hr.post(`/v1/training-events/${early.id}/attendance`, { rows: [exited.id] });
    expect(res.status).toBe(201);
  });

  it('lists workers already recorded for the event (409), saving nothing', async () => {
    const res = await hr.post(`/v1/training-events/${eventId}/attendance`, {
      rows: [workers[30]!.id, workers[0]!.id, workers[3]!.id],
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_RECORDED');
    expect(res.body.error.details.map((d: { row: number; workerId: string }) => [d.row, d.workerId])).toEqual(
      [
        [2, workers[0]!.id],
        [3, workers[3]!.id],
      ],
    );
    const list = await hr.get(`/v1/training-events/${eventId}/attendance`);
    expect(list.body.items.map((a: { workerId: string }) => a.workerId)).not.toContain(workers[30]!.id);
  });

  it('refuses attendance before the event has taken place, and for strangers', async () => {
    const future = (await createEvent({ level: 'community', org: C1, date: '2026-03-20', hours: 1 })).body;
    const res = await hr.post(`/v1/training-events/${future.id}/attendance`, { rows: [workers[0]!.id] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('EVENT_NOT_HELD_YET');
    const otherDistrict = await h.client('hr', 'qth/taoshan');
    // Callers who may not see the event get what a missing event gets (no existence oracle).
    expect(
      (await otherDistrict.post(`/v1/training-events/${eventId}/attendance`, { rows: [outsider.id] })).status,
    ).toBe(404);
    const worker = await h.client('worker', G1, workers[0]!.id);
    expect(
      (await worker.post(`/v1/training-events/${eventId}/attendance`, { rows: [workers[0]!.id] })).status,
    ).toBe(404);
    expect(
      (await hr.post('/v1/training-events/te_missing/attendance', { rows: [workers[0]!.id] })).status,
    ).toBe(404);
  });

  it('records a 150-attendee batch (more than one transaction) in one request', async () => {
    const big = (
      await createEvent({ title: '全市大班', level: 'city', org: 'qth', date: '2026-02-27', hours: 4 })
    ).body;
    const before = await stats('qth');
    const rows = workers.slice(0, 150).map((w) => ({ workerId: w.id }));
    const res = await hr.post(
      `/v1/training-events/${big.id}/attendance`,
      { rows },
      { headers: { 'idempotency-key': 'big-1' } },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ recorded: 150, attendees: 150 });
    const replay = await hr.post(
      `/v1/training-events/${big.id}/attendance`,
      { rows },
      { headers: { 'idempotency-key': 'big-1' } },
    );
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const list = await hr.get(`/v1/training-events/${big.id}/attendance?limit=500`);
    expect(list.body.items).toHaveLength(150);
    expect((await hr.get(`/v1/training-events/${big.id}`)).body.attendees).toBe(150);
    const after = await stats('qth');
    expect(after.training.personTimes - before.training.personTimes).toBe(150);
    expect(after.training.hours - before.training.hours).toBeCloseTo(600, 6);
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`training-event:${big.id}`)}`);
    expect(
      audit.body.items.filter((e: { action: string }) => e.action === 'training.attendance-recorded'),
    ).toHaveLength(2);
  });
});

describe('a batch that fails part-way is taken back (compensation)', () => {
  /** Runs `request` while the second attendance transaction of `eventId` meets `fault` first. */
  async function withSecondChunkFault<T>(
    eventId: string,
    fault: (items: any[]) => Promise<void>,
    request: () => Promise<T>,
  ) {
    const client = h.store.client as any;
    const original = client.send.bind(client);
    let chunks = 0;
    client.send = async (command: unknown, ...rest: unknown[]) => {
      if (command instanceof TransactWriteCommand) {
        const items = (command.input.TransactItems ?? []) as any[];
        const puts = items.filter(
          (i) => i.Put?.Item?.type === 'training-attendance' && i.Put.Item.eventId === eventId,
        );
        if (puts.length > 0 && ++chunks === 2) await fault(puts.map((p) => p.Put.Item));
      }
      return original(command, ...rest);
    };
    try {
      return await request();
    } finally {
      client.send = original;
    }
  }

  async function attendanceItems(eventId: string) {
    const out = await h.store.client.send(
      new QueryCommand({
        TableName: h.tableName,
        IndexName: 'ByCollection',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': `ATTENDANCE#${eventId}` },
      }),
    );
    return out.Items ?? [];
  }

  it('a worker recorded concurrently during the write: 409 listing them, the first chunk deleted again', async () => {
    const event = (await createEvent({ level: 'district', org: 'qth/xinxing', date: '2026-02-28', hours: 2 }))
      .body;
    const before = await stats('qth');
    let victim = '';
    const res = await withSecondChunkFault(
      event.id,
      async (items) => {
        // Someone else records one of the second chunk's workers just before it is written.
        victim = items[5].workerId;
        await h.store.client.send(
          new PutCommand({ TableName: h.tableName, Item: { ...items[5], batchId: 'someone-else' } }),
        );
      },
      () =>
        hr.post(
          `/v1/training-events/${event.id}/attendance`,
          { rows: workers.slice(0, 150).map((w) => w.id) },
          { headers: { 'idempotency-key': 'partial-1' } },
        ),
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_RECORDED');
    expect(res.body.error.details).toEqual([{ workerId: victim }]);
    // Only the concurrent recording remains; the batch's first chunk is gone, counters are back.
    const remaining = await attendanceItems(event.id);
    expect(remaining.map((i) => i.batchId)).toEqual(['someone-else']);
    expect((await hr.get(`/v1/training-events/${event.id}`)).body.attendees).toBe(0);
    expect((await stats('qth')).training).toEqual(before.training);
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`training-event:${event.id}`)}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain(
      'training.attendance-rolled-back',
    );
    // The failed request freed its Idempotency-Key (nothing was marked done): a corrected retry
    // under the same key takes effect.
    const retry = await hr.post(
      `/v1/training-events/${event.id}/attendance`,
      {
        rows: workers
          .slice(0, 150)
          .map((w) => w.id)
          .filter((id) => id !== victim),
      },
      { headers: { 'idempotency-key': 'partial-1' } },
    );
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(retry.body.recorded).toBe(149);
  });

  it('throttling on a later chunk: 503, nothing kept', async () => {
    const event = (await createEvent({ level: 'district', org: 'qth/xinxing', date: '2026-02-28', hours: 2 }))
      .body;
    const before = await stats('qth');
    const res = await withSecondChunkFault(
      event.id,
      async () => {
        throw Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' });
      },
      () =>
        hr.post(`/v1/training-events/${event.id}/attendance`, {
          rows: workers.slice(0, 150).map((w) => w.id),
        }),
    );
    expect(res.status).toBe(503);
    expect(await attendanceItems(event.id)).toHaveLength(0);
    expect((await hr.get(`/v1/training-events/${event.id}`)).body.attendees).toBe(0);
    expect((await stats('qth')).training).toEqual(before.training);
  });
});

describe('a worker’s training year', () => {
  let w: WorkerRecord;
  beforeAll(async () => {
    w = workers[160]!;
    const record = async (body: Record<string, unknown>, hours?: number) => {
      const event = (await createEvent(body)).body;
      const res = await hr.post(`/v1/training-events/${event.id}/attendance`, {
        rows: [{ workerId: w.id, ...(hours ? { hours } : {}) }],
      });
      expect(res.status).toBe(201);
    };
    // Monday 29 December 2025 is in ISO week 2026-W01: 3 h there count for 2026's weekly study,
    // but in 2025's annual total.
    await record({ level: 'street', org: 'qth/xinxing/hongqi', date: '2025-12-29', hours: 3 });
    await record({ level: 'city', org: 'qth', date: '2026-02-23', hours: 4 }, 2.5); // W09
    await record({ level: 'street', org: 'qth/xinxing/hongqi', date: '2026-02-25', hours: 2 }); // W09: 4.5 h
    await record({ level: 'community', org: C1, date: '2026-03-02', hours: 1 }); // W10: 1 h
  });

  it('totals hours and attendances, counts compliant weeks (≥ 4 h) and progress to the 48 h', async () => {
    const res = await hr.get(`/v1/workers/${w.id}/training?year=2026`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      workerId: w.id,
      year: 2026,
      policyVersion: 'training/default',
      annualRequiredHours: 48,
      totalMinutes: 330,
      totalHours: 5.5,
      attendances: 3,
      compliantWeeks: 1,
      compliantWeekKeys: ['2026-W09'],
      weeksInYearSoFar: 10,
      requirementMet: false,
      progressPercent: 11.4, // 330 / 2880 = 11.45…, rounded down
      remainingHours: 42.5,
    });
    expect(res.body.byLevel).toEqual({
      city: { attendances: 1, hours: 2.5 },
      district: { attendances: 0, hours: 0 },
      street: { attendances: 1, hours: 2 },
      community: { attendances: 1, hours: 1 },
    });
    expect(res.body.records.map((r: { date: string }) => r.date)).toEqual([
      '2026-02-23',
      '2026-02-25',
      '2026-03-02',
    ]);
  });

  it('the ISO-week overhang: late-December hours count in that year’s total and the next year’s week 1', async () => {
    const y2025 = await hr.get(`/v1/workers/${w.id}/training?year=2025`);
    expect(y2025.body).toMatchObject({
      totalHours: 3,
      attendances: 1,
      compliantWeeks: 0,
      weeksInYearSoFar: 52,
    });
    const res = await hr.get(`/v1/workers/${w.id}/training?year=2026`);
    expect(res.body.compliantWeekKeys).toEqual(['2026-W09']);
    // One more hour in W01 (2026-01-02) makes 2026-W01 compliant: 3 h on 29 Dec + 1 h.
    const event = (await createEvent({ level: 'community', org: C1, date: '2026-01-02', hours: 1 })).body;
    await hr.post(`/v1/training-events/${event.id}/attendance`, { rows: [w.id] });
    const again = await hr.get(`/v1/workers/${w.id}/training?year=2026`);
    expect(again.body.compliantWeekKeys).toEqual(['2026-W01', '2026-W09']);
    expect(again.body.totalHours).toBe(6.5);
  });

  it('the worker reads their own (also under /v1/me); other workers and outside HR may not', async () => {
    const self = await h.client('worker', G1, w.id);
    const mine = await self.get('/v1/me/training?year=2026');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ workerId: w.id, totalHours: 6.5 });
    expect((await self.get('/v1/me/training')).body.year).toBe(2026);
    expect((await self.get(`/v1/workers/${w.id}/training`)).status).toBe(200);
    const other = await h.client('worker', G1, workers[161]!.id);
    // Outside their scope: what a missing worker gets (no existence oracle).
    expect((await other.get(`/v1/workers/${w.id}/training`)).status).toBe(404);
    const notTheirMentor = await h.client('mentor', G1, workers[162]!.id);
    expect((await notTheirMentor.get(`/v1/workers/${w.id}/training`)).status).toBe(404);
    const otherDistrict = await h.client('hr', 'qth/taoshan');
    expect((await otherDistrict.get(`/v1/workers/${w.id}/training`)).status).toBe(404);
    expect((await hr.get('/v1/me/training')).status).toBe(403);
    expect((await hr.get('/v1/workers/w_nobody/training')).status).toBe(404);
    expect((await hr.get(`/v1/workers/${w.id}/training?year=20x6`)).status).toBe(400);
  });

  it('follows the training policy in force (a city lowering the requirement)', async () => {
    const set = await hr.put('/v1/policies/training/2026-03-02', {
      annualRequiredHours: 6,
      weeklyStudyMinHours: 4,
      levels: ['city', 'district', 'street', 'community'],
    });
    expect(set.status).toBeLessThan(300);
    const res = await hr.get(`/v1/workers/${w.id}/training?year=2026`);
    expect(res.body).toMatchObject({
      annualRequiredHours: 6,
      requirementMet: true,
      progressPercent: 100,
      remainingHours: 0,
    });
    expect(res.body.policyVersion).not.toBe('training/default');
  });
});

describe('training figures per org unit', () => {
  it('counts events by level, person-times and micro-classrooms on the unit and its ancestors', async () => {
    const city = await stats('qth');
    const street = await stats('qth/xinxing/hongqi');
    const community = await stats(C1);
    // Events in 2026 so far: city 3 (23 Feb, 27 Feb, 23 Feb for one worker), district 4, street 4, community 4.
    expect(city.training.events.city).toBe(3);
    expect(city.training.microClassrooms).toBe(city.training.events.community);
    expect(street.training.events).toMatchObject({ city: 0, district: 0 });
    expect(street.training.events.street).toBeGreaterThan(0);
    expect(community.training.events).toEqual({
      city: 0,
      district: 0,
      street: 0,
      community: community.training.microClassrooms,
    });
    // Person-times count where the event was organised: the city sees all of them.
    expect(city.training.personTimes).toBeGreaterThanOrEqual(street.training.personTimes + 150);
    const byLevel = city.training.events;
    expect(city.training.totalEvents).toBe(
      byLevel.city + byLevel.district + byLevel.street + byLevel.community,
    );
    const y2025 = await stats('qth', 2025);
    expect(y2025.training).toMatchObject({ personTimes: 1, totalEvents: 1, events: { street: 1 } });
  });
});
