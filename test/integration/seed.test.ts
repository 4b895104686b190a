import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '#functions/local/dynamodb-local.ts';
import { changedFields, systemActorName } from '../../web/src/desktop/components/auditChanges.ts';

/**
 * Issue 12 item 10: `npm run seed` against `npm start -- --memory` (on a random port, the business
 * clock at the demo year's start) fills a demo city through the API; the figures it prints must be
 * what GET /v1/stats reports.
 */
const children: ChildProcess[] = [];

afterAll(async () => {
  await Promise.all(
    children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))),
  );
});

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, LOG_REQUESTS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('npm run seed (the demo city)', () => {
  it('fills a fresh local server and prints figures that GET /v1/stats confirms', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = run(['functions/local/server.ts', '--memory', '--clock', '2026-01-05T08:00:00+08:00'], {
      PORT: String(port),
    });
    for (let i = 0; ; i++) {
      if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
      if (i > 900) throw new Error(`no /health: ${server.output()}`);
      if (
        await fetch(`${base}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }

    const seed = run(['scripts/seed.ts'], { SEED_URL: base });
    expect(await seed.exited, seed.output()).toBe(0);
    const printed = /figures: (\{.*\})/.exec(seed.output());
    expect(printed, seed.output()).not.toBeNull();
    const figures = JSON.parse(printed![1]!) as Record<string, number>;
    expect(figures).toMatchObject({
      orgUnits: 199,
      communities: 60,
      workers: 780,
      mentors: 60,
      mentees: 120,
      candidates: 8,
      hires: 2,
      promotions: 8,
    });
    expect(figures.accounts).toBe(3);
    expect(figures.honourAwards).toBe(12);
    expect(figures.annualEvaluated).toBe(figures.workers! + figures.hires!);
    // The printed people sign in with their accounts (POST /local/sign-in) and see their own record.
    const signIn = async (email: string) => {
      expect(seed.output()).toContain(`{"email":"${email}"}`);
      const res = await fetch(`${base}/local/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as {
        token: string;
        account: { role: string; org: string; workerId?: string };
      };
    };
    const officer = await signIn('hr@qth.example.cn');
    expect(officer.account).toMatchObject({ role: 'hr', org: 'qth' });
    const mentor = await signIn('mentor@qth.example.cn');
    expect(mentor.account.role).toBe('mentor');
    const worker = await signIn('worker@qth.example.cn');
    const me = (await (
      await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${worker.token}` } })
    ).json()) as { id: string; org: string };
    expect(me).toMatchObject({ id: worker.account.workerId, org: worker.account.org });
    const mentees = await fetch(`${base}/v1/mentors/${mentor.account.workerId}/mentees`, {
      headers: { authorization: `Bearer ${mentor.token}` },
    });
    expect(((await mentees.json()) as { items: unknown[] }).items.length).toBe(2);

    const token = officer.token;
    const stats = (await (
      await fetch(`${base}/v1/stats?org=qth&year=2026`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as Record<string, any>;
    // Transferred workers and the recruitment's hires.
    expect(stats.quota.used).toBe(figures.workers! + figures.hires!);
    expect(stats.headcount.active).toBe(figures.workers! + figures.hires!);
    expect(stats.hires.transfer).toBe(figures.workers);
    expect(stats.hires.openRecruitment).toBe(figures.hires);
    expect(stats.careers.promotions.total).toBe(figures.promotions);
    expect(stats.careers.promotions.party.member + stats.careers.promotions.residents.member).toBe(8);
    // The honour cycle (两优一先) and the annual evaluation the console shows.
    expect(stats.careers.honours.byType['outstanding-party-member']).toEqual({
      nominations: figures.honourAwards,
      awards: figures.honourAwards,
    });
    expect(stats.evaluation.annual).toMatchObject({
      period: '2026',
      workersEvaluated: figures.annualEvaluated,
    });
    // The year's inputs add up to Qitaihe's published work orders (38,000, 99.3 % done, 98 % satisfied),
    // and grade a realistic spread: not everyone 不称职 for want of data, as before the seed uploaded any.
    expect(stats.evaluation.workOrders).toMatchObject({
      assigned: 38_000,
      completed: 37_734,
      satisfied: 36_979,
      completionRate: 99.3,
      satisfactionRate: 98,
      source: 'annual',
    });
    const grades = stats.evaluation.annual.gradeDistribution as Record<string, number>;
    const evaluated = figures.annualEvaluated!;
    expect(grades.excellent).toBeGreaterThan(0);
    expect(grades.excellent! * 5).toBeLessThanOrEqual(evaluated); // ≤ 20 % a unit, so ≤ 20 % in all
    expect(grades.competent).toBeGreaterThan(evaluated / 2);
    expect(grades.basic).toBeGreaterThan(0);
    expect(grades.failed).toBeGreaterThan(0);
    expect(grades.failed).toBeLessThan(evaluated / 50);
    expect(stats.evaluation.annual.averageScore).toBeGreaterThan(80);
    expect(stats.evaluation.latestMonth).toMatchObject({ period: '2026-12', workersEvaluated: evaluated });
    expect(stats.evaluation.latestMonth.gradeDistribution.failed).toBeLessThan(evaluated / 50);
    // Each failed year is one pending 清退建议 for HR to confirm or dismiss.
    const proposals = (await (
      await fetch(`${base}/v1/exit-proposals?org=qth&status=pending&limit=200`, {
        headers: { authorization: `Bearer ${officer.token}` },
      })
    ).json()) as { items: { reason: string }[] };
    expect(proposals.items).toHaveLength(grades.failed!);
    expect(new Set(proposals.items.map((p) => p.reason))).toEqual(new Set(['failed-year']));
    expect(stats.certification.certifiedActive).toBe(figures.certified);
    expect(stats.training.personTimes).toBe(figures.trainingPersonTimes);
    expect(stats.training.totalEvents).toBe(5);
    expect(stats.mentoring).toMatchObject({
      mentors: figures.mentors,
      mentees: figures.mentees,
      sessions: figures.coachingSessions,
    });
    const pay = (await (
      await fetch(`${base}/v1/policies/pay/versions`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: { effectiveFrom: string }[] };
    expect(pay.items.map((v) => v.effectiveFrom)).toContain('2026-07-01');

    // The demo city's audit trail, entity by kind, as the console shows it (the web's changedFields):
    // no field name and no code left in English. Only data may carry Latin letters: ids, e-mails,
    // certificate numbers.
    const get = async <T>(path: string) =>
      (await (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
    const first = async (path: string, pick: (item: any) => string) =>
      pick((await get<{ items: any[] }>(path)).items[0]);
    const workerTrail = await get<{ items: { after: any }[] }>(`/v1/audit?entity=worker:${me.id}&limit=100`);
    const transferId = workerTrail.items.find((e) => e.after?.source?.transferBatchId)?.after.source
      .transferBatchId;
    const entities = [
      `worker:${me.id}`,
      `worker:${mentor.account.workerId}`,
      `transfer:${transferId}`,
      `recruitment:${await first('/v1/recruitments?org=qth', (r) => r.id)}`,
      `honour-cycle:${await first('/v1/honour-cycles?org=qth', (c) => c.id)}`,
      `evaluation-run:${await first('/v1/evaluations/runs?org=qth&limit=1', (r) => r.id)}`,
      `training-event:${await first('/v1/training-events?org=qth&year=2026', (e) => e.id)}`,
      `mentorship:${await first(`/v1/mentors/${mentor.account.workerId}/mentees`, (m) => m.mentorship.id)}`,
      `account:${await first('/v1/accounts?org=qth', (a) => a.username)}`,
      'policy:qth/pay/2026-07-01',
      'org-unit:qth/xinxing/s1/c1',
    ];
    const data = /^(w_|t_|c_|ms_|te_|hr_|r_|hc_|evr_|b_|ZS\d|qth\b|[\w.-]+@[\w.-]+)/;
    let checked = 0;
    for (const entity of entities) {
      const trail = await get<{ items: any[] }>(`/v1/audit?entity=${encodeURIComponent(entity)}&limit=100`);
      expect(trail.items.length, entity).toBeGreaterThan(0);
      for (const e of trail.items) {
        const text = changedFields(e.before, e.after, e.entity)
          .map((f) => `${f.name}：${f.before} → ${f.after}`)
          .join('；')
          .replace(/\d{17}[\dX]/g, ''); // national ids may end in X
        const english = (text.match(/[A-Za-z][\w\-./:@]*/g) ?? []).filter((word) => !data.test(word));
        expect(english, `${entity} ${e.action}: ${text.slice(0, 300)}`).toEqual([]);
        if (e.actor.sub.startsWith('job:'))
          expect(systemActorName(e.actor.sub)).toMatch(/^系统定时任务（[^A-Za-z]+）$/);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 900_000);
});
