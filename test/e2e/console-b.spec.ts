import { expect, type Page, test } from '@playwright/test';
import {
  base,
  beijingDay,
  CONSOLE,
  call,
  clockNow,
  expectAccessible,
  formSelect,
  localToken,
  nationalId,
  pickOption,
  screenshot,
  screenshotAtPhone,
  seedGridCity,
  signInAs,
  chooseSheet,
} from './support.ts';

/**
 * The HR console's 调入, 招聘 and 考核 screens as a city HR officer, in a city of its own (API for the
 * slow setup; spreadsheets made with exceljs). Screens at 1440×900.
 */

let city: string;
let hr: string;
let community: string;
let grid: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  ({ city, hr, community, grid } = await seedGridCity('cb'));
});

async function openConsole(page: Page, path: string) {
  await page.setViewportSize(CONSOLE);
  await signInAs(page, { role: 'hr', org: city });
  await page.goto(path);
}

/** A tab's panel by the tab's name. */
const panel = (page: Page, name: string) => page.getByRole('tabpanel', { name });

test('调入: a sheet with a bad row is refused with that row named, then accepted when fixed', async ({
  page,
}) => {
  await openConsole(page, '/hr/transfers');
  await expect(page.getByRole('heading', { name: '调入' })).toBeVisible();
  const header = ['身份证号', '姓名', '所在单位', '现月工资（元）', '学历', '是否党员'];
  // 所在单位 as offices write it: by name (under its community's where grids share a name), or by 编号.
  const good = [nationalId('1988-03-12'), '李梅', '红旗社区第一网格', '3200.00', 'bachelor', '是'];
  const other = [nationalId('1990-05-01'), '张伟', '红旗社区', '3000', 'college', '否'];
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
  // The reason under the sheet's own 元 column, beside the line number.
  await expect(bad.locator('td').nth(1)).toHaveText(
    '现月工资（元）：请填写金额（元），最多两位小数，如 3100.00',
  );
  await expect(bad.locator('td').first()).toHaveText('4'); // spreadsheet line 4 (the header is line 1)
  await expect(page.getByRole('button', { name: '确认调入' })).toBeDisabled();
  await expectAccessible(page);
  await screenshot(page, 'console-transfers-refused');
  await screenshotAtPhone(page, 'console-transfers-refused-phone', bad);

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
  await expect(liRow).toContainText('¥3,200.00'); // 现月工资 as read
  await expect(liRow).toContainText('级');
  await expect(liRow.locator('td').nth(4)).toHaveText('第一网格'); // the unit found for 红旗社区第一网格
  await expect(page.locator('tr', { hasText: '张伟' }).first().locator('td').nth(4)).toHaveText('红旗社区');
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
  const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
  const committedLi = page.locator('.ant-table-row', { hasText: li.nationalId }).last();
  await expect(committedLi).toContainText(yuan(li.payFen));
  await expect(committedLi).toContainText('第一网格');
  await expect(committedLi).not.toContainText(grid);
  await expect(page.getByRole('cell', { name: batch.id })).toHaveCount(2); // the result and the list of batches
  await expect(page.locator('.ant-table-row', { hasText: batch.id })).toContainText('已完成');
  await expectAccessible(page);
  await screenshot(page, 'console-transfers');
  await screenshotAtPhone(page, 'console-transfers-phone', committedLi);
});

