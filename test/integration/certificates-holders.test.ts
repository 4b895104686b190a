import { watchDynamoRequests } from '../support/dynamo-requests.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * GET /v1/certificates: who holds a certificate, filtered on the server (ByCertification, one Query
 * per level) and paged by cursor, never outside the caller's subtree; the index follows certificate
 * recording (one at a time and by sheet) and exits.
 */
let h: Harness;
let districtHr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
const G1 = `${C1}/g1`;
const C2G = 'qth/taoshan/taoxi/c2/g1';
const XINXING = 'qth/xinxing';
const enc = encodeURIComponent;

const named: Record<string, WorkerRecord> = {};
let requests: string[] = [];

/** Every page of a holders list, following the cursor; the names in order. */
async function allPages(query: string, limit: number) {
  const names: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const res = await districtHr.get(
      `/v1/certificates?org=${enc(XINXING)}&${query}&limit=${limit}${cursor ? `&cursor=${enc(cursor)}` : ''}`,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    names.push(...res.body.items.map((i: { name: string }) => i.name));
    cursor = res.body.cursor;
    pages++;
  } while (cursor && pages < 20);
  return names;
}

const certify = (name: string, level: string, number: string) =>
  districtHr.post(`/v1/workers/${named[name]!.id}/certificates`, {
    level,
    number,
    issuedOn: '2026-01-05',
    registeredOn: '2026-02-01',
  });

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-10T02:00:00.000Z' });
  await seedOrgTree(h);
  districtHr = await h.client('hr', XINXING);
  // Ids in the order of the list above, so the org-path order (`<org>/#<id>`) is known.
  for (const [name, org] of [
    ['甲一', C1],
    ['乙二', G1],
    ['丙三', C1],
    ['丁四', G1],
    ['戊五', C1],
    ['己六', G1],
  ] as const)
    named[name] = await seedWorker(h, { name, org, id: `w_cert0000000${Object.keys(named).length}` });
  // Another district's certified worker: never in a 新兴区 list.
  named.桃山 = await seedWorker(h, {
    name: '桃山',
    org: C2G,
    certificates: [
      { level: 'senior', number: 'TS-0001', issuedOn: '2025-01-01', registeredOn: '2025-02-01' },
    ],
  });
  watchDynamoRequests(h.store, ({ operation, index }) => requests.push(`${operation} ${index}`));
});
afterAll(async () => h?.stop());

