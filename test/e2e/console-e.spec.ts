import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { readXlsxCells } from '../support/spreadsheets.ts';
import {
  base,
  beijingDay,
  CONSOLE,
  call,
  expectAccessible,
  nationalId,
  screenshot,
  screenshotAtPhone,
  seedGridCity,
  signInAs,
  formSelect,
  pickOrgUnit,
  addDays,
  chooseSheet,
  pickOption,
  selectAround,
  PHONE,
} from './support.ts';

/**
 * The console screens for the APIs of the career lifecycle, as a city HR officer in a city of its
 * own: 存量人员导入 (template, a refused row, the import), 合同 (renewal, the reminders job's
 * reminders dismissed), a worker's 调动 (a full unit named beside the field) and 登录账号, 账号 for
 * HR officers, and the registration and certificate sheets. Each checked against the API.
 * Screenshots at 1440×900 and 390×844.
 */

let city: string;
let hr: string;
let community: string;
let grid: string;
let openUnit: string;
let today: string;

// Each test walks a screen through several API round trips: more time than the default on a busy machine.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  ({ city, hr, community, grid } = await seedGridCity('ce'));
  // A second community with no seat left (approved quota 0) and a third with room, for 调动.
  const street = `${city}/xinxing/hongqi`;
  for (const [id, name, quota] of [
    [`${street}/c2`, '东风社区', 0],
    [`${street}/c3`, '向阳社区', 5],
  ] as const) {
    await call(hr, 'POST', '/v1/org-units', {
      id,
      name,
      level: 'community',
      parentId: street,
      approvedQuota: quota,
    });
    await call(hr, 'POST', '/v1/org-units', {
      id: `${id}/g1`,
      name: '第一网格',
      level: 'grid',
      parentId: id,
      urbanPopulation: 1000,
    });
  }
  openUnit = `${street}/c3`;
  today = beijingDay(((await (await fetch(`${base()}/local/clock`)).json()) as { now: string }).now);
});

async function openConsole(page: Page, path: string, viewport = CONSOLE) {
  await page.setViewportSize(viewport);
  await signInAs(page, { role: 'hr', org: city });
  await page.goto(path);
}

/** The workers of the city, by name (GET /v1/workers). */
async function workersByName(): Promise<Map<string, { id: string; org: string; status: string }>> {
  const page = await call(hr, 'GET', `/v1/workers?org=${encodeURIComponent(city)}&limit=100`);
  return new Map(
    (page.items as { id: string; name: string; org: string; status: string }[]).map((w) => [w.name, w]),
  );
}

const ONBOARDING_HEADER = [
  '身份证号',
  '姓名',
  '所在单位',
  '学历',
  '入职日期',
  '岗位',
  '等级',
  '合同起始日期',
  '合同到期日期',
];
const onboardingRow = (name: string, birth: string, grade: number, contractEndsOn: string) => [
  nationalId(birth),
  name,
  grid,
  '本科',
  '2025-03-01',
  '社区工作者',
  grade,
  '2025-03-01',
  contractEndsOn,
];

