import { expect, type Locator, type Page, test } from '@playwright/test';
import {
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
  formSelect,
  pickOption,
  pickOrgUnit,
  chooseSheet,
  pickWorker,
} from './support.ts';

/**
 * The HR console's 培训, 导师带教, 证书, 晋升与后备 and 评优 screens as a city HR officer, in a city of
 * its own (the slow setup through the API). Each test works a screen in Chromium and checks what
 * HR sees after each action against the API. Screens at 1440×900, and once at phone width.
 */

let city: string;
let hr: string;
let community: string;
let grid: string;
let workers: { workerId: string; name: string; nationalId: string }[];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  ({ city, hr, community, grid } = await seedGridCity('cc'));
  const people = [
    ['张培训', '1990-03-08', 312_345],
    ['王导师', '1978-11-20', 420_000],
    ['李学员', '1996-07-01', 300_000],
    ['赵新人', '1998-02-14', 300_000],
  ] as const;
  const rows = people.map(([name, birth, pay]) => ({
    nationalId: nationalId(birth),
    name,
    org: grid,
    currentMonthlyPayFen: pay,
    education: 'bachelor',
  }));
  const batch = await call(hr, 'POST', '/v1/transfers', { rows });
  workers = (batch.persons as { workerId: string; name: string; nationalId: string }[]).map((p) => ({
    workerId: p.workerId,
    name: p.name,
    nationalId: p.nationalId,
  }));
});

async function openConsole(page: Page, path: string) {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  await page.goto(path);
}

const byName = (name: string) => workers.find((w) => w.name === name)!;

