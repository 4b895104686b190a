import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '#functions/local/dynamodb-local.ts';

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
    });
    expect(seed.output()).toContain('"role":"mentor"');
    expect(seed.output()).toContain('"role":"worker"');

    const token = (
      (await (
        await fetch(`${base}/local/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'hr', org: 'qth' }),
        })
      ).json()) as { token: string }
    ).token;
    const stats = (await (
      await fetch(`${base}/v1/stats?org=qth&year=2026`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as Record<string, any>;
    expect(stats.quota.used).toBe(figures.workers);
    expect(stats.headcount.active).toBe(figures.workers);
    expect(stats.hires.transfer).toBe(figures.workers);
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

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 900_000);
});
