import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorker } from '../support/fixtures.ts';
import { type ApiResponse, type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

/**
 * Property-based bad input (issue 13): for every operation of the OpenAPI document, fast-check
 * builds requests from the operation's own schemas (path, query, JSON body) and spoils them with
 * hostile values: wrong types, huge strings, unicode, control characters, formula and path
 * tricks, nulls, arrays for scalars, broken JSON. Every answer must be below 500, every refusal
 * a JSON error `{ error: { code, message, details } }` (the harness also checks each response
 * against the document), and a refusal writes nothing: the table holds exactly the items it held
 * before (counted with a Scan, which only this test does, never a request path).
 *
 * Seeded (`SEED`) and small (`RUNS` per operation) so the whole document runs in about a minute
 * on two cores; raise RUNS locally to search harder. A failure prints the seed and the
 * counterexample to replay it.
 */

const SEED = 20_260_506;
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 8);

type Schema = Record<string, any>;

let h: Harness;
let doc: { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } };
let token: string;
/** Ids that exist, so spoiled bodies also reach records that are really there. */
let existing: string[];

beforeAll(async () => {
  h = await startHarness({ now: '2026-05-06T02:00:00.000Z' });
  const { hr } = await seedOrgTree(h);
  const worker = await seedWorker(h, { org: 'qth/xinxing/hongqi/c1' });
  const event = await hr.post('/v1/training-events', {
    title: '培训',
    level: 'community',
    date: '2026-05-04',
    hours: 2,
    org: 'qth/xinxing/hongqi/c1',
  });
  const recruitment = await hr.post('/v1/recruitments', {
    title: '招聘',
    org: 'qth/xinxing/hongqi/c1',
    places: 1,
  });
  existing = [worker.id, event.body.id, recruitment.body.id, 'qth/xinxing/hongqi/c1'];
  doc = (await h.anonymous.get('/openapi.json')).body;
  token = await h.token('hr', 'qth');
}, 120_000);
afterAll(() => h?.stop());

const deref = (schema: Schema | undefined): Schema => {
  if (!schema) return {};
  if (schema.$ref) return deref(doc.components?.schemas?.[schema.$ref.split('/').pop()]);
  return schema;
};

/** Values that break something somewhere: each is valid JSON. */
const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'null',
    'undefined',
    '0',
    '-1',
    '1e309',
    'NaN',
    'true',
    '../../etc/passwd',
    '%2F..%2F',
    '=HYPERLINK("http://evil.example")',
    '+1',
    '@SUM(A1)',
    '\u0000',
    '\u202e反转',
    '𠀀𠀁👩‍👩‍👧',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '{"$ne":null}',
    '2026-02-30',
    '2026-13',
    'w_',
    'x'.repeat(2100),
    '长'.repeat(5000),
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const hostileNumber = fc.oneof(
  fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.1, -0.5, 101, 999_999_999),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  hostileNumber,
  hostileString,
  fc.constant({ __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } }),
);

/** A value for `schema`: mostly of the right shape but hostile inside, sometimes of the wrong type. */
function valueFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(schema);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return fc.oneof(...variants.map((v: Schema) => valueFor(v, depth)));
  if (depth > 3) return wrongType;
  let right: fc.Arbitrary<unknown>;
  if (s.enum) right = fc.oneof(fc.constantFrom(...s.enum), hostileString);
  else if (s.type === 'object' || s.properties) {
    const properties = Object.fromEntries(
      Object.entries<Schema>(s.properties ?? {}).map(([key, child]) => [key, valueFor(child, depth + 1)]),
    );
    right = fc.record(properties, { requiredKeys: [] });
  } else if (s.type === 'array') {
    right = fc.array(valueFor(s.items ?? {}, depth + 1), { maxLength: 3 });
  } else if (s.type === 'integer' || s.type === 'number') right = hostileNumber;
  else if (s.type === 'boolean')
    right = fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', 'yes', 1, 0));
  else if (s.type === 'string') {
    right = fc.oneof(hostileString, s.example !== undefined ? fc.constant(s.example) : hostileString);
  } else right = wrongType;
  // Arrays for scalars and the wrong type altogether, now and then.
  return fc.oneof(
    { arbitrary: right, weight: 3 },
    { arbitrary: wrongType, weight: 1 },
    fc.array(right, { maxLength: 2 }),
  );
}