test('招聘: registration, a spreadsheet score import, ranking, joint review with a rejection and its 递补, notice and hire', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // A one-day notice (this city's recruitment policy), so the hire needs the clock moved by one day only.
  const today = beijingDay(await clockNow());
  const policy = await call(hr, 'GET', `/v1/policies/recruitment?at=${today}`);
  await call(hr, 'PUT', `/v1/policies/recruitment/${today}`, { ...policy.document, publicNoticeDays: 1 });
  const recruitment = await call(hr, 'POST', '/v1/recruitments', {
    title: '2026年红旗社区社区工作者招聘',
    org: community,
    places: 1,
  });
  const eligible = (name: string, birth: string, extra: Record<string, unknown> = {}) => ({
    nationalId: nationalId(birth),
    name,
    education: 'bachelor',
    politicalRecordClear: true,
    meetsHealthRequirement: true,
    hasLocalResidence: true,
    ...extra,
  });
  const others = [eligible('陈静', '1995-02-03'), eligible('刘洋', '1996-03-04', { isPartyMember: true })];
  for (const c of others) await call(hr, 'POST', `/v1/recruitments/${recruitment.id}/candidates`, c);

  await openConsole(page, '/hr/recruitments');
  await page.getByRole('link', { name: recruitment.title }).click();
  await expect(page.getByRole('heading', { name: recruitment.title })).toBeVisible();

  // Register one by one: an eligible candidate, and one refused with the failed criteria in Chinese.
  const zhang = eligible('张敏', '1994-05-06');
  const form = page.locator('form');
  await form.getByLabel('姓名').fill(zhang.name);
  await form.getByLabel('身份证号').fill(zhang.nationalId);
  await pickOption(page, formSelect(form, '学历'), '本科');
  await form.getByRole('button', { name: '登 记' }).click();
  await expect(page.getByText('张敏 已登记，资格审查通过')).toBeVisible();
  await form.getByLabel('姓名').fill('赵老');
  await form.getByLabel('身份证号').fill(nationalId('1960-01-01'));
  await pickOption(page, formSelect(form, '学历'), '高中');
  await form.getByRole('button', { name: '登 记' }).click();
  const refused = page.getByRole('alert').filter({ hasText: '赵老 已登记，资格审查未通过' });
  await expect(refused).toContainText('年龄：');
  await expect(refused).toContainText('学历：高中，低于最低要求大专');
  await expect(page.getByRole('row', { name: /赵老/ })).toContainText('未通过（年龄、学历）');
  await expectAccessible(page);
  await screenshot(page, 'console-recruitment-registration');

  await page.getByRole('button', { name: '结束报名，进入笔试' }).click();
  await page.getByRole('button', { name: '确 定' }).click();
  await expect(page.getByText('当前阶段：笔试')).toBeVisible();

  // Written scores from a spreadsheet: a bad row first (named, nothing saved), then the fixed sheet.
  await page.getByRole('tab', { name: '成绩导入' }).click();
  const header = ['姓名', '身份证号', '笔试成绩'];
  const scores: [typeof zhang, number][] = [
    [zhang, 92],
    [others[0]!, 88],
    [others[1]!, 85],
  ];
  await chooseSheet(page, '笔试成绩.xlsx', [
    header,
    ...scores.map(([c, s]) => [c.name, c.nationalId, s]),
    ['无名氏', nationalId('1990-09-09'), 70],
  ]);
  await expect(page.locator('tr.upload-row-error')).toHaveCount(1);
  await expect(page.locator('tr.upload-row-error')).toContainText('无名氏');
  await expect(page.getByRole('button', { name: '确认导入成绩' })).toBeDisabled();
  await screenshot(page, 'console-recruitment-scores-refused');
  await chooseSheet(page, '笔试成绩.xlsx', [header, ...scores.map(([c, s]) => [c.name, c.nationalId, s])]);
  await expect(page.getByText('共 3 行，全部校验通过')).toBeVisible();
  await expect(
    panel(page, '成绩导入').locator('.ant-table-row', { hasText: zhang.nationalId }),
  ).toContainText('笔试 92');
  await page.getByRole('button', { name: '确认导入成绩' }).click();
  await expect(page.getByText('已录入 3 名考生的成绩')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'console-recruitment-scores');

  await page.getByRole('button', { name: '确定面试名单，进入面试' }).click();
  await page.getByRole('button', { name: '确 定' }).click();
  await expect(page.getByText('当前阶段：面试')).toBeVisible();
  // Interview scores through the API (the same upload screen is shown above).
  await call(hr, 'POST', `/v1/recruitments/${recruitment.id}/scores`, {
    rows: [
      { nationalId: zhang.nationalId, interview: 90 },
      { nationalId: others[0]!.nationalId, interview: 86 },
      { nationalId: others[1]!.nationalId, interview: 85 },
    ],
  });
  await page.getByRole('button', { name: '确定排名，进入联审' }).click();
  await page.getByRole('button', { name: '确 定' }).click();
  await expect(page.getByText('当前阶段：联审')).toBeVisible();

  await page.getByRole('tab', { name: '排名' }).click();
  const rankingRows = panel(page, '排名').locator('.ant-table-row');
  await expect(rankingRows).toHaveCount(3);
  await expect(rankingRows.first()).toContainText('张敏');
  await expect(rankingRows.first()).toContainText('待联审');
  await expectAccessible(page);
  await screenshot(page, 'console-recruitment-ranking');
  await screenshotAtPhone(page, 'console-recruitment-ranking-phone', rankingRows.first());

  // Joint review: each department's decision comes from an officer holding it (the department
  // claim). Signed in as the organisation department's officer: it rejects the first; the second
  // moves up (递补).
  const recruitmentPage = page.url();
  await signInAs(page, { role: 'hr', org: city, department: 'organisation' });
  await page.goto(recruitmentPage);
  await page.getByRole('tab', { name: '联审' }).click();
  const firstRow = panel(page, '联审').locator('.ant-table-row', { hasText: '张敏' });
  await firstRow.getByRole('button', { name: '不同意' }).first().click();
  await page.getByLabel('审查意见').fill('档案材料不全');
  await page.getByRole('button', { name: '提 交' }).click();
  await expect(page.getByText('第 1 名 张敏：组织部不同意，取消拟录用资格。')).toBeVisible();
  await expect(page.getByText('第 2 名 陈静 依次递补，待联审。')).toBeVisible();
  const chen = panel(page, '联审').locator('.ant-table-row', { hasText: '陈静' });
  await chen.getByRole('button', { name: '同 意', exact: true }).first().click();
  await page.getByLabel('审查意见').fill('同意');
  await page.getByRole('button', { name: '提 交' }).click();
  await expect(chen.getByText('同意', { exact: true })).toHaveCount(1);
  // Civil affairs and public security decide through their own officers.
  const ranked = await call(hr, 'GET', `/v1/recruitments/${recruitment.id}/ranking`);
  const chenId = ranked.items.find((i: { name: string }) => i.name === '陈静').candidateId;
  for (const department of ['civil-affairs', 'public-security']) {
    const officer = await localToken({ role: 'hr', org: city, department });
    await call(officer, 'POST', `/v1/recruitments/${recruitment.id}/candidates/${chenId}/reviews`, {
      department,
      decision: 'approve',
      note: '同意',
    });
  }
  await page.reload();
  await page.getByRole('tab', { name: '联审' }).click();
  await expect(chen.getByText('同意', { exact: true })).toHaveCount(3);
  await expect(page.getByText('第 2 名 陈静 依次递补，拟录用。')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'console-recruitment-review');

  await page.getByRole('button', { name: '开始公示' }).click();
  await page.getByRole('button', { name: '确 定' }).click();
  await expect(page.getByText('当前阶段：公示')).toBeVisible();
  await page.getByRole('tab', { name: '公示与录用' }).click();
  const notice = await call(hr, 'GET', `/v1/recruitments/${recruitment.id}`);
  expect(notice.noticeStartsOn).toBe(today);
  const [y, m, d] = today.split('-').map(Number);
  await expect(page.locator('.ant-descriptions')).toContainText(`${y}年${m}月${d}日`);

  // The day after the notice: hire (the clock moves forward to tomorrow 00:00:30 in Beijing).
  const tomorrow = new Date(Date.UTC(y!, m! - 1, d! + 1) - 8 * 3600_000 + 30_000).toISOString();
  await fetch(`${base()}/local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ now: tomorrow }),
  });
  const chenRow = panel(page, '公示与录用').locator('.ant-table-row', { hasText: '陈静' });
  await chenRow.getByRole('button', { name: '录 用' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '录 用' }).click();
  await expect(chenRow).toContainText('已录用');
  const hired = await call(hr, 'GET', `/v1/recruitments/${recruitment.id}/candidates`);
  const chenCandidate = hired.items.find((c: { name: string }) => c.name === '陈静');
  expect(chenCandidate.hiredWorkerId).toMatch(/^w_/);
  await expect(page.getByText('录用（1）')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'console-recruitment-hired');
});

test('考核: inputs with a preview, a run watched to the end, results with the 20% cap, an exit proposal confirmed', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // A community of six who served through 2025 (API setup).
  const unit = `${city}/xinxing/hongqi/c2`;
  await call(hr, 'POST', '/v1/org-units', {
    id: unit,
    name: '东风社区',
    level: 'community',
    parentId: `${city}/xinxing/hongqi`,
    approvedQuota: 20,
  });
  const names = ['周一', '吴二', '郑三', '冯四', '陈五', '褚六'];
  const batch = await call(hr, 'POST', '/v1/transfers?effectiveOn=2025-01-02', {
    rows: names.map((name, i) => ({
      nationalId: nationalId(`198${i}-04-0${i + 1}`),
      name,
      org: unit,
      currentMonthlyPayFen: 300_000,
      education: 'college',
    })),
  });
  const people = batch.persons as { name: string; nationalId: string; workerId: string }[];
  const good = people.slice(0, 5);
  const failing = people[5]!;
  const post = (kind: string, rows: Record<string, unknown>[]) =>
    call(hr, 'POST', `/v1/evaluation-inputs/${kind}`, { rows });
  await post(
    'departments',
    people.map((p) => ({
      workerId: p.workerId,
      period: '2025',
      department: '街道办',
      score: p === failing ? 20 : 98,
    })),
  );
  await post(
    'duty',
    people.map((p) => ({
      workerId: p.workerId,
      period: '2025',
      gridPatrols: p === failing ? 10 : 300,
      householdVisits: p === failing ? 10 : 400,
    })),
  );
  await post(
    'work-orders',
    people.map((p) => ({
      workerId: p.workerId,
      period: '2025',
      assigned: 100,
      completed: p === failing ? 20 : 100,
      satisfied: p === failing ? 10 : 100,
    })),
  );

  // The poll through the console: a row naming nobody is refused first, then the fixed sheet is saved.
  await openConsole(page, '/hr/evaluations');
  await expect(page.getByRole('heading', { name: '考核' })).toBeVisible();
  const header = ['身份证号', '姓名', '考核期间', '测评得分'];
  const pollRows = people.map((p) => [p.nationalId, p.name, '2025', p === failing ? 25 : 99]);
  await chooseSheet(page, '居民测评.xlsx', [
    header,
    ...pollRows,
    [nationalId('1970-01-01'), '查无此人', '2025', 80],
  ]);
  await expect(page.locator('tr.upload-row-error')).toHaveCount(1);
  await expect(page.locator('tr.upload-row-error')).toContainText(
    '人员不存在、不在您的管辖范围或该期间不在岗',
  );
  await expectAccessible(page);
  await screenshot(page, 'console-evaluation-inputs-refused');
  await chooseSheet(page, '居民测评.xlsx', [header, ...pollRows]);
  await expect(page.getByText('共 6 行，全部校验通过')).toBeVisible();
  await page.getByRole('button', { name: '确认上传' }).click();
  await expect(page.getByText('已保存 6 行（6 人，考核期间：2025）')).toBeVisible();

  // Start the annual run and watch it complete.
  await page.getByRole('tab', { name: '考核计算' }).click();
  // A month picker by default (last month); 年度考核 turns it into a year picker. 2025 is typed in.
  await page.getByText('年度考核', { exact: true }).click();
  const period = page.getByLabel('考核期间');
  await period.fill('2025年');
  await period.press('Enter');
  await expect(period).toHaveValue('2025年');
  await page.getByRole('button', { name: '启动考核计算' }).click();
  const run = panel(page, '考核计算').locator('.ant-table-row', { hasText: '2025' }).first();
  await expect(run).toContainText('已完成', { timeout: 60_000 });
  await expect(run).toContainText('年度');
  await expectAccessible(page);
  await screenshot(page, 'console-evaluation-run');

  // Results: at most 20 % 优秀 (six workers → one), the rest of the top capped to 称职, one 不称职.
  await page.goto(`/hr/evaluations?tab=results&org=${encodeURIComponent(unit)}&period=2025`);
  const rows = panel(page, '考核结果').locator('.ant-table-row');
  await expect(rows).toHaveCount(6);
  // The period in the address is shown in the year picker, the Chinese way.
  await expect(panel(page, '考核结果').getByLabel('考核期间')).toHaveValue('2025年');
  const api = await call(hr, 'GET', `/v1/evaluations/results?org=${encodeURIComponent(unit)}&period=2025`);
  const grades = api.items.map((r: { grade: string }) => r.grade);
  expect(grades.filter((g: string) => g === 'excellent')).toHaveLength(1);
  expect(grades.filter((g: string) => g === 'failed')).toHaveLength(1);
  await expect(page.getByText('优秀 1 人，上限 1 人（本单位 6 人 × 20%，向下取整）')).toBeVisible();
  await expect(rows.filter({ hasText: '受优秀比例限制' })).toHaveCount(4);
  await expect(rows.filter({ hasText: failing.name })).toContainText('不称职');
  for (const p of good) await expect(rows.filter({ hasText: p.name })).not.toContainText('不称职');
  await expectAccessible(page);
  await screenshot(page, 'console-evaluation-results');
  // On a phone the unit, the kind of period and the picker wrap; the period stays chosen.
  await screenshotAtPhone(
    page,
    'console-evaluation-results-phone',
    panel(page, '考核结果').getByLabel('考核期间'),
  );
  await expect(panel(page, '考核结果').getByLabel('考核期间')).toHaveValue('2025年');

  // 统计 for 2025: the annual run's grades, and the work orders it read (5 × 100 done and satisfied;
  // the failing worker 20 of 100 done, 10 satisfied), as GET /v1/stats has them.
  await page.goto('/hr/stats');
  await pickOption(
    page,
    page.locator('.ant-select', { has: page.getByRole('combobox', { name: '统计年度' }) }),
    '2025 年',
  );
  const stats = await call(hr, 'GET', `/v1/stats?org=${encodeURIComponent(city)}&year=2025`);
  expect(stats.evaluation.workOrders).toMatchObject({ assigned: 600, completed: 520, satisfied: 510 });
  const orders = page.getByTestId('fig-work-orders');
  await expect(orders).toContainText(
    `工单办理（年度考核，办结率 ${stats.evaluation.workOrders.completionRate.toFixed(1)}%，满意率 ${stats.evaluation.workOrders.satisfactionRate.toFixed(1)}%）`,
  );
  await expect(orders.locator('td[data-cell="派单|value"]')).toHaveText('600');
  await expect(orders.locator('td[data-cell="办结|rate"]')).toHaveText('86.7%');
  await expect(orders.locator('td[data-cell="满意|value"]')).toHaveText('510');
  await expect(page.getByTestId('fig-evaluation')).toContainText('考核等次（2025 年度考核，6 人');
  await expect(page.getByTestId('fig-evaluation').locator('td[data-cell="不称职|value"]')).toHaveText('1');
  await screenshot(page, 'console-stats-evaluation');
  // The worker's own page lists the result under its period written the Chinese way (2025年, not 2025).
  await page.goto(`/hr/workers/${failing.workerId}`);
  await page.getByRole('tab', { name: '考核' }).click();
  const result = page.getByRole('tabpanel', { name: '考核' }).locator('.ant-table-row');
  await expect(result).toHaveCount(1);
  await expect(result.getByRole('cell').first()).toHaveText('2025年');
  await expect(result).toContainText('不称职');

  // The failed year proposes an exit: HR confirms it.
  await page.goto('/hr/evaluations');
  await page.getByRole('tab', { name: '清退建议' }).click();
  const proposal = panel(page, '清退建议').locator('.ant-table-row', { hasText: failing.name });
  await expect(proposal).toContainText('年度考核不称职');
  await expectAccessible(page);
  await screenshot(page, 'console-evaluation-proposals');
  await proposal.getByRole('button', { name: '确认清退' }).click();
  const today = beijingDay(await clockNow());
  await page.getByLabel('离职日期').fill(today);
  await page.getByLabel('离职日期').press('Enter');
  await page.getByRole('button', { name: '提 交' }).click();
  await expect(proposal).toHaveCount(0);
  const worker = await call(hr, 'GET', `/v1/workers/${failing.workerId}`);
  expect(worker.status).toBe('exited');
});
