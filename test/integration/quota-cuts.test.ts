import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';

let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;

// A community of its own (approved quota 3) under the seeded tree, so other tests' seats don't mix in.
const CUT = 'qth/xinxing/hongqi/cut';
const CUT_GRID = `${CUT}/g1`;

beforeAll(async () => {
  h = await startHarness({ now: '2026-05-06T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
  for (const unit of [
    { id: CUT, name: '削减社区', level: 'community', parentId: 'qth/xinxing/hongqi', approvedQuota: 3 },
    { id: CUT_GRID, name: '网格', level: 'grid', parentId: CUT, urbanPopulation: 1000 },
  ]) {
    const res = await hr.post('/v1/org-units', unit);
    if (res.status !== 201) throw new Error(res.text);
  }
});
afterAll(async () => h?.stop());

const unit = async () => (await hr.get(`/v1/org-units/${orgPath(CUT)}`)).body;
const transferOne = () =>
  hr.post('/v1/transfers', {
    rows: [
      {
        nationalId: nationalIdFor('1985-09-09'),
        name: '网格员',
        org: CUT_GRID,
        currentMonthlyPayFen: 310_000,
        education: 'college',
      },
    ],
  });

describe('quota cuts below headcount', () => {
  it('needs allowOverQuota, is audited, reports overQuotaBy and refuses hires until back under', async () => {
    const workers = [];
    for (let i = 0; i < 3; i++) workers.push(await seedWorker(h, { org: CUT_GRID }));
    const full = await unit();
    expect(full).toMatchObject({ quota: 3, used: 3, available: 0, overQuotaBy: 0 });

    // Without consent: refused, nothing changes.
    const refused = await hr.patch(`/v1/org-units/${orgPath(CUT)}`, {
      approvedQuota: 1,
      expectedVersion: full.version,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'QUOTA_BELOW_HEADCOUNT',
      details: { used: 3, quota: 1, overQuotaBy: 2 },
    });
    expect(await unit()).toMatchObject({ quota: 3, version: full.version });

    // A cut to the headcount itself needs no consent.
    const exact = await hr.patch(`/v1/org-units/${orgPath(CUT)}`, {
      approvedQuota: 3,
      expectedVersion: full.version,
    });
    expect(exact.status).toBe(200);

    const cut = await hr.patch(`/v1/org-units/${orgPath(CUT)}`, {
      approvedQuota: 1,
      allowOverQuota: true,
      expectedVersion: exact.body.version,
    });
    expect(cut.status, cut.text).toBe(200);
    expect(cut.body).toMatchObject({ quota: 1, used: 3, available: -2, overQuotaBy: 2 });

    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`org-unit:${CUT}`)}`);
    const entry = audit.body.items.find((e: any) => e.action === 'org-unit.quota-cut-below-headcount');
    expect(entry).toMatchObject({ after: { quota: 1, allowOverQuota: true, overQuotaBy: 2 } });
    expect(entry.before).toMatchObject({ quota: 3, used: 3 });

    // Hires and transfers into the unit are refused while it is over.
    const transfer = await transferOne();
    expect(transfer.status).toBe(409);
    expect(transfer.body.error.code).toBe('QUOTA_EXCEEDED');
    await expect(seedWorker(h, { org: CUT_GRID })).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });

    // Exits bring it back: after two, the unit is at its quota (still no free seat), after three, one seat.
    for (const w of workers.slice(0, 2)) {
      const exit = await hr.post(`/v1/workers/${w.id}/exits`, {
        situation: 5,
        effectiveOn: '2026-05-06',
        evidence: '本人辞职',
      });
      expect(exit.status, exit.text).toBe(201);
    }
    expect(await unit()).toMatchObject({ quota: 1, used: 1, available: 0, overQuotaBy: 0 });
    expect((await transferOne()).status).toBe(409);
    const raise = await hr.patch(`/v1/org-units/${orgPath(CUT)}`, {
      approvedQuota: 2,
      expectedVersion: (await unit()).version,
    });
    expect(raise.status).toBe(200);
    const admitted = await transferOne();
    expect(admitted.status, admitted.text).toBe(201);
    expect(await unit()).toMatchObject({ quota: 2, used: 2, available: 0, overQuotaBy: 0 });
  });

  it('refuses a population change that would put the quota below headcount without consent', async () => {
    const street = (await hr.get(`/v1/org-units/${orgPath('qth/xinxing/hongqi')}`)).body;
    expect(street.used).toBeGreaterThan(0);
    const res = await hr.patch(`/v1/org-units/${orgPath('qth/xinxing/hongqi')}`, {
      urbanPopulation: 0,
      expectedVersion: street.version,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('QUOTA_BELOW_HEADCOUNT');
    expect((await hr.get(`/v1/org-units/${orgPath('qth/xinxing/hongqi')}`)).body.quota).toBe(street.quota);
  });
});
