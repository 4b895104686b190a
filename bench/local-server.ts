/**
 * The benchmarks' local-mode server: `npm start -- --memory` on a given port (a child process, its
 * own process group so it can be stopped with its DynamoDB Local), and a small city seeded through
 * the API.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { withCheckDigit } from '#shared/domain/national-id.ts';

export async function startServer(port: number, env: Record<string, string> = {}): Promise<ChildProcess> {
  const server = spawn(process.execPath, ['--import', 'tsx', 'functions/local/server.ts', '--memory'], {
    env: { ...process.env, PORT: String(port), LOG_REQUESTS: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    const up = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return server;
    if (Date.now() > deadline) throw new Error('the server did not answer /health in 240 s');
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A city, a community and one transferred worker, through the API; the worker's and an HR token. */
export async function seedWorker(
  base: string,
): Promise<{ token: string; hrToken: string; workerId: string; city: string; community: string }> {
  const call = async (token: string | null, path: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const city = 'bench';
  const hr = (await call(null, '/local/token', { role: 'hr', org: city })).token as string;
  await call(hr, '/v1/org-units', { id: city, name: '七台河市', level: 'city', approvedQuota: 982 });
  await call(hr, '/v1/org-units', {
    id: `${city}/d`,
    name: '新兴区',
    level: 'district',
    parentId: city,
    urbanPopulation: 150_000,
  });
  await call(hr, '/v1/org-units', {
    id: `${city}/d/s`,
    name: '红旗街道',
    level: 'street',
    parentId: `${city}/d`,
    urbanPopulation: 40_000,
  });
  const community = `${city}/d/s/c`;
  await call(hr, '/v1/org-units', {
    id: community,
    name: '红旗社区',
    level: 'community',
    parentId: `${city}/d/s`,
    approvedQuota: 20,
  });
  const batch = await call(hr, '/v1/transfers', {
    rows: [
      {
        nationalId: withCheckDigit('23090219900308001'),
        name: '张小社',
        org: community,
        currentMonthlyPayFen: 312_345,
        education: 'bachelor',
      },
    ],
  });
  const workerId = (batch.persons as { workerId: string }[])[0]!.workerId;
  const token = (await call(null, '/local/token', { role: 'worker', org: community, workerId }))
    .token as string;
  return { token, hrToken: hr, workerId, city, community };
}
