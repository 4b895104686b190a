import { expect, type Locator, type Page, test } from '@playwright/test';
import {
  base,
  beijingDay,
  chineseDay,
  CONSOLE,
  call,
  clockNow,
  expectAccessible,
  nationalId,
  screenshot,
  screenshotAtPhone,
  seedGridCity,
  signInAs,
  formSelect,
  pickOption,
  pickWorker,
} from './support.ts';

/**
 * The HR console's 晋升与后备 and 评优 screens as a city HR officer, in a city of its own. Each test
 * works a screen in Chromium and checks what HR sees after each action against the API. Screens
 * at 1440×900, and once at phone width.
 */

let city: string;
let hr: string;
let grid: string;
let workers: { workerId: string; name: string; nationalId: string }[];

const yuan = (fen: number) =>
  `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  ({ city, hr, grid } = await seedGridCity('cd'));
  const people = [
    ['周后备', '1988-05-06', 352_000, true],
    ['吴库外', '1991-09-12', 318_000, false],
    ['郑党员', '1985-01-23', 330_000, true],
    ['钱群众', '1993-04-17', 305_000, false],
  ] as const;
  const rows = people.map(([name, birth, pay, party]) => ({
    nationalId: nationalId(birth),
    name,
    org: grid,
    currentMonthlyPayFen: pay,
    education: 'bachelor',
    isPartyMember: party,
  }));
  const batch = await call(hr, 'POST', '/v1/transfers', { rows });
  workers = batch.persons as { workerId: string; name: string; nationalId: string }[];
});

const byName = (name: string) => workers.find((w) => w.name === name)!;

async function openConsole(page: Page, path: string) {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  await page.goto(path);
}

/** The error shown under a form item, by the item's label. */
const fieldError = (dialog: Locator, fieldLabel: string) =>
  dialog
    .locator('.ant-form-item')
    .filter({ has: dialog.page().locator('label', { hasText: new RegExp(`${fieldLabel}$`) }) })
    .locator('.ant-form-item-explain-error');

async function fillDate(dialog: Locator, fieldLabel: string, day: string) {
  await dialog.getByLabel(fieldLabel).fill(day);
  await dialog.getByLabel(fieldLabel).press('Enter');
}

test('晋升与后备: the reserve pool filled (a second entry refused beside the field), a promotion from outside the pool needs its reason, one from the pool shows its pay effect, an entry removed', async ({
  page,
}) => {
  test.setTimeout(360_000);
  const today = beijingDay(await clockNow());
  const [zhou, wu] = [byName('周后备'), byName('吴库外')];
  await openConsole(page, '/hr/promotions');
  await expect(page.getByRole('heading', { name: '晋升与后备' })).toBeVisible();
  await expect(page.getByText('后备力量库暂无人员')).toBeVisible();
  await expect(page.getByTestId('pool-summary')).toHaveText('后备力量 0 人');

  // Into the pool; the same person again is refused beside 人选.
  await page.getByRole('button', { name: '纳入后备' }).click();
  let dialog = page.getByRole('dialog', { name: '纳入后备力量库' });
  await pickWorker(page, dialog, '人选', zhou.name);
  await dialog.getByLabel('纳入理由').fill('年度考核优秀，群众基础好');
  await dialog.getByRole('button', { name: '纳 入' }).click();
  await expect(dialog).toBeHidden();
  const zhouRow = page.getByRole('row', { name: /周后备/ });
  await expect(zhouRow).toContainText('年度考核优秀，群众基础好');
  await expect(page.getByTestId('pool-summary')).toHaveText('后备力量 1 人');
  expect((await call(hr, 'GET', `/v1/reserve-pool?org=${city}`)).items).toMatchObject([
    { workerId: zhou.workerId, reason: '年度考核优秀，群众基础好', addedOn: today },
  ]);
  await page.getByRole('button', { name: '纳入后备' }).click();
  dialog = page.getByRole('dialog', { name: '纳入后备力量库' });
  await pickWorker(page, dialog, '人选', zhou.name);
  await dialog.getByLabel('纳入理由').fill('重复');
  await dialog.getByRole('button', { name: '纳 入' }).click();
  await expect(fieldError(dialog, '人选')).toHaveText('已在后备力量库中');
  await dialog.getByRole('button', { name: '取 消' }).click();
  await expectAccessible(page);
  await screenshot(page, 'console-promotions-pool');

  // Promoting someone outside the pool without a reason: refused beside 库外晋升理由, nothing written.
  await page.getByRole('button', { name: '晋升两委' }).click();
  dialog = page.getByRole('dialog', { name: '晋升两委' });
  await pickWorker(page, dialog, '人员', wu.name);
  await pickOption(page, formSelect(dialog, '委员会'), '居民委员会');
  await pickOption(page, formSelect(dialog, '职务'), '委员');
  await fillDate(dialog, '生效日期', today);
  // The preview names the refusal (beside the field and in its list) and keeps 确认晋升 disabled.
  await dialog.getByRole('button', { name: '预览工资变化' }).click();
  await expect(fieldError(dialog, '库外晋升理由')).toHaveText('该人员不在后备力量库中；如确需晋升请填写理由');
  await expect(dialog.getByTestId('promotion-refusals')).toHaveText(
    '该人员不在后备力量库中；如确需晋升请填写理由',
  );
  await expect(dialog.getByRole('button', { name: '确认晋升' })).toBeDisabled();
  expect((await call(hr, 'GET', `/v1/workers/${wu.workerId}/promotions`)).items).toEqual([]);
  // With the reason: a committee member moves to the 副职 band, pay not lower; previewed, then confirmed.
  await dialog.getByLabel('库外晋升理由').fill('换届选举当选');
  await expect(dialog.getByTestId('promotion-preview')).toHaveCount(0);
  await dialog.getByRole('button', { name: '预览工资变化' }).click();
  const wuPreview = dialog.getByTestId('promotion-preview');
  await expect(wuPreview).toContainText('确认后将按以下结果晋升');
  const wuPayBefore = await wuPreview.getByTestId('preview-pay-before').textContent();
  const wuPayAfter = await wuPreview.getByTestId('preview-pay-after').textContent();
  await dialog.getByRole('button', { name: '确认晋升' }).click();
  await expect(dialog).toBeHidden();
  const [wuPromotion] = (await call(hr, 'GET', `/v1/workers/${wu.workerId}/promotions`)).items;
  expect(wuPromotion).toMatchObject({ committee: 'residents', role: 'member', fromReservePool: false });
  expect(wuPromotion.to.post).toBe('deputy');
  expect(wuPromotion.payAfterFen).toBeGreaterThanOrEqual(wuPromotion.payBeforeFen);
  expect([wuPayBefore, wuPayAfter]).toEqual([yuan(wuPromotion.payBeforeFen), yuan(wuPromotion.payAfterFen)]);
  let done = page.getByTestId('promotion-done');
  await expect(done).toContainText(wuPromotion.roleLabel);
  await expect(done.getByTestId('pay-before')).toHaveText(yuan(wuPromotion.payBeforeFen));
  await expect(done.getByTestId('pay-after')).toHaveText(yuan(wuPromotion.payAfterFen));
  await expect(done).toContainText('库外人选：换届选举当选');

  // From the pool: party secretary (正职); the pay effect shown is the API's, and the pool is empty.
  await zhouRow.getByRole('button', { name: '晋 升' }).click();
  dialog = page.getByRole('dialog', { name: '晋升 周后备' });
  await pickOption(page, formSelect(dialog, '职务'), '书记');
  await fillDate(dialog, '生效日期', today);
  await dialog.getByLabel('说明').fill('换届选举当选社区党组织书记');
  await dialog.getByRole('button', { name: '预览工资变化' }).click();
  await expect(dialog.getByTestId('promotion-preview')).toContainText('社区党组织委员会 书记');
  await expect(dialog.getByTestId('promotion-preview')).toContainText('正职');
  await dialog.getByTestId('promotion-preview').scrollIntoViewIfNeeded();
  await screenshotAtPhone(page, 'console-promotions-preview-phone', page.getByRole('main'));
  await expectAccessible(page);
  await screenshot(page, 'console-promotions-preview');
  const zhouPayAfter = await dialog.getByTestId('preview-pay-after').textContent();
  await dialog.getByRole('button', { name: '确认晋升' }).click();
  await expect(dialog).toBeHidden();
  const history = await call(hr, 'GET', `/v1/workers/${zhou.workerId}/promotions`);
  const [zhouPromotion] = history.items;
  expect(zhouPromotion).toMatchObject({ committee: 'party', role: 'head', fromReservePool: true });
  expect(zhouPromotion.to.post).toBe('principal');
  expect(zhouPromotion.payAfterFen).toBeGreaterThanOrEqual(zhouPromotion.payBeforeFen);
  done = page.getByTestId('promotion-done');
  await expect(done).toContainText(zhouPromotion.roleLabel);
  await expect(done.getByTestId('pay-before')).toHaveText(yuan(zhouPromotion.payBeforeFen));
  await expect(done.getByTestId('pay-after')).toHaveText(yuan(zhouPromotion.payAfterFen));
  expect(zhouPayAfter).toBe(yuan(zhouPromotion.payAfterFen));
  await expect(done).toContainText('后备力量库');
  await expect(page.getByText('后备力量库暂无人员')).toBeVisible();
  expect((await call(hr, 'GET', `/v1/reserve-pool?org=${city}`)).items).toEqual([]);
  await expectAccessible(page);
  await screenshot(page, 'console-promotions-done');

  // 晋升记录 shows the promoted worker's seat and the change.
  await page.getByRole('tab', { name: '晋升记录' }).click();
  const panel = page.getByRole('tabpanel', { name: '晋升记录' });
  expect(history.committeeRoles).toMatchObject([{ committee: 'party', role: 'head', since: today }]);
  await expect(panel.getByTestId('committee-seats')).toHaveText(zhouPromotion.roleLabel);
  await expect(panel.getByLabel('人员')).toBeVisible();
  await expect(panel.locator('.ant-select-content, .ant-select-selection-item').first()).toContainText(
    zhou.name,
  );
  const promotionRow = panel.locator('.ant-table-row', { hasText: zhouPromotion.roleLabel });
  await expect(promotionRow).toContainText(
    `${yuan(zhouPromotion.payBeforeFen)} → ${yuan(zhouPromotion.payAfterFen)}`,
  );
  await expect(promotionRow).toContainText('后备力量库');
  await expectAccessible(page);
  await screenshot(page, 'console-promotions-history');

  // An entry removed from the pool.
  await page.getByRole('tab', { name: '后备力量' }).click();
  await page.getByRole('button', { name: '纳入后备' }).click();
  dialog = page.getByRole('dialog', { name: '纳入后备力量库' });
  await pickWorker(page, dialog, '人选', '钱群众');
  await dialog.getByLabel('纳入理由').fill('工单满意度高');
  await dialog.getByRole('button', { name: '纳 入' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('pool-summary')).toHaveText('后备力量 1 人');
  await page
    .getByRole('row', { name: /钱群众/ })
    .getByRole('button', { name: '移 出' })
    .click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '移 出' }).click();
  await expect(page.getByText('后备力量库暂无人员')).toBeVisible();
  expect((await call(hr, 'GET', `/v1/reserve-pool?org=${city}`)).items).toEqual([]);
  const trail = await call(
    hr,
    'GET',
    `/v1/audit?entity=${encodeURIComponent(`reserve-pool:${byName('钱群众').workerId}`)}`,
  );
  expect(trail.items.map((e: { action: string }) => e.action)).toEqual([
    'reserve-pool.removed',
    'reserve-pool.added',
  ]);
  await screenshotAtPhone(
    page,
    'console-promotions-phone',
    page.getByRole('heading', { name: '晋升与后备' }),
  );
});

/** The API's answer to a request expected to fail (status and error body). */
async function refusal(token: string, method: string, path: string, body: unknown) {
  const res = await fetch(`${base()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, error: ((await res.json()) as { error: any }).error };
}

