import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRunners } from '#functions/jobs/registry.ts';
import { systemContext } from '#shared/context.ts';
import { currentIncrements } from '#shared/db/entities/stats.ts';
import { loadWorker } from '#shared/usecases/workers.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import { exitCounterAdjustments } from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const G1 = 'qth/xinxing/hongqi/c1/g1';
const C2 = 'qth/taoshan/taoxi/c2';
const C2G = 'qth/taoshan/taoxi/c2/g1';

const certify = (w: WorkerRecord, body: Record<string, unknown>, client = hr) =>
  client.post(`/v1/workers/${w.id}/certificates`, {
    level: 'assistant',
    issuedOn: '2025-06-01',
    registeredOn: '2025-07-15',
    ...body,
  });
const certification = async (org: string, year: number) =>
  (await hr.get(`/v1/stats?org=${encodeURIComponent(org)}&year=${year}`)).body.certification;

beforeAll(async () => {
  h = await startHarness({ now: '2025-12-20T02:00:00.000Z' });
  await seedOrgTree(h);
  hr = await h.client('hr', 'qth');
});
afterAll(async () => h?.stop());

describe('certified-on-duty rate (持证上岗比例) and its change year on year', () => {
  const c2: WorkerRecord[] = [];

  it('is live for the current year: certified active workers / active workers, two decimals', async () => {
    for (let i = 0; i < 4; i++) c2.push(await seedWorker(h, { org: C2G, name: `桃西${i}` }));
    expect((await certify(c2[0]!, { number: 'TX-0001', registeredOn: '2025-12-01' })).status).toBe(201);
    expect(await certification(C2, 2025)).toMatchObject({
      certifiedActive: 1,
      active: 4,
      certifiedOnDutyRate: 25,
      basis: 'live',
      previousYearRate: null,
      changePoints: null,
      certificatesRegistered: 1,
    });
    // A second (higher) certificate does not make the worker count twice.
    expect(
      (await certify(c2[0]!, { number: 'TX-0002', level: 'intermediate', registeredOn: '2025-12-10' }))
        .status,
    ).toBe(201);
    expect(await certification(C2, 2025)).toMatchObject({ certifiedActive: 1, active: 4 });
  });

  it('the 1 January job snapshots the year-end figures (idempotently); next year compares with them', async () => {
    h.setNow('2025-12-31T16:05:00.000Z'); // 00:05 on 1 January 2026 in Shanghai
    const run = await jobRunners['stats-snapshot']!(h.deps, { year: 'previous' });
    expect(run).toMatchObject({ year: 2025, units: 9, written: 9, alreadyTaken: 0 });
    for (let i = 4; i < 7; i++) c2.push(await seedWorker(h, { org: C2G, name: `桃西${i}` }));
    expect((await certify(c2[1]!, { number: 'TX-0003', registeredOn: '2026-01-01' })).status).toBe(201);
    expect((await certify(c2[5]!, { number: 'TX-0004', registeredOn: '2026-01-01' })).status).toBe(201);
    expect(await certification(C2, 2026)).toMatchObject({
      certifiedActive: 3,
      active: 7,
      certifiedOnDutyRate: 42.86, // 3 / 7 = 42.857…%
      basis: 'live',
      previousYearRate: 25,
      changePoints: 17.86,
    });
    // A re-run (a retry, or someone running it late) never overwrites the year-end figures.
    const again = await jobRunners['stats-snapshot']!(h.deps, { year: 'previous' });
    expect(again).toMatchObject({ year: 2025, written: 0, alreadyTaken: 9 });
    expect(await certification(C2, 2025)).toMatchObject({
      certifiedActive: 1,
      active: 4,
      certifiedOnDutyRate: 25,
      basis: 'year-end snapshot',
      previousYearRate: null,
    });
    // Years without a snapshot (before the system ran) have no rate, never a guess.
    expect(await certification(C2, 2024)).toMatchObject({ certifiedOnDutyRate: null, basis: null });
    expect(await certification(C2, 2027)).toMatchObject({
      certifiedOnDutyRate: null,
      previousYearRate: null,
    });
    // The same figures roll up to every ancestor.
    expect(await certification('qth/taoshan', 2026)).toMatchObject({ certifiedActive: 3, active: 7 });
  });

  it('an exiting certified worker leaves both figures (what the exit use-case adds to its transaction)', async () => {
    const leaving = await loadWorker(h.store, c2[1]!.id);
    expect(exitCounterAdjustments(leaving)).toEqual({ certified_active: -1 });
    expect(exitCounterAdjustments(await loadWorker(h.store, c2[2]!.id))).toEqual({});
    await h.store.transact(
      systemContext('exit-test', h.now(), 'qth'),
      currentIncrements(leaving.org, { headcount_active: -1, ...exitCounterAdjustments(leaving) }),
      [],
    );
    expect(await certification(C2, 2026)).toMatchObject({
      certifiedActive: 2,
      active: 6,
      certifiedOnDutyRate: 33.33,
      changePoints: 8.33,
    });
  });
});

