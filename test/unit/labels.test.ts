import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scheduledJobs } from '#functions/jobs/manifest.ts';
import { labelsReplacer, withLabels } from '#shared/domain/labels.ts';

describe('withLabels: <field>Label beside every enumerated code', () => {
  it('labels codes at any depth and keeps a label already given', () => {
    expect(
      withLabels({
        post: 'staff',
        grade: 3,
        items: [{ certificateLevel: 'senior', mode: 'case-analysis' }],
        exit: { situation: 5, code: 'resignation-or-non-renewal' },
        role: 'head',
        roleLabel: '自定',
      }),
    ).toEqual({
      post: 'staff',
      postLabel: '社区工作者',
      grade: 3,
      items: [
        {
          certificateLevel: 'senior',
          certificateLevelLabel: '高级社会工作师',
          mode: 'case-analysis',
          modeLabel: '案例解析',
        },
      ],
      exit: {
        situation: 5,
        situationLabel: '本人辞职或合同期满不再续聘',
        code: 'resignation-or-non-renewal',
      },
      role: 'head',
      roleLabel: '自定',
    });
  });

  it('reads level by its holder: org unit, certificate or training event', () => {
    expect(withLabels({ level: 'city', parentId: null })).toMatchObject({ levelLabel: '市' });
    expect(withLabels({ level: 'city', hours: 2 })).toMatchObject({ levelLabel: '市级培训' });
    expect(withLabels({ level: 'assistant' })).toMatchObject({ levelLabel: '助理社会工作师' });
  });

  it('adds nothing for unknown codes, nulls and non-enumerated numbers', () => {
    expect(withLabels({ post: 'nobody', education: null, grade: 7, role: 'hr' })).toEqual({
      post: 'nobody',
      education: null,
      grade: 7,
      role: 'hr',
    });
  });

  it('reads a shared field name (status, level, reason) by the record that holds it', () => {
    expect(withLabels({ id: 'w_1', nationalId: 'x', status: 'exited' })).toMatchObject({
      statusLabel: '已离职',
    });
    expect(withLabels({ id: 'b_1', stepCount: 3, status: 'rolled-back' })).toMatchObject({
      statusLabel: '已回滚',
    });
    expect(withLabels({ status: 'confirmed', endsOn: '2026-01-01', extendedMonths: 0 })).toMatchObject({
      statusLabel: '已转正',
    });
    expect(withLabels({ id: 'p', workerId: 'w', runId: 'r', year: 2026, status: 'confirmed' })).toMatchObject(
      {
        statusLabel: '已确认',
      },
    );
    expect(withLabels({ mentorId: 'a', menteeId: 'b', status: 'active' })).toMatchObject({
      statusLabel: '带教中',
    });
    // Every scheduled job has its Chinese name (定时任务 lists them by it).
    for (const job of scheduledJobs)
      expect(withLabels({ job: job.name })).toHaveProperty(
        'jobLabel',
        expect.stringMatching(/\p{Script=Han}/u),
      );
    expect(withLabels({ job: 'grade-step', status: 'failed', trigger: 'catch-up' })).toMatchObject({
      jobLabel: '年度晋档',
      statusLabel: '失败',
      triggerLabel: '补跑',
    });
    expect(withLabels({ id: 'c1', status: 'pending-review', rejectedBy: [] })).toMatchObject({
      statusLabel: '待联审',
    });
    expect(withLabels({ id: 'qth', name: '七台河市', level: 'city' })).toMatchObject({ levelLabel: '市' });
    expect(withLabels({ eventId: 'e', level: 'city', hours: 2 })).toMatchObject({ levelLabel: '市级培训' });
    expect(withLabels({ effectiveOn: '2026-01-01', grade: 3, reason: 'step' })).toMatchObject({
      reasonLabel: '正常晋级',
    });
    expect(withLabels({ reason: 'failed-year', situation: 1 })).toMatchObject({
      reasonLabel: '年度考核不称职',
    });
    expect(withLabels({ stage: 'written-exam', kind: 'annual', event: 'transferred-in' })).toMatchObject({
      stageLabel: '笔试',
      kindLabel: '年度',
      eventLabel: '调入',
    });
  });

  it('labels a list of codes beside it, and leaves free text unlabelled', () => {
    expect(withLabels({ failed: ['age', 'education'] })).toEqual({
      failed: ['age', 'education'],
      failedLabels: ['年龄', '学历'],
    });
    expect(withLabels({ reason: '名额调整', status: 'something' })).toEqual({
      reason: '名额调整',
      status: 'something',
    });
  });
});

describe('labelsReplacer: the labels written in the one serialisation of a response', () => {
  /** What the middleware wrote before: a JSON copy of the body, labelled, serialised again. */
  const viaCopy = (value: unknown) => JSON.stringify(withLabels(JSON.parse(JSON.stringify(value))));

  it('writes what labelling a JSON copy writes, key order included', () => {
    const body = {
      id: 'w_1',
      status: 'active',
      post: 'staff',
      hiredOn: new Date('2026-01-05T00:00:00Z'),
      note: undefined,
      exit: null,
      orgPath: [
        { id: 'qth', level: 'city' },
        { id: 'qth/a', level: 'community', levelLabel: '已有' },
      ],
      contract: { status: 'in-term', terms: [{ no: 1 }], daysLeft: undefined },
      probation: { status: 'confirmed', extendedMonths: 0, endsOn: undefined },
      result: { failed: ['age'], grade: 'excellent' },
    };
    const written = JSON.stringify(body, labelsReplacer);
    expect(written).toBe(viaCopy(body));
    expect(JSON.parse(written)).toMatchObject({
      statusLabel: '在岗',
      postLabel: '社区工作者',
      orgPath: [{ levelLabel: '市' }, { levelLabel: '已有' }],
      result: { failedLabels: ['年龄'] },
    });
  });

  it('a key JSON leaves out is unseen by the labellers (the status of a probation, not a contract)', () => {
    // `terms` undefined: the contract labeller must not take this for a contract.
    const body = { status: 'confirmed', extendedMonths: 0, terms: undefined };
    expect(JSON.stringify(body, labelsReplacer)).toBe(viaCopy(body));
  });

  it('agrees with labelling a JSON copy on any value made of labelled fields (fast-check)', () => {
    const codes = fc.constantFrom(
      'active',
      'exited',
      'staff',
      'city',
      'confirmed',
      'in-term',
      'excellent',
      'x',
    );
    const keys = fc.constantFrom(
      'status',
      'post',
      'level',
      'grade',
      'terms',
      'extendedMonths',
      'failed',
      'name',
      'statusLabel',
    );
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small' },
        codes,
        fc.constant(undefined),
        fc.constant(null),
        fc.integer(),
        fc.array(tie('tree'), { maxLength: 3 }),
        fc.dictionary(keys, tie('tree'), { maxKeys: 5, noNullPrototype: true }),
      ),
    }));
    fc.assert(
      fc.property(fc.dictionary(keys, tree, { maxKeys: 6, noNullPrototype: true }), (body) => {
        expect(JSON.stringify(body, labelsReplacer)).toBe(viaCopy(body));
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});
