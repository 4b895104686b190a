import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#shared/context.ts';
import { mentorshipKeys } from '#shared/db/entities/mentoring.ts';
import { statsKeys } from '#shared/db/entities/stats.ts';
import { trainingEventKeys } from '#shared/db/entities/training.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { checkConsistency, type Drift, repairDrift } from '#shared/usecases/consistency.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

// The consistency checker recounts every counter kept beside the records — training, coaching,
// mentors and mentees, certificates, promotions, grade steps, honours, an event's attendees and a
// pairing's sessions — from the records written through the API; each one corrupted directly in
// DynamoDB Local is reported with its recount and set right by the repair.

let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;
const C1 = 'qth/xinxing/hongqi/c1';
const G1 = `${C1}/g1`;
const STREET = 'qth/xinxing/hongqi';
const DISTRICT = 'qth/xinxing';
const w: Record<string, WorkerRecord> = {};
let eventId = '';
let pairingId = '';
let cycleId = '';

const ok = (res: { status: number; text: string }, status: number) =>
  expect(res.status, res.text.slice(0, 300)).toBe(status);
const step = (grade: number, over: Partial<WorkerRecord['step']> = {}) => ({
  grade,
  yearsCountedInGrade: 0,
  consecutiveExcellent: 0,
  earlyStepsTaken: 0,
  ...over,
});

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 in Shanghai
  ({ hr } = await seedOrgTree(h, { communityQuota: 100 }));
  w.mentor = await seedWorker(h, { name: '导师', hiredOn: '2018-05-01', post: 'principal', grade: 10 });
  w.mentee = await seedWorker(h, { name: '新人', hiredOn: '2026-01-10' });
  w.regular = await seedWorker(h, {
    hiredOn: '2022-03-01',
    step: step(3, { yearsCountedInGrade: 2 }),
    annualGrades: { '2024': 'competent', '2025': 'competent' },
  });
  w.early = await seedWorker(h, {
    hiredOn: '2022-03-01',
    step: step(3, { consecutiveExcellent: 1 }),
    annualGrades: { '2024': 'excellent', '2025': 'excellent' },
  });
  w.staff = await seedWorker(h, { name: '张伟', grade: 5 });
  w.party1 = await seedWorker(h, { isPartyMember: true, annualGrades: { '2025': 'competent' } });
  w.party2 = await seedWorker(h, { isPartyMember: true, annualGrades: { '2025': 'competent' } });
  w.party3 = await seedWorker(h, { isPartyMember: true, annualGrades: { '2025': 'competent' } });

  // A micro-classroom with three attendees.
  const event = await hr.post('/v1/training-events', {
    title: '微课堂',
    level: 'community',
    org: C1,
    date: '2026-02-27',
    hours: 2,
  });
  ok(event, 201);
  eventId = event.body.id;
  ok(
    await hr.post(`/v1/training-events/${eventId}/attendance`, {
      rows: [w.mentee!.id, w.staff!.id, w.party1!.id].map((workerId) => ({ workerId })),
    }),
    201,
  );
  // A pairing (designating the mentor) with two coaching sessions.
  const pairing = await hr.post('/v1/mentorships', {
    mentorId: w.mentor!.id,
    menteeId: w.mentee!.id,
    startDate: w.mentee!.hiredOn,
  });
  ok(pairing, 201);
  pairingId = pairing.body.id;
  const mentor = await h.client('mentor', w.mentor!.org, w.mentor!.id);
  for (const [date, minutes, mode] of [
    ['2026-02-15', 60, 'case-analysis'],
    ['2026-02-20', 45, 'practical-coaching'],
  ] as const)
    ok(
      await mentor.post(`/v1/workers/${w.mentee!.id}/coaching-sessions`, {
        date,
        minutes,
        mode,
        notes: '讨论一起邻里纠纷的调解',
      }),
      201,
    );
  ok(
    await hr.post(`/v1/workers/${w.staff!.id}/certificates`, {
      level: 'assistant',
      number: 'REC-0001',
      issuedOn: '2025-06-01',
      registeredOn: '2026-02-01',
    }),
    201,
  );
  ok(
    await hr.post(`/v1/workers/${w.staff!.id}/promotions`, {
      committee: 'party',
      role: 'member',
      effectiveOn: '2026-03-02',
      reason: '换届选举',
      outsidePoolReason: '选举产生，群众推荐',
    }),
    201,
  );
  const steps = await hr.post('/v1/grade-steps', { year: 2026 });
  ok(steps, 200);
  expect(steps.body.stepped).toBe(2);
  const cycle = await hr.post('/v1/honour-cycles', {
    honourType: 'outstanding-party-member',
    name: '2026年优秀共产党员推荐',
    year: 2026,
    quotas: [{ org: C1, seats: 3 }],
  });
  ok(cycle, 201);
  cycleId = cycle.body.id;
  const nominations: string[] = [];
  for (const nominee of [w.party1!, w.party2!, w.party3!]) {
    const res = await hr.post(`/v1/honour-cycles/${cycleId}/nominations`, {
      workerId: nominee.id,
      reason: '优秀',
    });
    ok(res, 201);
    nominations.push(res.body.id);
  }
  ok(
    await hr.post(`/v1/honour-cycles/${cycleId}/nominations/${nominations[0]}/result`, { awarded: true }),
    200,
  );
  ok(
    await hr.post(`/v1/honour-cycles/${cycleId}/nominations/${nominations[1]}/result`, { awarded: false }),
    200,
  );
  // The third nominee exits: their nomination is withdrawn and frees its seat.
  ok(
    await hr.post(`/v1/workers/${w.party3!.id}/exits`, {
      situation: 5,
      effectiveOn: '2026-03-02',
      evidence: '本人辞职申请',
    }),
    201,
  );
}, 180_000);
afterAll(async () => h?.stop());

