import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#shared/context.ts';
import { evaluationKeys } from '#shared/db/entities/evaluation.ts';
import { mentorKeys } from '#shared/db/entities/mentoring.ts';
import { recruitmentKeys } from '#shared/db/entities/recruitment.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { checkConsistency, repairDrift } from '#shared/usecases/consistency.ts';
import { startEvaluationRun, type UnitMessage } from '#shared/usecases/evaluation-runs.ts';
import { scoreRunUnit } from '#shared/usecases/evaluation-scoring.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

// Counters a record keeps about its own children, recounted by the checker: a recruitment's
// candidates, eligible candidates and hires; a mentor's pairings ever made; an unfinished
// evaluation run's units done and workers scored. Each written through the real code, then
// corrupted in DynamoDB Local, found with its recount and repaired.

let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;
const C1 = 'qth/xinxing/hongqi/c1';
let recruitmentId = '';
let mentor: WorkerRecord;
let runId = '';

const ok = (res: { status: number; text: string }, status: number) =>
  expect(res.status, res.text.slice(0, 300)).toBe(status);
const person = (name: string, overrides: Record<string, unknown> = {}) => ({
  nationalId: nationalIdFor('1996-04-01'),
  name,
  education: 'college',
  politicalRecordClear: true,
  meetsHealthRequirement: true,
  hasLocalResidence: true,
  ...overrides,
});

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 in Shanghai
  ({ hr } = await seedOrgTree(h, { communityQuota: 100 }));

  // A recruitment through to two hires; a third candidate is ineligible.
  const opened = await hr.post('/v1/recruitments', { title: '社区工作者招聘', org: C1, places: 2 });
  ok(opened, 201);
  recruitmentId = opened.body.id;
  const ids: string[] = [];
  for (const p of [person('甲'), person('乙'), person('丙', { politicalRecordClear: false })]) {
    const res = await hr.post(`/v1/recruitments/${recruitmentId}/candidates`, p);
    ok(res, 201);
    ids.push(res.body.id);
  }
  const [a, b] = ids as [string, string];
  const stage = async (to: string) =>
    ok(await hr.post(`/v1/recruitments/${recruitmentId}/stage`, { to }), 200);
  await stage('written-exam');
  for (const id of [a, b])
    ok(await hr.put(`/v1/recruitments/${recruitmentId}/candidates/${id}/scores`, { written: 80 }), 200);
  await stage('interview');
  for (const id of [a, b])
    ok(await hr.put(`/v1/recruitments/${recruitmentId}/candidates/${id}/scores`, { interview: 80 }), 200);
  await stage('review');
  for (const id of [a, b])
    for (const department of ['organisation', 'civil-affairs', 'public-security'])
      ok(
        // Only an HR officer holding the department records its decision.
        await (await h.client('hr', 'qth', undefined, { department })).post(
          `/v1/recruitments/${recruitmentId}/candidates/${id}/reviews`,
          {
            department,
            decision: 'approve',
            note: '审查通过',
          },
        ),
        201,
      );
  await stage('notice');
  h.setNow('2026-03-20T02:00:00.000Z');
  for (const id of [a, b])
    ok(await hr.post(`/v1/recruitments/${recruitmentId}/candidates/${id}/hire`, {}), 201);

  // A mentor with two pairings.
  mentor = await seedWorker(h, { name: '导师', hiredOn: '2018-05-01', post: 'principal', grade: 10 });
  for (const name of ['新人一', '新人二']) {
    const mentee = await seedWorker(h, { name, hiredOn: '2026-01-10' });
    ok(
      await hr.post('/v1/mentorships', {
        mentorId: mentor.id,
        menteeId: mentee.id,
        startDate: mentee.hiredOn,
      }),
      201,
    );
  }

  // An evaluation run of February with one unit scored and the others still pending.
  const messages: UnitMessage[] = [];
  const queue = {
    send: async (_queue: string, batch: unknown[]) => void messages.push(...(batch as UnitMessage[])),
  };
  const run = await startEvaluationRun(h.store, queue, systemContext('consistency-test', h.now(), 'qth'), {
    period: '2026-02',
    org: 'qth',
  });
  runId = run.id;
  // Grids are ranked with their community: the community's unit holds its workers.
  expect(messages.length).toBeGreaterThan(1);
  const community = messages.find((m) => m.org === C1)!;
  expect(await scoreRunUnit(h.store, community, h.now())).not.toBe('unknown-run');
}, 180_000);
afterAll(async () => h?.stop());