test('存量人员导入: the template downloads, a sheet with a grade outside the band is refused by row, the fixed sheet imports', async ({
  page,
}) => {
  await openConsole(page, '/hr/onboarding');
  await expect(page.getByRole('heading', { name: '存量人员导入' })).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载模板' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/[\u4e00-\u9fa5].*\.xlsx$/);
  const template = await readXlsxCells(new Uint8Array(await readFile(await download.path())));
  expect(template[0]!.rows[0]!.map(String).join(',')).toContain('身份证号');

  const ends = addDays(today, 20);
  const rows = [
    onboardingRow('赵存量', '1990-02-03', 4, ends),
    onboardingRow('钱存量', '1991-04-05', 15, ends),
    onboardingRow('孙存量', '1992-06-07', 3, addDays(today, 40)),
  ];
  await chooseSheet(page, '存量人员.xlsx', [ONBOARDING_HEADER, ...rows]);
  const refused = page.locator('tr.upload-row-error');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('钱存量');
  await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();
  expect((await workersByName()).size).toBe(0);
  await screenshot(page, 'console-onboarding-refused');

  rows[1]![6] = 5;
  await chooseSheet(page, '存量人员（修改后）.xlsx', [ONBOARDING_HEADER, ...rows]);
  await expect(page.getByText('共 3 行，全部校验通过')).toBeVisible();
  await page.getByRole('button', { name: '确认导入' }).click();
  await expect(page.getByTestId('onboarded-count')).toHaveText('3');
  await expect(page.getByText('已完成')).toBeVisible();
  const workers = await workersByName();
  expect([...workers.keys()].sort()).toEqual(['孙存量', '赵存量', '钱存量'].sort());
  await expectAccessible(page);
  await screenshot(page, 'console-onboarding');
  await screenshotAtPhone(page, 'console-onboarding-phone', page.getByRole('main'));
});