test('评优: a cycle with its seats, a nomination refused with the API’s reason beside the field, seats filled, results recorded', async ({
  page,
}) => {
  test.setTimeout(360_000);
  const year = Number(beijingDay(await clockNow()).slice(0, 4));
  const [zheng, zhou, qian] = [byName('郑党员'), byName('周后备'), byName('钱群众')];
  await openConsole(page, '/hr/honours');
  await expect(page.getByRole('heading', { name: '评优' })).toBeVisible();
  await expect(page.getByText(`${year} 年暂无评优`)).toBeVisible();

  await page.getByRole('button', { name: '新建评优' }).click();
  let dialog = page.getByRole('dialog', { name: '新建评优' });
  await pickOption(page, formSelect(dialog, '荣誉'), '优秀共产党员');
  await dialog.getByLabel('名称').fill(`${year}年优秀共产党员推荐`);
  await dialog.getByLabel('名额 1').fill('2');
  await dialog.getByRole('button', { name: '发 起' }).click();
  await expect(dialog).toBeHidden();
  const [cycle] = (await call(hr, 'GET', `/v1/honour-cycles?year=${year}`)).items;
  expect(cycle).toMatchObject({
    honourType: 'outstanding-party-member',
    name: `${year}年优秀共产党员推荐`,
    year,
    quotas: [{ org: city, seats: 2 }],
  });
  const drawer = page.getByRole('dialog', { name: '推荐与结果' });
  await expect(drawer.getByText('尚未推荐人选')).toBeVisible();
  const quotaRow = drawer.locator('.ant-card', { hasText: '名额（指标单列）' }).locator('.ant-table-row');
  await expect(quotaRow).toHaveCount(1);
  await expect(quotaRow).toContainText('七台河市');
  await expect(quotaRow.locator('td').nth(1)).toHaveText('2');

  // A non-member for a members-only honour: the API's own reason beside 人选, no seat taken.
  const refused = await refusal(hr, 'POST', `/v1/honour-cycles/${cycle.id}/nominations`, {
    workerId: qian.workerId,
    reason: '试探',
  });
  expect(refused.status).toBe(422);
  expect(refused.error.code).toBe('NOT_PARTY_MEMBER');
  const apiReason = refused.error.details.failures[0].message as string;
  expect(apiReason).toMatch(/中共党员/);
  await drawer.getByRole('button', { name: '推荐人选' }).click();
  dialog = page.getByRole('dialog', { name: '推荐人选' });
  await pickWorker(page, dialog, '人选', qian.name);
  await dialog.getByLabel('推荐理由').fill('服务群众热情');
  await dialog.getByRole('button', { name: '推 荐' }).click();
  await expect(fieldError(dialog, '人选')).toHaveText(apiReason);
  expect((await call(hr, 'GET', `/v1/honour-cycles/${cycle.id}`)).summary.nominated).toBe(0);

  // Two members fill the two seats; the button says so.
  await pickWorker(page, dialog, '人选', zheng.name);
  await dialog.getByLabel('推荐理由').fill('扎根网格十年，群众满意度高');
  await dialog.getByRole('button', { name: '推 荐' }).click();
  await expect(dialog).toBeHidden();
  await drawer.getByRole('button', { name: '推荐人选' }).click();
  dialog = page.getByRole('dialog', { name: '推荐人选' });
  await pickWorker(page, dialog, '人选', zhou.name);
  await dialog.getByLabel('推荐理由').fill('带头化解邻里纠纷');
  await dialog.getByRole('button', { name: '推 荐' }).click();
  await expect(dialog).toBeHidden();
  await expect(drawer.getByRole('button', { name: '名额已满' })).toBeDisabled();
  await expect(quotaRow).toContainText('已满');
  let detail = await call(hr, 'GET', `/v1/honour-cycles/${cycle.id}`);
  expect(detail.quotas).toMatchObject([{ org: city, seats: 2, used: 2, available: 0 }]);
  expect(detail.nominations.map((n: { workerName: string }) => n.workerName).sort()).toEqual(
    [zheng.name, zhou.name].sort(),
  );
  await expect(drawer.getByRole('row', { name: /郑党员/ })).toContainText('评选中');

  // Results: one awarded (with a note), one not.
  await drawer
    .getByRole('row', { name: /郑党员/ })
    .getByRole('button', { name: '当 选' })
    .click();
  dialog = page.getByRole('dialog', { name: /登记结果：郑党员当选/ });
  // Reduced motion (playwright.config): the dialog is there at once, no zoom still running.
  expect(await dialog.evaluate((el) => el.getAnimations({ subtree: true }).length)).toBe(0);
  await dialog.getByLabel('备注').fill('市委组织部通报表彰');
  await dialog.getByRole('button', { name: '登 记' }).click();
  await expect(dialog).toBeHidden();
  await drawer
    .getByRole('row', { name: /周后备/ })
    .getByRole('button', { name: '未当选' })
    .click();
  dialog = page.getByRole('dialog', { name: /登记结果：周后备未当选/ });
  await dialog.getByRole('button', { name: '登 记' }).click();
  await expect(dialog).toBeHidden();
  await expect(drawer.getByRole('row', { name: /郑党员/ })).toContainText('当选');
  await expect(drawer.getByRole('row', { name: /郑党员/ })).toContainText('市委组织部通报表彰');
  await expect(drawer.getByRole('row', { name: /周后备/ })).toContainText('未当选');
  detail = await call(hr, 'GET', `/v1/honour-cycles/${cycle.id}`);
  expect(detail.summary).toMatchObject({ nominated: 2, awarded: 1, notAwarded: 1, pending: 0 });
  const summary = drawer.getByTestId('cycle-summary');
  for (const [title, value] of [
    ['已推荐', 2],
    ['当选', 1],
    ['未当选', 1],
    ['评选中', 0],
  ] as const)
    await expect(summary.locator('.ant-statistic', { hasText: new RegExp(`^${title}`) })).toContainText(
      String(value),
    );
  expect(
    detail.nominations.find((n: { workerId: string }) => n.workerId === zheng.workerId).result,
  ).toMatchObject({ awarded: true, note: '市委组织部通报表彰' });
  await expectAccessible(page);
  await screenshot(page, 'console-honours-cycle');
  await page.keyboard.press('Escape');
  const cycleRow = page.getByRole('row', { name: new RegExp(`${year}年优秀共产党员推荐`) });
  await expect(cycleRow).toContainText('优秀共产党员');
  await expect(cycleRow.locator('td').nth(4)).toHaveText('2');
  await expect(page.getByTestId('cycles-summary')).toHaveText(`${year} 年共 1 项评优，名额 2 个`);
  await expectAccessible(page);
  await screenshot(page, 'console-honours');
  await screenshotAtPhone(page, 'console-honours-phone', page.getByRole('heading', { name: '评优' }));
});

