import { readFileSync } from 'node:fs';
import { expect, type Page, type Response, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { withCheckDigit } from '../../shared/domain/national-id.ts';
import {
  call,
  expectAccessible,
  localToken,
  screenshot,
  screenshotAtPhone,
  signInAs,
  pickOption,
  formSelect,
  pickWorker,
  CONSOLE,
} from './support.ts';

/**
 * The HR console's 组织与编制, 人员, 统计, 薪酬, 政策 and 审计 screens (issue 10), in Chromium through
 * the real server: a small city set up through the API, then worked through the screens.
 */
const city = `ca${Date.now().toString(36)}`;
const xinxing = `${city}/xinxing`;
const taoshan = `${city}/taoshan`;
const c1 = `${xinxing}/hongqi/c1`;
const c2 = `${taoshan}/taoxi/c2`;
let serial = 0;
const nationalId = (birth: string) =>
  withCheckDigit(
    `230902${birth.replace(/-/g, '')}${String((Date.now() + serial++) % 1000).padStart(3, '0')}`,
  );
let hr: string;
const people: Record<string, string> = {};

/** Some ECharts API name that survives minification: present in a chunk iff ECharts is bundled in it. */
const ECHARTS_MARK = 'registerPreprocessor';

/** Every JS file the page loads (URL and body), to prove what each screen's code split brings in. */
function collectScripts(page: Page) {
  const scripts: { url: string; body: Promise<string> }[] = [];
  page.on('response', (r: Response) => {
    if (r.url().endsWith('.js')) scripts.push({ url: r.url(), body: r.text().catch(() => '') });
  });
  return scripts;
}

// A shared 2-core CI machine: a screen's first load and the exit preview can take a while.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  hr = await localToken({ role: 'hr', org: city });
  const units = [
    { id: city, name: '七台河市', level: 'city', approvedQuota: 982 },
    { id: xinxing, name: '新兴区', level: 'district', parentId: city, urbanPopulation: 150_000 },
    { id: taoshan, name: '桃山区', level: 'district', parentId: city, urbanPopulation: 120_000 },
    {
      id: `${xinxing}/hongqi`,
      name: '红旗街道',
      level: 'street',
      parentId: xinxing,
      urbanPopulation: 40_000,
    },
    { id: `${taoshan}/taoxi`, name: '桃西街道', level: 'street', parentId: taoshan, urbanPopulation: 30_000 },
    { id: c1, name: '红旗社区', level: 'community', parentId: `${xinxing}/hongqi`, approvedQuota: 20 },
    { id: c2, name: '桃西社区', level: 'community', parentId: `${taoshan}/taoxi`, approvedQuota: 20 },
  ];
  for (const unit of units) await call(hr, 'POST', '/v1/org-units', unit);
  const batch = await call(hr, 'POST', '/v1/transfers', {
    rows: [
      {
        nationalId: nationalId('1990-03-08'),
        name: '张建华',
        org: c1,
        currentMonthlyPayFen: 312_345,
        education: 'bachelor',
      },
      {
        nationalId: nationalId('1985-05-02'),
        name: '王丽',
        org: c1,
        currentMonthlyPayFen: 420_000,
        education: 'master',
      },
      {
        nationalId: nationalId('1993-09-15'),
        name: '赵敏',
        org: c1,
        currentMonthlyPayFen: 300_000,
        education: 'college',
      },
      {
        nationalId: nationalId('1991-01-20'),
        name: '桃南风',
        org: c2,
        currentMonthlyPayFen: 305_000,
        education: 'bachelor',
      },
    ],
  });
  for (const p of batch.persons as { workerId: string; name: string }[]) people[p.name] = p.workerId;
});

