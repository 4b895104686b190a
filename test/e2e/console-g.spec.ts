import { expect, type Page, test } from '@playwright/test';
import {
  CONSOLE,
  call,
  expectAccessible,
  nationalId,
  pickOption,
  screenshot,
  screenshotAtPhone,
  seedGridCity,
  signInAs,
} from './support.ts';

/**
 * 证书 and 培训 个人学时 over more workers than one page (25, pages of 20): the filters are the API's
 * (GET /v1/certificates), so every page is full of what was asked for, and a unit's hours come in
 * one request per page. Screens at 1440×900 and 390×844.
 */
const COUNT = 25;

let city: string;
let hr: string;
let grid: string;
let workers: { workerId: string; name: string }[];
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = '一二三四五六七八九十';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  let community: string;
  ({ city, hr, community, grid } = await seedGridCity('cg'));
  // Room for more than one page of workers in the community (its quota is 20).
  const unit = await call(hr, 'GET', `/v1/org-units/${encodeURIComponent(community)}`);
  await call(hr, 'PATCH', `/v1/org-units/${encodeURIComponent(community)}`, {
    approvedQuota: 40,
    expectedVersion: unit.version,
  });
  const rows = Array.from({ length: COUNT }, (_, i) => ({
    nationalId: nationalId(`199${i % 10}-0${(i % 9) + 1}-1${i % 10}`),
    name: `${SURNAMES[i]}${GIVEN[i % 10]}${GIVEN[Math.floor(i / 10)]}`,
    org: grid,
    currentMonthlyPayFen: 300_000,
    education: 'bachelor',
  }));
  const batch = await call(hr, 'POST', '/v1/transfers', { rows });
  workers = (batch.persons as { workerId: string; name: string }[]).map(({ workerId, name }) => ({
    workerId,
    name,
  }));
});

async function openConsole(page: Page, path: string) {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  await page.goto(path);
}

const rowNames = async (page: Page) =>
  (await page.locator('.ant-table-row td:first-child').allTextContents()).map((t) => t.trim());

test('证书: 已持证 / 未持证 and the level are filtered by the API, so page 1 holds every holder', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // The last three workers in org-path order (the API's order) hold certificates: a filter of the
  // first page alone would find none of them.
  const holders = await call(hr, 'GET', `/v1/certificates?org=${encodeURIComponent(city)}&limit=50`);
  const ordered = (holders.items as { workerId: string; name: string }[]).map((i) => i.name);
  expect(ordered).toHaveLength(COUNT);
  const certified = ordered.slice(-3);
  const byName = (name: string) => workers.find((w) => w.name === name)!;
  const levels = ['assistant', 'intermediate', 'senior'] as const;
  for (const [i, name] of certified.entries())
    await call(hr, 'POST', `/v1/workers/${byName(name).workerId}/certificates`, {
      level: levels[i],
      number: `CG${Date.now().toString(36).toUpperCase()}${i}`,
      issuedOn: '2025-06-01',
      registeredOn: '2025-07-01',
    });
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/v1/certificates?')) asked.push(new URL(r.url()).search);
  });

  await openConsole(page, '/hr/certificates');
  await expect(page.getByRole('heading', { name: '证书' })).toBeVisible();
  await expect(page.locator('.ant-table-row')).toHaveCount(20);
  expect(await rowNames(page)).toEqual(ordered.slice(0, 20));

  await page.locator('label.ant-radio-button-wrapper', { hasText: '已持证' }).click();
  await expect(page.locator('.ant-table-row')).toHaveCount(3);
  expect(await rowNames(page)).toEqual(certified);
  await expect(page.getByRole('row', { name: new RegExp(certified[2]!) })).toContainText('高级社会工作师');
  await expect(page.getByRole('row', { name: new RegExp(certified[2]!) })).toContainText('¥500.00');
  await expect(page.getByRole('button', { name: /下一页/ })).toBeDisabled();
  expect(asked.some((q) => q.includes('holding=certified'))).toBe(true);

  const levelSelect = page.locator('.ant-select', { has: page.getByRole('combobox', { name: '证书等级' }) });
  await pickOption(page, levelSelect, '社会工作师');
  await expect(page.locator('.ant-table-row')).toHaveCount(1);
  await expect(page.locator('.ant-table-row')).toContainText(certified[1]!);
  await expect(page.locator('.ant-table-row')).toContainText('¥300.00');
  expect(asked.some((q) => q.includes('level=intermediate'))).toBe(true);
  await screenshot(page, 'console-certificates-filtered');

  // 未持证: 22 workers, a full first page and two more on the second, nobody certified on either.
  await page.locator('label.ant-radio-button-wrapper', { hasText: '未持证' }).click();
  await expect(page.locator('.ant-table-row')).toHaveCount(20);
  for (const name of await rowNames(page)) expect(certified).not.toContain(name);
  await page.getByRole('button', { name: /下一页/ }).click();
  await expect(page.getByText('第 2 页')).toBeVisible();
  await expect(page.locator('.ant-table-row')).toHaveCount(COUNT - 3 - 20);
  for (const name of await rowNames(page)) expect(certified).not.toContain(name);
  await expectAccessible(page);
  await screenshot(page, 'console-certificates-uncertified');
  await screenshotAtPhone(page, 'console-certificates-uncertified-phone', page.getByRole('main'));
});