test('薪酬标准: a future pay version scheduled through the form; the API stores it with the amounts typed, in fen', async ({
  page,
}) => {
  test.setTimeout(360_000);
  const today = beijingDay(await clockNow());
  const [y, m] = today.split('-').map(Number) as [number, number];
  // The first day of the month after next: in the future for the browser and the business clock.
  const next = new Date(Date.UTC(y, m + 1, 1));
  const effectiveFrom = next.toISOString().slice(0, 10);
  const current = await call(hr, 'GET', '/v1/policies/pay');
  await openConsole(page, '/hr/pay');
  await page.getByRole('tab', { name: '薪酬标准' }).click();
  await expect(page.getByText('尚未保存过版本，执行规则手册的默认标准')).toBeVisible();
  await page.getByRole('button', { name: '制定新版本' }).click();
  const dialog = page.getByRole('dialog', { name: '制定薪酬标准新版本' });
  await fillDate(dialog, '生效日期（须晚于今天）', effectiveFrom);
  // Grade 1 up by ¥50.50 (still below grade 2: the scale must rise with the grade).
  const grade1Fen = current.document.baseMonthlyPayFen[0] + 5050;
  await dialog.getByLabel('1 级', { exact: true }).fill((grade1Fen / 100).toFixed(2));
  await dialog.getByLabel('正职岗位津贴（元/月）').fill('900');
  await dialog.getByRole('button', { name: '保存版本' }).click();
  await expect(dialog).toBeHidden();
  const versions = (await call(hr, 'GET', '/v1/policies/pay/versions')).items;
  expect(versions).toHaveLength(1);
  expect(versions[0]).toMatchObject({ effectiveFrom });
  expect(versions[0].document.baseMonthlyPayFen[0]).toBe(grade1Fen);
  expect(versions[0].document.baseMonthlyPayFen.slice(1)).toEqual(
    current.document.baseMonthlyPayFen.slice(1),
  );
  expect(versions[0].document.postAllowanceFen.principal).toBe(90_000);
  // Still the rule book's standard today; the new version is listed with its date.
  expect((await call(hr, 'GET', '/v1/policies/pay')).version).toBe(current.version);
  const versionRow = page
    .locator('.ant-card')
    .filter({ has: page.locator('.ant-card-head-title', { hasText: /^版本$/ }) })
    .locator('.ant-table-row');
  await expect(versionRow).toHaveCount(1);
  // The version by its name, never its id (pay/…/r1).
  const versionName = `${chineseDay(effectiveFrom)}起执行`;
  await expect(versionRow.getByRole('cell').first()).toHaveText(versionName);
  await versionRow.getByRole('button', { name: '查看' }).click();
  await expect(page.getByTestId('pay-table').getByRole('row', { name: /^1 级/ })).toContainText(
    yuan(grade1Fen),
  );
  await expect(page.getByRole('heading', { name: `薪酬标准版本：${versionName}` })).toBeVisible();
  await screenshot(page, 'console-pay-policy-version');

  // 政策 lists it too; 查看 is a button a keyboard reaches (the rows used to take only a mouse click).
  await page.goto('/hr/policies');
  await page.getByRole('button', { name: '薪酬（三岗十八级）', exact: true }).click();
  const document = page.getByTestId('policy-document');
  await expect(document).toContainText('薪酬（三岗十八级）：默认标准（规则手册）');
  const listed = page
    .locator('.ant-card')
    .filter({ has: page.locator('.ant-card-head-title', { hasText: /^版本$/ }) })
    .locator('.ant-table-row');
  await expect(listed.getByRole('cell').first()).toHaveText(versionName);
  await expect(listed).toContainText('待生效');
  await listed.getByRole('button', { name: '查看' }).press('Enter');
  await expect(document).toContainText(`薪酬（三岗十八级）：${versionName}`);
  await expect(document).toContainText(`1级 ${yuan(grade1Fen)}，`);
  await screenshot(page, 'console-policies-version');
});

