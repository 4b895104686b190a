import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';
import { excelCsv, XLSX, xlsxOf } from '../support/spreadsheets.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/**
 * `?dryRun=true` on bulk uploads (the console's preview): every row comes back with its cells,
 * what it would record and its errors in Chinese; nothing is saved; an Idempotency-Key on a dry
 * run never answers the commit.
 */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
const G1 = 'qth/xinxing/hongqi/c1/g1';
let worker: WorkerRecord;

const csv = (path: string, lines: string[], headers?: Record<string, string>) =>
  hr.post(path, undefined, { raw: excelCsv(lines), ...(headers ? { headers } : {}) });
const headcount = async () => (await hr.get(`/v1/org-units/${orgPath(C1)}`)).body.used as number;

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02
  ({ hr } = await seedOrgTree(h));
  worker = await seedWorker(h, { name: '在岗社工', org: G1 });
}, 120_000);
afterAll(async () => h?.stop());

describe('transfers', () => {
  const header = ['身份证号', '姓名', '所在单位', '现月工资（元）', '学历'];
  const good = [nationalIdFor('1988-03-12'), '李梅', G1, '3200.00', 'bachelor'];

  it('previews an .xlsx row by row with the mapped grade and pay, saving nothing', async () => {
    const before = await headcount();
    const res = await hr.post('/v1/transfers?dryRun=true', undefined, {
      raw: await xlsxOf([header, good, [nationalIdFor('1990-01-01'), '王五', G1, '3000', 'college']]),
      contentType: XLSX,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, ok: true, error: null });
    expect(res.body.columns).toContainEqual({ field: 'nationalId', label: '身份证号' });
    expect(res.body.rows).toHaveLength(2);
    const [first, second] = res.body.rows;
    expect(first).toMatchObject({ row: 1, line: 2, errors: [], cells: { name: '李梅', org: G1 } });
    expect(first.result.previousPayFen).toBe(320_000);
    expect(first.result.payFen).toBeGreaterThanOrEqual(320_000);
    expect(first.result.grade).toEqual(expect.any(Number));
    expect(second.result.payFen).toBeGreaterThanOrEqual(300_000);
    expect(await headcount()).toBe(before);
    const list = await hr.get(`/v1/workers?org=${orgPath(C1)}`);
    expect(list.body.items.map((w: any) => w.name)).not.toContain('李梅');
  });

  it('names the invalid row (zod, in Chinese) and keeps the valid one', async () => {
    const res = await csv('/v1/transfers?dryRun=true', [
      header.join(','),
      good.join(','),
      `${nationalIdFor('1991-01-01')},赵六,${G1},三千元,bachelor`,
    ]);
    expect(res.status, res.text).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.rows[0].errors).toEqual([]);
    expect(res.body.rows[1].errors.length).toBeGreaterThan(0);
    // Named under the sheet's own 元 column, not the fen field it would have become.
    expect(res.body.rows[1].errors).toEqual([
      expect.objectContaining({
        path: 'currentMonthlyPayYuan',
        message: '请填写金额（元），最多两位小数，如 3100.00',
      }),
    ]);
  });

  it('spreads a business refusal over the rows it names, in Chinese', async () => {
    const res = await csv('/v1/transfers?dryRun=true', [
      header.join(','),
      good.join(','),
      `${nationalIdFor('1992-01-01')},钱七,qth/xinxing/hongqi,3000,bachelor`,
    ]);
    expect(res.status, res.text).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.error.code).toBe('INVALID_PLACEMENT');
    expect(res.body.rows[0].errors).toEqual([]);
    expect(res.body.rows[1].errors).toEqual([
      { path: '', code: 'NOT_A_PLACEMENT_UNIT', message: '只能安排到社区或网格' },
    ]);

    const active = await csv('/v1/transfers?dryRun=true', [
      header.join(','),
      `${worker.nationalId},${worker.name},${G1},3000,bachelor`,
    ]);
    expect(active.body.error.code).toBe('ALREADY_ACTIVE_WORKER');
    expect(active.body.rows[0].errors[0]).toMatchObject({
      code: 'ALREADY_ACTIVE_WORKER',
      message: '此人已是在岗社区工作者',
    });

    const repeated = await csv('/v1/transfers?dryRun=true', [
      header.join(','),
      good.join(','),
      good.join(','),
    ]);
    expect(repeated.body.rows[1].errors[0]).toMatchObject({
      code: 'ROW_REPEATS_ROW',
      message: '与第 1 行重复',
    });
  });

  it('a dry run with an Idempotency-Key does not answer the commit with the same key', async () => {
    const lines = [header.join(','), good.join(',')];
    const key = { 'idempotency-key': 'transfer-li-mei' };
    const preview = await csv('/v1/transfers?dryRun=true', lines, key);
    expect(preview.status).toBe(200);
    const before = await headcount();
    const committed = await csv('/v1/transfers', lines, key);
    expect(committed.status, committed.text).toBe(201);
    expect(committed.body.persons[0]).toMatchObject({
      name: '李梅',
      payFen: preview.body.rows[0].result.payFen,
    });
    expect(await headcount()).toBe(before + 1);
  });
});

