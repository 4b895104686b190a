import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '#functions/local/dynamodb-local.ts';

/**
 * `npm start` as a user runs it: a real process with DynamoDB Local under DATA_DIR. Checks that data
 * survives a restart, that SIGTERM leaves no Java process behind, and the message without Java.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'shegong-local-'));
const started: ChildProcess[] = [];

afterAll(async () => {
  // SIGTERM, not SIGKILL: the server must get the chance to stop its Java child.
  await Promise.all(
    started
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))),
  );
  rmSync(dataDir, { recursive: true, force: true });
});

function startServer(port: number, env: Record<string, string> = {}, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/server.ts', ...args], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_REQUESTS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
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

async function waitForHealth(port: number, server: ReturnType<typeof startServer>) {
  for (let i = 0; i < 300; i++) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no /health: ${server.output()}`);
}

const javaProcessesFor = (dir: string) => {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('DynamoDBLocal') && line.includes(dir));
};

async function token(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'hr', org: 'qth' }),
  });
  return ((await res.json()) as { token: string }).token;
}

describe('local mode (npm start)', () => {
  it('persists data under DATA_DIR across restarts and stops Java on SIGTERM', async () => {
    const port = await freePort();
    const first = startServer(port);
    await waitForHealth(port, first);
    expect(first.output()).toContain('/docs');
    const auth = { authorization: `Bearer ${await token(port)}`, 'content-type': 'application/json' };
    const created = await fetch(`http://127.0.0.1:${port}/v1/org-units`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ id: 'qth', name: '七台河市', level: 'city', approvedQuota: 982 }),
    });
    expect(created.status).toBe(201);
    expect(javaProcessesFor(dataDir).length).toBe(1);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(javaProcessesFor(dataDir)).toEqual([]);

    const second = startServer(port);
    await waitForHealth(port, second);
    // The signing key is kept in DATA_DIR too, so a token from before the restart still works.
    const read = await fetch(`http://127.0.0.1:${port}/v1/org-units/qth`, { headers: auth });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { quota: number }).quota).toBe(982);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(javaProcessesFor(dataDir)).toEqual([]);
  });

  it('--memory starts empty', async () => {
    const port = await freePort();
    const server = startServer(port, {}, ['--memory']);
    await waitForHealth(port, server);
    const res = await fetch(`http://127.0.0.1:${port}/v1/org-units/qth`, {
      headers: { authorization: `Bearer ${await token(port)}` },
    });
    expect(res.status).toBe(404);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('--clock starts the business clock there; a restart runs the jobs missed while down, and says so', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'shegong-clock-'));
    try {
      const first = startServer(port, { DATA_DIR: dir }, ['--clock', '2026-12-31T23:00:00+08:00']);
      await waitForHealth(port, first);
      const clock = (await (await fetch(`http://127.0.0.1:${port}/local/clock`)).json()) as { now: string };
      expect(clock.now.startsWith('2026-12-31T15:0')).toBe(true);
      const created = await fetch(`http://127.0.0.1:${port}/v1/org-units`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await token(port)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'qth', name: '七台河市', level: 'city', approvedQuota: 982 }),
      });
      expect(created.status).toBe(201);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(first.output()).not.toContain('stats-snapshot for 2026');

      // Down over new year: on start, the year-end snapshot of 2026 is taken late.
      const second = startServer(port, { DATA_DIR: dir }, ['--clock', '2027-01-02T09:00:00+08:00']);
      await waitForHealth(port, second);
      for (let i = 0; i < 600 && !second.output().includes('stats-snapshot for 2026 done'); i++) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(second.output()).toContain(
        'scheduler: stats-snapshot for 2026 was due at 2026-12-31T16:05:00.000Z (missed while the system was down); running it now',
      );
      const auth = { authorization: `Bearer ${await token(port)}` };
      const stats = await fetch(`http://127.0.0.1:${port}/v1/stats?org=qth&year=2026`, { headers: auth });
      expect(((await stats.json()) as { certification: { basis: string } }).certification.basis).toBe(
        'year-end snapshot',
      );
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('refuses a --clock that is not an ISO instant with an offset', async () => {
    const server = startServer(await freePort(), {}, ['--memory', '--clock', '2026-07-01 09:00']);
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('--clock needs an ISO instant with an offset');
  }, 120_000);

  it('without Java it exits with a clear message naming the install line', async () => {
    const server = startServer(await freePort(), { JAVA_HOME: join(dataDir, 'no-java-here') });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('Java 17');
    expect(server.output()).toContain('apt-get install -y openjdk-17-jre-headless');
  });
});