test('a district HR officer sees nothing of a sibling district on 人员, 调入, 招聘, 晋升与后备 and 评优', async ({
  page,
}) => {
  test.setTimeout(360_000);
  const year = Number(beijingDay(await clockNow()).slice(0, 4));
  const xinxing = `${city}/xinxing`;
  const taoshan = `${city}/taoshan`;
  const taoCommunity = `${taoshan}/taonan/c1`;
  for (const unit of [
    { id: taoshan, name: '桃山区', level: 'district', parentId: city, urbanPopulation: 120_000 },
    {
      id: `${taoshan}/taonan`,
      name: '桃南街道',
      level: 'street',
      parentId: taoshan,
      urbanPopulation: 30_000,
    },
    {
      id: taoCommunity,
      name: '桃南社区',
      level: 'community',
      parentId: `${taoshan}/taonan`,
      approvedQuota: 10,
    },
  ])
    await call(hr, 'POST', '/v1/org-units', unit);
  const batch = await call(hr, 'POST', '/v1/transfers', {
    rows: [
      {
        nationalId: nationalId('1987-08-08'),
        name: '桃南风',
        org: taoCommunity,
        currentMonthlyPayFen: 300_000,
        education: 'college',
        isPartyMember: true,
      },
    ],
  });
  const sibling = batch.persons[0] as { workerId: string };
  await call(hr, 'POST', '/v1/recruitments', { title: '桃山区社区工作者招聘', org: taoshan, places: 2 });
  await call(hr, 'POST', '/v1/recruitments', { title: '新兴区社区工作者招聘', org: xinxing, places: 3 });
  await call(hr, 'POST', '/v1/reserve-pool', { workerId: sibling.workerId, reason: '桃山区后备' });
  await call(hr, 'POST', '/v1/honour-cycles', {
    honourType: 'peoples-congress-deputy',
    name: '桃山区人大代表推荐',
    year,
    quotas: [{ org: taoshan, seats: 1 }],
  });

  // What the district's HR officer may read, as the API answers it.
  const district = await signInAs(page, { role: 'hr', org: xinxing });
  const transfers = (await call(district, 'GET', `/v1/transfers?org=${encodeURIComponent(xinxing)}`)).items;
  expect(transfers).toHaveLength(1);
  expect(transfers[0].count).toBe(4);
  const recruitments = (await call(district, 'GET', `/v1/recruitments?org=${encodeURIComponent(xinxing)}`))
    .items;
  expect(recruitments.map((r: { title: string }) => r.title)).toEqual(['新兴区社区工作者招聘']);
  expect((await call(district, 'GET', `/v1/reserve-pool?org=${encodeURIComponent(xinxing)}`)).items).toEqual(
    [],
  );
  expect(
    (await call(district, 'GET', `/v1/honour-cycles?year=${year}`)).items.map(
      (c: { name: string }) => c.name,
    ),
  ).not.toContain('桃山区人大代表推荐');

  await page.setViewportSize(CONSOLE);
  await page.goto('/hr/workers');
  await expect(page.getByRole('link', { name: '周后备' })).toBeVisible();
  await expect(page.getByText('桃南风')).toHaveCount(0);
  await page.getByLabel('姓名或身份证号').fill('桃南');
  await page.getByRole('button', { name: '查 询' }).click();
  await expect(page.getByText('没有符合条件的人员')).toBeVisible();

  await page.goto('/hr/transfers');
  await expect(page.locator('.ant-table-row')).toHaveCount(1);
  await expect(page.locator('.ant-table-row')).toContainText('4');
  await expect(page.getByText('桃南风')).toHaveCount(0);

  await page.goto('/hr/recruitments');
  await expect(page.getByRole('row', { name: /新兴区社区工作者招聘/ })).toBeVisible();
  await expect(page.getByText('桃山区社区工作者招聘')).toHaveCount(0);
  await expect(page.getByText('桃山区')).toHaveCount(0);

  await page.goto('/hr/promotions');
  await expect(page.getByText('后备力量库暂无人员')).toBeVisible();
  await expect(page.getByText('桃南风')).toHaveCount(0);

  await page.goto('/hr/honours');
  await expect(page.getByTestId('cycles-summary')).toBeVisible();
  await expect(page.getByText('桃山区人大代表推荐')).toHaveCount(0);
  await expect(page.getByText('桃山区')).toHaveCount(0);
  await screenshot(page, 'console-district-isolation');
});