test('组织与编制: the tree with quota bars; a unit is created, and a quota cut below headcount is confirmed and marked', async ({
  page,
}) => {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  await page.goto('/hr/org-units');
  await expect(page.getByRole('heading', { name: '组织与编制' })).toBeVisible();
  await expect(page.getByRole('row', { name: /新兴区/ })).toBeVisible();

  // A new street under 新兴区, through the form.
  await page
    .getByRole('row', { name: /新兴区/ })
    .getByRole('button', { name: '新增下级' })
    .click();
  const dialog = page.getByRole('dialog', { name: '在「新兴区」下新增街道' });
  await dialog.getByLabel('单位编码').fill('Bad Code');
  await dialog.getByLabel('单位名称').fill('北山街道');
  await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
  await expect(dialog.getByText('编码只能由小写字母、数字和连字符组成')).toBeVisible();
  await dialog.getByLabel('单位编码').fill('beishan');
  await dialog.getByLabel('城镇常住人口').fill('20000');
  await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
  await expect(dialog).toBeHidden();
  const created = await call(hr, 'GET', `/v1/org-units/${encodeURIComponent(`${xinxing}/beishan`)}`);
  expect(created).toMatchObject({ name: '北山街道', level: 'street', urbanPopulation: 20_000 });
  await page
    .getByRole('row', { name: /新兴区/ })
    .getByRole('button', { name: /展开行/ })
    .click();
  await expect(page.getByRole('row', { name: /北山街道/ })).toBeVisible();

  // 桃山区 has one worker: a quota of 0 needs a confirmation, then the unit stands out.
  await page
    .getByRole('row', { name: /桃山区/ })
    .getByRole('button', { name: '编辑' })
    .click();
  const edit = page.getByRole('dialog', { name: '编辑「桃山区」' });
  await edit.getByLabel('核定编制（人）').fill('0');
  await edit.getByRole('button', { name: /^保\s?存$/ }).click();
  await expect(page.locator('.ant-modal-confirm-title')).toHaveText('核定编制将低于在编人数');
  await page.getByRole('button', { name: '确定修改' }).click();
  await expect(page.getByTestId(`over-quota-${taoshan}`)).toHaveText('超编 1 人');
  const cut = await call(hr, 'GET', `/v1/org-units/${encodeURIComponent(taoshan)}`);
  expect(cut.overQuotaBy).toBe(1);
  await expectAccessible(page);
  await screenshot(page, 'console-org-units');
  await screenshotAtPhone(page, 'console-org-units-phone', page.getByTestId(`over-quota-${taoshan}`));
});