test('合同: contracts ending are listed, one renewed for a new term, a reminder marked handled', async ({
  page,
}) => {
  await openConsole(page, '/hr/contracts');
  const ending = page.getByRole('tabpanel', { name: '即将到期' });
  for (const name of ['赵存量', '钱存量', '孙存量'])
    await expect(ending.getByRole('row', { name })).toBeVisible();
  await expect(ending.getByRole('row', { name: /赵存量/ })).toContainText('20 天');
  await expectAccessible(page);
  await screenshot(page, 'console-contracts');

  await ending
    .getByRole('row', { name: /赵存量/ })
    .getByText('续签办理')
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('第 1 期合同');
  await dialog.getByRole('button', { name: '确认续签' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(ending.getByRole('row', { name: /赵存量/ })).toHaveCount(0);
  const renewed = await call(hr, 'GET', `/v1/workers/${(await workersByName()).get('赵存量')!.id}`);
  expect(renewed.contract.current.no).toBe(2);
  expect(renewed.contract.current.startsOn).toBe(addDays(today, 21));

  // Not renewing before the term's last day is refused beside the choice.
  await ending
    .getByRole('row', { name: /孙存量/ })
    .getByText('续签办理')
    .click();
  await dialog.getByLabel('合同期满不续签').check();
  await dialog.getByLabel('依据说明').fill('本人不愿续签');
  await dialog.getByRole('button', { name: '确认不续签' }).click();
  await expect(dialog.locator('.ant-form-item-explain-error')).toHaveText('离职日期不能晚于今天');
  await dialog.getByRole('button', { name: '取 消' }).click();
  expect((await workersByName()).get('孙存量')!.status).toBe('active');

  await call(hr, 'POST', '/v1/jobs/contract-reminders/runs', { period: today });
  await page.getByRole('tab', { name: '续签提醒' }).click();
  const reminders = page.getByRole('tabpanel', { name: '续签提醒' });
  await expect(reminders.getByRole('row', { name: /钱存量/ })).toBeVisible();
  await expect(reminders.getByRole('row', { name: /孙存量/ })).toBeVisible();
  await expect(reminders.getByRole('row', { name: /赵存量/ })).toHaveCount(0);
  await screenshot(page, 'console-contract-reminders');
  await reminders
    .getByRole('row', { name: /钱存量/ })
    .getByText('标记已处理')
    .click();
  await page.getByRole('dialog').getByLabel('处理说明').fill('已联系本人');
  await page.getByRole('dialog').getByRole('button', { name: '标记已处理' }).click();
  await expect(reminders.getByRole('row', { name: /钱存量/ })).toHaveCount(0);
  const dismissed = await call(
    hr,
    'GET',
    `/v1/contract-reminders?org=${encodeURIComponent(city)}&status=dismissed`,
  );
  expect(dismissed.items.map((r: { workerName: string; note: string }) => [r.workerName, r.note])).toEqual([
    ['钱存量', '已联系本人'],
  ]);
  await reminders.locator('.ant-radio-button-wrapper', { hasText: '已处理' }).click();
  await expect(reminders.getByRole('row', { name: /钱存量/ })).toContainText('已联系本人');
  await screenshotAtPhone(page, 'console-contracts-phone', page.getByRole('main'));
});

test('人员: 调动 to a full unit names it beside the field, then moves; 登录账号 opened, a taken e-mail refused beside the field', async ({
  page,
  browser,
}) => {
  const zhao = (await workersByName()).get('赵存量')!;
  await openConsole(page, `/hr/workers/${zhao.id}`);
  await page.getByRole('button', { name: '调 动' }).click();
  const dialog = page.getByRole('dialog');
  await pickOrgUnit(page, formSelect(dialog, '调入单位'), [
    '七台河市',
    '新兴区',
    '红旗街道',
    '东风社区',
    '第一网格',
  ]);
  await dialog.getByLabel('调动原因').fill('工作需要');
  await dialog.getByRole('button', { name: '确认调动' }).click();
  await expect(dialog.locator('.ant-form-item-explain-error')).toContainText('东风社区核定编制 0 人');
  // Worded from the error's own figures, set once the request has settled, and kept until 调入单位
  // changes: not after a while, nor when 调动原因 is edited (it once vanished right after being set).
  const refusal = dialog.locator('.ant-form-item', { hasText: '调入单位' });
  await expect(refusal.locator('.ant-form-item-explain-error')).toHaveText(
    '超出核定编制数：东风社区核定编制 0 人，已用 0 人，空余 0 人',
  );
  await page.waitForTimeout(1500);
  await dialog.getByLabel('调动原因').fill('工作需要，本人同意');
  await page.waitForTimeout(500);
  await expect(refusal.locator('.ant-form-item-explain-error')).toHaveText(
    '超出核定编制数：东风社区核定编制 0 人，已用 0 人，空余 0 人',
  );
  expect((await call(hr, 'GET', `/v1/workers/${zhao.id}`)).org).toBe(grid);
  await screenshot(page, 'console-worker-move-refused');
  await screenshotAtPhone(
    page,
    'console-worker-move-refused-phone',
    refusal.locator('.ant-form-item-explain-error'),
  );

  await pickOrgUnit(page, formSelect(dialog, '调入单位'), ['七台河市', '新兴区', '红旗街道', '向阳社区']);
  await expect(refusal.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await dialog.getByRole('button', { name: '确认调动' }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await call(hr, 'GET', `/v1/workers/${zhao.id}`)).org).toBe(openUnit);
  await expect(page.getByRole('tabpanel', { name: '基本信息' }).getByText('向阳社区')).toBeVisible();
  // The day of the move beside the unit (training hours before it count toward the new unit's list).
  const [y, m, d] = (await call(hr, 'GET', `/v1/workers/${zhao.id}`)).orgSince.split('-').map(Number);
  await expect(page.getByTestId('org-since')).toHaveText(`（${y}年${m}月${d}日调入）`);
  await screenshot(page, 'console-worker-moved');
  await screenshotAtPhone(page, 'console-worker-moved-phone', page.getByTestId('org-since'));
  // The worker sees the day on their phone too (我的).
  const workerPage = await browser.newPage({ viewport: PHONE });
  await signInAs(workerPage, { role: 'worker', org: openUnit, workerId: zhao.id });
  await workerPage.goto('/me');
  await expect(workerPage.getByTestId('org-path')).toContainText('向阳社区');
  await expect(workerPage.getByTestId('org-since')).toHaveText(`${y}年${m}月${d}日`);
  await screenshot(workerPage, 'phone-worker-me-moved');
  await workerPage.close();

  await page.getByRole('tab', { name: '登录账号' }).click();
  const tab = page.getByRole('tabpanel', { name: '登录账号' });
  await expect(tab.getByText('尚未开通登录账号')).toBeVisible();
  const email = `zhao.${city}@example.cn`;
  await tab.getByLabel('登录邮箱').fill(email);
  await tab.getByLabel('手机号（选填）').fill('13800000001');
  await tab.getByRole('button', { name: '开通账号' }).click();
  await expect(tab.getByTestId('account-details')).toContainText('已启用');
  await expect(tab.getByTestId('account-details')).toContainText('+8613800000001');
  const account = await call(hr, 'GET', `/v1/workers/${zhao.id}/account`);
  expect([account.email, account.status, account.org]).toEqual([email, 'enabled', openUnit]);
  await expectAccessible(page);
  await screenshot(page, 'console-worker-account');

  const qian = (await workersByName()).get('钱存量')!;
  await page.goto(`/hr/workers/${qian.id}`);
  await page.getByRole('tab', { name: '登录账号' }).click();
  await tab.getByLabel('登录邮箱').fill(email);
  await tab.getByRole('button', { name: '开通账号' }).click();
  await expect(tab.locator('.ant-form-item-explain-error')).toHaveText('该邮箱已用于其他登录账号');
  await screenshotAtPhone(page, 'console-worker-account-phone', page.getByRole('main'));
});

test('账号: a district HR officer account with its department, then looked up by user name', async ({
  page,
}) => {
  await openConsole(page, '/hr/accounts');
  const email = `hr.${city}@example.cn`;
  await pickOrgUnit(page, formSelect(page, '所属单位'), ['七台河市', '新兴区']);
  await page.getByLabel('姓名').fill('李人事');
  await page.getByLabel('登录邮箱').fill(email);
  await pickOption(page, selectAround(page.getByLabel('联审部门')), '民政局');
  await page.getByRole('button', { name: '开通账号' }).click();
  const created = page.getByTestId('account-details');
  await expect(created).toContainText('民政局');
  const username = (await page.getByText(/用户名 hr_/).textContent())!.match(/hr_\w+/)![0];
  const account = await call(hr, 'GET', `/v1/accounts/${username}`);
  expect([account.org, account.department, account.role, account.email]).toEqual([
    `${city}/xinxing`,
    'civil-affairs',
    'hr',
    email,
  ]);
  await page.getByLabel('用户名').fill(username);
  await page.getByRole('button', { name: '查 询' }).click();
  await expect(page.getByTestId('account-details')).toHaveCount(2);
  await expectAccessible(page);
  await screenshot(page, 'console-accounts');
  await screenshotAtPhone(page, 'console-accounts-phone', page.getByRole('main'));
});

test('证书 and 报名表 sheets: previewed with the worker or eligibility of each row, then recorded', async ({
  page,
}) => {
  const sun = (await workersByName()).get('孙存量')!;
  const sunId = (await call(hr, 'GET', `/v1/workers/${sun.id}`)).nationalId as string;
  await openConsole(page, '/hr/certificates');
  const number = `ZS${Date.now()}`;
  await chooseSheet(page, '证书登记表.xlsx', [
    ['身份证号', '姓名', '证书等级', '证书编号', '发证日期', '登记日期'],
    [sunId, '孙存量', '助理社会工作师', number, '2026-06-20', today],
  ]);
  await expect(page.getByText('共 1 行，全部校验通过')).toBeVisible();
  await expect(page.getByRole('row', { name: /孙存量/ }).first()).toBeVisible();
  await page.getByRole('button', { name: '确认登记证书' }).click();
  await expect(page.getByText('已登记 1 张证书')).toBeVisible();
  const certified = await call(hr, 'GET', `/v1/workers/${sun.id}`);
  expect(certified.certificates.map((c: { number: string }) => c.number)).toEqual([number]);
  await screenshot(page, 'console-certificate-sheet');

  const recruitment = await call(hr, 'POST', '/v1/recruitments', {
    title: '2026年红旗社区社区工作者招聘（报名表）',
    org: community,
    places: 1,
  });
  await page.goto(`/hr/recruitments/${recruitment.id}`);
  const header = ['身份证号', '姓名', '学历', '政治表现合格', '身体健康', '本地户籍或居住', '拟安排单位'];
  await chooseSheet(page, '报名表.xlsx', [
    header,
    // 拟安排单位 by name (the only 第一网格 inside 红旗社区), or left empty (the recruitment's unit).
    [nationalId('1998-01-02'), '周报名', '本科', '是', '是', '是', '第一网格'],
    [nationalId('1999-03-04'), '吴报名', '高中', '是', '是', '是', ''],
  ]);
  await expect(page.getByText('共 2 行，全部校验通过')).toBeVisible();
  await expect(page.getByRole('row', { name: /吴报名/ })).toContainText('未通过（学历）');
  await expect(page.getByRole('row', { name: /周报名/ })).toContainText('通过');
  // 拟安排单位 shows the unit found by its own name, its 编号 on hover.
  const placed = page
    .getByRole('row', { name: /周报名/ })
    .getByRole('cell', { name: '第一网格', exact: true });
  await expect(placed.locator('span[title]')).toHaveAttribute('title', grid);
  await screenshot(page, 'console-registration-sheet');
  await page.getByRole('button', { name: '确认登记报名' }).click();
  await expect(page.getByText('已登记 2 名考生，其中 1 名资格审查通过')).toBeVisible();
  const candidates = await call(hr, 'GET', `/v1/recruitments/${recruitment.id}/candidates`);
  expect(candidates.items.map((c: { name: string }) => c.name).sort()).toEqual(['吴报名', '周报名'].sort());
  const zhou = candidates.items.find((c: { name: string }) => c.name === '周报名');
  expect(zhou.gridId).toBe(grid);
  await expectAccessible(page);
});

test('phone width: the menu button sits in the header bar, clear of the breadcrumbs; 单位工资表 readable', async ({
  page,
}) => {
  await openConsole(page, '/hr/pay', PHONE);
  const trigger = page.locator('.ant-layout-sider-zero-width-trigger');
  const crumbs = page.locator('.page-header .ant-breadcrumb');
  await expect(trigger).toBeVisible();
  await expect(crumbs).toBeVisible();
  const [t, c, header] = await Promise.all([
    trigger.boundingBox(),
    crumbs.boundingBox(),
    page.locator('.desktop-header').boundingBox(),
  ]);
  // The button lies inside the header bar and above the breadcrumbs.
  expect(t!.y + t!.height).toBeLessThanOrEqual(header!.y + header!.height);
  expect(t!.y + t!.height).toBeLessThanOrEqual(c!.y);
  await page.getByRole('tab', { name: '单位工资表' }).click();
  const payroll = page.getByRole('tabpanel', { name: '单位工资表' });
  await expect(payroll.getByRole('row', { name: /赵存量/ })).toBeVisible();
  await screenshot(page, 'console-payroll-phone');

  // The menu opens from the button over the page (which keeps its width), its five groups in reach
  // down to the last entry; picking one closes it.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await trigger.click();
  await expect(page.locator('.ant-menu-item-group-title')).toHaveText([
    '工作台',
    '人员与编制',
    '培养与发展',
    '考核与薪酬',
    '系统管理',
  ]);
  await screenshot(page, 'console-menu-phone', { menuOpen: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
  const audit = page.getByRole('menuitem', { name: '审计' });
  await audit.scrollIntoViewIfNeeded();
  await audit.click();
  await expect(page).toHaveURL(/\/hr\/audit$/);
  await expect(page.getByRole('heading', { name: '审计' })).toBeVisible();
  await expect(page.locator('.ant-layout-sider')).toHaveCSS('width', '0px');
  await expect(page.locator('.sider-backdrop')).toHaveCount(0);
  // Tapping beside the open menu closes it too.
  await trigger.click();
  await expect(page.locator('.ant-layout-sider')).toHaveCSS('width', '208px');
  await page.locator('.sider-backdrop').click({ position: { x: 350, y: 400 } });
  await expect(page.locator('.ant-layout-sider')).toHaveCSS('width', '0px');
});