describe('recording certificates', () => {
  let w: WorkerRecord;
  let other: WorkerRecord;
  beforeAll(async () => {
    h.setNow('2026-03-02T02:00:00.000Z');
    w = await seedWorker(h, { name: '持证人' });
    other = await seedWorker(h, { name: '其他人' });
  });

  it('records certificates; the highest level counts, its allowance from the month of registration', async () => {
    const first = await certify(w, { number: 'ZS-2025-0001' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      workerId: w.id,
      highest: { level: 'assistant', levelName: '助理社会工作师', number: 'ZS-2025-0001' },
      allowanceFromMonth: '2025-07',
      currentLevelFromMonth: '2025-07',
      monthlyAllowanceFen: 20_000,
      schedule: [{ fromMonth: '2025-07', level: 'assistant', monthlyFen: 20_000 }],
      policyVersion: 'pay/default',
    });
    const higher = await certify(w, {
      number: 'ZG-2026-0002',
      level: 'intermediate',
      issuedOn: '2026-01-20',
      registeredOn: '2026-02-27',
    });
    expect(higher.status).toBe(201);
    expect(higher.body).toMatchObject({
      highest: { level: 'intermediate', registeredOn: '2026-02-27' },
      allowanceFromMonth: '2025-07',
      currentLevelFromMonth: '2026-02', // registered on the 27th: the whole of February counts
      monthlyAllowanceFen: 30_000,
      schedule: [
        { fromMonth: '2025-07', level: 'assistant', monthlyFen: 20_000 },
        { fromMonth: '2026-02', level: 'intermediate', monthlyFen: 30_000 },
      ],
    });
    // A lower certificate registered later changes nothing that counts.
    const lower = await certify(w, {
      number: 'ZS-2026-0003',
      issuedOn: '2026-02-01',
      registeredOn: '2026-03-01',
    });
    expect(lower.status).toBe(201);
    expect(lower.body.items).toHaveLength(3);
    expect(lower.body).toMatchObject({ highest: { level: 'intermediate' }, monthlyAllowanceFen: 30_000 });
    expect(lower.body.schedule).toHaveLength(2);
    expect((await loadWorker(h.store, w.id)).certificates.map((c) => c.number)).toEqual([
      'ZS-2025-0001',
      'ZG-2026-0002',
      'ZS-2026-0003',
    ]);
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`worker:${w.id}`)}`);
    expect(
      audit.body.items.filter((e: { action: string }) => e.action === 'worker.certificate-recorded'),
    ).toHaveLength(3);
  });

  it('a certificate number is unique across the city (409), whatever its spacing or case', async () => {
    const dup = await certify(other, { number: ' zs-2025-0001 ' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE_CERTIFICATE');
    expect((await certify(w, { number: 'ZS-2025-0001' })).status).toBe(409);
    expect((await hr.get(`/v1/workers/${other.id}/certificates`)).body.items).toEqual([]);
    // Two officers recording the same new number at once: exactly one wins.
    const race = await Promise.all([certify(w, { number: 'RACE-1' }), certify(other, { number: 'RACE-1' })]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    const holders = await Promise.all([w, other].map((x) => loadWorker(h.store, x.id)));
    expect(holders.flatMap((x) => x.certificates).filter((c) => c.number === 'RACE-1')).toHaveLength(1);
  });

  it('validates dates: registration before issue → 400, in the future → 422', async () => {
    const backwards = await certify(other, {
      number: 'D-1',
      issuedOn: '2026-02-01',
      registeredOn: '2026-01-31',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.map((d: { path: string }) => d.path)).toEqual(['registeredOn']);
    expect(backwards.body.error.details[0].message).toBe('登记日期不能早于发证日期');
    const future = await certify(other, {
      number: 'D-2',
      issuedOn: '2026-03-01',
      registeredOn: '2026-03-03',
    });
    expect(future.status).toBe(422);
    expect(future.body.error.code).toBe('REGISTRATION_IN_FUTURE');
    const invalid = await certify(other, { number: '', level: 'expert', issuedOn: '2026-02-30' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'issuedOn',
      'level',
      'number',
    ]);
    // Nothing was recorded, and the refused numbers stay free.
    expect(
      (await certify(other, { number: 'D-2', registeredOn: '2026-03-02', issuedOn: '2026-03-01' })).status,
    ).toBe(201);
  });

  it('only HR officers of the worker’s subtree record; the worker and their HR read', async () => {
    const self = await h.client('worker', G1, w.id);
    expect((await certify(w, { number: 'A-1' }, self)).status).toBe(403);
    // Callers who may not see the worker get what a missing worker gets (no existence oracle).
    expect((await certify(w, { number: 'A-1' }, await h.client('mentor', G1, other.id))).status).toBe(404);
    expect((await certify(w, { number: 'A-1' }, await h.client('hr', 'qth/taoshan'))).status).toBe(404);
    expect((await certify(w, { number: 'A-1' }, await h.client('hr', 'qth/xinxing'))).status).toBe(201);
    expect(
      (
        await hr.post('/v1/workers/w_nobody/certificates', {
          level: 'assistant',
          number: 'N-1',
          issuedOn: '2025-01-01',
          registeredOn: '2025-01-01',
        })
      ).status,
    ).toBe(404);
    const gone = await seedWorker(h, {
      status: 'exited',
      exit: { situation: 5, effectiveOn: '2026-02-01', evidence: '辞职', recordedAt: '2026-02-01T00:00:00Z' },
    });
    const exitedRes = await certify(gone, { number: 'E-1' });
    expect(exitedRes.status).toBe(422);
    expect(exitedRes.body.error.code).toBe('WORKER_NOT_ACTIVE');

    const mine = await self.get(`/v1/workers/${w.id}/certificates`);
    expect(mine.status).toBe(200);
    expect(mine.body.highest.level).toBe('intermediate');
    expect(
      (await (await h.client('worker', G1, other.id)).get(`/v1/workers/${w.id}/certificates`)).status,
    ).toBe(404);
    expect((await (await h.client('hr', 'qth/taoshan')).get(`/v1/workers/${w.id}/certificates`)).status).toBe(
      404,
    );
    expect((await hr.get('/v1/workers/w_nobody/certificates')).status).toBe(404);
  });

  it('counts registrations per year and certified workers on every ancestor', async () => {
    const city = await certification('qth', 2026);
    // Counted in the year of registration: 2026 has TX-0003, TX-0004, ZG-2026-0002, ZS-2026-0003, D-2.
    expect(city.certificatesRegistered).toBe(5);
    expect((await certification('qth', 2025)).certificatesRegistered).toBe(5); // TX-0001/2, ZS-2025-0001, RACE-1, A-1
    // Certified active: c2 (2 after the exit) + w + other.
    expect(city.certifiedActive).toBe(4);
    expect(city.certifiedOnDutyRate).toBe(Math.round((4 * 10_000) / city.active) / 100);
  });
});
