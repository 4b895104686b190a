import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoRequest, watchDynamoRequests } from '../support/dynamo-requests.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';
import { orgUnits } from '#shared/db/org-units.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await seedOrgTree(h);
});
afterAll(async () => h?.stop());

// Runs before the tests below add units: the seeded tree only (a city, two districts, a street,
// a community and a grid under each).
describe('orgUnits.walk', () => {
  /** What `walk` returned and the DynamoDB requests it made. */
  async function walked<T>(walk: () => Promise<T>) {
    const requests: DynamoRequest[] = [];
    const stop = watchDynamoRequests(h.store, (request) => requests.push(request));
    try {
      return { units: await walk(), requests };
    } finally {
      stop();
    }
  }

  it('returns the roots, then each level in turn, each parent’s children in id order', async () => {
    const { units, requests } = await walked(() =>
      orgUnits.walk(h.store, [{ id: 'qth' }], { fields: 'ids' }),
    );
    expect(units).toEqual(
      [
        'qth',
        'qth/taoshan',
        'qth/xinxing',
        'qth/taoshan/taoxi',
        'qth/xinxing/hongqi',
        'qth/taoshan/taoxi/c2',
        'qth/xinxing/hongqi/c1',
        'qth/taoshan/taoxi/c2/g1',
        'qth/xinxing/hongqi/c1/g1',
      ].map((id) => ({ id })),
    );
    // One children query per unit (the grids' answer is empty), all on the index.
    expect(requests).toEqual(units.map(() => ({ operation: 'Query', index: 'ByCollection' })));
  });

  it('walks several roots together, as given and unread, their levels interleaved', async () => {
    const roots = [{ id: 'qth/xinxing', note: 'as given' }, { id: 'qth/taoshan/taoxi' }, { id: 'qth/none' }];
    const { units } = await walked(() => orgUnits.walk(h.store, roots, { fields: 'ids' }));
    expect(units).toEqual([
      ...roots,
      { id: 'qth/xinxing/hongqi' },
      { id: 'qth/taoshan/taoxi/c2' },
      { id: 'qth/xinxing/hongqi/c1' },
      { id: 'qth/taoshan/taoxi/c2/g1' },
      { id: 'qth/xinxing/hongqi/c1/g1' },
    ]);
  });

  it('reads no children of a unit stopAt picks, roots included', async () => {
    const { units, requests } = await walked(() =>
      orgUnits.walk(h.store, [{ id: 'qth', level: undefined }], {
        fields: 'levels',
        stopAt: (unit) => unit.level === 'community',
      }),
    );
    expect(units).toEqual([
      { id: 'qth', level: undefined },
      { id: 'qth/taoshan', level: 'district' },
      { id: 'qth/xinxing', level: 'district' },
      { id: 'qth/taoshan/taoxi', level: 'street' },
      { id: 'qth/xinxing/hongqi', level: 'street' },
      { id: 'qth/taoshan/taoxi/c2', level: 'community' },
      { id: 'qth/xinxing/hongqi/c1', level: 'community' },
    ]);
    expect(requests).toHaveLength(5); // the city, two districts, two streets

    const stoppedRoot = await walked(() =>
      orgUnits.walk(h.store, [{ id: 'qth' }], { fields: 'ids', stopAt: () => true }),
    );
    expect(stoppedRoot).toEqual({ units: [{ id: 'qth' }], requests: [] });
  });

  it('reads whole records when asked for them', async () => {
    const root = await orgUnits.get(h.store, 'qth/taoshan/taoxi');
    const { units } = await walked(() =>
      orgUnits.walk(h.store, [root!], { fields: 'records', stopAt: (unit) => unit.level === 'grid' }),
    );
    expect(units.map((unit) => [unit.id, unit.name, unit.level, unit.quota])).toEqual([
      ['qth/taoshan/taoxi', '桃西街道', 'street', 54],
      ['qth/taoshan/taoxi/c2', '桃西社区', 'community', 20],
      ['qth/taoshan/taoxi/c2/g1', '第一网格', 'grid', null],
    ]);
    expect(units[2]).toEqual(await orgUnits.get(h.store, 'qth/taoshan/taoxi/c2/g1'));
  });
});

