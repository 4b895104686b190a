import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';

/**
 * GET /v1/accounts (the HR officers' accounts of a subtree, paged by cursor) and
 * POST /v1/accounts/{username}/enable, through HTTP against DynamoDB Local. The subtree is never
 * crossed: not by a sibling district, not by one whose id shares a prefix, not by another city,
 * not by a cursor taken from a wider list.
 */
let h: Harness;
let cityHr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
const G1 = `${C1}/g1`;
/** A district whose id starts with another's (`qth/xinxing…`): its accounts are not that one's. */
const PREFIX_SIBLING = 'qth/xinxingnan';
const usernames: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  ({ hr: cityHr } = await seedOrgTree(h));
  const created = await cityHr.post('/v1/org-units', {
    id: PREFIX_SIBLING,
    name: '新兴南区',
    level: 'district',
    parentId: 'qth',
    urbanPopulation: 1000,
  });
  expect(created.status, created.text).toBe(201);
  const otherCity = await h.client('hr', 'hrb');
  expect(
    (
      await otherCity.post('/v1/org-units', {
        id: 'hrb',
        name: '哈尔滨市',
        level: 'city',
        approvedQuota: 100,
      })
    ).status,
  ).toBe(201);
  for (const [org, name, by, department] of [
    ['qth', '市人社局 赵处长', cityHr, undefined],
    ['qth/xinxing', '新兴区 钱科长', cityHr, 'civil-affairs'],
    [C1, '红旗社区 孙专干', cityHr, undefined],
    ['qth/taoshan', '桃山区 李科长', cityHr, 'organisation'],
    [PREFIX_SIBLING, '新兴南区 周科长', cityHr, undefined],
    ['hrb', '哈尔滨 吴处长', otherCity, undefined],
  ] as const) {
    const res = await by.post('/v1/accounts', {
      org,
      name,
      email: `${org.replace(/\//g, '.')}@example.cn`,
      ...(department ? { department } : {}),
    });
    expect(res.status, res.text).toBe(201);
    usernames[org] = res.body.username;
  }
  // A worker's account in C1: not an HR officer's, so not in the HR list.
  const worker = await seedWorker(h, { name: '郑网格', org: G1 });
  usernames.worker = worker.id;
  expect((await cityHr.post(`/v1/workers/${worker.id}/account`, { email: 'zheng@example.cn' })).status).toBe(
    201,
  );
}, 180_000);
afterAll(async () => h?.stop());

const list = async (client: Awaited<ReturnType<Harness['client']>>, query = '') => {
  const res = await client.get(`/v1/accounts${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body as { items: any[]; cursor?: string };
};
/** Every page of a list, following the cursor. */
const allPages = async (client: Awaited<ReturnType<Harness['client']>>, query: string) => {
  const items: any[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await list(client, `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.cursor;
    pages++;
  } while (cursor);
  return { items, pages };
};

