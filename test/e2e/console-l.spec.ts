import { expect, type Page, test } from '@playwright/test';
import {
  base,
  beijingDay,
  CONSOLE,
  call,
  clockNow,
  expectAccessible,
  localToken,
  screenshot,
  screenshotAtPhone,
  seedGridCity,
  signInAs,
  chineseDay,
} from './support.ts';

/**
 * 定时任务 (/hr/jobs): the city's scheduled jobs and their runs, and 补跑 (POST /v1/jobs/{name}/runs)
 * for a past period. City-level HR run 合同续签提醒 for today and 年末统计快照 for last year (twice:
 * the jobs are idempotent per period); a district HR officer may neither list nor run them.
 * Screens at 1440×900 and 390×844.
 */

interface Run {
  job: string;
  period: string;
  scope: string;
  status: string;
  statusLabel?: string;
  triggerLabel?: string;
  result: Record<string, number>;
}

let city: string;
let hr: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  ({ city, hr } = await seedGridCity('cl'));
});

const runsOf = async (job: string): Promise<Run[]> => (await call(hr, 'GET', `/v1/jobs/${job}/runs`)).items;

async function openJobs(page: Page, org: string) {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org });
  await page.goto('/hr/overview');
  await page.getByRole('menuitem', { name: '定时任务' }).click();
  await expect(page.getByRole('heading', { name: '定时任务' })).toBeVisible();
}

test('城市人事干部: 补跑 合同续签提醒 for today and 年末统计快照 for last year (again: idempotent)', async ({
  page,
}) => {
  // The pickers offer periods up to the server's business day (each API answer says its time), not the
  // browser's: earlier specs moved the server's clock a day or two ahead of the real time the browser
  // keeps (its session's expiry is on it), and the dialog still proposes the server's today.
  const today = beijingDay(await clockNow());
  const lastYear = String(Number(today.slice(0, 4)) - 1);
  await openJobs(page, city);
  await expect(page).toHaveURL(/\/hr\/jobs/);

  // 合同续签提醒: today's run through the dialog.
  await page.getByRole('tab', { name: '合同续签提醒' }).click();
  const reminders = page.getByRole('tabpanel', { name: '合同续签提醒' });
  if ((await runsOf('contract-reminders')).length === 0)
    await expect(reminders.getByText('合同续签提醒尚无运行记录')).toBeVisible();
  await reminders.getByRole('button', { name: '补 跑' }).click();
  const dialog = page.getByRole('dialog', { name: '补跑合同续签提醒' });
  await expect(dialog.getByText('同一期间重复补跑不会重复生成数据')).toBeVisible();
  await expect(dialog.getByLabel('补跑日期')).toHaveValue(chineseDay(today));
  // The picker's highlighted day and its 今天 are the server's business day too (antd's getNow).
  await dialog.getByLabel('补跑日期').click();
  const panel = page.locator('.ant-picker-dropdown:visible');
  await expect(panel.locator('.ant-picker-cell-today')).toHaveAttribute('title', today);
  await panel.getByText('今天', { exact: true }).click();
  await expect(panel).toHaveCount(0);
  await expect(dialog.getByLabel('补跑日期')).toHaveValue(chineseDay(today));
  await dialog.getByRole('button', { name: '开始补跑' }).click();
  await expect(page.getByText(`合同续签提醒（${chineseDay(today)}）已补跑完成`)).toBeVisible();
  await expect(dialog).toBeHidden();

  const reminderRun = (await runsOf('contract-reminders')).find(
    (r) => r.period === today && r.scope === city,
  )!;
  expect(reminderRun).toMatchObject({ status: 'done', job: 'contract-reminders' });
  const reminderRow = reminders
    .getByRole('row')
    .filter({ hasText: chineseDay(today) })
    .filter({ hasText: '本人' });
  await expect(reminderRow).toHaveCount(1);
  await expect(reminderRow).toContainText(reminderRun.statusLabel ?? '已完成');
  await expect(reminderRow).toContainText(reminderRun.triggerLabel ?? '按需运行');
  await expect(reminderRow).toContainText('七台河市');
  await expect(reminderRow).toContainText(
    `即将到期合同 ${reminderRun.result.due} 份，新生成提醒 ${reminderRun.result.created} 条`,
  );

  // 年末统计快照 for last year.
  await page.getByRole('tab', { name: '年末统计快照' }).click();
  const snapshots = page.getByRole('tabpanel', { name: '年末统计快照' });
  await snapshots.getByRole('button', { name: '补 跑' }).click();
  const snapDialog = page.getByRole('dialog', { name: '补跑年末统计快照' });
  await expect(snapDialog.getByLabel('补跑年度')).toHaveValue(`${lastYear}年`);
  await snapDialog.getByRole('button', { name: '开始补跑' }).click();
  await expect(page.getByText(`年末统计快照（${lastYear}年）已补跑完成`)).toBeVisible();
  const snapRow = snapshots
    .getByRole('row')
    .filter({ hasText: `${lastYear}年` })
    .filter({ hasText: '本人' });
  await expect(snapRow).toHaveCount(1);
  const first = (await runsOf('stats-snapshot')).find((r) => r.period === lastYear && r.scope === city)!;
  expect(first.status).toBe('done');
  expect(first.result.written).toBeGreaterThan(0);
  await expect(snapRow).toContainText(`新保存快照 ${first.result.written} 个`);

  // The same period again: the API accepts it (the job is idempotent) and writes nothing new …
  const again = (await call(hr, 'POST', '/v1/jobs/stats-snapshot/runs', { period: lastYear })) as Run;
  expect(again).toMatchObject({ status: 'done', period: lastYear, scope: city });
  expect(again.result).toMatchObject({ written: 0, alreadyTaken: first.result.units });
  // … and so does the screen: a success, still one run for the period, its summary updated.
  await snapshots.getByRole('button', { name: '补 跑' }).click();
  await snapDialog.getByRole('button', { name: '开始补跑' }).click();
  await expect(
    page.getByText(`年末统计快照（${lastYear}年）已补跑完成：单位 ${first.result.units} 个，新保存快照 0 个`),
  ).toBeVisible();
  await expect(snapRow).toHaveCount(1);
  await expect(snapRow).toContainText(`新保存快照 0 个，已有快照 ${first.result.units} 个`);
  expect(
    (await runsOf('stats-snapshot')).filter((r) => r.period === lastYear && r.scope === city),
  ).toHaveLength(1);

  await expectAccessible(page);
  // The pictures show the page, not the toasts over its header (they time out by the page's clock).
  await page.clock.setFixedTime(new Date(Date.now() + 60_000));
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await screenshot(page, 'console-jobs');
  await screenshotAtPhone(page, 'console-jobs-phone', page.getByRole('main'));
});

test('区级人事干部: neither the runs nor 补跑 (the API refuses both), a Chinese explanation instead', async ({
  page,
}) => {
  const district = `${city}/xinxing`;
  const token = await localToken({ role: 'hr', org: district });
  const get = await fetch(`${base()}/v1/jobs/contract-reminders/runs`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(get.status).toBe(403);
  const post = await fetch(`${base()}/v1/jobs/contract-reminders/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ period: beijingDay(await clockNow()) }),
  });
  expect(post.status).toBe(403);

  await openJobs(page, district);
  const panel = page.getByRole('tabpanel', { name: '月度考核' });
  await expect(panel.getByText('定时任务的运行记录和补跑仅限市级人事干部')).toBeVisible();
  await expect(panel.getByRole('button', { name: '补 跑' })).toHaveCount(0);
  await expect(panel.getByRole('table')).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'console-jobs-district');
});
