import { expect, test } from '@playwright/test';
import { assetPath, desktopOnlyFiles } from '../../bench/web-chunks.ts';
import {
  call,
  DESKTOP,
  expectAccessible,
  PHONE,
  screenshot,
  type Seed,
  seedCity,
  signInAs,
} from './support.ts';

/** Beijing month, as the app and the API use it. */
const beijingMonth = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 7);
const yuan = (fen: number) =>
  `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

let seed: Seed;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  seed = await seedCity();
});

test('/ is the sign-in page in Chinese, accessible', async ({ page }) => {
  await page.setViewportSize(PHONE);
  const res = await page.goto('/');
  expect(res?.headers()['content-type']).toContain('text/html');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '本地体验登录' })).toBeVisible();
  await expect(page.getByText('仅限本地模式')).toBeVisible();
  await page.getByRole('textbox', { name: '城市编码' }).fill(seed.city);
  await expect(page.getByText('七台河市')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'phone-sign-in');
});

test('a worker signs in on a phone and reads this month’s 工资条, equal to the API to the fen', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  // Every script and stylesheet the phone fetches: none of the HR console's chunks may be among them.
  const fetched: string[] = [];
  page.on('request', (request) => {
    if (['script', 'stylesheet'].includes(request.resourceType())) fetched.push(assetPath(request.url()));
  });
  await page.goto('/');
  await page.getByRole('textbox', { name: '城市编码' }).fill(seed.city);
  // The units in the 组织单位 list: the workers listed below name their units too.
  const units = page
    .locator('.adm-list')
    .filter({ has: page.locator('.adm-list-header', { hasText: '组织单位' }) });
  // The unit rows are buttons a keyboard reaches, not antd-mobile's href-less anchors.
  await units.getByRole('button', { name: '新兴区' }).press('Enter');
  await units.getByText('红旗街道').click();
  await units.getByText('红旗社区').click();
  await page.getByRole('searchbox').fill('张');
  // Each worker by the name of their unit and their post, not by ids.
  const item = page.locator('.adm-list-item', { hasText: seed.worker.name });
  await expect(item).toContainText(/(红旗社区|第一网格) · 社区工作者/);
  await expect(item).not.toContainText(seed.worker.id);
  await screenshot(page, 'phone-sign-in-worker');
  await page.getByText(seed.worker.name).click();
  await page.getByRole('button', { name: '登录' }).click();

  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByText(seed.worker.name)).toBeVisible();
  // The post as the API names it (postLabel): 社区工作者.
  await expect(page.locator('.adm-list-item', { hasText: '岗位' }).first()).toContainText('社区工作者');
  const token = await page.evaluate(
    () => JSON.parse(localStorage.getItem('shegong.session')!).token as string,
  );
  const me = await call(token, 'GET', '/v1/me');
  await expect(page.getByTestId('org-path')).toHaveText('七台河市 / 新兴区 / 红旗街道 / 红旗社区');
  await expect(page.getByTestId('grade')).toHaveText(
    `${me.grade} 级（本岗位 ${me.band.min}–${me.band.max} 级）`,
  );
  const [y, m, d] = (me.nextStep.on as string).split('-').map(Number);
  await expect(page.getByTestId('next-step')).toHaveText(`${y}年${m}月${d}日（升至 ${me.grade + 1} 级）`);
  // Transferred workers serve no probation.
  await expect(page.getByTestId('probation')).toHaveText('无试用期');
  await expectAccessible(page);
  await screenshot(page, 'phone-worker-me');

  // A keyboard reaches every row and tab that acts, in reading order (antd-mobile's own clickable rows
  // and tabs are href-less anchors and divs that Tab skips), and Enter follows them.
  const reached: string[] = [];
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
  }
  expect(reached).toEqual(['证书', '带教记录', '退出登录', '我的', '工资条', '学时', '考核']);
  await screenshot(page, 'phone-worker-tab-keyboard');
  await expect(page.getByRole('link', { name: '我的' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('link', { name: '证书' }).focus();
  await screenshot(page, 'phone-worker-me-keyboard');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/me\/certificates$/);
  await page.getByRole('link', { name: '工资条' }).press('Enter');
  await expect(page).toHaveURL(/\/me\/pay$/);
  await expect(page.getByRole('link', { name: '工资条' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('statement-total')).toBeVisible();
  const statement = await call(token, 'GET', `/v1/me/statements/${beijingMonth()}`);
  expect(statement.lines.length).toBeGreaterThan(0);
  for (const line of statement.lines as { code: string; amountFen: number }[]) {
    await expect(page.getByTestId(`line-${line.code}`)).toHaveText(yuan(line.amountFen));
  }
  await expect(page.getByTestId('statement-total')).toHaveText(yuan(statement.totalFen));
  await expect(page.getByText('薪酬政策版本：默认标准（规则手册）')).toBeVisible();
  expect(statement.policy.version).toBe('pay/default');
  await expect(page.getByText(`等级：${statement.grade} 级`)).toBeVisible();
  if (statement.service.partial) {
    // Transferred in this month (unless on the 1st): a part month, paid by days.
    await expect(page.getByTestId('statement-service')).toContainText(
      `本月在岗 ${statement.service.daysServed}/${statement.service.daysInMonth} 天`,
    );
  }
  await expectAccessible(page);
  await screenshot(page, 'phone-worker-pay');
  // The month picker writes its columns the Chinese way, opens on the month shown and starts at the
  // hire's year (months before the hire have no statement).
  await page.getByRole('button', { name: '月份' }).press('Enter');
  const [year, month] = beijingMonth().split('-').map(Number);
  await expect(page.locator('.adm-picker-view-column-item-active')).toHaveText([`${year}年`, `${month}月`]);
  const years = page.locator('.adm-picker-view-column').first().locator('.adm-picker-view-column-item');
  await expect(years.first()).toHaveText(`${Number(me.hiredOn.slice(0, 4))}年`);
  await screenshot(page, 'phone-worker-pay-month-picker');
  await page.getByText('取消', { exact: true }).click();
  await expect(page.locator('.adm-picker-view-column-item-active').first()).toBeHidden();

  // The print view: no tabs or buttons, and the statement fits one A4 page.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.phone-tabs')).toBeHidden();
  await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
  await expect(
    page.getByRole('heading', { name: new RegExp(`^${seed.worker.name} .+工资条$`) }),
  ).toBeVisible();
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  await page.emulateMedia({ media: 'screen' });

  const consoleOnly = desktopOnlyFiles();
  expect(consoleOnly.size).toBeGreaterThan(0);
  expect(fetched.length).toBeGreaterThan(5);
  expect(fetched.filter((file) => consoleOnly.has(file))).toEqual([]);

  for (const [path, name, text] of [
    ['/me/training', 'training', '年度学时'],
    ['/me/evaluations', 'evaluations', '暂无考核结果'],
    ['/me/certificates', 'certificates', '暂无登记的职业资格证书'],
    ['/me/coaching', 'coaching-received', '暂无带教记录'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByText(text)).toBeVisible();
    await screenshot(page, `phone-worker-${name}`);
  }
  await page.setViewportSize(DESKTOP);
  await page.goto('/me/pay');
  await expect(page.getByTestId('statement-total')).toBeVisible();
  await screenshot(page, 'desktop-worker-pay');
});

test('a worker who types an HR address gets 无权访问; an expired or revoked token returns to sign-in', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await signInAs(page, { role: 'worker', org: seed.worker.org, workerId: seed.worker.id });
  await page.goto('/hr/overview');
  await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
  await screenshot(page, 'phone-forbidden');

  // Expired: the app notices before calling the API.
  await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('shegong.session')!);
    localStorage.setItem(
      'shegong.session',
      JSON.stringify({ ...s, expiresAt: Math.floor(Date.now() / 1000) - 60 }),
    );
  });
  await page.goto('/me/pay');
  await expect(page).toHaveURL(/\/login/);
  // The sign-in form may show its own alert (an unknown city code), so look for this one.
  await expect(page.getByRole('alert').filter({ hasText: '登录已过期' })).toBeVisible();

  // Revoked (the server refuses it): 401 → sign-in with the same message, never a blank page.
  await signInAs(page, { role: 'worker', org: seed.worker.org, workerId: seed.worker.id });
  await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('shegong.session')!);
    localStorage.setItem('shegong.session', JSON.stringify({ ...s, token: `${s.token.slice(0, -4)}AAAA` }));
  });
  await page.goto('/me');
  await expect(page).toHaveURL(/\/login/);
  // The sign-in form may show its own alert (an unknown city code), so look for this one.
  await expect(page.getByRole('alert').filter({ hasText: '登录已过期' })).toBeVisible();
  await screenshot(page, 'phone-session-expired');
});

test('a mentor logs a session for a current mentee and is refused, in Chinese, for an ended pairing', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await signInAs(page, { role: 'mentor', org: seed.mentor.org, workerId: seed.mentor.id });
  await page.goto('/mentor');
  await expect(page.getByText(seed.worker.name)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'phone-mentor-mentees');

  await page.goto('/mentor/log');
  await page.getByText(seed.worker.name).click();
  await page.getByText('实操辅导').click();
  await page.getByPlaceholder('本次带教的要点').fill('入户走访的沟通要点');
  await expectAccessible(page);
  await screenshot(page, 'phone-mentor-log');

  // The date picker opens already in place: the phone honours "reduce motion" too (antd-mobile's springs).
  const dateRow = page.locator('.action-row', { hasText: '带教日期' });
  const today = (await dateRow.locator('.adm-list-item-content-extra').textContent()) ?? '';
  // The row's button is named by its label and described by the date it shows.
  const dateButton = page.getByRole('button', { name: '带教日期' });
  await expect(dateButton).toHaveAccessibleDescription(today);
  const offset = await dateButton.evaluate(async (button) => {
    (button as HTMLElement).click();
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    await frame();
    await frame();
    const body = document.querySelector('.adm-popup-body');
    return body ? new DOMMatrix(getComputedStyle(body).transform).m42 : null;
  });
  expect(offset).toBe(0);
  // It offers only the pairing's days up to today: the pairing began today, so today alone.
  const [year, month, day] = today.match(/\d+/g) ?? [];
  await expect(page.locator('.adm-picker-view-column')).toHaveCount(3);
  await expect(page.locator('.adm-picker-view-column-item')).toHaveText([
    `${year}年`,
    `${month}月`,
    `${day}日`,
  ]);
  await screenshot(page, 'phone-mentor-date-picker');
  await page.getByText('确定', { exact: true }).click();
  await expect(dateRow).toContainText(today);
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('已记录')).toBeVisible();

  await page.getByRole('button', { name: '再记一次' }).click();
  await page.getByText(seed.endedMentee.name).click();
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByTestId('mentee-error')).toContainText('不是您当前带教的学员');
  await expectAccessible(page);
  await screenshot(page, 'phone-mentor-refused');

  await page.goto('/mentor/sessions');
  await expect(page.getByText('入户走访的沟通要点')).toBeVisible();
  await expect(page.getByText('实操辅导')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'phone-mentor-sessions');
});

test('HR gets the desktop console; a deep link is served the app; /docs works with the network cut off', async ({
  page,
  context,
}) => {
  await page.setViewportSize(DESKTOP);
  await signInAs(page, { role: 'hr', org: seed.city });
  await page.goto('/hr/overview');
  await expect(page.getByRole('heading', { name: '七台河市' })).toBeVisible();
  await expect(page.getByText('核定编制')).toBeVisible();
  // The rule book's default quota policy by its Chinese name, not its id.
  await expect(page.getByTestId('quota-policy')).toHaveText('默认标准（规则手册）');
  await screenshot(page, 'desktop-hr-overview');
  await page.setViewportSize(PHONE);
  await expect(page.getByTestId('quota-policy')).toBeVisible();
  await screenshot(page, 'phone-hr-overview');
  await page.setViewportSize(DESKTOP);

  await page.evaluate(() => localStorage.clear());
  const deep = await page.goto('/me/pay?from=link');
  expect(deep?.status()).toBe(200);
  await expect(page).toHaveURL(/\/login\?next=/);

  const origin = new URL(page.url()).origin;
  await context.route('**/*', (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort('internetdisconnected'),
  );
  const external: string[] = [];
  // Only other origins count (a request of the sign-in page cut short by this navigation is not one).
  page.on('requestfailed', (request) => {
    if (!request.url().startsWith(origin)) external.push(request.url());
  });
  await page.goto('/docs');
  // Swagger UI itself rendered from this server's assets (it then loads the large document).
  await expect(page.locator('#swagger-ui .swagger-ui')).toBeVisible();
  expect(external).toEqual([]);
});
