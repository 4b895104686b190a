import { describe, expect, it } from 'vitest';
import { withLabels } from '#shared/domain/labels.ts';

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
    expect(withLabels({ job: 'grade-step', status: 'failed', trigger: 'catch-up' })).toMatchObject({
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