test('培训: an event created (the level checked beside the unit), its attendance sheet previewed and recorded, hours per worker with who is behind', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const today = beijingDay(await clockNow());
  await openConsole(page, '/hr/training');
  await expect(page.getByRole('heading', { name: '培训' })).toBeVisible();
  await expect(page.getByText('暂无培训活动')).toBeVisible();
  await expect(page.getByTestId('training-summary')).toContainText('共 0 场培训，0 人次');

  // A district-level event organised by a community: refused, and said beside the unit.
  await page.getByRole('button', { name: '新建培训' }).click();
  const dialog = page.getByRole('dialog', { name: '新建培训' });
  await dialog.getByLabel('培训名称').fill('社区治理专题培训');
  await pickOption(page, formSelect(page, '培训级别'), '县区级培训');
  await pickOrgUnit(page, formSelect(page, '组织单位'), ['七台河市', '新兴区', '红旗街道', '红旗社区']);
  await dialog.getByLabel('培训日期').fill(today);
  await dialog.getByLabel('培训日期').press('Enter');
  await dialog.getByLabel('学时').fill('4');
  await dialog.getByLabel('地点').fill('红旗社区党群服务中心');
  await dialog.getByRole('button', { name: '创 建' }).click();
  const orgItem = dialog.locator('.ant-form-item', { hasText: '组织单位' });
  await expect(orgItem.locator('.ant-form-item-explain-error')).toContainText(
    '培训级别须与主办单位的层级一致',
  );
  expect((await call(hr, 'GET', `/v1/training-events?org=${city}`)).items).toHaveLength(0);

  // 社区微课堂: created, and the event opens for its attendance.
  await pickOption(page, formSelect(page, '培训级别'), '社区微课堂');
  await dialog.getByRole('button', { name: '创 建' }).click();
  await expect(dialog).toBeHidden();
  const drawer = page.getByRole('dialog', { name: '培训详情与签到' });
  await expect(drawer).toBeVisible();
  const [event] = (await call(hr, 'GET', `/v1/training-events?org=${city}`)).items;
  expect(event).toMatchObject({ title: '社区治理专题培训', level: 'community', org: community, hours: 4 });
  await expect(drawer.locator('.ant-descriptions')).toContainText('社区微课堂');
  await expect(drawer.getByTestId('event-attendees')).toHaveText('0');
  await expect(drawer.getByText('尚未登记签到')).toBeVisible();

  // A sheet naming someone who is not a worker here: that row refused, nothing saved.
  const zhang = byName('张培训');
  const li = byName('李学员');
  await chooseSheet(page, '签到表.xlsx', [
    ['姓名', '身份证号', '学时'],
    [zhang.name, zhang.nationalId, null],
    ['路人甲', nationalId('1970-01-01'), 2],
  ]);
  await expect(page.locator('tr.upload-row-error')).toHaveCount(1);
  await expect(page.locator('tr.upload-row-error')).toContainText('路人甲');
  await expect(page.getByRole('button', { name: '确认记入学时' })).toBeDisabled();
  expect((await call(hr, 'GET', `/v1/training-events/${event.id}`)).attendees).toBe(0);

  // Fixed: the preview shows the hours each row would credit (the event's 4 when blank).
  await chooseSheet(page, '签到表（修改后）.xlsx', [
    ['姓名', '身份证号', '学时'],
    [zhang.name, zhang.nationalId, null],
    [li.name, li.nationalId, 3],
  ]);
  await expect(page.getByText('共 2 行，全部校验通过')).toBeVisible();
  const preview = drawer.locator('.ant-card', { hasText: '上传签到表' });
  await expect(preview.getByRole('row', { name: /张培训/ })).toContainText('4');
  await expect(preview.getByRole('row', { name: /李学员/ })).toContainText('3');
  await page.getByRole('button', { name: '确认记入学时' }).click();
  await expect(page.getByText('本次记入 2 人，累计 2 人次')).toBeVisible();
  await expect(drawer.getByTestId('event-attendees')).toHaveText('2');
  const list = drawer.locator('.ant-card', { hasText: '签到名单' });
  await expect(list.getByRole('row', { name: /张培训/ })).toContainText('4');
  await expect(list.getByRole('row', { name: /李学员/ })).toContainText('3');
  expect((await call(hr, 'GET', `/v1/training-events/${event.id}`)).attendees).toBe(2);
  await expectAccessible(page);
  await screenshot(page, 'console-training-attendance');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('row', { name: /社区治理专题培训/ })).toContainText('2');
  await expect(page.getByTestId('training-summary')).toContainText('共 1 场培训，2 人次');
  await screenshot(page, 'console-training');

  // Hours per worker, as the API computes them; who is behind the year's pace.
  const hourReads: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/training')) hourReads.push(new URL(r.url()).pathname);
  });
  await page.getByRole('tab', { name: '个人学时' }).click();
  const hoursPanel = page.getByRole('tabpanel', { name: '个人学时' });
  const year = Number(today.slice(0, 4));
  const years = await Promise.all(
    workers.map((w) => call(hr, 'GET', `/v1/workers/${w.workerId}/training?year=${year}`)),
  );
  for (const t of years) {
    const row = hoursPanel.getByRole('row', { name: new RegExp(t.name) });
    await expect(row).toContainText(`${t.totalHours} / ${t.annualRequiredHours}`);
    await expect(row).toContainText(`${t.compliantWeeks} / ${t.weeksInYearSoFar}`);
  }
  // The unit's hours come in one read, not one per worker.
  expect(hourReads.filter((p) => p === '/v1/training-hours')).toHaveLength(1);
  expect(hourReads.filter((p) => p.startsWith('/v1/workers/'))).toEqual([]);
  await expect(hoursPanel.getByTestId('training-hours-summary')).toContainText(`在岗 ${years.length} 人`);
  expect(years.find((t) => t.name === '张培训').totalHours).toBe(4);
  expect(years.find((t) => t.name === '李学员').totalHours).toBe(3);
  const behind = years.filter(
    (t) => !t.requirementMet && t.progressPercent < Math.min(100, (t.weeksInYearSoFar / 52) * 100),
  );
  await page.getByRole('switch', { name: '只看进度落后的人员' }).click();
  await expect(hoursPanel.locator('.ant-table-row')).toHaveCount(behind.length);
  for (const t of behind)
    await expect(hoursPanel.getByRole('row', { name: new RegExp(t.name) })).toContainText('进度落后');
  await expectAccessible(page);
  await screenshot(page, 'console-training-hours');
  await screenshotAtPhone(page, 'console-training-phone', page.getByRole('heading', { name: '培训' }));
});

/** The error shown under a form item, by the item's label. */
const fieldError = (dialog: Locator, fieldLabel: string) =>
  dialog
    .locator('.ant-form-item')
    .filter({ has: dialog.page().locator('label', { hasText: new RegExp(`${fieldLabel}$`) }) })
    .locator('.ant-form-item-explain-error');