test('人员: find a worker by name, open their page, preview an exit and confirm it; 人员 loads no ECharts and no recruitment code', async ({
  page,
}) => {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  const scripts = collectScripts(page);
  await page.goto('/hr/workers');
  await expect(page.getByRole('link', { name: '张建华' })).toBeVisible();
  await page.getByLabel('姓名或身份证号').fill('王');
  await page.getByRole('button', { name: '查 询' }).click();
  await expect(page.getByRole('link', { name: '王丽' })).toBeVisible();
  await expect(page.getByRole('link', { name: '张建华' })).toBeHidden();
  await expectAccessible(page);
  await screenshot(page, 'console-workers');
  await screenshotAtPhone(page, 'console-workers-phone', page.getByRole('link', { name: '王丽' }));

  await page.getByRole('link', { name: '王丽' }).click();
  await expect(page).toHaveURL(new RegExp(`/hr/workers/${people['王丽']}$`));
  await expect(page.getByRole('heading', { name: /王丽/ })).toBeVisible();
  await expect(page.getByTestId('national-id')).toHaveText(/^23090219850502\d{3}[\dX]$/);
  await page.getByRole('tab', { name: '岗位与等级' }).click();
  await expect(page.getByText('本岗等级范围')).toBeVisible();
  await expect(page.getByRole('cell', { name: '1–12 级' })).toBeVisible();
  await page.getByRole('tab', { name: '变更记录' }).click();
  await expect(page.getByRole('cell', { name: '调入', exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'console-worker-page');
  // On a phone the record folds into one cell per change.
  await screenshotAtPhone(
    page,
    'console-worker-page-phone',
    page.getByRole('tabpanel', { name: '变更记录' }),
  );

  // No ECharts and no recruitment screen came with 人员.
  const loaded = await Promise.all(scripts.map(async (s) => ({ url: s.url, body: await s.body })));
  expect(loaded.length).toBeGreaterThan(0);
  expect(loaded.filter((s) => s.body.includes(ECHARTS_MARK)).map((s) => s.url)).toEqual([]);
  expect(loaded.filter((s) => /recruit/i.test(s.url)).map((s) => s.url)).toEqual([]);

  await page.getByRole('button', { name: '办理离职' }).click();
  const dialog = page.getByRole('dialog', { name: '办理离职：王丽' });
  await dialog.getByRole('button', { name: '预览影响' }).click();
  await expect(dialog.getByText('请选择退出情形')).toBeVisible();
  await pickOption(page, formSelect(dialog, '退出情形'), '5. 本人辞职或合同期满不再续聘');
  await dialog.getByLabel('依据（文件、说明）').fill('本人辞职申请书');
  await dialog.getByRole('button', { name: '预览影响' }).click();
  const preview = dialog.getByTestId('exit-preview');
  await expect(preview.getByText('红旗社区：在编 3 → 2（核定 20）')).toBeVisible();
  await expect(preview.getByText('本人辞职或合同期满不再续聘')).toBeVisible();
  // Nothing is recorded by the preview.
  expect((await call(hr, 'GET', `/v1/workers/${people['王丽']}`)).status).toBe('active');
  await expectAccessible(page);
  await screenshot(page, 'console-exit-preview');
  await dialog.getByRole('button', { name: '确认离职' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: /王丽/ }).getByText('已离职')).toBeVisible();
  const exited = await call(hr, 'GET', `/v1/workers/${people['王丽']}`);
  expect(exited.exit).toMatchObject({ situation: 5, evidence: '本人辞职申请书' });
});

test('统计: every figure equals GET /v1/stats; ECharts loads here only, never in the entry chunk', async ({
  page,
}) => {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  const scripts = collectScripts(page);
  await page.goto('/hr/stats');
  await expect(page.getByTestId('fig-hires')).toBeVisible();
  const year = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()).slice(0, 4),
  );
  const stats = await call(hr, 'GET', `/v1/stats?org=${city}&year=${year}`);
  const cell = (figure: string, row: string, column = 'value') =>
    page.getByTestId(figure).locator(`td[data-cell="${row}|${column}"]`);
  expect(stats.hires.transfer).toBe(4);
  await expect(cell('fig-hires', '集中转任')).toHaveText(String(stats.hires.transfer));
  await expect(cell('fig-hires', '公开招聘')).toHaveText(String(stats.hires.openRecruitment));
  expect(stats.exits.bySituation['5']).toBe(1);
  await expect(cell('fig-exits', '辞职或不续聘')).toHaveText(String(stats.exits.bySituation['5']));
  await expect(cell('fig-exits', '严重违纪')).toHaveText(String(stats.exits.bySituation['3']));
  await expect(cell('fig-grades', '社区工作者')).toHaveText(
    String(stats.careers.workersByPostAndGrade.staff.total),
  );
  await expect(cell('fig-mentoring', '导师')).toHaveText(String(stats.mentoring.mentors));
  await expect(cell('fig-training', '参训人次')).toHaveText(String(stats.training.personTimes));
  await expect(cell('fig-evaluation', '优秀')).toHaveText(
    String(stats.evaluation.gradeDistribution.excellent),
  );
  // No evaluation has read work orders this year: the figure names no source and no rate.
  expect(stats.evaluation.workOrders.source).toBeNull();
  await expect(page.getByTestId('fig-work-orders').locator('.ant-card-head-title')).toHaveText('工单办理');
  await expect(cell('fig-honours', '优秀共产党员', 'awards')).toHaveText(
    String(stats.careers.honours.byType['outstanding-party-member'].awards),
  );
  await expect(page.getByTestId('stat-headcount')).toContainText(String(stats.headcount.active));
  for (const [district, org] of [
    ['新兴区', xinxing],
    ['桃山区', taoshan],
  ] as const) {
    const d = await call(hr, 'GET', `/v1/stats?org=${encodeURIComponent(org)}&year=${year}`);
    await expect(cell('fig-quota', district, 'active')).toHaveText(String(d.headcount.active));
    await expect(cell('fig-quota', district, 'quota')).toHaveText(String(d.quota.quota ?? '—'));
  }
  await expect(page.getByTestId('fig-hires').getByRole('img', { name: /^录用/ })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'console-stats');
  await screenshotAtPhone(
    page,
    'console-stats-phone',
    page.getByTestId('fig-hires').getByRole('img', { name: /^录用/ }),
  );

  const loaded = await Promise.all(scripts.map(async (s) => ({ url: s.url, body: await s.body })));
  const withECharts = loaded.filter((s) => s.body.includes(ECHARTS_MARK)).map((s) => s.url);
  expect(withECharts.length).toBeGreaterThan(0);
  const entry = await page.evaluate(
    () => (document.querySelector('script[type="module"][src]') as HTMLScriptElement).src,
  );
  expect(withECharts).not.toContain(entry);
  const entryBody = loaded.find((s) => s.url === entry)?.body ?? '';
  expect(entryBody.length).toBeGreaterThan(0);
  expect(entryBody).not.toContain(ECHARTS_MARK);
});

