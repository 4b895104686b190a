import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#shared/context.ts';
import { evaluationKeys } from '#shared/db/entities/evaluation.ts';
import type { Store } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import { checkConsistency } from '#shared/usecases/consistency.ts';
import { startEvaluationRun, type UnitMessage } from '#shared/usecases/evaluation-runs.ts';
import { scoreRunUnit } from '#shared/usecases/evaluation-scoring.ts';
import { type Answer, changes, expectServerError, faultyApp } from '../support/fault-injection.ts';
import { nationalIdFor, seedWorker } from '../support/fixtures.ts';
import { type Harness, startHarness } from '../support/harness.ts';

/**
 * Fault injection (issue 13) for a hire from a recruitment and for an evaluation run (start,
 * scoring of each unit, finalisation): DynamoDB refuses every write from the n-th on, for each n.
 * A hire answers 5xx in the error format and is all or nothing (the retry with the same key applies
 * it once); a run's units each end done or pending, never half-counted, and redelivering the units
 * completes the run with the same results as a run that met no fault. Counters equal a recount
 * after every round (the checker recounts seats, hires and the recruitment's and run's counters).
 */

const CITY = 'fhr';
const C1 = `${CITY}/d/s/c1`;
const PLACES = 12;
const PERIOD = '2026-04';

let h: Harness;
let f: ReturnType<typeof faultyApp>;
let recruitmentId = '';
const hireable: string[] = [];

async function expectConsistent(label: string) {
  const report = await checkConsistency(h.store, { cities: [CITY] });
  expect(report.drift, label).toEqual([]);
}

