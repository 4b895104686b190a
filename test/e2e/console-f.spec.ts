import { expect, type Page, test } from '@playwright/test';
import {
  base,
  beijingDay,
  CONSOLE,
  call,
  clockNow,
  expectAccessible,
  localToken,
  nationalId,
  screenshot,
  screenshotAtPhone,
  seedGridCity,
  signInAs,
} from './support.ts';

/**
 * 招聘's joint review and public notice (issue 10) in Chromium through the real server: a
 * department's officer sees only its own department's decisions and withdraws one; during the
 * notice 本人放弃 moves the approved reserve up (递补); a hire into a full unit names that unit.
 * Recruitments are brought to the review stage through the API. Screens at 1440×900.
 */
const DEPARTMENTS = ['organisation', 'civil-affairs', 'public-security'];

let city: string;
let hr: string;
let community: string;

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  ({ city, hr, community } = await seedGridCity('cf'));
  // A one-day notice for this city, so a hire needs the clock moved by one day only.
  const today = beijingDay(await clockNow());
  const policy = await call(hr, 'GET', `/v1/policies/recruitment?at=${today}`);
  await call(hr, 'PUT', `/v1/policies/recruitment/${today}`, { ...policy.document, publicNoticeDays: 1 });
});

/** A recruitment for one place with three ranked candidates (in this order), at the review stage. */
async function recruitmentInReview(title: string, names: [string, string, string]) {
  const recruitment = await call(hr, 'POST', '/v1/recruitments', { title, org: community, places: 1 });
  const ids: Record<string, string> = {};
  for (const [i, name] of names.entries()) {
    const c = await call(hr, 'POST', `/v1/recruitments/${recruitment.id}/candidates`, {
      nationalId: nationalId(`199${i}-0${i + 3}-1${i}`),
      name,
      education: 'bachelor',
      politicalRecordClear: true,
      meetsHealthRequirement: true,
      hasLocalResidence: true,
    });
    ids[name] = c.id;
  }
  const path = `/v1/recruitments/${recruitment.id}`;
  await call(hr, 'POST', `${path}/stage`, { to: 'written-exam' });
  await call(hr, 'POST', `${path}/scores`, {
    rows: names.map((n, i) => ({ candidateId: ids[n], written: 90 - 5 * i })),
  });
  await call(hr, 'POST', `${path}/stage`, { to: 'interview' });
  await call(hr, 'POST', `${path}/scores`, {
    rows: names.map((n, i) => ({ candidateId: ids[n], interview: 88 - 5 * i })),
  });
  await call(hr, 'POST', `${path}/stage`, { to: 'review' });
  return { id: recruitment.id as string, title, ids };
}

async function openTab(page: Page, recruitmentId: string, tab: string, department?: string) {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city, ...(department ? { department } : {}) });
  await page.goto(`/hr/recruitments/${recruitmentId}`);
  await page.getByRole('tab', { name: tab }).click();
  return page.getByRole('tabpanel', { name: tab });
}

