import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitSituations } from '#shared/domain/exits.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

/** Chinese labels accepted as aliases of codes on input, and returned beside the code as `<field>Label`. */
let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;

const C1 = 'qth/xinxing/hongqi/c1';
const G1 = 'qth/xinxing/hongqi/c1/g1';

beforeAll(async () => {
  h = await startHarness({ now: '2026-03-02T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
});
afterAll(async () => h?.stop());

const detailMessages = (res: { body: { error: { details: { message: string }[] } } }) =>
  res.body.error.details.map((d) => d.message).join('\n');

describe('Chinese values as aliases, labels beside codes', () => {
  it('opens a recruitment and registers a candidate with Chinese values; echoes code and label', async () => {
    const opened = await hr.post('/v1/recruitments', {
      title: '协辅人员招聘',
      org: C1,
      places: 1,
      post: '社区工作者',
      channel: '协辅人员招聘',
    });
    expect(opened.status, opened.text).toBe(201);
    expect(opened.body).toMatchObject({
      post: 'staff',
      postLabel: '社区工作者',
      channel: 'helper-appointment',
      channelLabel: '协辅人员招聘',
    });
    const candidate = await hr.post(`/v1/recruitments/${opened.body.id}/candidates`, {
      nationalId: nationalIdFor('1996-04-01'),
      name: '候选人',
      education: '大专',
      certificateLevel: '助理社会工作师',
      politicalRecordClear: true,
      meetsHealthRequirement: true,
      hasLocalResidence: true,
    });
    expect(candidate.status, candidate.text).toBe(201);
    expect(candidate.body).toMatchObject({
      education: 'college',
      educationLabel: '大专',
      certificateLevel: 'assistant',
      certificateLevelLabel: '助理社会工作师',
    });
    // Codes still work, and read back with labels too.
    const read = await hr.get(`/v1/recruitments/${opened.body.id}/candidates/${candidate.body.id}`);
    expect(read.body).toMatchObject({ education: 'college', educationLabel: '大专' });
    const list = await hr.get(`/v1/recruitments/${opened.body.id}/candidates`);
    expect(list.body.items[0]).toMatchObject({
      certificateLevel: 'assistant',
      certificateLevelLabel: '助理社会工作师',
    });
  });

  it('takes an org level, a training level and a certificate level by their Chinese names', async () => {
    const unit = await hr.post('/v1/org-units', {
      id: 'qth/xinxing/hongqi/c1/g2',
      name: '第二网格',
      level: '网格',
      parentId: C1,
      urbanPopulation: 800,
    });
    expect(unit.status, unit.text).toBe(201);
    expect(unit.body).toMatchObject({ level: 'grid', levelLabel: '网格' });
    expect((await hr.get(`/v1/org-units/${encodeURIComponent(C1)}`)).body).toMatchObject({
      level: 'community',
      levelLabel: '社区',
    });

    const event = await hr.post('/v1/training-events', {
      title: '社区治理专题培训',
      level: '社区微课堂',
      date: '2026-03-01',
      hours: 2,
      org: C1,
    });
    expect(event.status, event.text).toBe(201);
    expect(event.body).toMatchObject({ level: 'community', levelLabel: '社区微课堂' });

    const worker = await seedWorker(h, { org: G1, hiredOn: '2026-01-05' });
    const cert = await hr.post(`/v1/workers/${worker.id}/certificates`, {
      level: '社会工作师',
      number: 'ZS2025230900999',
      issuedOn: '2025-10-01',
      registeredOn: '2026-01-10',
    });
    expect(cert.status, cert.text).toBe(201);
    expect(JSON.stringify(cert.body)).toContain('"level":"intermediate"');
    expect(JSON.stringify(cert.body)).toContain('"levelLabel":"社会工作师"');
  });

  it('records an exit given as 辞职 and labels the situation', async () => {
    const worker = await seedWorker(h, { org: G1, hiredOn: '2026-01-05' });
    const exit = await hr.post(`/v1/workers/${worker.id}/exits`, {
      situation: '辞职',
      effectiveOn: '2026-03-01',
      evidence: '本人辞职申请',
    });
    expect(exit.status, exit.text).toBe(201);
    const resignation = exitSituations.find((s) => s.code === 'resignation-or-non-renewal')!;
    expect(exit.body.exit).toMatchObject({
      situation: resignation.situation,
      situationLabel: resignation.zh,
      code: 'resignation-or-non-renewal',
    });
  });

  it('labels statuses, stages, history events and failed criteria by the record that holds them', async () => {
    const worker = await seedWorker(h, { org: G1, hiredOn: '2026-01-05' });
    const read = await hr.get(`/v1/workers/${worker.id}`);
    expect(read.body).toMatchObject({
      status: 'active',
      statusLabel: '在岗',
      post: 'staff',
      postLabel: '社区工作者',
      channel: 'open-recruitment',
      channelLabel: '公开招聘',
      probation: { status: 'serving', statusLabel: '试用期中' },
    });
    const exited = await hr.post(`/v1/workers/${worker.id}/exits`, {
      situation: 5,
      effectiveOn: '2026-03-01',
      evidence: '本人辞职申请',
    });
    expect(exited.status, exited.text).toBe(201);
    expect((await hr.get(`/v1/workers/${worker.id}`)).body).toMatchObject({ statusLabel: '已离职' });
    const history = await hr.get(`/v1/workers/${worker.id}/history`);
    expect(history.body.items).toContainEqual(
      expect.objectContaining({ event: 'exited', eventLabel: '离职' }),
    );

    const opened = await hr.post('/v1/recruitments', { title: '招聘', org: C1, places: 1 });
    expect(opened.body).toMatchObject({ stage: 'open', stageLabel: '报名' });
    const candidate = await hr.post(`/v1/recruitments/${opened.body.id}/candidates`, {
      nationalId: nationalIdFor('1996-05-01'),
      name: '未通过者',
      education: '高中',
      politicalRecordClear: true,
      meetsHealthRequirement: true,
      hasLocalResidence: false,
    });
    expect(candidate.status, candidate.text).toBe(201);
    expect(candidate.body.eligibility.failed).toEqual(['education', 'residence']);
    expect(candidate.body.eligibility.failedLabels).toEqual(['学历', '户籍或居住地']);
  });

  it('declares the labels in the OpenAPI document', async () => {
    const doc = (await hr.get('/openapi.json')).body;
    const schemas = doc.components.schemas;
    expect(schemas.Worker.properties.statusLabel).toMatchObject({ type: 'string' });
    expect(schemas.Worker.properties.postLabel).toMatchObject({ type: 'string' });
    expect(schemas.Recruitment.properties.stageLabel).toMatchObject({ type: 'string' });
    expect(schemas.Candidate.properties.eligibility.properties.failedLabels).toMatchObject({ type: 'array' });
    expect(schemas.EvaluationResult.properties.gradeLabel).toMatchObject({ type: 'string' });
    expect(schemas.ExitProposal.properties.statusLabel).toMatchObject({ type: 'string' });
  });

  it('refuses an unknown value, listing the accepted ones in Chinese (or English on request)', async () => {
    const opened = await hr.post('/v1/recruitments', { title: '招聘', org: C1, places: 1 });
    const body = {
      nationalId: nationalIdFor('1996-04-02'),
      name: '候选人',
      education: '小学',
      politicalRecordClear: true,
      meetsHealthRequirement: true,
      hasLocalResidence: true,
    };
    const zh = await hr.post(`/v1/recruitments/${opened.body.id}/candidates`, body);
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('VALIDATION_FAILED');
    const zhText = detailMessages(zh);
    expect(zhText).toContain('无效的取值“小学”');
    for (const accepted of [
      '高中（high-school）',
      '大专（college）',
      '本科（bachelor）',
      '硕士研究生（master）',
    ])
      expect(zhText).toContain(accepted);

    const en = await hr.post(`/v1/recruitments/${opened.body.id}/candidates`, body, {
      headers: { 'accept-language': 'en' },
    });
    expect(en.status).toBe(400);
    expect(detailMessages(en)).toContain(
      '"小学" is not accepted; use one of: high-school (高中), college (大专)',
    );

    const worker = await seedWorker(h, { org: G1, hiredOn: '2026-01-05' });
    const badExit = await hr.post(`/v1/workers/${worker.id}/exits`, {
      situation: '跳槽',
      effectiveOn: '2026-03-01',
      evidence: '——',
    });
    expect(badExit.status).toBe(400);
    expect(detailMessages(badExit)).toContain('5 本人辞职或合同期满不再续聘（resignation-or-non-renewal）');
  });
});