beforeAll(async () => {
  process.env.BATCH_LEASE_SECONDS = '600';
  h = await startHarness({ now: '2026-05-06T02:00:00.000Z' });
  f = faultyApp(h, CITY);
  const hr = h.as(await h.token('hr', CITY));
  const ok = (res: { status: number; text: string }, status: number) =>
    expect(res.status, res.text.slice(0, 300)).toBe(status);
  for (const unit of [
    { id: CITY, name: '故障市', level: 'city', approvedQuota: 500 },
    { id: `${CITY}/d`, name: '故障区', level: 'district', parentId: CITY, urbanPopulation: 300_000 },
    { id: `${CITY}/d/s`, name: '故障街道', level: 'street', parentId: `${CITY}/d`, urbanPopulation: 200_000 },
    { id: C1, name: '故障社区', level: 'community', parentId: `${CITY}/d/s`, approvedQuota: 100 },
  ])
    ok(await hr.post('/v1/org-units', unit), 201);

  // Workers serving through the evaluated month (those hired below start after it).
  for (let i = 0; i < 5; i++) await seedWorker(h, { org: C1, name: `在岗${i + 1}`, hiredOn: '2025-03-01' });

  // A recruitment whose notice has ended, with PLACES candidates selected and none hired yet.
  const opened = await hr.post('/v1/recruitments', { title: '故障招聘', org: C1, places: PLACES });
  ok(opened, 201);
  recruitmentId = opened.body.id;
  for (let i = 0; i < PLACES; i++) {
    const res = await hr.post(`/v1/recruitments/${recruitmentId}/candidates`, {
      nationalId: nationalIdFor('1996-04-01'),
      name: `候选${i + 1}`,
      education: 'college',
      politicalRecordClear: true,
      meetsHealthRequirement: true,
      hasLocalResidence: true,
    });
    ok(res, 201);
    hireable.push(res.body.id);
  }
  const stage = async (to: string) =>
    ok(await hr.post(`/v1/recruitments/${recruitmentId}/stage`, { to }), 200);
  await stage('written-exam');
  ok(
    await hr.post(`/v1/recruitments/${recruitmentId}/scores`, {
      rows: hireable.map((candidateId, i) => ({ candidateId, written: 70 + i })),
    }),
    200,
  );
  await stage('interview');
  ok(
    await hr.post(`/v1/recruitments/${recruitmentId}/scores`, {
      rows: hireable.map((candidateId) => ({ candidateId, interview: 80 })),
    }),
    200,
  );
  await stage('review');
  for (const id of hireable)
    for (const department of ['organisation', 'civil-affairs', 'public-security'])
      ok(
        // Only an HR officer holding the department records its decision.
        await (await h.client('hr', CITY, undefined, { department })).post(
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
  h.setNow('2026-05-14T02:00:00.000Z');
}, 300_000);
afterAll(async () => {
  f?.restore();
  await h?.stop();
});

describe('fault injection: hires and evaluation runs', () => {
  it('a hire stopped at any write is all or nothing and applies once on retry', async () => {
    const hire = (candidateId: string, key: string): Promise<Answer> =>
      f.send('POST', `/v1/recruitments/${recruitmentId}/candidates/${candidateId}/hire`, {}, key);
    const { writes } = f.inject(0);
    const clean = await hire(hireable.shift()!, 'fh-hire-count');
    expect(clean.status, JSON.stringify(clean.body)).toBe(201);
    const total = writes();
    expect(total).toBeGreaterThanOrEqual(2);
    expect(total).toBeLessThan(PLACES);
    const outcomes = { nothing: 0, all: 0 };
    for (let n = 1; n <= total; n++) {
      const candidateId = hireable.shift()!;
      const key = `fh-hire-${n}`;
      const before = await f.tableState();
      f.inject(n);
      const res = await hire(candidateId, key);
      f.inject(0);
      const after = await f.tableState();
      const written = changes(before, after);
      if (res.status < 300) {
        outcomes.all++; // only the stored response failed, after the answer
        await expectConsistent(`n=${n}`);
        continue;
      }
      expectServerError(res);
      await f.ageIdempotencyRecord(key);
      const again = await hire(candidateId, key);
      const settled = await f.tableState();
      if (written.length === 0) {
        outcomes.nothing++;
        expect(again.status, `n=${n}: the retry hires (${JSON.stringify(again.body)})`).toBe(201);
        expect(
          changes(after, settled).some((k) => k.startsWith('WORKER#')),
          `n=${n}`,
        ).toBe(true);
      } else {
        outcomes.all++;
        // The worker, the candidate's mark, the count, the seat and the history all went in.
        expect(written.filter((k) => k.startsWith('WORKER#')).length, `n=${n}`).toBeGreaterThanOrEqual(2);
        expect(written, `n=${n}`).toContain(`RECRUITMENT#${recruitmentId} RECRUITMENT`);
        expect(written, `n=${n}`).toContain(`RECRUITMENT#${recruitmentId} CANDIDATE#${candidateId}`);
        expect(again.body.error?.code, `n=${n}: ${JSON.stringify(again.body)}`).toBe(
          'IDEMPOTENCY_RESPONSE_LOST',
        );
        expect(changes(after, settled), `n=${n}: the retry wrote more`).toEqual([]);
      }
      await expectConsistent(`n=${n}`);
    }
    expect(outcomes.nothing).toBeGreaterThan(0);
    expect(outcomes.all).toBeGreaterThan(0);
    const recruitment = await h.store.get({ pk: `RECRUITMENT#${recruitmentId}`, sk: 'RECRUITMENT' });
    expect(recruitment?.hiredCount).toBe(total + 1);
  }, 300_000);

  it('starting a run stopped at any write answers 5xx in the error format and leaves no run, or the whole run', async () => {
    const runsOfCity = async () =>
      (
        await h.store.queryAll({
          IndexName: tableDefinition.indexes.byCollection.name,
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': evaluationKeys.runsOf(CITY) },
        })
      ).length;
    const start = (key: string) => f.send('POST', '/v1/evaluations/runs', { period: PERIOD, org: CITY }, key);
    const { writes } = f.inject(0);
    expect((await start('fh-run-count')).status).toBe(202);
    const total = writes();
    await h.queue.idle();
    let failed = 0;
    for (let n = 1; n <= total; n++) {
      const key = `fh-run-${n}`;
      const runs = await runsOfCity();
      f.inject(n);
      const res = await start(key);
      f.inject(0);
      if (res.status >= 300) {
        failed++;
        expectServerError(res);
        const created = (await runsOfCity()) - runs;
        const lock = await h.store.get(evaluationKeys.runLock(CITY, PERIOD));
        // No run and no lock, or (committed before the failure) the run with its lock.
        expect(created === 0 ? lock : created, `n=${n}`).toBe(created === 0 ? undefined : 1);
        await f.ageIdempotencyRecord(key);
        const again = await start(key);
        if (created === 0) expect(again.status, JSON.stringify(again.body)).toBe(202);
        else expect(again.body.error?.code, JSON.stringify(again.body)).toBe('IDEMPOTENCY_RESPONSE_LOST');
        expect((await runsOfCity()) - runs, `n=${n}: one run in the end`).toBe(1);
      }
      await h.queue.idle();
      expect(
        await h.store.get(evaluationKeys.runLock(CITY, PERIOD)),
        `n=${n}: the run finished`,
      ).toBeUndefined();
      await expectConsistent(`n=${n}`);
    }
    expect(failed).toBeGreaterThan(0);
  }, 300_000);

  it('scoring and finalising stopped at any write: units done or pending, redelivery completes the run once', async () => {
    const ctx = () => systemContext('fault-test', h.now(), CITY);
    const startRun = async () => {
      const messages: UnitMessage[] = [];
      const queue = {
        send: async (_q: string, batch: unknown[]) => void messages.push(...(batch as UnitMessage[])),
      };
      const run = await startEvaluationRun(h.store, queue, ctx(), { period: PERIOD, org: CITY });
      return { runId: run.id, messages };
    };
    const deliver = async (store: Store, messages: UnitMessage[]) => {
      let errors = 0;
      for (const m of messages) await scoreRunUnit(store, m, h.now()).catch(() => errors++);
      return errors;
    };
    const resultsOf = async () =>
      (
        await h.store.queryAll({
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': evaluationKeys.resultsPk(PERIOD, C1) },
        })
      ).map((r) => ({ workerId: r.sk, score: r.totalHundredths, rank: r.rank, grade: r.grade }));

    const clean = await startRun();
    const { writes } = f.inject(0);
    expect(await deliver(f.store, clean.messages)).toBe(0);
    const total = writes();
    const cleanRun = await h.store.get(evaluationKeys.run(clean.runId));
    expect(cleanRun).toMatchObject({ status: 'completed' });
    expect(cleanRun?.workersScored).toBeGreaterThan(0);
    const cleanResults = await resultsOf();
    expect(cleanResults.length).toBe(cleanRun?.workersScored);
    expect(total).toBeGreaterThanOrEqual(3);

    let faulted = 0;
    for (let n = 1; n <= total; n++) {
      const { runId, messages } = await startRun();
      f.inject(n);
      const errors = await deliver(f.store, messages);
      f.inject(0);
      const run = await h.store.get(evaluationKeys.run(runId));
      const lock = await h.store.get(evaluationKeys.runLock(CITY, PERIOD));
      if (errors > 0) {
        faulted++;
        // Each unit done (and counted) or pending; the run not completed, its lock held.
        expect(run?.status, `n=${n}`).toBe('running');
        expect(lock?.runId, `n=${n}`).toBe(runId);
      }
      await expectConsistent(`n=${n}: units done equal the run's count`);
      // The queue redelivers: the run completes once, with the results of a run that met no fault.
      expect(await deliver(h.store, messages), `n=${n}`).toBe(0);
      expect(await h.store.get(evaluationKeys.run(runId)), `n=${n}`).toMatchObject({
        status: 'completed',
        unitsDone: cleanRun?.unitsDone,
        workersScored: cleanRun?.workersScored,
      });
      expect(await h.store.get(evaluationKeys.runLock(CITY, PERIOD)), `n=${n}`).toBeUndefined();
      expect(await resultsOf(), `n=${n}`).toEqual(cleanResults);
    }
    expect(faulted).toBeGreaterThan(0);
  }, 300_000);
});