test('联审: an officer without a department records nothing; 民政局 sees only its own buttons, rejects, then withdraws', async ({
  page,
}) => {
  const r = await recruitmentInReview('2026年红旗社区联审测试', ['周明', '吴丽', '郑强']);

  // Without a department: every decision readable, none to record, and the reason why.
  let review = await openTab(page, r.id, '联审');
  await expect(review.getByRole('alert')).toContainText('您的账号未持有联审部门身份');
  await expect(review.locator('.ant-table-row')).toHaveCount(3);
  await expect(review.getByRole('button')).toHaveCount(0);
  await expect(page.getByTestId('session-department')).toHaveCount(0);

  // As the civil-affairs officer: buttons in its own column only (名次, 姓名, 总成绩, then the departments).
  review = await openTab(page, r.id, '联审', 'civil-affairs');
  await expect(review.getByRole('alert').first()).toContainText('您以民政局身份参加联审');
  // The header says who is signed in: unit and joint-review department beside the role.
  await expect(page.getByTestId('session-unit')).toHaveText('人事干部 · 七台河市');
  await expect(page.getByTestId('session-department')).toHaveText('联审部门：民政局');
  await screenshot(page, 'console-header-department');
  await screenshotAtPhone(page, 'console-header-department-phone', page.getByTestId('session-department'));
  const zhou = review.locator('.ant-table-row', { hasText: '周明' });
  await expect(zhou.locator('td').nth(4).getByRole('button')).toHaveCount(2);
  await expect(zhou.locator('td').nth(3).getByRole('button')).toHaveCount(0);
  await expect(zhou.locator('td').nth(5).getByRole('button')).toHaveCount(0);
  await expect(review.getByRole('button', { name: '同 意' })).toHaveCount(3);

  await zhou.getByRole('button', { name: '不同意' }).click();
  await page.getByLabel('审查意见').fill('有不良记录');
  await page.getByRole('button', { name: '提 交' }).click();
  await expect(review.getByText('第 1 名 周明：民政局不同意，取消拟录用资格。')).toBeVisible();
  await expect(review.getByText('第 2 名 吴丽 依次递补，待联审。')).toBeVisible();
  await expect(zhou.locator('td').nth(4)).toContainText('不同意：有不良记录');
  await expectAccessible(page);
  await screenshot(page, 'console-recruitment-department-review');

  // Withdrawn: the department's decision is gone and 周明 is back in the place, awaiting review.
  await zhou.getByRole('button', { name: '撤回审查意见' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('撤回后民政局须重新审查该考生');
  await dialog.getByLabel('撤回理由').fill('误录，重新审查');
  await dialog.getByRole('button', { name: '撤 回' }).click();
  await expect(review.getByText('联审未通过与递补')).toHaveCount(0);
  await expect(zhou).toContainText('待联审');
  await expect(zhou.locator('td').nth(4).getByRole('button', { name: '不同意' })).toBeVisible();
  const candidate = await call(hr, 'GET', `/v1/recruitments/${r.id}/candidates/${r.ids.周明}`);
  expect(candidate.reviews).toEqual({});
});

let notice: Awaited<ReturnType<typeof recruitmentInReview>>;

test('公示: 本人放弃 moves the approved reserve up (递补) with a notice of its own, on the table and the board', async ({
  page,
}) => {
  notice = await recruitmentInReview('2026年红旗社区公示测试', ['孙悦', '钱程', '冯雪']);
  // Every department approves the first two (the second is the reserve who can move up).
  for (const department of DEPARTMENTS) {
    const officer = await localToken({ role: 'hr', org: city, department });
    for (const name of ['孙悦', '钱程'])
      await call(officer, 'POST', `/v1/recruitments/${notice.id}/candidates/${notice.ids[name]}/reviews`, {
        department,
        decision: 'approve',
        note: '同意',
      });
  }
  await call(hr, 'POST', `/v1/recruitments/${notice.id}/stage`, { to: 'notice' });

  const tab = await openTab(page, notice.id, '公示与录用');
  const sun = tab.locator('.ant-table-row', { hasText: '孙悦' });
  await expect(sun).toContainText('拟录用');
  await sun.getByRole('button', { name: '本人放弃' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('孙悦 将退出拟录用名单');
  await expect(dialog).toContainText('第 2 名 钱程（各部门均已同意）递补为拟录用，自今日起另行公示 1 天');
  await dialog.getByLabel('放弃原因（选填）').fill('已考取公务员');
  await dialog.getByRole('button', { name: '确认本人放弃' }).click();

  await expect(sun).toContainText('本人放弃');
  await expect(sun).toContainText('已考取公务员');
  const qian = tab.locator('.ant-table-row', { hasText: '钱程' });
  await expect(qian).toContainText('递补拟录用');
  const today = beijingDay(await clockNow());
  const [y, m, d] = today.split('-').map(Number);
  const changes = tab.getByRole('alert').filter({ hasText: '公示期间的放弃、取消资格与递补' });
  await expect(changes).toContainText('第 1 名 孙悦 本人放弃（已考取公务员），退出拟录用名单。');
  await expect(changes).toContainText(
    `第 2 名 钱程 递补为拟录用，公示期 ${y}年${m}月${d}日 至 ${y}年${m}月${d}日。`,
  );
  const recruitment = await call(hr, 'GET', `/v1/recruitments/${notice.id}`);
  expect(recruitment.selected).toEqual([notice.ids.钱程]);

  const board = page.getByLabel('招聘流程看板');
  const column = board.locator('.ant-card', { hasText: '公示（2）' });
  await expect(column).toContainText('孙悦 本人放弃');
  await expect(column).toContainText('钱程 递补');
  await expectAccessible(page);
  await screenshot(page, 'console-recruitment-notice-withdrawal');
  await screenshotAtPhone(page, 'console-recruitment-board-phone', board);
});

test('排名 and 联审: one who left is a grey tag and holds no place; a reserve approved late fills it (递补)', async ({
  page,
}) => {
  const r = await recruitmentInReview('2026年红旗社区递补测试', ['韩梅', '陶然', '林夕']);
  // The first is approved by every department; the reserves only in part.
  for (const department of DEPARTMENTS) {
    const officer = await localToken({ role: 'hr', org: city, department });
    const names = department === 'public-security' ? ['韩梅'] : ['韩梅', '陶然'];
    for (const name of names)
      await call(officer, 'POST', `/v1/recruitments/${r.id}/candidates/${r.ids[name]}/reviews`, {
        department,
        decision: 'approve',
        note: '同意',
      });
  }
  await call(hr, 'POST', `/v1/recruitments/${r.id}/stage`, { to: 'notice' });
  // 韩梅 withdraws while no reserve is approved by every department: the place is empty.
  const left = await call(hr, 'POST', `/v1/recruitments/${r.id}/candidates/${r.ids.韩梅}/withdrawal`, {
    reason: '个人原因',
  });
  expect(left.movedUp).toBeNull();

  const ranking = await openTab(page, r.id, '排名');
  const han = ranking.locator('.ant-table-row', { hasText: '韩梅' });
  await expect(han.locator('.ant-tag')).toHaveText('本人放弃');
  await expect(han).not.toContainText('拟录用');
  await expect(ranking.locator('.ant-table-row', { hasText: '陶然' })).toContainText('递补候选');
  await expectAccessible(page);
  await screenshot(page, 'console-recruitment-ranking-withdrawn');

  // 公安局's officer completes 陶然's review during the notice: 陶然 moves up with a notice of their own.
  const review = await openTab(page, r.id, '联审', 'public-security');
  const tao = review.locator('.ant-table-row', { hasText: '陶然' });
  await tao.getByRole('button', { name: '同 意' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('公示期间有名额空缺');
  await dialog.getByLabel('审查意见').fill('同意');
  await dialog.getByRole('button', { name: '提 交' }).click();
  await expect(tao).toContainText('拟录用');
  // The place is filled: no more decisions on reserves.
  await expect(review.locator('.ant-table-row', { hasText: '林夕' }).getByRole('button')).toHaveCount(0);
  const recruitment = await call(hr, 'GET', `/v1/recruitments/${r.id}`);
  expect(recruitment.selected).toEqual([r.ids.陶然]);
  const moved = await call(hr, 'GET', `/v1/recruitments/${r.id}/candidates/${r.ids.陶然}`);
  expect(moved.notice).toMatchObject({ startsOn: beijingDay(await clockNow()) });
});

test('录用: a hire into a full unit is refused beside the row, naming the unit and its figures', async ({
  page,
}) => {
  // The community's approved quota cut to 0, and the clock past 钱程's one-day notice.
  const unit = await call(hr, 'GET', `/v1/org-units/${encodeURIComponent(community)}`);
  await call(hr, 'PATCH', `/v1/org-units/${encodeURIComponent(community)}`, {
    approvedQuota: 0,
    expectedVersion: unit.version,
  });
  const [y, m, d] = beijingDay(await clockNow())
    .split('-')
    .map(Number);
  const tomorrow = new Date(Date.UTC(y!, m! - 1, d! + 1) - 8 * 3600_000 + 30_000).toISOString();
  await fetch(`${base()}/local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: tomorrow }),
  });

  const tab = await openTab(page, notice.id, '公示与录用');
  const qian = tab.locator('.ant-table-row', { hasText: '钱程' });
  await qian.getByRole('button', { name: '录 用' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '录 用' }).click();
  await expect(qian.getByRole('alert')).toHaveText(
    `编制已满：红旗社区（${community}）核定编制 0 人，已用 0 人，空余 0 人`,
  );
  await expect(tab.getByRole('alert').filter({ hasText: '钱程 未能录用' })).toContainText(
    '编制已满的单位：红旗社区',
  );
  // Worded from the refusal's own details at once, and still there a while later.
  await page.waitForTimeout(1500);
  await expect(qian.getByRole('alert')).toHaveText(
    `编制已满：红旗社区（${community}）核定编制 0 人，已用 0 人，空余 0 人`,
  );
  const candidate = await call(hr, 'GET', `/v1/recruitments/${notice.id}/candidates/${notice.ids.钱程}`);
  expect(candidate.hiredWorkerId).toBeNull();
  await expectAccessible(page);
  await screenshot(page, 'console-recruitment-quota-exceeded');

  // The quota restored: the same hire goes through.
  const cut = await call(hr, 'GET', `/v1/org-units/${encodeURIComponent(community)}`);
  await call(hr, 'PATCH', `/v1/org-units/${encodeURIComponent(community)}`, {
    approvedQuota: 20,
    expectedVersion: cut.version,
  });
  await qian.getByRole('button', { name: '录 用' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '录 用' }).click();
  await expect(qian).toContainText('已录用');
  await expect(qian.getByRole('alert')).toHaveCount(0);
});
