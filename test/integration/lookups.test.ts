import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '#shared/domain/national-id.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * GET /v1/workers?q= and GET /v1/recruitments/{id}/candidates?q=: by exact 身份证号 or name prefix,
 * one index Query per page, never showing anyone outside the caller's subtree.
 */
let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let cityHr: Client;
let xinxingHr: Client;
let taoshanHr: Client;
let gridHr: Client;

const C1 = 'qth/xinxing/hongqi/c1';
const G1 = 'qth/xinxing/hongqi/c1/g1';
const TAOSHAN_G1 = 'qth/taoshan/taoxi/c2/g1';

let zhangSan: WorkerRecord;
let zhangSanFeng: WorkerRecord;
let liZhang: WorkerRecord;
let zhangSi: WorkerRecord;
let movedOut: WorkerRecord;
let movedIn: WorkerRecord;

const q = (text: string) => encodeURIComponent(text);
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((w) => w.id).sort();

beforeAll(async () => {
  h = await startHarness({ now: '2026-06-10T02:00:00.000Z' });
  ({ hr: cityHr } = await seedOrgTree(h));
  xinxingHr = await h.client('hr', 'qth/xinxing');
  taoshanHr = await h.client('hr', 'qth/taoshan');
  gridHr = await h.client('hr', G1);
  const hired = { hiredOn: '2026-01-05' };
  zhangSan = await seedWorker(h, {
    ...hired,
    name: '张三',
    org: G1,
    nationalId: nationalIdFor('1990-01-01'),
  });
  zhangSanFeng = await seedWorker(h, {
    ...hired,
    name: '张三丰',
    org: C1,
    nationalId: nationalIdFor('1990-01-02'),
  });
  liZhang = await seedWorker(h, { ...hired, name: '李张', org: G1, nationalId: nationalIdFor('1990-01-03') });
  zhangSi = await seedWorker(h, {
    ...hired,
    name: '张四',
    org: TAOSHAN_G1,
    nationalId: nationalIdFor('1990-01-04'),
  });
  // One person: worked in 桃山区, left, then hired in 新兴区 (two worker records, one 身份证号).
  const person = nationalIdFor('1988-08-08');
  movedOut = await seedWorker(h, { ...hired, name: '王五', org: TAOSHAN_G1, nationalId: person });
  const exit = await cityHr.post(`/v1/workers/${movedOut.id}/exits`, {
    situation: 5,
    effectiveOn: '2026-05-31',
    evidence: '本人辞职',
  });
  expect(exit.status, exit.text).toBe(201);
  movedIn = await seedWorker(h, { hiredOn: '2026-06-08', name: '王五', org: G1, nationalId: person });
});
afterAll(async () => h?.stop());

