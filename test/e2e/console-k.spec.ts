import { expect, type Page, test } from '@playwright/test';
import {
  beijingDay,
  call,
  clockNow,
  expectAccessible,
  nationalId,
  screenshot,
  screenshotAtPhone,
  seedGridCity,
  signInAs,
  seedFailingCommunity,
  addDays,
  CONSOLE,
} from './support.ts';

/**
 * 概览 as the HR officer's 工作台, in a city of its own: the unit's quota figures and 待办事项, one
 * row per kind of pending work with its count, made real through the API (onboarded workers whose
 * probation or contract ends soon, the reminders job's reminders, an evaluation's exit proposals).
 * Each count is its own request: one failing shows its error in its own row. Screens at 1440×900
 * and 390×844.
 */

let city: string;
let hr: string;
let grid: string;
let today: string;

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  ({ city, hr, grid } = await seedGridCity('ck'));
  today = beijingDay(await clockNow());

  // A community of five transferred in at the start of 2025 (3-year contracts, no probation), two
  // of whom fail the year's evaluation: two exit proposals pending.
  await seedFailingCommunity(hr, city);

  // Four serving workers onboarded into the grid: two on probation ending within days, two whose
  // contract ends within the policy's 60 days; the reminders job then reminds of those two.
  const hiredOn = addDays(today, -150);
  const row = (name: string, birth: string, fields: Record<string, string>) => ({
    nationalId: nationalId(birth),
    name,
    org: grid,
    education: 'bachelor',
    hiredOn,
    post: 'staff',
    grade: 3,
    contractStartsOn: hiredOn,
    contractEndsOn: addDays(hiredOn, 3 * 365),
    ...fields,
  });
  const onboarded = await call(hr, 'POST', '/v1/onboarding', {
    rows: [
      row('赵试用', '1995-01-11', { probationEndsOn: addDays(today, 5) }),
      row('钱试用', '1996-02-12', { probationEndsOn: addDays(today, 20) }),
      row('孙到期', '1985-03-13', { contractEndsOn: addDays(today, 15) }),
      row('李到期', '1986-04-14', { contractEndsOn: addDays(today, 45) }),
    ],
  });
  expect(onboarded.status).toBe('completed');
  await call(hr, 'POST', '/v1/jobs/contract-reminders/runs', { period: today });
});

async function openOverview(page: Page) {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  await page.goto('/hr/overview');
  await expect(page.getByRole('heading', { name: '七台河市' })).toBeVisible();
}

const row = (page: Page, key: string) => page.getByTestId(`todo-${key}`);