describe('GET /v1/certificates: holders filtered on the server', () => {
  it('lists every active worker as uncertified until a certificate is recorded', async () => {
    expect(
      (await districtHr.get(`/v1/certificates?org=${enc(XINXING)}&holding=certified`)).body.items,
    ).toEqual([]);
    expect(await allPages('holding=uncertified', 50)).toHaveLength(6);
  });

  it('moves a worker to their highest level when a certificate is recorded, one or by sheet', async () => {
    expect((await certify('乙二', 'assistant', 'CH-0001')).status).toBe(201);
    expect((await certify('丙三', 'senior', 'CH-0002')).status).toBe(201);
    // A lower certificate after a higher one leaves the worker at the higher level.
    expect((await certify('丙三', 'assistant', 'CH-0003')).status).toBe(201);
    const sheet = await districtHr.post('/v1/certificates', {
      rows: [
        {
          workerId: named.戊五!.id,
          level: 'intermediate',
          number: 'CH-0004',
          issuedOn: '2026-01-05',
          registeredOn: '2026-02-01',
        },
        {
          workerId: named.乙二!.id,
          level: 'intermediate',
          number: 'CH-0005',
          issuedOn: '2026-01-05',
          registeredOn: '2026-02-01',
        },
      ],
    });
    expect(sheet.status, sheet.text).toBe(201);

    const certified = await districtHr.get(`/v1/certificates?org=${enc(XINXING)}&holding=certified`);
    expect(certified.status).toBe(200);
    // Ordered by org path (the community before its grid), each with the highest level and allowance.
    expect(certified.body.items).toEqual([
      expect.objectContaining({
        name: '丙三',
        org: C1,
        certificates: 2,
        highest: expect.objectContaining({ level: 'senior', number: 'CH-0002', levelName: '高级社会工作师' }),
        monthlyAllowanceFen: 50_000,
      }),
      expect.objectContaining({ name: '戊五', org: C1, monthlyAllowanceFen: 30_000 }),
      expect.objectContaining({
        name: '乙二',
        org: G1,
        certificates: 2,
        highest: expect.objectContaining({ level: 'intermediate' }),
        monthlyAllowanceFen: 30_000,
      }),
    ]);
    expect(certified.body.policyVersion).toEqual(expect.any(String));
    expect(certified.body.cursor).toBeUndefined();

    const uncertified = await districtHr.get(`/v1/certificates?org=${enc(XINXING)}&holding=uncertified`);
    expect(uncertified.body.items.map((i: { name: string }) => i.name)).toEqual(['甲一', '丁四', '己六']);
    expect(uncertified.body.items[0]).toMatchObject({
      highest: null,
      monthlyAllowanceFen: 0,
      certificates: 0,
    });

    const intermediate = await districtHr.get(`/v1/certificates?org=${enc(XINXING)}&level=intermediate`);
    expect(intermediate.body.items.map((i: { name: string }) => i.name)).toEqual(['戊五', '乙二']);
    // Levels may be given in Chinese, as the sheets do.
    const senior = await districtHr.get(
      `/v1/certificates?org=${enc(XINXING)}&level=${enc('高级社会工作师')}`,
    );
    expect(senior.body.items.map((i: { name: string }) => i.name)).toEqual(['丙三']);
  });

  it('pages by cursor through merged levels without losing or repeating anyone', async () => {
    const everyone = await allPages('', 50);
    expect(everyone).toHaveLength(6);
    for (const limit of [1, 2, 4]) {
      expect(await allPages('', limit)).toEqual(everyone);
      expect(await allPages('holding=certified', limit)).toEqual(['丙三', '戊五', '乙二']);
    }
    const first = await districtHr.get(`/v1/certificates?org=${enc(XINXING)}&holding=certified&limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.cursor).toEqual(expect.any(String));
  });

  it('asks DynamoDB one Query per level requested, no Scan', async () => {
    const query = async (q: string) => {
      requests = [];
      expect((await districtHr.get(`/v1/certificates?org=${enc(XINXING)}&${q}`)).status).toBe(200);
      expect(requests.some((r) => r.startsWith('Scan'))).toBe(false);
      // Besides these, only the pay policy in force (cached per process after its first read).
      return requests.filter((r) => r.includes('ByCertification'));
    };
    const holders = 'Query ByCertification';
    expect(await query('holding=certified')).toEqual([holders, holders, holders]);
    expect(await query('holding=uncertified')).toEqual([holders]);
    expect(await query('level=senior')).toEqual([holders]);
    expect(await query('')).toEqual([holders, holders, holders, holders]);
  });

  it('never crosses the subtree: narrower units, other districts, forged cursors', async () => {
    const community = await districtHr.get(`/v1/certificates?org=${enc(C1)}&holding=certified`);
    // A community's subtree holds its grids.
    expect(community.body.items.map((i: { name: string }) => i.name)).toEqual(['丙三', '戊五', '乙二']);
    const grid = await districtHr.get(`/v1/certificates?org=${enc(G1)}&holding=certified`);
    expect(grid.body.items.map((i: { name: string }) => i.name)).toEqual(['乙二']);
    // The city HR sees 桃山 (another district); the 新兴区 HR never does, and can't ask for 桃山区.
    const city = await h.client('hr', 'qth');
    const all = await city.get('/v1/certificates?org=qth&level=senior');
    expect(all.body.items.map((i: { name: string }) => i.name)).toEqual(['桃山', '丙三']); // org-path order: qth/taoshan… before qth/xinxing…
    expect((await districtHr.get(`/v1/certificates?org=${enc('qth/taoshan')}`)).status).toBe(403);
    expect((await districtHr.get('/v1/certificates?org=qth')).status).toBe(403);
    // A cursor pointing before or after the subtree's range is refused, never widened.
    for (const after of ['qth/', 'qth/taoshan/', 'zzz']) {
      const forged = Buffer.from(JSON.stringify({ after })).toString('base64url');
      const res = await districtHr.get(`/v1/certificates?org=${enc(XINXING)}&cursor=${forged}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_CURSOR');
    }
    expect((await districtHr.get(`/v1/certificates?org=${enc(XINXING)}&cursor=garbage`)).status).toBe(400);
    // Level with "uncertified" contradicts itself.
    const contradiction = await districtHr.get(
      `/v1/certificates?org=${enc(XINXING)}&holding=uncertified&level=senior`,
    );
    expect(contradiction.status).toBe(400);
    expect(contradiction.body.error.code).toBe('VALIDATION_FAILED');
    // Workers and mentors may not list holders.
    const worker = await h.client('worker', C1, named.甲一!.id);
    expect((await worker.get(`/v1/certificates?org=${enc(C1)}`)).status).toBe(403);
  });

  it('an exit takes the worker out of every list', async () => {
    const res = await districtHr.post(`/v1/workers/${named.丙三!.id}/exits`, {
      situation: 5,
      effectiveOn: '2026-03-09',
      evidence: '辞职申请',
    });
    expect(res.status, res.text).toBe(201);
    expect(await allPages('holding=certified', 50)).toEqual(['戊五', '乙二']);
    expect(await allPages('', 50)).not.toContain('丙三');
  });
});