const add = (key: { pk: string; sk: string }, field: string, n: number) =>
  h.store.client.send(
    new UpdateCommand({
      TableName: h.tableName,
      Key: key,
      UpdateExpression: 'ADD #f :n',
      ExpressionAttributeNames: { '#f': field },
      ExpressionAttributeValues: { ':n': n },
    }),
  );

describe('consistency checker: flow counters, attendees and sessions', () => {
  it('finds no drift in what the API wrote (every counter equals its recount)', async () => {
    const report = await checkConsistency(h.store, { cities: ['qth'] });
    expect(report.drift).toEqual([]);
    expect(report.checked).toMatchObject({ trainingEvents: 1, pairings: 1, mentors: 1, honourQuotas: 1 });
    // The figures are really there (a recount of nothing would also show no drift).
    const stats = (await hr.get(`/v1/stats?org=${encodeURIComponent(C1)}&year=2026`)).body;
    expect(stats.training).toMatchObject({ personTimes: 3, hours: 6, microClassrooms: 1 });
    expect(stats.careers.gradeSteps).toEqual({ regular: 1, early: 1 });
    expect(stats.careers.promotions.total).toBe(1);
    expect(stats.careers.honours).toMatchObject({ nominations: 3, awards: 1 });
  });

  it('reports each corrupted counter with its recount and the records, and the repair sets it right', async () => {
    const year = (org: string) => statsKeys.key(org, 2026);
    const corruptions: [{ pk: string; sk: string }, string, number][] = [
      [year(C1), 'training_person_times', 2],
      [year(STREET), 'training_minutes', -30],
      [year(C1), 'training_events_community', 1],
      [year(DISTRICT), 'micro_classrooms', -1],
      [year(C1), 'coaching_sessions', 3],
      [year(G1), 'coaching_minutes', 15],
      [year('qth'), 'coaching_sessions_practical_coaching', -1],
      [year(C1), 'mentees', 1],
      [year(G1), 'mentors', 2],
      [year(C1), 'certificates_registered', 1],
      [year(G1), 'certificates_assistant', -1],
      [year(C1), 'promotions_total', 1],
      [year(STREET), 'promotions_party_member', 4],
      [year(G1), 'grade_steps_regular', 1],
      [year('qth'), 'grade_steps_early', -1],
      [year(C1), 'nominations_total', 1],
      [year(G1), 'awards_outstanding_party_member', 1],
      [year(DISTRICT), 'honour_results_outstanding_party_member', -2],
      [year(C1), 'exits_total', 1],
      [trainingEventKeys.key(eventId), 'attendees', 5],
      [mentorshipKeys.key(pairingId), 'sessions', 1],
      [mentorshipKeys.key(pairingId), 'sessionMinutes', -45],
    ];
    const before = new Map<string, number>();
    for (const [key, field] of corruptions) {
      const item = await h.store.get(key);
      before.set(`${key.pk}|${key.sk}|${field}`, (item?.[field] as number | undefined) ?? 0);
    }
    for (const [key, field, n] of corruptions) await add(key, field, n);

    const report = await checkConsistency(h.store, { cities: ['qth'] });
    const found = (key: { pk: string; sk: string }, field: string) =>
      report.drift.find((d) => d.key.pk === key.pk && d.key.sk === key.sk && d.field === field);
    for (const [key, field, n] of corruptions) {
      const expected = before.get(`${key.pk}|${key.sk}|${field}`)!;
      const drift = found(key, field);
      expect(drift, `${key.pk} ${key.sk} ${field}`).toMatchObject({
        recorded: expected + n,
        recounted: expected,
      });
      expect(drift!.records.length, `${field} names its records`).toBeGreaterThan(0);
    }
    expect(report.drift).toHaveLength(corruptions.length);
    expect(found(trainingEventKeys.key(eventId), 'attendees')).toMatchObject({
      kind: 'training-attendees',
      records: expect.arrayContaining([`worker:${w.mentee!.id}`]),
    });
    expect(found(mentorshipKeys.key(pairingId), 'sessions')?.kind).toBe('coaching-sessions');
    expect(found(year(C1), 'training_person_times')?.records).toEqual([`training-event:${eventId}`]);
    expect(found(year(C1), 'promotions_total')?.records[0]).toMatch(/^promotion:/);

    const done = await repairDrift(h.store, systemContext('consistency-test', h.now(), 'qth'), report.drift);
    expect(done).toMatchObject({ moved: [] });
    expect(done.repaired).toHaveLength(corruptions.length);
    expect((await checkConsistency(h.store, { cities: ['qth'] })).drift).toEqual([]);
    for (const [key, field] of corruptions)
      expect((await h.store.get(key))?.[field] ?? 0, field).toBe(before.get(`${key.pk}|${key.sk}|${field}`));
    expect((await hr.get(`/v1/training-events/${eventId}`)).body.attendees).toBe(3);
    const audit = await hr.get(`/v1/audit?entity=${encodeURIComponent(`mentorship:${pairingId}`)}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('consistency.repaired');
  });

  it('a withdrawn nomination holds no seat: a quota still counting it is drift', async () => {
    const quota = { pk: `HONOUR-CYCLE#${cycleId}`, sk: `QUOTA#${C1}` };
    expect((await h.store.get(quota))?.used).toBe(2);
    await add(quota, 'used', 1);
    const drift: Drift[] = (await checkConsistency(h.store, { cities: ['qth'] })).drift;
    expect(drift).toEqual([expect.objectContaining({ kind: 'honour-quota', recorded: 3, recounted: 2 })]);
    await repairDrift(h.store, systemContext('consistency-test', h.now(), 'qth'), drift);
    expect((await h.store.get(quota))?.used).toBe(2);
  });
});
