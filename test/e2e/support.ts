import { expect, type Locator, type Page } from '@playwright/test';
import { AxeBuilder } from '@axe-core/playwright';
import { withCheckDigit } from '../../shared/domain/national-id.ts';
import { XLSX, xlsxOf } from '../support/spreadsheets.ts';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export const base = () => `http://127.0.0.1:${process.env.E2E_PORT}`;

/** A local-mode token from the server at `origin` (the suite's own server unless told). */
export async function localToken(
  body: { role: string; org: string; workerId?: string; department?: string },
  origin = base(),
): Promise<string> {
  const res = await fetch(`${origin}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

export async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base()}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => null)) as any;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

// Unique per run, so the suite can also run against a server that already has data (E2E_REUSE_SERVER).
const run = Math.floor(Math.random() * 900);
let serial = 0;
/** A valid 身份证号 born on `birth` (YYYY-MM-DD), unique within the run. */
export const nationalId = (birth: string) =>
  withCheckDigit(`230902${birth.replace(/-/g, '')}${String((run + serial++) % 1000).padStart(3, '0')}`);
/** The local server's business clock (it may have been moved forward by a test). */
export const clockNow = async () =>
  ((await (await fetch(`${base()}/local/clock`)).json()) as { now: string }).now;
/** An instant's calendar day in Beijing, YYYY-MM-DD. */
export const beijingDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

export interface Seed {
  city: string;
  worker: { id: string; name: string; org: string };
  mentor: { id: string; name: string; org: string };
  endedMentee: { id: string; name: string };
}

/** A small city through the API: org units, three transferred workers, a mentor with two pairings (one ended). */
/**
 * A fresh city (its own id, so specs sharing one server never meet) down to one grid: 七台河市 /
 * 新兴区 / 红旗街道 / 红旗社区 / 第一网格, created by its city-level HR officer.
 */
export async function seedGridCity(prefix: string) {
  const city = `${prefix}${Date.now().toString(36)}`;
  const hr = await localToken({ role: 'hr', org: city });
  const community = `${city}/xinxing/hongqi/c1`;
  const grid = `${community}/g1`;
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
  return { city, hr, community, grid };
}

export async function seedCity(): Promise<Seed> {
  const city = `e2e${Date.now().toString(36)}`;
  const hr = await localToken({ role: 'hr', org: city });
  const units = [
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
      id: `${city}/xinxing/hongqi/c1`,
      name: '红旗社区',
      level: 'community',
      parentId: `${city}/xinxing/hongqi`,
      approvedQuota: 20,
    },
  ];
  for (const unit of units) await call(hr, 'POST', '/v1/org-units', unit);
  const org = `${city}/xinxing/hongqi/c1`;
  const batch = await call(hr, 'POST', '/v1/transfers', {
    rows: [
      {
        nationalId: nationalId('1990-03-08'),
        name: '张小社',
        org,
        currentMonthlyPayFen: 312_345,
        education: 'bachelor',
      },
      {
        nationalId: nationalId('1978-11-20'),
        name: '王导师',
        org,
        currentMonthlyPayFen: 420_000,
        education: 'master',
        isPartyMember: true,
      },
      {
        nationalId: nationalId('1996-07-01'),
        name: '李学员',
        org,
        currentMonthlyPayFen: 300_000,
        education: 'college',
      },
    ],
  });
  const [worker, mentor, other] = batch.persons as { workerId: string; name: string }[];
  await call(hr, 'POST', '/v1/mentors', { workerId: mentor!.workerId });
  await call(hr, 'POST', '/v1/mentorships', { mentorId: mentor!.workerId, menteeId: worker!.workerId });
  const ended = await call(hr, 'POST', '/v1/mentorships', {
    mentorId: mentor!.workerId,
    menteeId: other!.workerId,
  });
  await call(hr, 'POST', `/v1/mentorships/${ended.id}/end`, { reason: '调整结对' });
  return {
    city,
    worker: { id: worker!.workerId, name: worker!.name, org },
    mentor: { id: mentor!.workerId, name: mentor!.name, org },
    endedMentee: { id: other!.workerId, name: other!.name },
  };
}

/** Puts a session in the app's storage, as signing in would. */
export async function signInAs(
  page: Page,
  body: { role: string; org: string; workerId?: string; department?: string },
  origin = base(),
) {
  const token = await localToken(body, origin);
  await page.goto(`${origin}/login`);
  await page.evaluate((t) => {
    const claims = JSON.parse(atob(t.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')));
    localStorage.setItem(
      'shegong.session',
      JSON.stringify({
        token: t,
        role: claims.role,
        org: claims.org,
        workerId: claims.workerId,
        expiresAt: claims.exp,
        mode: 'local',
      }),
    );
  }, token);
  return token;
}

/** No serious or critical axe-core violations on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

export async function screenshot(page: Page, name: string, { menuOpen = false } = {}) {
  // At phone width the console's side menu folds away (or opens) with a transition: a picture taken
  // during it shows the menu squeezed over the page, which no phone ever shows for long.
  const sider = page.locator('.ant-layout-sider');
  if ((page.viewportSize()?.width ?? Number.POSITIVE_INFINITY) < 576 && (await sider.count()) > 0)
    await expect(sider).toHaveCSS('width', menuOpen ? '208px' : '0px');
  await page.screenshot({ path: `test-results/e2e/screenshots/${name}.png`, fullPage: true });
}

/**
 * The page as a phone shows it: at PHONE size, `shown` still visible, a screenshot `name`, and the
 * page itself not scrolling sideways (wide tables scroll inside their card). Restores the viewport.
 */
export async function screenshotAtPhone(page: Page, name: string, shown: Locator) {
  const before = page.viewportSize();
  await page.setViewportSize(PHONE);
  await expect(shown).toBeVisible();
  await screenshot(page, name);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${name}: the page is wider than the phone by ${overflow}px`).toBeLessThanOrEqual(0);
  if (before) await page.setViewportSize(before);
}

