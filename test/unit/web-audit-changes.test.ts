import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionName, auditActionNames } from '#shared/domain/vocabulary.ts';
import { actionName, changedFields, systemActorName } from '../../web/src/desktop/components/auditChanges.ts';

// The audit trail as HR reads it: Chinese names, policy versions by name, org units left as ids
// for the screen to show by name, unchanged and bookkeeping fields left out.
describe('changedFields', () => {
  it("reads an org unit's quota cut in Chinese", () => {
    const rows = changedFields(
      {
        approvedQuota: null,
        quota: 216,
        parentId: 'qth',
        quotaPolicyVersion: 'quota/default',
        level: 'district',
        version: 3,
      },
      {
        approvedQuota: 0,
        quota: 0,
        parentId: 'qth',
        quotaPolicyVersion: 'quota/2027',
        allowOverQuota: true,
        level: 'district',
        version: 4,
      },
      'org-unit:qth/taoshan',
    );
    expect(rows.map((r) => [r.name, r.before, r.after])).toEqual([
      ['核定编制', '—', '0'],
      ['编制数', '216', '0'],
      ['允许超编', '—', '是'],
      ['编制政策版本', '默认标准（规则手册）', 'quota/2027'],
    ]);
  });

  it('leaves org unit ids for the screen to name, and names a move', () => {
    const [org, since] = changedFields(
      { org: 'qth/xinxing/hongqi/c1' },
      { org: 'qth/taoshan/taoxi/c2', orgSince: '2026-03-02' },
      'worker:w_1',
    );
    expect(org).toMatchObject({
      name: '所在单位',
      orgBefore: 'qth/xinxing/hongqi/c1',
      orgAfter: 'qth/taoshan/taoxi/c2',
    });
    expect(since).toMatchObject({ name: '调入本单位日期', before: '—', after: '2026年3月2日' });
    expect(since).not.toHaveProperty('orgAfter');
  });

  // Three entries as GET /v1/audit returned them for a worker of the demo city: none may show a field
  // name or a code in English (only the e-mail, user name and certificate number, which are data).
  it('reads a step counted by the job, an account opened and a certificate recorded in Chinese', () => {
    const counted = changedFields(
      {
        step: { consecutiveExcellent: 0, earlyStepsTaken: 0, yearsCountedInGrade: 0, grade: 2 },
        grade: 2,
      },
      {
        reason: 'partial-year',
        step: {
          consecutiveExcellent: 0,
          earlyStepsTaken: 0,
          yearsCountedInGrade: 0,
          lastStepYear: 2027,
          grade: 2,
        },
        year: 2027,
        grade: 2,
      },
      'worker:w_1',
    );
    expect(counted.find((f) => f.field === 'reason')).toMatchObject({
      name: '原因',
      after: '上年度未满整年，不计入',
    });
    expect(counted.find((f) => f.field === 'year')).toMatchObject({ name: '年度', after: '2027' });
    expect(counted.find((f) => f.field === 'step')?.after).toContain('最近处理的晋档年度：2027');
    const account = changedFields(
      null,
      { email: 'worker@qth.example.cn', username: 'w_55eaf93b02064ecd', role: 'worker' },
      'worker:w_1',
    );
    expect(account.map((f) => [f.name, f.after])).toEqual([
      ['邮箱', 'worker@qth.example.cn'],
      ['用户名', 'w_55eaf93b02064ecd'],
      ['角色', '社区工作者'],
    ]);
    const [certificate] = changedFields(
      { certificates: [] },
      {
        certificate: {
          number: 'ZS2025230900000',
          registeredOn: '2026-01-05',
          level: 'intermediate',
          levelLabel: '社会工作师',
          issuedOn: '2025-11-20',
        },
      },
      'worker:w_1',
    );
    expect(certificate).toMatchObject({
      name: '职业资格证书',
      after:
        '证书编号：ZS2025230900000；登记日期：2026年1月5日；证书等级：社会工作师；发证日期：2025年11月20日',
    });
    const english = /[A-Za-z]/;
    for (const f of [...counted, ...(certificate ? [certificate] : [])])
      expect(`${f.name} ${f.before} ${f.after}`.replace('ZS2025230900000', '')).not.toMatch(english);
    for (const f of account) expect(f.name).not.toMatch(english);
  });

  it('names a scheduled job as the actor of its changes, and leaves a person to the screen', () => {
    expect(systemActorName('job:grade-step')).toBe('系统定时任务（年度晋档）');
    expect(systemActorName('job:something-new')).toBe('系统定时任务（something-new）');
    expect(systemActorName('hr:qth')).toBeUndefined();
  });

  it("shows the API's label beside a code, and names actions", () => {
    const [channel] = changedFields(null, { channel: 'transfer', channelLabel: '调入' }, 'worker:w_1');
    expect(channel).toMatchObject({ name: '进入方式', after: '调入' });
    expect(actionName('worker.hired')).toBe('录用');
    expect(actionName('something.new')).toBe('something.new');
  });
});

describe('auditActionNames', () => {
  // Every action code written anywhere in shared/ or functions/ (a quoted `family.what`), so a new
  // action cannot reach the 审计 screen without its Chinese name.
  const root = join(import.meta.dirname, '../..');
  const sources = ['shared', 'functions'].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(join(root, dir, file), 'utf8')),
  );
  const fileNames = /\.(html|js|css|json|ts|xlsx|csv)$/;
  const codes = new Set(
    sources.flatMap((text) =>
      [...text.matchAll(/'([a-z][a-z-]*\.[a-z][a-z-]*)'/g)]
        .map((m) => m[1]!)
        .filter((c) => !fileNames.test(c)),
    ),
  );

  it('names every action the use cases record', () => {
    expect(codes.size).toBeGreaterThan(60);
    expect([...codes].filter((code) => !(code in auditActionNames))).toEqual([]);
  });

  it("names a recruitment's stage changes by the stage", () => {
    expect(auditActionName('recruitment.stage-notice')).toBe('招聘进入公示阶段');
    expect(auditActionName('worker.moved')).toBe('调动');
  });
});

describe('changedFields of a record created', () => {
  it('lists a person as a 登记表 does: name and particulars first, whatever order the document had', () => {
    const rows = changedFields(
      null,
      {
        status: 'active',
        education: 'master',
        org: 'qth/c1',
        name: '王丽',
        grade: 9,
        nationalId: '2309',
        sex: 'female',
      },
      'worker:w_1',
    );
    expect(rows.map((r) => r.name)).toEqual(['姓名', '身份证号', '性别', '学历', '所在单位', '状态', '等级']);
  });
});

describe('changedFields of an update that records only what changed', () => {
  it('lists the fields of the after document, not the rest of the before as cleared', () => {
    const rows = changedFields(
      { level: 'district', quota: 216, used: 1, overQuotaBy: 0 },
      { quota: 0, overQuotaBy: 1 },
      'org-unit:qth/taoshan',
    );
    expect(rows.map((r) => [r.name, r.before, r.after])).toEqual([
      ['编制数', '216', '0'],
      ['超编人数', '0', '1'],
    ]);
    // A removal still shows what was there.
    expect(changedFields({ note: '旧' }, null).map((r) => [r.name, r.before, r.after])).toEqual([
      ['备注', '旧', '—'],
    ]);
  });
});
