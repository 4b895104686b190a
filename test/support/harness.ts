import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { expect } from 'vitest';
import type { ContractViolation } from '#functions/api/middleware/response-contract.ts';
import type { Role } from '#shared/auth/actor.ts';
import { signLocalToken } from '#functions/identity/local-jwt.ts';
import { businessClock } from '#functions/local/business-clock.ts';
import { ensureTable, type RunningDynamo, startDynamoLocal } from '#functions/local/dynamodb-local.ts';
import { createLocalApp, localDependencies } from '#functions/local/local-app.ts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
  /** The raw response bytes (xlsx downloads). */
  bytes: Buffer;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Raw body (e.g. CSV, or xlsx bytes); `contentType` defaults to text/csv. */
  raw?: string | Uint8Array;
  contentType?: string;
}

/**
 * A real system for integration tests: DynamoDB Local (in memory, own port), the local app on a
 * real HTTP server, a pinned clock the test can move, and token minting. One per test file.
 */
export async function startHarness(options: { now?: string } = {}) {
  process.env.LOG_REQUESTS ??= '0';
  const dynamo: RunningDynamo = await startDynamoLocal();
  const tableName = 'shegong-test';
  await ensureTable(dynamo.endpoint, tableName);
  const secret = 'integration-test-secret-0123456789';
  // The business clock starts at `now` and runs on from there (so audit entries stay ordered).
  const business = businessClock(new Date(options.now ?? '2026-03-02T02:00:00.000Z'));
  const clock = business.now;
  const { deps, queue } = localDependencies({ endpoint: dynamo.endpoint, tableName, secret, clock });
  // Every response is checked against the schema its route declares (the OpenAPI document must be
  // true); stop() fails the file with the list, each violation named by the test that caused it.
  const violations: (ContractViolation & { test: string })[] = [];
  const recordViolation = (violation: ContractViolation) => {
    const test = expect.getState().currentTestName ?? '(outside a test)';
    violations.push({ ...violation, test });
    console.error(`response contract violated in "${test}": ${describeViolation(violation)}`);
  };
  const app = createLocalApp(deps, secret, { clock: business, onContractViolation: recordViolation });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function request<T = any>(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
    opts: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | Uint8Array | undefined;
    if (opts.raw !== undefined) {
      payload = opts.raw;
      headers['content-type'] = opts.contentType ?? 'text/csv';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json')) parsed = text ? JSON.parse(text) : null;
    return { status: res.status, body: parsed as T, headers: res.headers, text, bytes };
  }

  /** A client acting as one user. */
  function as(token: string | undefined) {
    return {
      token,
      get: <T = any>(path: string, opts?: RequestOptions) => request<T>('GET', path, token, undefined, opts),
      post: <T = any>(path: string, body?: unknown, opts?: RequestOptions) =>
        request<T>('POST', path, token, body, opts),
      put: <T = any>(path: string, body?: unknown, opts?: RequestOptions) =>
        request<T>('PUT', path, token, body, opts),
      patch: <T = any>(path: string, body?: unknown, opts?: RequestOptions) =>
        request<T>('PATCH', path, token, body, opts),
      delete: <T = any>(path: string, opts?: RequestOptions) =>
        request<T>('DELETE', path, token, undefined, opts),
    };
  }

  return {
    baseUrl,
    deps,
    queue,
    store: deps.store,
    endpoint: dynamo.endpoint,
    tableName,
    now: clock,
    /** The business clock behind `deps.clock` (POST /local/clock moves it forward). */
    clock: business,
    /** Sets the business clock to `iso`, backwards too (it keeps running from there). */
    setNow(iso: string) {
      business.reset(new Date(iso));
    },
    // Tokens use real time (JWT expiry is checked against the wall clock); the business clock is pinned.
    token: (role: Role, org: string, workerId?: string, extra: { department?: string } = {}) =>
      signLocalToken(secret, { role, org, ...(workerId ? { workerId } : {}), ...extra }, new Date()),
    as,
    /** A client for a role in an org (and worker id for mentors/workers; department for HR reviewers). */
    async client(role: Role, org: string, workerId?: string, extra: { department?: string } = {}) {
      return as(
        await signLocalToken(secret, { role, org, ...(workerId ? { workerId } : {}), ...extra }, new Date()),
      );
    },
    anonymous: as(undefined),
    /** Pass to another app built in a test (`createLocalApp(..., { onContractViolation })`). */
    onContractViolation: recordViolation,
    /** Violations seen so far; `takeViolations()` empties the list (for tests that provoke one). */
    takeViolations: () => violations.splice(0),
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dynamo.stop();
      if (violations.length) {
        throw new Error(
          `${violations.length} response(s) did not match the OpenAPI document:\n${violations
            .map((v) => `- in "${v.test}": ${describeViolation(v)}`)
            .join('\n')}`,
        );
      }
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

function describeViolation(v: ContractViolation) {
  const body = JSON.stringify(v.body);
  return `${v.method} ${v.path} (${v.route ?? 'no documented route'}) → ${v.status}: ${v.problems.join('; ')}; body ${
    body && body.length > 300 ? `${body.slice(0, 300)}…` : body
  }`;
}

/** Path segment for an org id (ids contain slashes). */
export const orgPath = (id: string) => encodeURIComponent(id);

/**
 * Qitaihe-like tree: city qth (approved quota 982) → districts xinxing and taoshan → streets →
 * communities → grids. Small quotas on the communities make quota tests cheap.
 */
export async function seedOrgTree(h: Harness, overrides: { communityQuota?: number } = {}) {
  const hr = await h.client('hr', 'qth');
  const units = [
    { id: 'qth', name: '七台河市', level: 'city', approvedQuota: 982 },
    { id: 'qth/xinxing', name: '新兴区', level: 'district', parentId: 'qth', urbanPopulation: 150_000 },
    { id: 'qth/taoshan', name: '桃山区', level: 'district', parentId: 'qth', urbanPopulation: 120_000 },
    {
      id: 'qth/xinxing/hongqi',
      name: '红旗街道',
      level: 'street',
      parentId: 'qth/xinxing',
      urbanPopulation: 40_000,
    },
    {
      id: 'qth/taoshan/taoxi',
      name: '桃西街道',
      level: 'street',
      parentId: 'qth/taoshan',
      urbanPopulation: 30_000,
    },
    {
      id: 'qth/xinxing/hongqi/c1',
      name: '红旗社区',
      level: 'community',
      parentId: 'qth/xinxing/hongqi',
      approvedQuota: overrides.communityQuota ?? 20,
    },
    {
      id: 'qth/taoshan/taoxi/c2',
      name: '桃西社区',
      level: 'community',
      parentId: 'qth/taoshan/taoxi',
      approvedQuota: overrides.communityQuota ?? 20,
    },
    {
      id: 'qth/xinxing/hongqi/c1/g1',
      name: '第一网格',
      level: 'grid',
      parentId: 'qth/xinxing/hongqi/c1',
      urbanPopulation: 1000,
    },
    {
      id: 'qth/taoshan/taoxi/c2/g1',
      name: '第一网格',
      level: 'grid',
      parentId: 'qth/taoshan/taoxi/c2',
      urbanPopulation: 1000,
    },
  ];
  for (const unit of units) {
    const res = await hr.post('/v1/org-units', unit);
    if (res.status !== 201) throw new Error(`seeding ${unit.id}: ${res.status} ${res.text}`);
  }
  return { hr, units };
}