describe('GET /v1/accounts: the HR officers of the caller subtree', () => {
  it("city HR sees the city's HR accounts by org path, with unit, department and state; no other city's, no worker's", async () => {
    const page = await list(cityHr);
    expect(page.items.map((a) => a.org)).toEqual(['qth', 'qth/taoshan', 'qth/xinxing', C1, PREFIX_SIBLING]);
    expect(page.cursor).toBeUndefined();
    expect(page.items.every((a) => a.role === 'hr' && a.status === 'enabled')).toBe(true);
    expect(page.items.find((a) => a.org === 'qth/xinxing')).toMatchObject({
      username: usernames['qth/xinxing'],
      name: '新兴区 钱科长',
      department: 'civil-affairs',
      departmentLabel: '民政局',
      disabledReason: null,
      pending: null,
    });
    expect(page.items[0]).not.toHaveProperty('version');
  });

  it('a district HR officer sees its district only: not a sibling, not one whose id shares its prefix', async () => {
    const district = await h.client('hr', 'qth/xinxing');
    expect((await list(district)).items.map((a) => a.username)).toEqual([
      usernames['qth/xinxing'],
      usernames[C1],
    ]);
    // A unit inside its subtree narrows the list; one outside it (or the city) is refused.
    expect((await list(district, `?org=${orgPath('qth/xinxing/hongqi')}`)).items.map((a) => a.org)).toEqual([
      C1,
    ]);
    for (const org of ['qth', 'qth/taoshan', PREFIX_SIBLING, 'hrb']) {
      const refused = await district.get(`/v1/accounts?org=${orgPath(org)}`);
      expect(refused.status, org).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
      expect(refused.text).not.toContain(usernames[org]!);
    }
    const sibling = await h.client('hr', PREFIX_SIBLING);
    expect((await list(sibling)).items.map((a) => a.username)).toEqual([usernames[PREFIX_SIBLING]]);
    const otherCity = await h.client('hr', 'hrb');
    expect((await list(otherCity)).items.map((a) => a.username)).toEqual([usernames.hrb]);
  });

  it('pages by cursor: every account once, and a cursor from a wider list does not widen a narrower one', async () => {
    const whole = (await list(cityHr)).items.map((a) => a.username);
    const paged = await allPages(cityHr, '?limit=2');
    expect(paged.pages).toBe(3);
    expect(paged.items.map((a) => a.username)).toEqual(whole);

    // The city's first page ends on 桃山区's officer: outside 新兴区's key range.
    const first = await list(cityHr, '?limit=2');
    expect(first.items.map((a) => a.org)).toEqual(['qth', 'qth/taoshan']);
    const district = await h.client('hr', 'qth/xinxing');
    const crossed = await district.get(`/v1/accounts?limit=2&cursor=${encodeURIComponent(first.cursor!)}`);
    expect(crossed.status, crossed.text).toBe(400);
    expect(crossed.body.error.code).toBe('INVALID_CURSOR');
    expect((await district.get('/v1/accounts?cursor=not-a-cursor')).status).toBe(400);
  });

  it("role=worker lists workers' and role=mentor mentors' accounts; only HR officers list at all; bad queries are 400", async () => {
    const c1 = await h.client('hr', C1);
    expect((await list(c1, '?role=worker')).items.map((a) => a.username)).toEqual([usernames.worker]);
    expect((await list(c1, '?role=mentor')).items).toEqual([]);
    expect((await list(c1)).items.map((a) => a.username)).toEqual([usernames[C1]]);

    const worker = await h.client('worker', G1, usernames.worker);
    const refused = await worker.get('/v1/accounts');
    expect(refused.status).toBe(403);
    expect((await h.anonymous.get('/v1/accounts')).status).toBe(401);
    for (const query of ['?limit=0', '?limit=201', '?role=admin', '?org=Not%20An%20Org']) {
      const bad = await cityHr.get(`/v1/accounts${query}`);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('POST /v1/accounts/{username}/enable: an HR officer back in the post', () => {
  it('a disabled account is enabled again (audited, once); its sign-in works again; the list shows each state', async () => {
    const username = usernames['qth/taoshan']!;
    const signIn = () => h.anonymous.post('/local/sign-in', { email: 'qth.taoshan@example.cn' });
    expect((await cityHr.post(`/v1/accounts/${username}/disable`, { reason: '借调外单位' })).status).toBe(
      200,
    );
    expect((await signIn()).body.error.code).toBe('ACCOUNT_DISABLED');
    const disabled = (await list(cityHr)).items.find((a) => a.username === username);
    expect(disabled).toMatchObject({ status: 'disabled', disabledReason: '借调外单位' });

    const district = await h.client('hr', 'qth/taoshan');
    expect((await district.post(`/v1/accounts/${username}/enable`, { reason: '借调结束' })).status).toBe(403);
    const outsider = await h.client('hr', 'qth/xinxing');
    const hidden = await outsider.post(`/v1/accounts/${username}/enable`, { reason: '借调结束' });
    expect(hidden.status).toBe(404);
    expect((await cityHr.post(`/v1/accounts/${username}/enable`, {})).status).toBe(400);

    const key = `enable-${username}`;
    const enabled = await cityHr.post(
      `/v1/accounts/${username}/enable`,
      { reason: '借调结束' },
      { headers: { 'idempotency-key': key } },
    );
    expect(enabled.status, enabled.text).toBe(200);
    expect(enabled.body).toMatchObject({ status: 'enabled', disabledReason: null, org: 'qth/taoshan' });
    const retried = await cityHr.post(
      `/v1/accounts/${username}/enable`,
      { reason: '借调结束' },
      { headers: { 'idempotency-key': key } },
    );
    expect(retried.status).toBe(200);
    expect(retried.body.updatedAt).toBe(enabled.body.updatedAt);
    const again = await cityHr.post(`/v1/accounts/${username}/enable`, { reason: '再次' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'ACCOUNT_NOT_DISABLED',
      message: '该登录账号未停用，无需启用',
    });

    const session = await signIn();
    expect(session.status, session.text).toBe(200);
    expect((await h.as(session.body.token).get(`/v1/org-units/${orgPath('qth/taoshan')}`)).status).toBe(200);
    expect((await list(cityHr)).items.find((a) => a.username === username)).toMatchObject({
      status: 'enabled',
      disabledReason: null,
    });
    const audit = await cityHr.get(`/v1/audit?entity=${encodeURIComponent(`account:${username}`)}`);
    const enables = audit.body.items.filter((i: any) => i.action === 'account.enabled');
    expect(enables).toHaveLength(1);
    expect(enables[0]).toMatchObject({
      before: { status: 'disabled' },
      after: { status: 'enabled', reason: '借调结束' },
    });
  });

  it("a worker's account is not enabled here: it follows the worker", async () => {
    const refused = await cityHr.post(`/v1/accounts/${usernames.worker}/enable`, { reason: '复职' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('ACCOUNT_FOLLOWS_WORKER');
  });

  it('a moved account leaves the old unit’s list and joins the new one’s', async () => {
    const username = usernames[PREFIX_SIBLING]!;
    const moved = await cityHr.post(`/v1/accounts/${username}/moves`, { org: 'qth/xinxing', reason: '调任' });
    expect(moved.status, moved.text).toBe(200);
    const district = await h.client('hr', 'qth/xinxing');
    expect((await list(district)).items.map((a) => a.username)).toContain(username);
    expect((await list(await h.client('hr', PREFIX_SIBLING))).items).toEqual([]);
  });
});