describe('consistency checker: counters kept on recruitments, mentors and runs', () => {
  it('finds no drift in what the code wrote (and the figures are really there)', async () => {
    const recruitment = await h.store.get(recruitmentKeys.key(recruitmentId));
    expect(recruitment).toMatchObject({ candidateCount: 3, eligibleCount: 2, hiredCount: 2 });
    expect(await h.store.get(mentorKeys.key(mentor.id))).toMatchObject({ totalMentees: 2, activeMentees: 2 });
    const run = await h.store.get(evaluationKeys.run(runId));
    expect(run).toMatchObject({ status: 'running', unitsDone: 1 });
    expect(run?.workersScored).toBeGreaterThan(0);

    const report = await checkConsistency(h.store, { cities: ['qth'] });
    expect(report.checked).toMatchObject({ recruitments: 1, evaluationRuns: 1, mentors: 1 });
    expect(report.drift).toEqual([]);
  });

  it('reports each corrupted counter with its recount and records, and the repair sets it right', async () => {
    const corruptions: [{ pk: string; sk: string }, string, number, string][] = [
      [recruitmentKeys.key(recruitmentId), 'hiredCount', 1, 'recruitment'],
      [recruitmentKeys.key(recruitmentId), 'candidateCount', -1, 'recruitment'],
      [recruitmentKeys.key(recruitmentId), 'eligibleCount', 2, 'recruitment'],
      [mentorKeys.key(mentor.id), 'totalMentees', 3, 'mentor-mentees'],
      [evaluationKeys.run(runId), 'unitsDone', 1, 'evaluation-run'],
      [evaluationKeys.run(runId), 'workersScored', 5, 'evaluation-run'],
    ];
    const before = new Map<string, number>();
    for (const [key, field, n] of corruptions) {
      before.set(field, (await h.store.get(key))?.[field] as number);
      await h.store.client.send(
        new UpdateCommand({
          TableName: h.tableName,
          Key: key,
          UpdateExpression: 'ADD #f :n',
          ExpressionAttributeNames: { '#f': field },
          ExpressionAttributeValues: { ':n': n },
        }),
      );
    }
    const report = await checkConsistency(h.store, { cities: ['qth'] });
    expect(report.drift).toHaveLength(corruptions.length);
    for (const [key, field, n, kind] of corruptions) {
      const drift = report.drift.find((d) => d.key.pk === key.pk && d.field === field);
      expect(drift, field).toMatchObject({
        kind,
        recorded: before.get(field)! + n,
        recounted: before.get(field),
      });
      expect(drift!.records.length, `${field} names its records`).toBeGreaterThan(0);
    }
    expect(report.drift.find((d) => d.field === 'hiredCount')?.records).toEqual([
      expect.stringMatching(/^worker:w_/),
      expect.stringMatching(/^worker:w_/),
    ]);

    const done = await repairDrift(h.store, systemContext('consistency-test', h.now(), 'qth'), report.drift);
    expect(done).toMatchObject({ moved: [] });
    expect(done.repaired).toHaveLength(corruptions.length);
    for (const [key, field] of corruptions)
      expect((await h.store.get(key))?.[field], field).toBe(before.get(field));
    expect((await checkConsistency(h.store, { cities: ['qth'] })).drift).toEqual([]);
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`recruitment:${recruitmentId}`)}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('consistency.repaired');
  });
});