describe('org units and quota', () => {
  it('computes quota from population (floor of residents × 18 / 10,000) unless approved', async () => {
    const hr = await h.client('hr', 'qth');
    const city = await hr.get(`/v1/org-units/${orgPath('qth')}`);
    expect(city.status).toBe(200);
    expect(city.body).toMatchObject({
      quota: 982,
      used: 0,
      available: 982,
      holdsQuota: true,
      approvedQuota: 982,
    });
    const district = await hr.get(`/v1/org-units/${orgPath('qth/xinxing')}`);
    expect(district.body).toMatchObject({
      quota: 270,
      urbanPopulation: 150000,
      approvedQuota: null,
      quotaPolicyVersion: 'quota/default',
    });
    // 30,000 × 18 / 10,000 = 54 exactly; 1,000 residents on a grid: grids hold no quota.
    expect((await hr.get(`/v1/org-units/${orgPath('qth/taoshan/taoxi')}`)).body.quota).toBe(54);
    expect((await hr.get(`/v1/org-units/${orgPath('qth/taoshan/taoxi/c2/g1')}`)).body).toMatchObject({
      holdsQuota: false,
      quota: null,
    });
  });

  it('floors fractional quotas', async () => {
    const hr = await h.client('hr', 'qth');
    const res = await hr.post('/v1/org-units', {
      id: 'qth/small',
      name: '小区',
      level: 'district',
      parentId: 'qth',
      urbanPopulation: 5_555,
    });
    expect(res.status).toBe(201);
    expect(res.body.quota).toBe(9); // 5,555 × 18 / 10,000 = 9.999
  });

  it('accepts org ids with raw slashes in the path as well as encoded ones', async () => {
    const hr = await h.client('hr', 'qth');
    const raw = await hr.get('/v1/org-units/qth/xinxing/hongqi');
    expect(raw.status).toBe(200);
    expect(raw.body.id).toBe('qth/xinxing/hongqi');
    const children = await hr.get('/v1/org-units/qth/xinxing/children');
    expect(children.body.items.map((u: { id: string }) => u.id)).toContain('qth/xinxing/hongqi');
    const patched = await hr.patch('/v1/org-units/qth/xinxing/hongqi', {
      name: '红旗街道办事处',
      expectedVersion: raw.body.version,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe('红旗街道办事处');
  });

  it('lists children of a unit', async () => {
    const hr = await h.client('hr', 'qth');
    const res = await hr.get(`/v1/org-units/${orgPath('qth')}/children`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: { id: string }) => u.id)).toEqual(
      expect.arrayContaining(['qth/xinxing', 'qth/taoshan']),
    );
    const paged = await hr.get(`/v1/org-units/${orgPath('qth')}/children?limit=1`);
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.cursor).toEqual(expect.any(String));
    const next = await hr.get(`/v1/org-units/${orgPath('qth')}/children?limit=1&cursor=${paged.body.cursor}`);
    expect(next.body.items[0].id).not.toBe(paged.body.items[0].id);
    expect((await hr.get(`/v1/org-units/${orgPath('qth')}/children?cursor=garbage`)).body.error.code).toBe(
      'INVALID_CURSOR',
    );
  });

  it('refuses duplicates, bad hierarchy and bad ids', async () => {
    const hr = await h.client('hr', 'qth');
    const dup = await hr.post('/v1/org-units', {
      id: 'qth/xinxing',
      name: 'x',
      level: 'district',
      parentId: 'qth',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('ORG_UNIT_EXISTS');
    const skip = await hr.post('/v1/org-units', {
      id: 'qth/xinxing/c9',
      name: 'x',
      level: 'community',
      parentId: 'qth/xinxing',
    });
    expect(skip.status).toBe(422);
    expect(skip.body.error.code).toBe('INVALID_HIERARCHY');
    const wrongPrefix = await hr.post('/v1/org-units', {
      id: 'qth/other/x',
      name: 'x',
      level: 'street',
      parentId: 'qth/xinxing',
    });
    expect(wrongPrefix.status).toBe(400);
    const missingParent = await hr.post('/v1/org-units', {
      id: 'qth/nope/s',
      name: 'x',
      level: 'street',
      parentId: 'qth/nope',
    });
    expect(missingParent.status).toBe(404);
    const invalid = await hr.post('/v1/org-units', {
      id: 'QTH',
      name: '',
      level: 'planet',
      urbanPopulation: -1,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
    expect(invalid.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['id', 'name', 'level', 'urbanPopulation']),
    );
  });

  it('updates population under an optimistic version and recomputes the quota', async () => {
    const hr = await h.client('hr', 'qth');
    const before = await hr.get(`/v1/org-units/${orgPath('qth/taoshan')}`);
    const updated = await hr.patch(`/v1/org-units/${orgPath('qth/taoshan')}`, {
      urbanPopulation: 100_000,
      expectedVersion: before.body.version,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ quota: 180, available: 180, version: before.body.version + 1 });
    const stale = await hr.patch(`/v1/org-units/${orgPath('qth/taoshan')}`, {
      urbanPopulation: 1,
      expectedVersion: before.body.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_MISMATCH');
  });

  it('authorises by org subtree and role', async () => {
    const district = await h.client('hr', 'qth/xinxing');
    const otherDistrict = await h.client('hr', 'qth/taoshan');
    const mentor = await h.client('mentor', 'qth/xinxing/hongqi/c1', 'w_mentor');
    const worker = await h.client('worker', 'qth/xinxing/hongqi/c1', 'w_worker');
    const street = {
      id: 'qth/xinxing/new',
      name: '新街道',
      level: 'street',
      parentId: 'qth/xinxing',
      urbanPopulation: 10_000,
    };
    expect((await otherDistrict.post('/v1/org-units', street)).status).toBe(403);
    expect((await mentor.post('/v1/org-units', street)).status).toBe(403);
    expect((await worker.post('/v1/org-units', street)).status).toBe(403);
    expect((await district.post('/v1/org-units', street)).status).toBe(201);
    // A district officer can't create a sibling district (its parent is the city).
    expect(
      (
        await district.post('/v1/org-units', {
          id: 'qth/other',
          name: 'x',
          level: 'district',
          parentId: 'qth',
        })
      ).status,
    ).toBe(403);
    expect((await otherDistrict.get(`/v1/org-units/${orgPath('qth/xinxing')}`)).status).toBe(403);
    expect((await district.get(`/v1/org-units/${orgPath('qth/xinxing/hongqi')}`)).status).toBe(200);
    expect((await district.get(`/v1/org-units/${orgPath('qth')}`)).status).toBe(403);
    expect((await worker.get(`/v1/org-units/${orgPath('qth/xinxing/hongqi/c1')}`)).status).toBe(403);
  });

  it('writes an audit entry for every change, readable by HR in the subtree only', async () => {
    const hr = await h.client('hr', 'qth');
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent('org-unit:qth/taoshan')}`);
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'org-unit.updated',
      'org-unit.created',
    ]);
    expect(audit.body.items[0]).toMatchObject({
      actor: { role: 'hr', org: 'qth' },
      before: { urbanPopulation: 120000 },
      after: { urbanPopulation: 100000 },
    });
    const other = await h.client('hr', 'qth/xinxing');
    // Outside the caller's subtree answers like a missing entity (issue 13 defect 8).
    expect((await other.get(`/v1/audit?entity=${encodeURIComponent('org-unit:qth/taoshan')}`)).status).toBe(
      404,
    );
    expect((await other.get(`/v1/audit?entity=${encodeURIComponent('org-unit:qth/nowhere')}`)).status).toBe(
      404,
    );
    const worker = await h.client('worker', 'qth', 'w_1');
    expect((await worker.get(`/v1/audit?entity=${encodeURIComponent('org-unit:qth')}`)).status).toBe(403);
  });

  it('honours Idempotency-Key: one effect, the first response replayed, another body refused', async () => {
    const hr = await h.client('hr', 'qth');
    const unit = {
      id: 'qth/idem',
      name: '幂等区',
      level: 'district',
      parentId: 'qth',
      urbanPopulation: 20_000,
    };
    const headers = { 'idempotency-key': 'create-idem-1' };
    const first = await hr.post('/v1/org-units', unit, { headers });
    const second = await hr.post('/v1/org-units', unit, { headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent('org-unit:qth/idem')}`);
    expect(audit.body.items).toHaveLength(1);
    const reused = await hr.post('/v1/org-units', { ...unit, name: '别的' }, { headers });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Without a key a repeat is a plain duplicate.
    expect((await hr.post('/v1/org-units', unit)).status).toBe(409);
    // A failed attempt frees its key so a corrected retry can take effect.
    const failing = await hr.post(
      '/v1/org-units',
      { ...unit, id: 'qth/idem2', parentId: 'qth/missing' },
      { headers: { 'idempotency-key': 'k2' } },
    );
    expect(failing.status).toBe(400);
    const fixed = await hr.post(
      '/v1/org-units',
      { ...unit, id: 'qth/idem2' },
      { headers: { 'idempotency-key': 'k3' } },
    );
    expect(fixed.status).toBe(201);
  });
});