test('薪酬: a worker’s 工资条 and a unit’s payroll equal the API to the fen; the pay policy as 三岗十八级', async ({
  page,
}) => {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  await page.goto('/hr/pay');
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date())
    .slice(0, 7);
  await pickWorker(page, page.locator('main'), '人员', '张建华');
  const statement = await call(hr, 'GET', `/v1/workers/${people['张建华']}/statements/${month}`);
  const yuan = (fen: number) =>
    `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
  await expect(page.getByTestId('statement-total')).toHaveText(yuan(statement.totalFen));
  for (const line of statement.lines as { code: string; amountFen: number }[])
    await expect(page.getByTestId(`line-${line.code}`)).toHaveText(yuan(line.amountFen));
  await expectAccessible(page);
  await screenshot(page, 'console-pay-statement');
  await screenshotAtPhone(page, 'console-pay-statement-phone', page.getByTestId('statement-total'));

  await page.getByRole('tab', { name: '单位工资表' }).click();
  const res = await fetch(`${new URL(page.url()).origin}/v1/payroll/${month}?org=${city}`, {
    headers: { authorization: `Bearer ${hr}` },
  });
  const totalFen = Number(res.headers.get('x-total-fen'));
  expect(totalFen).toBeGreaterThan(0);
  await expect(page.getByTestId('payroll-total')).toHaveText(yuan(totalFen).slice(1));
  await expect(page.getByRole('cell', { name: '桃南风' })).toBeVisible();
  // Units by their Chinese names, not their ids.
  await expect(page.getByRole('row', { name: /桃南风/ })).not.toContainText(`${city}/`);
  await expectAccessible(page);
  await screenshot(page, 'console-payroll');
  await screenshotAtPhone(page, 'console-payroll-tab-phone', page.getByTestId('payroll-total'));
  // 导出 Excel: the office's 工资表 (Chinese name and headers, 元), whose 合计 row is the API's total.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^工资表-.+-${month}\\.xlsx$`));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(headers).toContain('姓名');
  const totalColumn = headers.indexOf('应发合计（元）') + 1;
  expect(totalColumn).toBeGreaterThan(0);
  const totalRow = sheet.getRows(2, sheet.rowCount - 1)!.find((row) => row.getCell(1).value === '合计')!;
  expect(Math.round(Number(totalRow.getCell(totalColumn).value) * 100)).toBe(totalFen);

  await page.getByRole('tab', { name: '薪酬标准' }).click();
  const pay = await call(hr, 'GET', '/v1/policies/pay');
  const table = page.getByTestId('pay-table');
  await expect(table.getByRole('row', { name: /^18 级/ })).toContainText(
    yuan(pay.document.baseMonthlyPayFen[17]),
  );
  await expect(table.getByRole('row', { name: /^1 级/ }).getByRole('cell').nth(2)).toHaveText('—');
  await expectAccessible(page);
  await screenshot(page, 'console-pay-policy');
  await screenshotAtPhone(page, 'console-pay-policy-phone', table);
});