describe('worker look-up', () => {
  it('finds workers by name prefix inside the caller subtree only', async () => {
    const city = await cityHr.get(`/v1/workers?org=qth&q=${q('张')}`);
    expect(city.status, city.text).toBe(200);
    expect(ids(city)).toEqual([zhangSan.id, zhangSanFeng.id, zhangSi.id].sort());
    // In name order (the index's sort key).
    expect(city.body.items.map((w: any) => w.name)).toEqual(['张三', '张三丰', '张四']);

    const xinxing = await xinxingHr.get(`/v1/workers?org=qth/xinxing&q=${q('张')}`);
    expect(ids(xinxing)).toEqual([zhangSan.id, zhangSanFeng.id].sort());
    expect(xinxing.body.items[0].nationalId).toBe(zhangSan.nationalId);

    const longer = await xinxingHr.get(`/v1/workers?org=qth/xinxing&q=${q('张三')}`);
    expect(ids(longer)).toEqual([zhangSan.id, zhangSanFeng.id].sort());
    const exact = await xinxingHr.get(`/v1/workers?org=qth/xinxing&q=${q('张三丰')}`);
    expect(ids(exact)).toEqual([zhangSanFeng.id]);

    // A grid's HR: the community's own worker (张三丰 sits on C1) is not in the grid.
    const grid = await gridHr.get(`/v1/workers?org=${q(G1)}&q=${q('张')}`);
    expect(ids(grid)).toEqual([zhangSan.id]);

    // 桃山区 never sees 新兴区's 张三, even when typing the full name.
    const taoshan = await taoshanHr.get(`/v1/workers?org=qth/taoshan&q=${q('张三')}`);
    expect(taoshan.status).toBe(200);
    expect(taoshan.body.items).toEqual([]);
    expect(ids(await taoshanHr.get(`/v1/workers?org=qth/taoshan&q=${q('张')}`))).toEqual([zhangSi.id]);

    // A name containing the prefix elsewhere is not a prefix match.
    expect(ids(await cityHr.get(`/v1/workers?org=qth&q=${q('李')}`))).toEqual([liZhang.id]);
  });

  it('pages with the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await cityHr.get(
        `/v1/workers?org=qth&q=${q('张')}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status, page.text).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.items.map((w: any) => w.id));
      cursor = page.body.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.sort()).toEqual([zhangSan.id, zhangSanFeng.id, zhangSi.id].sort());
    expect(pages).toBeGreaterThanOrEqual(3);
    // A cursor of the plain list is not one of the look-up's.
    const list = await cityHr.get('/v1/workers?org=qth&limit=1');
    const foreign = await cityHr.get(`/v1/workers?org=qth&q=${q('张')}&cursor=${list.body.cursor}`);
    expect(foreign.status).toBe(400);
  });

  it('finds by exact 身份证号, only the records inside the subtree, by status', async () => {
    const person = movedIn.nationalId;
    const xinxing = await xinxingHr.get(`/v1/workers?org=qth/xinxing&q=${person}`);
    expect(xinxing.status, xinxing.text).toBe(200);
    expect(ids(xinxing)).toEqual([movedIn.id]);
    // The exited record is in 桃山区: 新兴区 does not see it, 桃山区 does, the city sees both.
    expect((await xinxingHr.get(`/v1/workers?org=qth/xinxing&status=exited&q=${person}`)).body.items).toEqual(
      [],
    );
    const taoshan = await taoshanHr.get(`/v1/workers?org=qth/taoshan&status=exited&q=${person}`);
    expect(ids(taoshan)).toEqual([movedOut.id]);
    expect(taoshan.body.items[0].exit).toMatchObject({ situation: 5 });
    expect((await taoshanHr.get(`/v1/workers?org=qth/taoshan&q=${person}`)).body.items).toEqual([]);
    expect(ids(await cityHr.get(`/v1/workers?org=qth&q=${person}`))).toEqual([movedIn.id]);
    expect(ids(await cityHr.get(`/v1/workers?org=qth&status=exited&q=${person}`))).toEqual([movedOut.id]);
    // A lower-case check character x is the same id; a partial id finds nobody (it is no name).
    const withX = [...Array(1000).keys()]
      .map((n) => withCheckDigit(`23090219910309${String(n).padStart(3, '0')}`))
      .find((id) => id.endsWith('X'))!;
    const x = await seedWorker(h, { hiredOn: '2026-01-05', name: '赵六', org: G1, nationalId: withX });
    expect(ids(await gridHr.get(`/v1/workers?org=${q(G1)}&q=${withX.toLowerCase()}`))).toEqual([x.id]);
    expect((await cityHr.get(`/v1/workers?org=qth&q=${person.slice(0, 10)}`)).body.items).toEqual([]);
    // 张三 by id from 桃山区: nothing, not an error that would confirm the person exists.
    const crossed = await taoshanHr.get(`/v1/workers?org=qth/taoshan&q=${zhangSan.nationalId}`);
    expect(crossed.status).toBe(200);
    expect(crossed.body.items).toEqual([]);
  });

  it('refuses look-ups outside the caller subtree, by non-HR, and empty or overlong text', async () => {
    const outside = await taoshanHr.get(`/v1/workers?org=qth/xinxing&q=${q('张')}`);
    expect(outside.status).toBe(403);
    const worker = await h.client('worker', G1, zhangSan.id);
    expect((await worker.get(`/v1/workers?org=${q(G1)}&q=${q('张')}`)).status).toBe(403);
    const empty = await cityHr.get('/v1/workers?org=qth&q=%20');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    expect((await cityHr.get(`/v1/workers?org=qth&q=${q('张'.repeat(51))}`)).status).toBe(400);
  });
});

describe('candidate look-up', () => {
  it('finds candidates of one recruitment by name prefix or 身份证号, never another recruitment', async () => {
    const open = async () => {
      const res = await cityHr.post('/v1/recruitments', { title: '社区工作者招聘', org: C1, places: 2 });
      expect(res.status, res.text).toBe(201);
      return res.body.id as string;
    };
    const first = await open();
    const second = await open();
    const register = async (recruitmentId: string, name: string, nationalId: string) => {
      const res = await cityHr.post(`/v1/recruitments/${recruitmentId}/candidates`, {
        nationalId,
        name,
        education: 'college',
        politicalRecordClear: true,
        meetsHealthRequirement: true,
        hasLocalResidence: true,
      });
      expect(res.status, res.text).toBe(201);
      return res.body as { id: string; nationalId: string };
    };
    const liu = await register(first, '刘一', nationalIdFor('1995-02-01'));
    const liuEr = await register(first, '刘二', nationalIdFor('1995-02-02'));
    await register(first, '陈刘', nationalIdFor('1995-02-03'));
    const liuElsewhere = await register(second, '刘一', liu.nationalId);

    const byName = await cityHr.get(`/v1/recruitments/${first}/candidates?q=${q('刘')}`);
    expect(byName.status, byName.text).toBe(200);
    expect(byName.body.items.map((c: any) => c.id)).toEqual([liu.id, liuEr.id]);
    expect(byName.body.items[0]).toMatchObject({
      name: '刘一',
      recruitmentId: first,
      eligibility: { eligible: true },
    });

    const byId = await cityHr.get(`/v1/recruitments/${first}/candidates?q=${liu.nationalId}`);
    expect(byId.body.items.map((c: any) => c.id)).toEqual([liu.id]);
    const inSecond = await cityHr.get(`/v1/recruitments/${second}/candidates?q=${liu.nationalId}`);
    expect(inSecond.body.items.map((c: any) => c.id)).toEqual([liuElsewhere.id]);

    const paged = await cityHr.get(`/v1/recruitments/${first}/candidates?q=${q('刘')}&limit=1`);
    expect(paged.body.items.map((c: any) => c.id)).toEqual([liu.id]);
    const next = await cityHr.get(
      `/v1/recruitments/${first}/candidates?q=${q('刘')}&limit=1&cursor=${paged.body.cursor}`,
    );
    expect(next.body.items.map((c: any) => c.id)).toEqual([liuEr.id]);

    // HR outside the recruitment's org: 404, as for a missing recruitment (no existence oracle).
    expect((await taoshanHr.get(`/v1/recruitments/${first}/candidates?q=${q('刘')}`)).status).toBe(404);
    // Without q the list is unchanged: registration order, everyone.
    expect((await cityHr.get(`/v1/recruitments/${first}/candidates`)).body.items).toHaveLength(3);
  });
});
