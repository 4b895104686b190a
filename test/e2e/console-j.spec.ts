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
  addDays,
  CONSOLE,
  pickOption,
  selectAround,
  formSelect,
  chineseDay,
} from './support.ts';

/**
 * 试用期 as a city HR officer, in a city of its own: the probations ending soon (onboarded through
 * the API with their last days), 转正 on the last day, an extension beyond the policy's total
 * refused beside the months then one within it, and a failure (an exit) from the worker's page.
 * Each checked against the API. Screens at 1440×900 and 390×844.
 */

let city: string;
let hr: string;
let grid: string;
let today: string;
const ids: Record<string, string> = {};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  ({ city, hr, grid } = await seedGridCity('cj'));
  today = beijingDay(await clockNow());
  const row = (name: string, birth: string, probationEndsOn: string) => ({
    nationalId: nationalId(birth),
    name,
    org: grid,
    education: 'bachelor',
    hiredOn: addDays(today, -300),
    grade: 2,
    probationEndsOn,
    contractEndsOn: addDays(today, 800),
  });
  const batch = await call(hr, 'POST', '/v1/onboarding', {
    rows: [
      row('周转正', '1995-01-02', today),
      row('吴延长', '1996-03-04', addDays(today, 10)),
      row('郑未过', '1997-05-06', addDays(today, 20)),
    ],
  });
  for (const person of batch.persons as { workerId: string; name: string }[])
    ids[person.name] = person.workerId;
});

async function openConsole(page: Page, path: string) {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  await page.goto(path);
}

const probationOf = async (name: string) => (await call(hr, 'GET', `/v1/workers/${ids[name]}`)).probation;

test('试用期: the list soonest first; 转正 on the last day; an extension beyond the total refused beside the field, then one within it', async ({
  page,
}) => {
  await openConsole(page, '/hr/probations');
  await expect(page.getByRole('heading', { name: '试用期' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '试用期' })).toBeVisible();
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('周转正');
  await expect(rows.nth(0)).toContainText('今天期满');
  await expect(rows.nth(0)).toContainText('第一网格');
  await expect(rows.nth(1)).toContainText('吴延长');
  await expect(rows.nth(1)).toContainText(chineseDay(addDays(today, 10)));
  await expect(rows.nth(1)).toContainText('10 天');
  await expect(rows.nth(2)).toContainText('郑未过');
  await expectAccessible(page);
  await screenshot(page, 'console-probations');

  // 转正 on the last day: the dialog offers it first.
  await rows.nth(0).getByText('试用期考核').click();
  const confirmDialog = page.getByRole('dialog', { name: /试用期考核：周转正/ });
  await expect(confirmDialog.getByRole('radio', { name: '合格，转正' })).toBeChecked();
  await expect(confirmDialog.getByText('试用期今天届满。')).toBeVisible();
  await confirmDialog.getByLabel('考核意见（可选）').fill('试用期表现良好');
  await confirmDialog.getByRole('button', { name: '确认转正' }).click();
  await expect(confirmDialog).toBeHidden();
  await expect(page.getByText('周转正 已转正')).toBeVisible();
  await expect(rows).toHaveCount(2);
  expect(await probationOf('周转正')).toMatchObject({ status: 'confirmed', decidedOn: today });

  // Before the last day 转正 can't be chosen; 24 months is beyond the policy's total (6).
  await rows.nth(0).getByText('试用期考核').click();
  const extendDialog = page.getByRole('dialog', { name: /试用期考核：吴延长/ });
  await expect(extendDialog.getByRole('radio', { name: '合格，转正' })).toBeDisabled();
  await expect(extendDialog.getByRole('radio', { name: '延长试用期' })).toBeChecked();
  await extendDialog.getByLabel('延长月数').fill('24');
  await extendDialog.getByRole('button', { name: '确认延长' }).click();
  await expect(extendDialog.locator('.ant-form-item', { hasText: '延长月数' })).toContainText(
    '试用期累计最多延长 6 个月，已延长 0 个月，本次最多可延长 6 个月',
  );
  await screenshotAtPhone(page, 'console-probation-extension-refused-phone', extendDialog);
  expect(await probationOf('吴延长')).toMatchObject({ status: 'serving', extendedMonths: 0 });

  await extendDialog.getByLabel('延长月数').fill('3');
  await extendDialog.getByRole('button', { name: '确认延长' }).click();
  await expect(extendDialog).toBeHidden();
  const extended = await probationOf('吴延长');
  expect(extended).toMatchObject({ status: 'serving', extendedMonths: 3 });
  expect(extended.endsOn > addDays(today, 90)).toBe(true);
  await expect(page.getByText(`吴延长 试用期已延长至 ${chineseDay(extended.endsOn)}`)).toBeVisible();
  // Now beyond 30 days: it shows again with a wider range, with the months it was extended by.
  await expect(rows).toHaveCount(1);
  await pickOption(page, selectAround(page.getByLabel('期满范围')), '180 天内');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: '吴延长' })).toContainText('3 个月');
  await expect(rows.filter({ hasText: '吴延长' })).toContainText(chineseDay(extended.endsOn));
  await screenshotAtPhone(page, 'console-probations-phone', rows.filter({ hasText: '吴延长' }));
});

test('试用期考核 from the worker’s page: 不合格 is an exit under the situation named', async ({ page }) => {
  await openConsole(page, `/hr/workers/${ids['郑未过']}`);
  await expect(page.getByRole('heading', { name: /郑未过/ })).toBeVisible();
  await expect(page.getByText(`试用中，${chineseDay(addDays(today, 20))} 期满`)).toBeVisible();
  await screenshotAtPhone(
    page,
    'console-worker-probation-phone',
    page.getByRole('heading', { name: /郑未过/ }),
  );
  await page.getByRole('button', { name: '试用期考核' }).click();
  const dialog = page.getByRole('dialog', { name: /试用期考核：郑未过/ });
  await dialog.getByRole('radio', { name: '不合格，办理离职' }).check();
  await dialog.getByRole('button', { name: '确认办理离职' }).click();
  await expect(dialog.getByText('请选择退出情形')).toBeVisible();
  await expect(dialog.getByText('请填写不合格的依据')).toBeVisible();
  await pickOption(page, formSelect(dialog, '退出情形'), '2. 经培训或调整岗位后仍不能胜任工作');
  await dialog.getByLabel('依据（考核意见、文件）').fill('试用期考核不合格（考核组意见）');
  await expectAccessible(page);
  await screenshot(page, 'console-probation-fail');
  await dialog.getByRole('button', { name: '确认办理离职' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('郑未过 试用期不合格，已办理离职')).toBeVisible();
  await expect(page.getByRole('heading', { name: /郑未过/ }).getByText('已离职')).toBeVisible();
  await expect(page.getByRole('button', { name: '试用期考核' })).toHaveCount(0);
  const worker = await call(hr, 'GET', `/v1/workers/${ids['郑未过']}`);
  expect(worker.status).toBe('exited');
  expect(worker.probation.status).toBe('failed');
  expect(worker.exit).toMatchObject({
    situation: 2,
    effectiveOn: today,
    evidence: '试用期考核不合格（考核组意见）',
  });

  // A confirmed worker's page offers no decision and shows the day of 转正.
  await page.goto(`/hr/workers/${ids['周转正']}`);
  await expect(page.getByText(`已转正（${chineseDay(today)}）`)).toBeVisible();
  await expect(page.getByRole('button', { name: '试用期考核' })).toHaveCount(0);
});
