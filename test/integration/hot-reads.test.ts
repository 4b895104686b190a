import { watchDynamoRequests } from '../support/dynamo-requests.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * How many DynamoDB requests each hot read costs, counted at the store's two clients (every
 * request the API makes goes through their `send`: writes the DocumentClient's, reads the read client's). Issue 14: `GET /v1/me` and the current month's
 * statement are one request each, and so is the worker page (the worker record carries what they
 * need; the pay policy in force and org unit names are cached per process after their first read,
 * so each read here follows a warm-up call). Stats and the payroll list are counted against their
 * budget, so a change that adds a round trip to any of them fails here.
 */
let h: Harness;
let w: WorkerRecord;
let requests: string[] = [];

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  await seedOrgTree(h);
  w = await seedWorker(h, {
    name: '王红',
    grade: 3,
    hiredOn: '2025-03-01',
    certificates: [
      { level: 'intermediate', number: 'SW-2026-001', issuedOn: '2025-12-01', registeredOn: '2026-01-15' },
    ],
    annualGrades: { '2025': 'excellent' },
  });
  watchDynamoRequests(h.store, ({ operation }) => requests.push(operation));
});
afterAll(async () => h?.stop());

/** The DynamoDB requests one call made, after a warm-up call (policies and caches filled). */
async function requestsOf(call: () => Promise<{ status: number }>): Promise<string[]> {
  expect((await call()).status).toBe(200);
  requests = [];
  const res = await call();
  expect(res.status).toBe(200);
  const made = requests;
  requests = [];
  return made;
}

describe('DynamoDB requests per hot read', () => {
  it('GET /v1/me is one GetItem (org unit names cached), and a rename shows at once in this process', async () => {
    const me = await h.client('worker', w.org, w.id);
    expect(await requestsOf(() => me.get('/v1/me'))).toEqual(['GetItem']);
    const hr = await h.client('hr', 'qth');
    const street = await hr.get(`/v1/org-units/${orgPath('qth/xinxing/hongqi')}`);
    const renamed = await hr.patch(`/v1/org-units/${orgPath('qth/xinxing/hongqi')}`, {
      name: '红旗新街道',
      expectedVersion: street.body.version,
    });
    expect(renamed.status).toBe(200);
    const after = await me.get('/v1/me');
    expect(after.body.orgPath.map((u: { name: string }) => u.name)).toContain('红旗新街道');
  });

  it("the current month's GET /v1/me/statements/{month} is one GetItem", async () => {
    const me = await h.client('worker', w.org, w.id);
    expect(await requestsOf(() => me.get('/v1/me/statements/2026-03'))).toEqual(['GetItem']);
  });

  it('the worker page (GET /v1/workers/{id}) is one GetItem', async () => {
    const hr = await h.client('hr', 'qth');
    expect(await requestsOf(() => hr.get(`/v1/workers/${w.id}`))).toEqual(['GetItem']);
  });

  it('GET /v1/stats (a unit and the year) is one BatchGetItem of its counter items', async () => {
    const hr = await h.client('hr', 'qth');
    const made = await requestsOf(() => hr.get(`/v1/stats?org=${orgPath('qth/xinxing')}&year=2026`));
    expect(made).toEqual(['BatchGetItem']);
  });

  it("the current month's payroll list is the unit's GetItem and one Query per status (active, exited)", async () => {
    // A list, not a single-item read: one Query page per status while a unit has under 1 MB of
    // workers; the current month needs no grade history reads (each record carries its grade).
    const hr = await h.client('hr', 'qth');
    const made = await requestsOf(() => hr.get(`/v1/payroll/2026-03?org=${orgPath('qth/xinxing')}`));
    expect(made).toEqual(['GetItem', 'Query', 'Query']);
  });
});
