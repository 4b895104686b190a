import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#shared/context.ts';
import { statsKeys } from '#shared/db/entities/stats.ts';
import type { Item } from '#shared/db/store.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { checkConsistency, repairDrift } from '#shared/usecases/consistency.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

// A worker moved between units (调动) keeps their past counters where they were added: the hire,
// a certificate and a grade step stay on the old unit, what happens after the move counts on the
// new one. The checker recounts each by the unit of its time: no false drift, a real drift repaired
// to the right value, and a repair of a clean table writes nothing.

let h: Harness;
type Client = Awaited<ReturnType<Harness['client']>>;
let hr: Client;
const C1 = 'qth/xinxing/hongqi/c1';
const G1 = `${C1}/g1`;
const C2 = 'qth/taoshan/taoxi/c2';
const C2G1 = `${C2}/g1`;
const UNITS = [
  'qth',
  'qth/xinxing',
  'qth/taoshan',
  'qth/xinxing/hongqi',
  'qth/taoshan/taoxi',
  C1,
  C2,
  G1,
  C2G1,
];
let moved: WorkerRecord;
let leaver: WorkerRecord;

const ok = (res: { status: number; text: string }, status: number) =>
  expect(res.status, res.text.slice(0, 300)).toBe(status);
const year = (org: string, y: number) => statsKeys.key(org, y);
const counter = async (org: string, y: number, name: string) =>
  ((await h.store.get(year(org, y)))?.[name] as number | undefined) ?? 0;
/** Every STATS item of every unit, to compare before and after a repair. */
const allStats = async () => {
  const items: Item[] = [];
  for (const unit of UNITS)
    items.push(
      ...(await h.store.queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `STATS#${unit}` },
      })),
    );
  return items;
};

beforeAll(async () => {
  h = await startHarness(); // 2026-03-02 in Shanghai
  ({ hr } = await seedOrgTree(h, { communityQuota: 100 }));
  moved = await seedWorker(h, {
    hiredOn: '2022-03-01',
    step: { grade: 3, yearsCountedInGrade: 2, consecutiveExcellent: 0, earlyStepsTaken: 0 },
    annualGrades: { '2024': 'competent', '2025': 'competent' },
  });
  leaver = await seedWorker(h, { hiredOn: '2026-01-05' });
  // Before the move, in the first community: a certificate and the 2026 grade step.
  ok(
    await hr.post(`/v1/workers/${moved.id}/certificates`, {
      level: 'assistant',
      number: 'MOVE-0001',
      issuedOn: '2025-06-01',
      registeredOn: '2026-02-01',
    }),
    201,
  );
  const steps = await hr.post('/v1/grade-steps', { year: 2026 });
  ok(steps, 200);
  expect(steps.body.stepped).toBe(1);

  h.setNow('2026-03-10T02:00:00.000Z');
  for (const w of [moved, leaver])
    ok(await hr.post(`/v1/workers/${w.id}/moves`, { org: C2G1, reason: '工作需要' }), 200);

  // After the move, in the second community: a higher certificate, and the leaver's exit.
  h.setNow('2026-03-20T02:00:00.000Z');
  ok(
    await hr.post(`/v1/workers/${moved.id}/certificates`, {
      level: 'intermediate',
      number: 'MOVE-0002',
      issuedOn: '2026-01-10',
      registeredOn: '2026-03-15',
    }),
    201,
  );
  ok(
    await hr.post(`/v1/workers/${leaver.id}/exits`, {
      situation: 5,
      effectiveOn: '2026-03-20',
      evidence: '本人辞职申请',
    }),
    201,
  );
}, 120_000);
afterAll(async () => h?.stop());

describe('consistency checker after moves (调动)', () => {
  it('counts past events on the unit of their time: no drift', async () => {
    // What the API wrote: the hire, the first certificate and the step on the first community,
    // the later certificate and the exit on the second (the district of neither sees the other's).
    expect(await counter(G1, 2022, 'hires_total')).toBe(1);
    expect(await counter(G1, 2026, 'hires_total')).toBe(1);
    expect(await counter(G1, 2026, 'certificates_assistant')).toBe(1);
    expect(await counter(G1, 2026, 'grade_steps_regular')).toBe(1);
    expect(await counter(C2G1, 2026, 'certificates_intermediate')).toBe(1);
    expect(await counter(C2G1, 2026, 'exits_total')).toBe(1);
    expect(await counter(C2G1, 2022, 'hires_total')).toBe(0);
    expect(await counter(C2G1, 2026, 'grade_steps_regular')).toBe(0);
    expect(await counter('qth/taoshan', 2026, 'certificates_registered')).toBe(1);
    expect(await counter('qth', 2026, 'certificates_registered')).toBe(2);

    const report = await checkConsistency(h.store, { cities: ['qth'] });
    expect(report.checked.workers).toBe(2);
    expect(report.drift).toEqual([]);
  });

  it('repairs nothing on a clean table', async () => {
    const before = await allStats();
    const report = await checkConsistency(h.store, { cities: ['qth'] });
    const done = await repairDrift(h.store, systemContext('consistency-test', h.now(), 'qth'), report.drift);
    expect(done).toEqual({ repaired: [], moved: [] });
    expect(await allStats()).toEqual(before);
  });

  it('finds a corrupted counter of a moved worker and repairs it to the value of its time', async () => {
    const corruptions: [string, number, string, number][] = [
      [C1, 2022, 'hires_total', 2], // the hire is on the first community: 1 there
      ['qth/taoshan', 2022, 'hires_open_recruitment', 1], // never on the second district: 0
      [C2, 2026, 'grade_steps_regular', 1], // the step ran before the move: 0 here
      [G1, 2026, 'certificates_intermediate', 1], // recorded after the move: 0 here
      [C2G1, 2026, 'certificates_registered', -1], // 1 here
    ];
    const expected = new Map<string, number>();
    for (const [org, y, name, n] of corruptions) {
      expected.set(`${org}|${y}|${name}`, await counter(org, y, name));
      await h.store.client.send(
        new UpdateCommand({
          TableName: h.tableName,
          Key: year(org, y),
          UpdateExpression: 'ADD #f :n',
          ExpressionAttributeNames: { '#f': name },
          ExpressionAttributeValues: { ':n': n },
        }),
      );
    }
    expect([...expected.values()]).toEqual([1, 0, 0, 0, 1]);

    const report = await checkConsistency(h.store, { cities: ['qth'] });
    expect(report.drift).toHaveLength(corruptions.length);
    for (const [org, y, name, n] of corruptions) {
      const was = expected.get(`${org}|${y}|${name}`)!;
      expect(
        report.drift.find((d) => d.key.pk === `STATS#${org}` && d.key.sk === `YEAR#${y}` && d.field === name),
        `${org} ${y} ${name}`,
      ).toMatchObject({ kind: 'stats', recorded: was + n, recounted: was });
    }

    const done = await repairDrift(h.store, systemContext('consistency-test', h.now(), 'qth'), report.drift);
    expect(done.repaired).toHaveLength(corruptions.length);
    for (const [org, y, name] of corruptions)
      expect(await counter(org, y, name), `${org} ${y} ${name}`).toBe(expected.get(`${org}|${y}|${name}`));
    expect((await checkConsistency(h.store, { cities: ['qth'] })).drift).toEqual([]);
  });
});
