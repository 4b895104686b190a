import { expect, type Page, test } from '@playwright/test';
import { withCheckDigit } from '../../shared/domain/national-id.ts';
import { xlsxOf, XLSX } from '../support/spreadsheets.ts';
import { call, expectAccessible, localToken, screenshot, signInAs } from './support.ts';

/**
 * The HR console's 调入, 招聘 and 考核 screens as a city HR officer, in a city of its own (API for the
 * slow setup; spreadsheets made with exceljs). Screens at 1440×900.
 */
const CONSOLE = { width: 1440, height: 900 };

let city: string;
let hr: string;
let community: string;
let grid: string;
let serial = Math.floor(Math.random() * 500);
const nationalId = (birth: string) =>
  withCheckDigit(`230902${birth.replace(/-/g, '')}${String(serial++ % 1000).padStart(3, '0')}`);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  city = `cb${Date.now().toString(36)}`;
  hr = await localToken({ role: 'hr', org: city });
  community = `${city}/xinxing/hongqi/c1`;
  grid = `${community}/g1`;
  for (const unit of [
    { id: city, name: '七台河市', level: 'city', approvedQuota: 982 },
    { id: `${city}/xinxing`, name: '新兴区', level: 'district', parentId: city, urbanPopulation: 150_000 },
    {
      id: `${city}/xinxing/hongqi`,
      name: '红旗街道',
      level: 'street',
      parentId: `${city}/xinxing`,
      urbanPopulation: 40_000,
    },
    {
      id: community,
      name: '红旗社区',
      level: 'community',
      parentId: `${city}/xinxing/hongqi`,
      approvedQuota: 20,
    },
    { id: grid, name: '第一网格', level: 'grid', parentId: community, urbanPopulation: 1000 },
  ])
    await call(hr, 'POST', '/v1/org-units', unit);
});

async function openConsole(page: Page, path: string) {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  await page.goto(path);
}

async function chooseSheet(page: Page, name: string, rows: (string | number | null)[][]) {
  const buffer = Buffer.from(await xlsxOf(rows));
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer });
}

test('调入: a sheet with a bad row is refused with that row named, then accepted when fixed', async ({
  page,
}) => {
  await openConsole(page, '/hr/transfers');
  await expect(page.getByRole('heading', { name: '调入' })).toBeVisible();
  const header = ['身份证号', '姓名', '所在单位', '现月工资（元）', '学历', '是否党员'];
  const good = [nationalId('1988-03-12'), '李梅', grid, '3200.00', 'bachelor', '是'];
  const other = [nationalId('1990-05-01'), '张伟', community, '3000', 'college', '否'];
  await chooseSheet(page, '调入名单.xlsx', [
    header,
    good,
    other,
    [nationalId('1991-07-07'), '王芳', grid, '三千', 'college', '否'],
  ]);
  const alert = page.getByRole('alert').filter({ hasText: '行有误' });
  await expect(alert).toContainText('共 3 行，其中 1 行有误');
  const bad = page.locator('tr.upload-row-error');
  await expect(bad).toHaveCount(1);
  await expect(bad).toContainText('王芳');
  await expect(bad.locator('td').first()).toHaveText('4'); // spreadsheet line 4 (the header is line 1)
  await expect(page.getByRole('button', { name: '确认调入' })).toBeDisabled();
  await expectAccessible(page);
  await screenshot(page, 'console-transfers-refused');

  // Fixed: every row previewed with grade and pay, never lower than today's pay.
  await chooseSheet(page, '调入名单（修改后）.xlsx', [
    header,
    good,
    other,
    [nationalId('1991-07-07'), '王芳', grid, '3000.50', 'college', '否'],
  ]);
  await expect(page.getByText('共 3 行，全部校验通过')).toBeVisible();
  await expect(page.locator('tr.upload-row-error')).toHaveCount(0);
  const liRow = page.locator('tr', { hasText: '李梅' }).first();
  await expect(liRow).toContainText('¥3200.00');
  await expect(liRow).toContainText('级');
  const before = await call(hr, 'GET', `/v1/workers?org=${encodeURIComponent(community)}`);
  expect(before.items).toHaveLength(0); // the preview saved nothing
  await page.getByRole('button', { name: '确认调入' }).click();
  await expect(page.getByText('已提交并保存')).toBeVisible();
  const after = await call(hr, 'GET', `/v1/workers?org=${encodeURIComponent(community)}`);
  expect(after.items.map((w: { name: string }) => w.name).sort()).toEqual(['张伟', '李梅', '王芳'].sort());
  const batch = (await call(hr, 'GET', `/v1/transfers?org=${city}`)).items[0];
  const detail = await call(hr, 'GET', `/v1/transfers/${batch.id}`);
  const li = detail.persons.find((p: { name: string }) => p.name === '李梅');
  expect(li.payFen).toBeGreaterThanOrEqual(320_000);
  await expect(page.getByRole('cell', { name: batch.id })).toHaveCount(2); // the result and the list of batches
  await expect(page.locator('.ant-table-row', { hasText: batch.id })).toContainText('已完成');
  await expectAccessible(page);
  await screenshot(page, 'console-transfers');
});