/**
 * What goes in a URL: text only, sometimes an id that exists. At most a few KB: a longer request
 * line never reaches the app (Node answers 431 itself; API Gateway has its own limits).
 */
const urlValue = fc.oneof(
  { arbitrary: hostileString.filter((s) => encodeURIComponent(s).length <= 2200), weight: 3 },
  { arbitrary: fc.constantFrom(...['w_x', '2026-04', 'poll', 'mentoring', 'stats-snapshot']), weight: 1 },
  { arbitrary: fc.constant('__existing__'), weight: 1 },
);

interface BadRequest {
  path: string;
  body?: unknown;
  raw?: string;
}

function requestArbitrary(path: string, operation: Record<string, any>): fc.Arbitrary<BadRequest> {
  const params: Schema[] = operation.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const json = operation.requestBody?.content?.['application/json']?.schema;
  const pathValues = fc.tuple(...pathParams.map(() => urlValue));
  const query = fc.array(
    fc.tuple(
      fc.constantFrom(...(queryParams.length ? queryParams.map((p) => p.name as string) : ['unknown'])),
      urlValue,
    ),
    { maxLength: 4 },
  );
  const body: fc.Arbitrary<Pick<BadRequest, 'body' | 'raw'>> = json
    ? fc.oneof(
        { arbitrary: valueFor(json).map((value) => ({ body: value })), weight: 4 },
        { arbitrary: wrongType.map((value) => ({ body: value })), weight: 1 },
        {
          arbitrary: fc.constantFrom('{', '{"a":', '[1,', 'null x', '\u0000').map((raw) => ({ raw })),
          weight: 1,
        },
      )
    : fc.constant({});
  return fc.tuple(pathValues, query, body, fc.nat(existing.length - 1)).map(([values, pairs, payload, i]) => {
    let n = 0;
    const filled = path.replace(/\{[^}]+\}/g, () => {
      const value = values[n++] as string;
      return encodeURIComponent(value === '__existing__' ? existing[i % existing.length]! : value);
    });
    const search = new URLSearchParams();
    for (const [key, value] of pairs) search.append(key, value === '__existing__' ? existing[0]! : value);
    const qs = search.toString();
    return { path: qs ? `${filled}?${qs}` : filled, ...payload };
  });
}

async function itemCount(): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await h.store.client.send(
      new ScanCommand({ TableName: h.tableName, Select: 'COUNT', ExclusiveStartKey: start }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}

function problemWith(res: ApiResponse, before: number, after: number): string | null {
  if (res.status >= 500) return `answered ${res.status}`;
  if (res.status < 400) return null;
  const error = res.body?.error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || !('details' in error))
    return `a ${res.status} not in the error format: ${res.text.slice(0, 200)}`;
  if (after !== before) return `refused (${res.status} ${error.code}) yet wrote ${after - before} item(s)`;
  return null;
}

describe('bad input: no 5xx, a JSON error, nothing written on refusal', () => {
  it('every documented operation', async () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
    );
    expect(operations.length).toBeGreaterThan(80);
    const client = h.as(token);
    let requests = 0;
    const refusedWith = new Map<number, number>();
    for (const [index, { method, path, operation }] of operations.entries()) {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(path, operation), async (request) => {
          // An earlier accepted request may have fanned work out (an evaluation run scores its
          // units on the in-process queue): let it finish, so only this request's writes count.
          await h.queue.idle();
          const before = await itemCount();
          const options =
            request.raw !== undefined ? { raw: request.raw, contentType: 'application/json' } : undefined;
          const res =
            method === 'GET'
              ? await client.get(request.path)
              : method === 'DELETE'
                ? await client.delete(request.path)
                : await (client as any)[method.toLowerCase()](request.path, request.body, options);
          requests++;
          refusedWith.set(res.status, (refusedWith.get(res.status) ?? 0) + 1);
          if (res.status >= 400) await h.queue.idle();
          const after = res.status >= 400 ? await itemCount() : before;
          const problem = problemWith(res, before, after);
          if (problem) throw new Error(`${method} ${request.path.slice(0, 300)}: ${problem}`);
        }),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
      );
    }
    expect(requests).toBe(operations.length * RUNS);
    // The spoiled requests are mostly refused as invalid: the generator really reaches validation.
    expect(refusedWith.get(400) ?? 0).toBeGreaterThan(requests / 3);
  }, 600_000);
});