test('政策 and 审计: policies in Chinese with their versions; an entity’s audit trail', async ({ page }) => {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  await page.goto('/hr/policies');
  await page.getByRole('button', { name: '招聘', exact: true }).click();
  const doc = page.getByTestId('policy-document');
  await expect(doc.getByText('公示天数')).toBeVisible();
  const recruitment = await call(hr, 'GET', '/v1/policies/recruitment');
  await expect(doc.getByRole('row', { name: /公示天数/ })).toContainText(
    String(recruitment.document.publicNoticeDays),
  );
  // Every kind's document in Chinese: no field, code or version id left in English (the API's
  // `<field>Label` companions are not shown a second time).
  for (const kind of [
    '编制核定',
    '招聘',
    '培训',
    '导师带教',
    '薪酬（三岗十八级）',
    '考核',
    '晋升',
    '评优表彰',
  ]) {
    await page.getByRole('button', { name: kind, exact: true }).click();
    await expect(doc).toContainText(`${kind}：默认标准（规则手册）`);
    await expect(doc.locator('.ant-descriptions-row').first()).toBeVisible();
    await expect(doc).not.toContainText(/[A-Za-z]/);
  }
  await page.getByRole('button', { name: '招聘', exact: true }).click();
  await expectAccessible(page);
  await screenshot(page, 'console-policies');
  await screenshotAtPhone(page, 'console-policies-phone', doc.getByText('公示天数'));

  await page.goto(`/hr/audit?entity=${encodeURIComponent(`org-unit:${taoshan}`)}`);
  await expect(page.getByRole('cell', { name: '核减编制至在编人数以下' })).toBeVisible();
  await expect(page.getByText('核定编制：— → 0')).toBeVisible();
  // The unit, its parent and the actor's unit by name, the policy version by its Chinese name, the
  // form showing what is shown.
  await expect(page.getByTestId('audit-entity')).toHaveText('变更记录：组织单位 桃山区');
  await expect(page.getByText('编制政策版本：— → 默认标准（规则手册）')).toBeVisible();
  await expect(page.getByText('上级单位：— → 七台河市')).toBeVisible();
  await expect(page.getByRole('cell', { name: '人事干部（七台河市）' }).first()).toBeVisible();
  await expect(page.getByText(/allowOverQuota|quota\/default|org-unit:/)).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: '对象类型' })).toHaveCount(1);
  await expect(
    page.locator('.ant-select', { has: page.getByRole('combobox', { name: '对象类型' }) }),
  ).toContainText('组织单位');
  await expect(
    page.locator('.ant-select', { has: page.getByRole('combobox', { name: '组织单位' }) }),
  ).toContainText('桃山区（区县）');
  // The quota cut lists what it changed, not the rest of the unit as cleared.
  await expect(page.getByText('层级：县（区） → —')).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'console-audit');
  await screenshotAtPhone(page, 'console-audit-phone', page.getByTestId('audit-entity'));
});

test('a district HR officer sees nothing of a sibling district on these screens', async ({ page }) => {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: xinxing });
  await page.goto('/hr/org-units');
  await expect(page.getByRole('row', { name: /红旗街道/ })).toBeVisible();
  await expect(page.getByText('桃山区')).toHaveCount(0);
  await expect(page.getByText('七台河市')).toHaveCount(0);

  await page.goto('/hr/workers');
  await expect(page.getByRole('link', { name: '张建华' })).toBeVisible();
  await expect(page.getByText('桃南风')).toHaveCount(0);
  await page.getByLabel('姓名或身份证号').fill('桃');
  await page.getByRole('button', { name: '查 询' }).click();
  await expect(page.getByText('没有符合条件的人员')).toBeVisible();
  await page.goto(`/hr/workers/${people['桃南风']}`);
  await expect(page.getByText('您没有权限进行此操作').or(page.getByText('未找到相关记录'))).toBeVisible();
  await expect(page.getByText('桃南风')).toHaveCount(0);

  await page.goto('/hr/stats');
  await expect(page.getByTestId('fig-quota')).toBeVisible();
  await expect(page.getByText('桃山区')).toHaveCount(0);
  await expect(page.getByTestId('fig-quota').locator('td[data-cell="红旗街道|active"]')).toHaveText('2');

  await page.goto('/hr/pay');
  await page.getByRole('tab', { name: '单位工资表' }).click();
  await expect(page.getByRole('cell', { name: '张建华' })).toBeVisible();
  await expect(page.getByText('桃南风')).toHaveCount(0);

  await page.goto(`/hr/audit?entity=${encodeURIComponent(`worker:${people['桃南风']}`)}`);
  await expect(page.getByText('未找到相关记录').or(page.getByText('您没有权限进行此操作'))).toBeVisible();
  await expect(page.getByRole('cell', { name: '调入', exact: true })).toHaveCount(0);
});
