import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';

/**
 * Issue 13, defect 1: policies belong to a city. One city's HR changing its mentoring cap must not
 * touch another city, whose HR can still read, audit and set their own.
 */
let h: Harness;
let qthHr: Awaited<ReturnType<Harness['client']>>;
let sysHr: Awaited<ReturnType<Harness['client']>>;
const TODAY = '2026-03-02';

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  ({ hr: qthHr } = await seedOrgTree(h));
  sysHr = await h.client('hr', 'sys');
  for (const unit of [
    { id: 'sys', name: '双鸭山市', level: 'city', approvedQuota: 500 },
    { id: 'sys/jianshan', name: '尖山区', level: 'district', parentId: 'sys', urbanPopulation: 100_000 },
    {
      id: 'sys/jianshan/zx',
      name: '中心街道',
      level: 'street',
      parentId: 'sys/jianshan',
      urbanPopulation: 30_000,
    },
    {
      id: 'sys/jianshan/zx/c1',
      name: '中心社区',
      level: 'community',
      parentId: 'sys/jianshan/zx',
      approvedQuota: 20,
    },
  ]) {
    const res = await sysHr.post('/v1/org-units', unit);
    expect(res.status, res.text).toBe(201);
  }
});
afterAll(() => h?.stop());

async function pairings(org: string, count: number) {
  const mentor = await seedWorker(h, { org });
  const hr = org.startsWith('sys') ? sysHr : qthHr;
  const results = [];
  for (let i = 0; i < count; i++) {
    const mentee = await seedWorker(h, { org });
    results.push(await hr.post('/v1/mentorships', { mentorId: mentor.id, menteeId: mentee.id }));
  }
  return results;
}

describe('policies belong to a city', () => {
  it("one city's policy leaves another city's rules, audit trail and own versions alone", async () => {
    const defaults = (await qthHr.get('/v1/policies/mentoring')).body.document;
    const capOfOne = { ...defaults, maxMenteesPerMentor: 1 };
    const stored = await qthHr.put(`/v1/policies/mentoring/${TODAY}`, capOfOne);
    expect(stored.status, stored.text).toBe(200);

    // qth: the cap of 1 applies.
    const [firstQth, secondQth] = await pairings('qth/xinxing/hongqi/c1', 2);
    expect(firstQth!.status).toBe(201);
    expect(secondQth!.status).toBe(409);
    expect(secondQth!.body.error.code).toBe('MENTOR_AT_CAPACITY');

    // sys: still the rule book's default (6), untouched by qth.
    const sysPolicy = await sysHr.get('/v1/policies/mentoring');
    expect(sysPolicy.status).toBe(200);
    expect(sysPolicy.body).toMatchObject({ version: 'mentoring/default', document: defaults });
    expect((await sysHr.get('/v1/policies/mentoring/versions')).body.items).toEqual([]);
    const sysPairs = await pairings('sys/jianshan/zx/c1', 2);
    expect(sysPairs.map((r) => r.status)).toEqual([201, 201]);

    // sys HR set their own version today (qth's in-effect version is not theirs, so no 409).
    const sysStored = await sysHr.put(`/v1/policies/mentoring/${TODAY}`, {
      ...defaults,
      maxMenteesPerMentor: 3,
    });
    expect(sysStored.status, sysStored.text).toBe(200);
    expect((await qthHr.get('/v1/policies/mentoring')).body.document.maxMenteesPerMentor).toBe(1);
    expect((await sysHr.get('/v1/policies/mentoring')).body.document.maxMenteesPerMentor).toBe(3);

    // Each city's HR reads its own audit entry.
    const sysAudit = await sysHr.get(
      `/v1/audit?entity=${encodeURIComponent(`policy:sys/mentoring/${TODAY}`)}`,
    );
    expect(sysAudit.status).toBe(200);
    expect(sysAudit.body.items).toHaveLength(1);
    expect(sysAudit.body.items[0]).toMatchObject({ action: 'policy.created', org: 'sys' });
    const qthAudit = await qthHr.get(
      `/v1/audit?entity=${encodeURIComponent(`policy:qth/mentoring/${TODAY}`)}`,
    );
    expect(qthAudit.body.items[0]).toMatchObject({ action: 'policy.created', org: 'qth' });
  });

  it("HR can neither read nor write another city's policies; district HR read their city's", async () => {
    const doc = (await sysHr.get('/v1/policies/quota')).body.document;
    expect((await qthHr.put('/v1/policies/quota/2026-04-01?city=sys', doc)).status).toBe(403);
    expect((await qthHr.get('/v1/policies/quota?city=sys')).status).toBe(403);
    expect((await qthHr.get('/v1/policies/quota/versions?city=sys')).status).toBe(403);
    expect((await sysHr.get('/v1/policies/quota/versions?city=sys')).status).toBe(200);
    expect((await sysHr.get('/v1/policies/quota/versions')).body.items).toEqual([]);
    const district = await h.client('hr', 'qth/xinxing');
    expect((await district.get('/v1/policies/mentoring?city=qth')).body.document.maxMenteesPerMentor).toBe(1);
    expect((await district.put('/v1/policies/quota/2026-04-01?city=qth', doc)).status).toBe(403);
    expect((await qthHr.get('/v1/policies/quota?city=Not A City')).status).toBe(400);
  });

  it("a new unit's quota follows its own city's quota policy", async () => {
    const doc = (await qthHr.get('/v1/policies/quota')).body.document;
    const doubled = { ...doc, workersPer10kResidents: doc.workersPer10kResidents * 2 };
    expect((await sysHr.put(`/v1/policies/quota/${TODAY}`, doubled)).status).toBe(200);
    const sysUnit = await sysHr.post('/v1/org-units', {
      id: 'sys/lingdong',
      name: '岭东区',
      level: 'district',
      parentId: 'sys',
      urbanPopulation: 10_000,
    });
    const qthUnit = await qthHr.post('/v1/org-units', {
      id: 'qth/qiezihe',
      name: '茄子河区',
      level: 'district',
      parentId: 'qth',
      urbanPopulation: 10_000,
    });
    expect(sysUnit.body.quota).toBe(2 * qthUnit.body.quota);
    expect((await qthHr.get(`/v1/org-units/${orgPath('qth/qiezihe')}`)).body.quotaPolicyVersion).toBe(
      'quota/default',
    );
  });
});
