import { expect, type Page, test } from '@playwright/test';
import {
  CONSOLE,
  call,
  expectAccessible,
  formSelect,
  pickOrgUnit,
  screenshot,
  screenshotAtPhone,
  seedGridCity,
  signInAs,
} from './support.ts';

/**
 * 账号: the HR officers' accounts of the caller's subtree, through the real server. City HR sees the
 * city's officers with unit, department and state, disables one (the reason asked, the list and the
 * API agree), moves one (the same unit refused beside 新单位, then another), enables the disabled
 * one again; a district HR officer sees its district's officers only, with no actions.
 * Screenshots at 1440×900 and 390×844.
 */

let city: string;
let hr: string;
let community: string;
const officers: Record<'district' | 'community' | 'sibling', { username: string; name: string }> =
  {} as never;

test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  ({ city, hr, community } = await seedGridCity('ci'));
  await call(hr, 'POST', '/v1/org-units', {
    id: `${city}/taoshan`,
    name: '桃山区',
    level: 'district',
    parentId: city,
    urbanPopulation: 120_000,
  });
  for (const [who, org, name, department] of [
    ['district', `${city}/xinxing`, '新兴区 钱科长', 'civil-affairs'],
    ['community', community, '红旗社区 孙专干', undefined],
    ['sibling', `${city}/taoshan`, '桃山区 李科长', 'organisation'],
  ] as const) {
    const created = await call(hr, 'POST', '/v1/accounts', {
      org,
      name,
      email: `${who}.${city}@example.cn`,
      ...(department ? { department } : {}),
    });
    officers[who] = { username: created.username, name };
  }
});

const rowOf = (page: Page, name: string) => page.getByTestId('hr-accounts').getByRole('row', { name });

test('账号 (city HR): the list by unit, 停用 with its reason, 调整单位 refused beside the field then done, 启用', async ({
  page,
}) => {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  await page.goto('/hr/accounts');
  const list = page.getByTestId('hr-accounts');
  // By org path: 桃山区 sorts before 新兴区 (taoshan < xinxing), 红旗社区 under 新兴区.
  await expect(list.locator('tr.ant-table-row')).toHaveCount(3);
  await expect(list.locator('tr.ant-table-row').nth(0)).toContainText('桃山区 李科长');
  await expect(rowOf(page, '新兴区 钱科长')).toContainText('民政局');
  await expect(rowOf(page, '新兴区 钱科长')).toContainText('新兴区');
  await expect(rowOf(page, '红旗社区 孙专干')).toContainText('红旗社区');
  await expect(rowOf(page, '红旗社区 孙专干')).toContainText('已启用');
  await expectAccessible(page);
  await screenshot(page, 'console-hr-accounts');

  // 停用: the reason is asked before anything is sent.
  await rowOf(page, '新兴区 钱科长').getByRole('button', { name: '停用 新兴区 钱科长' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('停用后该干部立即不能登录');
  // No retry needed: the dialog opens without animation (reduced motion), so the click is not lost.
  await dialog.getByRole('button', { name: '确认停用' }).click();
  await expect(dialog.locator('.ant-form-item-explain-error')).toHaveText('请填写停用原因');
  expect((await call(hr, 'GET', `/v1/accounts/${officers.district.username}`)).status).toBe('enabled');
  await dialog.getByLabel('停用原因').fill('调离人事岗位');
  await dialog.getByRole('button', { name: '确认停用' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(rowOf(page, '新兴区 钱科长')).toContainText('已停用');
  await expect(rowOf(page, '新兴区 钱科长')).toContainText('调离人事岗位');
  const disabled = await call(hr, 'GET', `/v1/accounts/${officers.district.username}`);
  expect([disabled.status, disabled.disabledReason]).toEqual(['disabled', '调离人事岗位']);
  // A disabled account is enabled again, not moved.
  await expect(rowOf(page, '新兴区 钱科长').getByRole('button', { name: /调整单位/ })).toHaveCount(0);

  // 调整单位: its own unit is refused beside 新单位 (the server's answer), then another is taken.
  await rowOf(page, '红旗社区 孙专干').getByRole('button', { name: '调整单位 红旗社区 孙专干' }).click();
  await pickOrgUnit(page, formSelect(dialog, '新单位'), ['七台河市', '新兴区', '红旗街道', '红旗社区']);
  await dialog.getByLabel('调整原因').fill('调任街道');
  await dialog.getByRole('button', { name: '确认调整' }).click();
  await expect(dialog.locator('.ant-form-item-explain-error')).toHaveText('该人员已在该单位');
  expect((await call(hr, 'GET', `/v1/accounts/${officers.community.username}`)).org).toBe(community);
  await screenshot(page, 'console-hr-account-move-refused');
  await pickOrgUnit(page, formSelect(dialog, '新单位'), ['七台河市', '新兴区', '红旗街道']);
  await dialog.getByRole('button', { name: '确认调整' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(rowOf(page, '红旗社区 孙专干')).toContainText('红旗街道');
  expect((await call(hr, 'GET', `/v1/accounts/${officers.community.username}`)).org).toBe(
    `${city}/xinxing/hongqi`,
  );

  // 启用: back in the post.
  await rowOf(page, '新兴区 钱科长').getByRole('button', { name: '启用 新兴区 钱科长' }).click();
  await dialog.getByLabel('启用原因').fill('重回人事岗位');
  await dialog.getByRole('button', { name: '确认启用' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(rowOf(page, '新兴区 钱科长')).toContainText('已启用');
  const enabled = await call(hr, 'GET', `/v1/accounts/${officers.district.username}`);
  expect([enabled.status, enabled.disabledReason]).toEqual(['enabled', null]);
  const audit = await call(
    hr,
    'GET',
    `/v1/audit?entity=${encodeURIComponent(`account:${officers.district.username}`)}`,
  );
  expect(audit.items.map((i: { action: string }) => i.action)).toEqual(
    expect.arrayContaining(['account.disabled', 'account.enabled']),
  );

  await screenshotAtPhone(page, 'console-hr-accounts-phone', page.getByRole('main'));
});

test("账号 (district HR): its district's officers only, and no actions it could not take", async ({
  page,
}) => {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: `${city}/xinxing` });
  await page.goto('/hr/accounts');
  const list = page.getByTestId('hr-accounts');
  await expect(list.locator('tr.ant-table-row')).toHaveCount(2);
  await expect(rowOf(page, '新兴区 钱科长')).toBeVisible();
  await expect(rowOf(page, '红旗社区 孙专干')).toBeVisible();
  await expect(list).not.toContainText('桃山区');
  await expect(list.getByRole('button')).toHaveCount(0);
  await expect(page.getByText('开通人事干部账号仅限市级人事干部操作')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'console-hr-accounts-district');
  await screenshotAtPhone(page, 'console-hr-accounts-district-phone', page.getByRole('main'));
});