describe('scores and evaluation inputs', () => {
  it('previews scores with the candidate each row names; a refused row is named', async () => {
    const opened = await hr.post('/v1/recruitments', { title: '社区工作者招聘', org: C1, places: 1 });
    const r = opened.body.id;
    const person = nationalIdFor('1996-04-01');
    const reg = await hr.post(`/v1/recruitments/${r}/candidates`, {
      nationalId: person,
      name: '候选人',
      education: 'college',
      politicalRecordClear: true,
      meetsHealthRequirement: true,
      hasLocalResidence: true,
    });
    expect(reg.status, reg.text).toBe(201);
    expect((await hr.post(`/v1/recruitments/${r}/stage`, { to: 'written-exam' })).status).toBe(200);
    const res = await csv(`/v1/recruitments/${r}/scores?dryRun=true`, [
      '姓名,身份证号,笔试成绩',
      `候选人,${person},82.5`,
      `无名,${nationalIdFor('1997-01-01')},70`,
    ]);
    expect(res.status, res.text).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.error.code).toBe('SCORES_REJECTED');
    expect(res.body.rows[0].errors).toEqual([]);
    expect(res.body.rows[1].errors).toHaveLength(1);
    expect(res.body.rows[1].errors[0].message).toMatch(/[\u4e00-\u9fff]/);

    const ok = await csv(`/v1/recruitments/${r}/scores?dryRun=true`, [
      '姓名,身份证号,笔试成绩',
      `候选人,${person},82.5`,
    ]);
    expect(ok.body).toMatchObject({
      ok: true,
      rows: [{ row: 1, result: { candidateId: reg.body.id, written: 82.5 } }],
    });
    const candidates = (await hr.get(`/v1/recruitments/${r}/candidates`)).body.items;
    expect(candidates[0].scores.written).toBeNull();
  });

  it('previews evaluation inputs; an unknown worker is named by row, nothing saved', async () => {
    const res = await csv('/v1/evaluation-inputs/poll?dryRun=true', [
      '身份证号,考核期间,测评得分',
      `${worker.nationalId},2026-02,88`,
      `${nationalIdFor('1970-01-01')},2026-02,70`,
    ]);
    expect(res.status, res.text).toBe(200);
    expect(res.body.error.code).toBe('UNKNOWN_WORKERS');
    expect(res.body.rows[0].errors).toEqual([]);
    expect(res.body.rows[1].errors[0]).toMatchObject({ code: 'ROW_WORKER_NOT_HERE' });
    const ok = await csv('/v1/evaluation-inputs/poll?dryRun=true', [
      '身份证号,考核期间,测评得分',
      `${worker.nationalId},2026-02,88`,
    ]);
    expect(ok.body.ok).toBe(true);
    const inputs = (await hr.get(`/v1/evaluation-inputs?workerId=${worker.id}&period=2026-02`)).body;
    expect(inputs.poll ?? null).toBeNull();
  });
});

describe('training attendance', () => {
  it('previews an attendance sheet with the hours each row would credit; refusals named by row; nothing saved', async () => {
    const event = await hr.post('/v1/training-events', {
      title: '社区治理专题培训',
      level: 'community',
      org: C1,
      date: '2026-02-27',
      hours: 4,
    });
    expect(event.status, event.text).toBe(201);
    const path = `/v1/training-events/${event.body.id}/attendance?dryRun=true`;
    const ok = await csv(path, ['姓名,身份证号,学时', `在岗社工,${worker.nationalId},3`]);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ dryRun: true, ok: true, error: null });
    expect(ok.body.rows).toEqual([expect.objectContaining({ row: 1, errors: [], result: { hours: 3 } })]);

    const tooLong = await csv(path, ['姓名,身份证号,学时', `在岗社工,${worker.nationalId},5`]);
    expect(tooLong.body.ok).toBe(false);
    expect(tooLong.body.rows[0].errors[0]).toMatchObject({ path: 'hours' });

    const stranger = await csv(path, [
      '姓名,身份证号',
      `在岗社工,${worker.nationalId}`,
      `陌生人,${nationalIdFor('1969-01-01')}`,
    ]);
    expect(stranger.body.error.code).toBe('UNKNOWN_WORKERS');
    expect(stranger.body.rows[0]).toMatchObject({ errors: [], cells: { name: '在岗社工' } });
    expect(stranger.body.rows[1].errors[0]).toMatchObject({ code: 'ROW_WORKER_NOT_HERE' });

    const after = await hr.get(`/v1/training-events/${event.body.id}`);
    expect(after.body.attendees).toBe(0);
    const attendance = await hr.get(`/v1/training-events/${event.body.id}/attendance`);
    expect(attendance.body.items).toEqual([]);
    const committed = await csv(
      `/v1/training-events/${event.body.id}/attendance`,
      ['姓名,身份证号,学时', `在岗社工,${worker.nationalId},3`],
      { 'idempotency-key': 'attendance-commit-1' },
    );
    expect(committed.status, committed.text).toBe(201);
    expect(committed.body).toMatchObject({
      recorded: 1,
      attendees: 1,
      items: [{ workerId: worker.id, hours: 3 }],
    });
  });
});