/**
 * Picks a unit in an OrgUnitTreeSelect, expanding its ancestors (names as shown), and waits until
 * the select shows it. The tree's rows shift while a branch's children load, so a click can land
 * on the wrong row or on none: the whole pick is retried until the selection is the asked unit.
 */
export async function pickOrgUnit(page: Page, select: Locator, path: string[]) {
  const leaf = path.at(-1)!;
  const item = (name: string) =>
    page.getByRole('treeitem', { name: new RegExp(`${name}（`) }).filter({ visible: true });
  await expect(async () => {
    const open = page.locator('.ant-select-dropdown').filter({ visible: true });
    if ((await open.count()) === 0) await select.click();
    for (const name of path.slice(0, -1)) {
      const node = item(name);
      await expect(node).toBeVisible({ timeout: 5_000 });
      if ((await node.getAttribute('aria-expanded')) !== 'true')
        await node.locator('.ant-select-tree-switcher').click();
      await expect(node).toHaveAttribute('aria-expanded', 'true', { timeout: 5_000 });
    }
    await item(leaf).locator('.ant-select-tree-node-content-wrapper').click({ timeout: 5_000 });
    await expect(select).toContainText(`${leaf}（`, { timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
}

/**
 * Picks the option titled `title` in an antd Select and waits until the select shows it. A click
 * while the dropdown is still sliding in can miss the option (the select stays empty), so the pick
 * is retried until the selection is the asked one.
 */
export async function pickOption(page: Page, select: Locator, title: string) {
  await expect(async () => {
    const open = page.locator('.ant-select-dropdown').filter({ visible: true });
    if ((await open.count()) === 0) await select.click();
    await open.getByTitle(title, { exact: true }).click({ timeout: 5_000 });
    await expect(select).toContainText(title, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * Types the first two characters of `name` into a WorkerPicker (by its form label, inside `scope`)
 * and picks the worker. Like `pickOption`, retried until the picker shows the name: under load a
 * click on an option that is still sliding in is lost.
 */
export async function pickWorker(page: Page, scope: Locator, fieldLabel: string, name: string) {
  const input = scope.getByLabel(fieldLabel, { exact: true });
  const picker = selectAround(input);
  await expect(async () => {
    await input.click();
    await input.fill(name.slice(0, 2));
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: name,
      })
      .click({ timeout: 5_000 });
    await expect(picker).toContainText(name, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** Chooses a spreadsheet made of `rows` in the page's file input, as if picked from disk. */
export async function chooseSheet(page: Page, name: string, rows: (string | number | null)[][]) {
  const buffer = Buffer.from(await xlsxOf(rows));
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer });
}

/** The antd Select around its search input (found by the input's label): where the choice shows. */
export const selectAround = (input: Locator) =>
  input.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " ant-select ")][1]');

/** The antd Select inside a form item (of `scope`), by the item's label. */
export const formSelect = (scope: Page | Locator, label: string) =>
  scope.locator('.ant-form-item', { hasText: label }).locator('.ant-select').first();

/** The console's desktop size in the screens' pictures. */
export const CONSOLE = { width: 1440, height: 900 };

/** A day (YYYY-MM-DD) as the console writes it: 2026-12-02 → 2026年12月2日. */
export { chineseDate as chineseDay } from '../../shared/domain/chinese-dates.ts';

/** A calendar day `n` days after `day` (YYYY-MM-DD). */
export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * 向阳社区 under the city's 红旗街道 (as `seedGridCity` makes it): five transferred in on 2 January
 * 2025 (甲一 … 戊五), scored for 2025 through the API so that the last two (丁四, 戊五) fail, and
 * the year's evaluation run to completion — two exit proposals pending.
 */
export async function seedFailingCommunity(hr: string, city: string) {
  const unit = `${city}/xinxing/hongqi/c3`;
  await call(hr, 'POST', '/v1/org-units', {
    id: unit,
    name: '向阳社区',
    level: 'community',
    parentId: `${city}/xinxing/hongqi`,
    approvedQuota: 20,
  });
  const batch = await call(hr, 'POST', '/v1/transfers?effectiveOn=2025-01-02', {
    rows: ['甲一', '乙二', '丙三', '丁四', '戊五'].map((name, i) => ({
      nationalId: nationalId(`198${i}-06-1${i}`),
      name,
      org: unit,
      currentMonthlyPayFen: 300_000,
      education: 'college',
    })),
  });
  const people = batch.persons as { name: string; workerId: string }[];
  const failing = [people[3]!, people[4]!];
  const fails = (p: { workerId: string }) => failing.includes(p);
  const post = (kind: string, rows: Record<string, unknown>[]) =>
    call(hr, 'POST', `/v1/evaluation-inputs/${kind}`, { rows });
  const period = '2025';
  await post(
    'poll',
    people.map((p) => ({ workerId: p.workerId, period, score: fails(p) ? 20 : 95 })),
  );
  await post(
    'departments',
    people.map((p) => ({ workerId: p.workerId, period, department: '街道办', score: fails(p) ? 20 : 95 })),
  );
  await post(
    'duty',
    people.map((p) => ({
      workerId: p.workerId,
      period,
      gridPatrols: fails(p) ? 10 : 300,
      householdVisits: fails(p) ? 10 : 400,
    })),
  );
  await post(
    'work-orders',
    people.map((p) => ({
      workerId: p.workerId,
      period,
      assigned: 100,
      completed: fails(p) ? 20 : 100,
      satisfied: fails(p) ? 10 : 100,
    })),
  );
  const run = await call(hr, 'POST', '/v1/evaluations/runs', { period, org: unit });
  await expect
    .poll(async () => (await call(hr, 'GET', `/v1/evaluations/runs/${run.id}`)).status, { timeout: 90_000 })
    .toBe('completed');
  return { unit, people, failing };
}