test('概览: the unit figures and 待办事项 with each kind of pending work counted and linked', async ({
  page,
}) => {
  await openOverview(page);
  await expect(page.getByText('核定编制')).toBeVisible();
  // Nine serving workers in the city: five transferred, four onboarded.
  await expect(page.locator('.ant-statistic', { hasText: '在编人数' })).toContainText('9');
  await expect(page.locator('.ant-statistic', { hasText: '空余编制' })).toContainText('973');
  await expect(page.getByTestId('quota-policy')).toHaveText('默认标准（规则手册）');

  const todos = page.getByRole('list', { name: '待办事项' });
  await expect(todos.getByRole('listitem')).toHaveCount(5);
  await expect(row(page, 'probations').getByTestId('todo-count')).toHaveText('2人');
  await expect(row(page, 'probations')).toContainText(
    `截至 ${chineseDay(addDays(today, 30))} 期满、尚未办理转正`,
  );
  await expect(row(page, 'contracts').getByTestId('todo-count')).toHaveText('2人');
  await expect(row(page, 'contracts')).toContainText('60 天内到期');
  await expect(row(page, 'reminders').getByTestId('todo-count')).toHaveText('2条');
  await expect(row(page, 'proposals').getByTestId('todo-count')).toHaveText('2条');
  await expect(row(page, 'batches').getByTestId('todo-count')).toHaveText('无');
  // The API agrees with every count.
  const q = `org=${encodeURIComponent(city)}`;
  expect((await call(hr, 'GET', `/v1/probations?${q}`)).items).toHaveLength(2);
  expect((await call(hr, 'GET', `/v1/contracts/ending?${q}`)).items).toHaveLength(2);
  expect((await call(hr, 'GET', `/v1/contract-reminders?${q}&status=open`)).items).toHaveLength(2);
  expect((await call(hr, 'GET', `/v1/exit-proposals?${q}&status=pending`)).items).toHaveLength(2);
  expect((await call(hr, 'GET', `/v1/batches?${q}`)).items).toHaveLength(0);

  for (const [key, to] of [
    ['probations', '/hr/probations'],
    ['contracts', '/hr/contracts'],
    ['reminders', '/hr/contracts?tab=reminders'],
    ['proposals', '/hr/evaluations?tab=proposals'],
    ['batches', '/hr/batches'],
  ] as const)
    await expect(row(page, key).getByRole('link')).toHaveAttribute('href', to);
  // The side menu: every screen once, under the group of work it belongs to.
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem')).toHaveCount(21);
  for (const [group, first] of [
    ['工作台', '概览'],
    ['人员与编制', '组织与编制'],
    ['培养与发展', '培训'],
    ['考核与薪酬', '考核'],
    ['系统管理', '政策'],
  ])
    await expect(
      menu
        .locator('.ant-menu-item-group')
        .filter({ has: page.locator('.ant-menu-item-group-title', { hasText: group }) })
        .getByRole('menuitem')
        .first(),
    ).toHaveText(first);
  await expectAccessible(page);
  await screenshot(page, 'console-overview');
  await screenshotAtPhone(page, 'console-overview-phone', page.getByTestId('quota-policy'));
  await expect(row(page, 'contracts').getByTestId('todo-count')).toBeVisible();

  await row(page, 'contracts').getByRole('link', { name: '合同即将到期' }).click();
  await expect(page).toHaveURL(/\/hr\/contracts$/);
  await expect(page.getByRole('heading', { name: '合同' })).toBeVisible();
  const ending = page.getByRole('tabpanel', { name: '即将到期' });
  await expect(ending.getByRole('row', { name: /孙到期/ })).toBeVisible();
  await expect(ending.getByRole('row', { name: /李到期/ })).toBeVisible();

  // The reminders and the proposals open on their own tabs.
  await page.goBack();
  await row(page, 'reminders').getByRole('link', { name: '续签提醒待处理' }).click();
  await expect(page).toHaveURL(/\/hr\/contracts\?tab=reminders$/);
  await expect(page.getByRole('tab', { name: '续签提醒' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: '续签提醒' }).locator('tr.ant-table-row')).toHaveCount(2);
  await page.goBack();
  await row(page, 'proposals').getByRole('link', { name: '清退建议待确认' }).click();
  await expect(page.getByRole('tab', { name: '清退建议' })).toHaveAttribute('aria-selected', 'true');
});

test('概览: one count failing shows its error with a retry in its own row; the others stand', async ({
  page,
}) => {
  const proposalsRequest = (url: URL) => url.pathname === '/v1/exit-proposals';
  await page.route(proposalsRequest, (route) => route.abort());
  await openOverview(page);
  const failed = row(page, 'proposals');
  await expect(failed.getByRole('alert')).toContainText('网络连接失败', { timeout: 20_000 });
  await expect(failed.getByTestId('todo-count')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(1);
  await expect(row(page, 'contracts').getByTestId('todo-count')).toHaveText('2人');
  await expect(row(page, 'probations').getByTestId('todo-count')).toHaveText('2人');
  await expect(page.getByTestId('quota-policy')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'console-overview-row-error');
  await page.unroute(proposalsRequest);
  await failed.getByRole('button', { name: '重 试' }).click();
  await expect(failed.getByTestId('todo-count')).toHaveText('2条');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

/** "2026-03-05" → "2026年3月5日". */
function chineseDay(iso: string) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
