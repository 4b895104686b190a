import { expect, type Page, test } from '@playwright/test';
import { XLSX, xlsxOf } from '../support/spreadsheets.ts';
import {
  beijingDay,
  CONSOLE,
  call,
  clockNow,
  expectAccessible,
  nationalId,
  screenshot,
  screenshotAtPhone,
  seedGridCity,
  signInAs,
  seedFailingCommunity,
} from './support.ts';

/**
 * Loose ends of the HR console as a city HR officer, in a city of its own: a bulk upload refused
 * at commit with rows named shows each row's error in its row; evaluation exit proposals dismissed
 * (不予清退) and confirmed on 考核. Screens at 1440×900 and 390×844.
 */

let city: string;
let hr: string;
let community: string;
let grid: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  ({ city, hr, community, grid } = await seedGridCity('ch'));
});

async function openConsole(page: Page, path: string) {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  await page.goto(path);
}

test('调入: a commit refused with a row named (the person was transferred meanwhile) shows the error in that row, with the summary', async ({
  page,
}) => {
  await openConsole(page, '/hr/transfers');
  await expect(page.getByRole('heading', { name: '调入' })).toBeVisible();
  const first = { nationalId: nationalId('1987-02-03'), name: '孙立' };
  const second = { nationalId: nationalId('1989-08-09'), name: '何静' };
  const header = ['身份证号', '姓名', '所在单位', '现月工资（元）', '学历', '是否党员'];
  const buffer = Buffer.from(
    await xlsxOf([
      header,
      [first.nationalId, first.name, grid, '3100.00', 'college', '否'],
      [second.nationalId, second.name, grid, '3300.00', 'bachelor', '是'],
    ]),
  );
  await page.locator('input[type=file]').setInputFiles({ name: '调入名单.xlsx', mimeType: XLSX, buffer });
  await expect(page.getByText('共 2 行，全部校验通过')).toBeVisible();

  // Between the preview and the commit, the second person comes in through another batch.
  await call(hr, 'POST', '/v1/transfers', {
    rows: [{ ...second, org: grid, currentMonthlyPayFen: 330_000, education: 'bachelor' }],
  });
  await page.getByRole('button', { name: '确认调入' }).click();

  const summary = page.getByRole('alert').filter({ hasText: '行有误' });
  await expect(summary).toContainText('共 2 行，其中 1 行有误');
  const bad = page.locator('tr.upload-row-error');
  await expect(bad).toHaveCount(1);
  await expect(bad).toContainText(second.name);
  await expect(bad).toContainText('此人已是在岗社区工作者');
  await expect(page.locator('tr', { hasText: first.name }).first()).not.toContainText(
    '此人已是在岗社区工作者',
  );
  await expect(page.getByRole('button', { name: '确认调入' })).toBeDisabled();
  // Nothing of the refused sheet was saved: only the other batch's person is a worker.
  const workers = await call(hr, 'GET', `/v1/workers?org=${encodeURIComponent(community)}`);
  expect(workers.items.map((w: { name: string }) => w.name)).toEqual([second.name]);
  await expectAccessible(page);
  await screenshot(page, 'console-h-upload-row-refused');
  await screenshotAtPhone(page, 'console-h-upload-row-refused-phone', page.getByRole('main'));
});

test('考核 清退建议: one proposal dismissed (不予清退) keeps the worker, another confirmed records the exit', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // A community of five who served through 2025, two of whom fail the year (API setup).
  const { unit, failing } = await seedFailingCommunity(hr, city);
  const [kept, exited] = [failing[0]!, failing[1]!];

  await openConsole(page, '/hr/evaluations');
  await page.getByRole('tab', { name: '清退建议' }).click();
  const list = page.getByRole('tabpanel', { name: '清退建议' });
  const keptRow = list.locator('.ant-table-row', { hasText: kept.name });
  const exitedRow = list.locator('.ant-table-row', { hasText: exited.name });
  await expect(keptRow).toContainText('年度考核不称职');
  await expect(exitedRow).toContainText('年度考核不称职');
  await expectAccessible(page);
  await screenshot(page, 'console-h-proposals');

  // 不予清退: a reason is required; the proposal leaves the list, the worker stays active.
  await keptRow.getByRole('button', { name: '不予清退' }).click();
  const dialog = page.getByRole('dialog', { name: `不予清退：${kept.name}` });
  await dialog.getByRole('button', { name: '提 交' }).click();
  await expect(dialog.getByText('请填写理由')).toBeVisible();
  await dialog.getByLabel('不予清退的理由').fill('经复核，年度内因病长期休假，考核数据不完整');
  await screenshot(page, 'console-h-dismiss');
  await dialog.getByRole('button', { name: '提 交' }).click();
  await expect(keptRow).toHaveCount(0);
  await expect(exitedRow).toHaveCount(1);
  const dismissed = await call(
    hr,
    'GET',
    `/v1/exit-proposals?org=${encodeURIComponent(unit)}&status=dismissed`,
  );
  expect(dismissed.items).toHaveLength(1);
  expect(dismissed.items[0]).toMatchObject({ workerId: kept.workerId, status: 'dismissed' });
  expect((await call(hr, 'GET', `/v1/workers/${kept.workerId}`)).status).toBe('active');
  const pending = await call(hr, 'GET', `/v1/exit-proposals?org=${encodeURIComponent(unit)}`);
  expect(pending.items.map((p: { workerId: string }) => p.workerId)).toEqual([exited.workerId]);

  // 确认清退 on the other: the exit is recorded under situation 1.
  await exitedRow.getByRole('button', { name: '确认清退' }).click();
  const today = beijingDay(await clockNow());
  await page.getByLabel('离职日期').fill(today);
  await page.getByLabel('离职日期').press('Enter');
  await page.getByRole('button', { name: '提 交' }).click();
  await expect(exitedRow).toHaveCount(0);
  const worker = await call(hr, 'GET', `/v1/workers/${exited.workerId}`);
  expect(worker.status).toBe('exited');
  expect(worker.exit).toMatchObject({ situation: 1, effectiveOn: today });
  expect((await call(hr, 'GET', `/v1/exit-proposals?org=${encodeURIComponent(unit)}`)).items).toEqual([]);
  await screenshotAtPhone(page, 'console-h-proposals-done-phone', page.getByRole('main'));
});