test('导师带教: a mentor designated, pairings up to the cap (refusals beside the fields), one ended and its place reused, sessions', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // This city pairs at most two mentees per mentor (its mentoring policy, from today).
  const today = beijingDay(await clockNow());
  const policy = await call(hr, 'GET', `/v1/policies/mentoring?at=${today}`);
  await call(hr, 'PUT', `/v1/policies/mentoring/${today}`, { ...policy.document, maxMenteesPerMentor: 2 });
  const mentor = byName('王导师');
  const [zhang, li, zhao] = [byName('张培训'), byName('李学员'), byName('赵新人')];

  await openConsole(page, '/hr/mentoring');
  await expect(page.getByRole('heading', { name: '导师带教' })).toBeVisible();
  await expect(page.getByText('尚未认定带教导师')).toBeVisible();

  await page.getByRole('button', { name: '认定导师' }).click();
  let dialog = page.getByRole('dialog', { name: '认定带教导师' });
  await pickWorker(page, dialog, '导师人选', mentor.name);
  await dialog.getByRole('button', { name: '认 定' }).click();
  await expect(dialog).toBeHidden();
  const mentorRow = page.getByRole('row', { name: /王导师/ });
  await expect(mentorRow).toContainText('0 / 2');
  expect((await call(hr, 'GET', `/v1/mentors?org=${city}`)).items).toMatchObject([
    { workerId: mentor.workerId, activeMentees: 0, cap: 2 },
  ]);

  // Designating the same worker again: refused beside the field.
  await page.getByRole('button', { name: '认定导师' }).click();
  dialog = page.getByRole('dialog', { name: '认定带教导师' });
  await pickWorker(page, dialog, '导师人选', mentor.name);
  await dialog.getByRole('button', { name: '认 定' }).click();
  await expect(fieldError(dialog, '导师人选')).toHaveText('已是带教导师');
  await dialog.getByRole('button', { name: '取 消' }).click();

  // Two pairings from the mentor's row fill the cap.
  for (const mentee of [zhang, li]) {
    await mentorRow.getByRole('button', { name: '结 对' }).click();
    dialog = page.getByRole('dialog', { name: '新建带教结对' });
    // The mentor comes from the row, shown by name (not by id).
    await expect(formSelect(dialog, '导师')).toContainText(mentor.name);
    await pickWorker(page, dialog, '学员', mentee.name);
    await dialog.getByRole('button', { name: '结 对' }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(mentorRow).toContainText('2 / 2');
  await expect(mentorRow).toContainText('已满');
  await expect(mentorRow.getByRole('button', { name: '结 对' })).toBeDisabled();

  // A third mentee: MENTOR_AT_CAPACITY beside 导师; the same pair again: ALREADY_PAIRED beside 学员.
  await page.getByRole('button', { name: '新建结对' }).click();
  dialog = page.getByRole('dialog', { name: '新建带教结对' });
  await pickWorker(page, dialog, '导师', mentor.name);
  await pickWorker(page, dialog, '学员', zhao.name);
  await dialog.getByRole('button', { name: '结 对' }).click();
  await expect(fieldError(dialog, '导师')).toHaveText('该导师带教人数已达上限');
  await dialog.getByRole('button', { name: '取 消' }).click();
  expect((await call(hr, 'GET', `/v1/mentors?org=${city}`)).items[0]).toMatchObject({
    activeMentees: 2,
    freePlaces: 0,
  });

  // The mentor logs a session (their own phone app does this); HR sees it in the mentor's list.
  const mentorToken = await localToken({ role: 'mentor', org: grid, workerId: mentor.workerId });
  await call(mentorToken, 'POST', `/v1/workers/${zhang.workerId}/coaching-sessions`, {
    date: today,
    minutes: 45,
    mode: 'case-analysis',
    notes: '入户走访案例复盘',
  });
  await mentorRow.getByRole('button', { name: '查看学员' }).click();
  const drawer = page.getByRole('dialog', { name: '王导师 的带教学员' });
  await expect(drawer.getByTestId('mentor-load')).toHaveText('2 / 2');
  const zhangRow = drawer.getByRole('row', { name: /张培训/ });
  await expect(zhangRow).toContainText('1 次，45 分钟');
  await zhangRow.getByRole('button', { name: /展开行|Expand row/ }).click();
  await expect(drawer.getByText('入户走访案例复盘')).toBeVisible();
  await expect(drawer.getByRole('cell', { name: '案例解析', exact: true })).toBeVisible();

  // A pairing change: 李学员's pairing ended with a reason, the freed place taken by 赵新人.
  await drawer
    .getByRole('row', { name: /李学员/ })
    .getByRole('button', { name: '结束结对' })
    .click();
  dialog = page.getByRole('dialog', { name: /结束与 李学员 的结对/ });
  await dialog.getByLabel('结束原因').fill('调整结对');
  await dialog.getByRole('button', { name: '结束结对' }).click();
  await expect(dialog).toBeHidden();
  const liRow = drawer.getByRole('row', { name: /李学员/ });
  await expect(liRow).toContainText('已结束');
  await expect(liRow).toContainText('调整结对');
  await expect(drawer.getByTestId('mentor-load')).toHaveText('1 / 2');
  const liPairing = (await call(hr, 'GET', `/v1/mentors/${mentor.workerId}/mentees?include=all`)).items.find(
    (i: { mentee: { id: string } }) => i.mentee.id === li.workerId,
  );
  expect(liPairing.mentorship).toMatchObject({ status: 'ended', endReason: '调整结对' });
  await expectAccessible(page);
  await screenshot(page, 'console-mentoring-mentees');
  await page.keyboard.press('Escape');

  await expect(mentorRow).toContainText('1 / 2');
  await mentorRow.getByRole('button', { name: '结 对' }).click();
  dialog = page.getByRole('dialog', { name: '新建带教结对' });
  await pickWorker(page, dialog, '学员', zhao.name);
  await dialog.getByRole('button', { name: '结 对' }).click();
  await expect(dialog).toBeHidden();
  await expect(mentorRow).toContainText('2 / 2');
  await expect(page.getByTestId('mentoring-summary')).toContainText('共 1 名导师，在带学员 2 人');
  const mentees = (await call(hr, 'GET', `/v1/mentors/${mentor.workerId}/mentees`)).items;
  expect(mentees.map((i: { mentee: { name: string } }) => i.mentee.name).sort()).toEqual(
    ['张培训', '赵新人'].sort(),
  );
  await expectAccessible(page);
  await screenshot(page, 'console-mentoring');
  await screenshotAtPhone(page, 'console-mentoring-phone', page.getByRole('main'));
});

test('证书: who is certified with the allowance in 元, a certificate recorded (a duplicate number refused beside the field), the certified-on-duty rate as GET /v1/stats', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const today = beijingDay(await clockNow());
  const zhao = byName('赵新人');
  const zhang = byName('张培训');
  const number = `ZS${Date.now().toString(36).toUpperCase()}`;
  // One certificate already on record (through the API); the console records a second one.
  await call(hr, 'POST', `/v1/workers/${zhang.workerId}/certificates`, {
    level: 'intermediate',
    number,
    issuedOn: '2025-06-01',
    registeredOn: '2025-07-01',
  });
  await openConsole(page, '/hr/certificates');
  await expect(page.getByRole('heading', { name: '证书' })).toBeVisible();
  const pay = await call(hr, 'GET', '/v1/policies/pay');
  const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
  const zhangRow = page.getByRole('row', { name: /张培训/ });
  await expect(zhangRow).toContainText('社会工作师');
  await expect(zhangRow).toContainText(number);
  await expect(zhangRow).toContainText(yuan(pay.document.certificateAllowanceFen.intermediate));
  await expect(page.getByRole('row', { name: /赵新人/ })).toContainText('未持证');
  const statsOf = async () =>
    (await call(hr, 'GET', `/v1/stats?org=${city}&year=${today.slice(0, 4)}`)).certification;
  let stats = await statsOf();
  await expect(page.getByTestId('certified-rate')).toContainText(stats.certifiedOnDutyRate.toFixed(2));

  // The same number for 赵新人: refused beside 证书编号; then a new number recorded.
  await page
    .getByRole('row', { name: /赵新人/ })
    .getByRole('button', { name: '登记证书' })
    .click();
  const dialog = page.getByRole('dialog', { name: '为 赵新人 登记证书' });
  await pickOption(page, formSelect(dialog, '证书等级'), '助理社会工作师');
  await dialog.getByLabel('证书编号').fill(number);
  await dialog.getByLabel('发证日期').fill('2026-05-10');
  await dialog.getByLabel('发证日期').press('Enter');
  await dialog.getByLabel('登记日期').fill(today);
  await dialog.getByLabel('登记日期').press('Enter');
  await dialog.getByRole('button', { name: '登 记' }).click();
  await expect(fieldError(dialog, '证书编号')).toHaveText('证书编号已登记');
  await dialog.getByLabel('证书编号').fill(`${number}B`);
  await dialog.getByRole('button', { name: '登 记' }).click();
  await expect(dialog).toBeHidden();
  const zhaoRow = page.getByRole('row', { name: /赵新人/ });
  await expect(zhaoRow).toContainText('助理社会工作师');
  await expect(zhaoRow).toContainText(yuan(pay.document.certificateAllowanceFen.assistant));
  const recorded = await call(hr, 'GET', `/v1/workers/${zhao.workerId}/certificates`);
  expect(recorded.highest).toMatchObject({ level: 'assistant', number: `${number}B`, registeredOn: today });
  stats = await statsOf();
  expect(stats.certifiedActive).toBe(2);
  await expect(page.getByTestId('certified-rate')).toContainText(stats.certifiedOnDutyRate.toFixed(2));

  await page.locator('label.ant-radio-button-wrapper', { hasText: '未持证' }).click();
  await expect(page.locator('.ant-table-row')).toHaveCount(2); // 王导师, 李学员
  await expect(page.getByRole('row', { name: /赵新人/ })).toHaveCount(0);
  await page.locator('label.ant-radio-button-wrapper', { hasText: '全部' }).click();
  await expectAccessible(page);
  await screenshot(page, 'console-certificates');
  await screenshotAtPhone(page, 'console-certificates-phone', page.getByRole('main'));
});
