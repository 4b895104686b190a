import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { jobSuccessKeys } from '#shared/db/entities/job-run.ts';
import { scheduledJobs } from '#functions/jobs/manifest.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '#shared/domain/national-id.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { METRICS_NAMESPACE, SERVICE } from '#shared/metric-names.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

/**
 * The logs and metrics README's "Operations" section documents, as the real Lambda entries write
 * them: each entry runs in a fresh Node process (`test/support/invoke-lambda.ts`) with a Lambda's
 * environment (so Powertools is in Lambda mode: one JSON line per log entry, metrics as EMF lines
 * on stdout), against this file's DynamoDB Local. Nothing of Powertools is mocked: the test reads
 * what the process printed.
 */
const execFileAsync = promisify(execFile);
let h: Harness;
let w: WorkerRecord;
let dir: string;

beforeAll(async () => {
  h = await startHarness();
  await seedOrgTree(h);
  w = await seedWorker(h, { name: '王红' });
  dir = mkdtempSync(join(tmpdir(), 'shegong-telemetry-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await h?.stop();
});

type Line = Record<string, any>;

/** Invokes `entry`'s handler once in a fresh process; its result and every JSON line it printed. */
async function invoke(entry: string, functionName: string, event: unknown) {
  const eventFile = join(dir, `${functionName}-event.json`);
  const resultFile = join(dir, `${functionName}-result.json`);
  writeFileSync(eventFile, JSON.stringify(event));
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--import', 'tsx', 'test/support/invoke-lambda.ts', entry, eventFile],
    {
      env: {
        PATH: process.env.PATH,
        AWS_LAMBDA_FUNCTION_NAME: functionName,
        // Set by Lambda on on-demand environments; Powertools reports cold starts only then.
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        AWS_REGION: 'cn-north-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        // The SDK's own endpoint setting: the entry builds its clients exactly as in Lambda.
        AWS_ENDPOINT_URL_DYNAMODB: h.endpoint,
        TABLE_NAME: h.tableName,
        // No X-Ray daemon here; the tracer is not what this test is about.
        POWERTOOLS_TRACE_ENABLED: 'false',
        RESULT_FILE: resultFile,
        TEST_INVOCATION_ID: `${functionName}-invocation`,
      },
      timeout: 120_000,
      maxBuffer: 10 * 1024 * 1024,
    },
  );
  const lines: Line[] = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
  return { result: JSON.parse(readFileSync(resultFile, 'utf8')), lines };
}

function apiEvent(
  method: string,
  path: string,
  claims: Record<string, string>,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example.cn', 'content-type': 'application/json', ...options.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.cn',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'apigw-request-1',
      routeKey: '$default',
      stage: '$default',
      time: '02/Mar/2026:02:00:00 +0000',
      timeEpoch: 1772416800000,
      authorizer: { jwt: { claims, scopes: null } },
    },
    isBase64Encoded: false,
    ...(options.body ? { body: JSON.stringify(options.body) } : {}),
  };
}

/** The EMF lines (CloudWatch embedded metric format) that carry `metric`. */
function emf(lines: Line[], metric: string): Line[] {
  return lines.filter((line) =>
    line._aws?.CloudWatchMetrics?.some((m: Line) => m.Metrics.some((d: Line) => d.Name === metric)),
  );
}

describe('what a Lambda writes (Powertools in Lambda mode)', () => {
  it('an API request: one JSON request log line with request and correlation ids, and Requests{context,route,status}', async () => {
    const { result, lines } = await invoke('functions/api/self-service/lambda.ts', 'shegong-self-service', {
      ...apiEvent('GET', '/v1/me', { sub: 'u-1', role: 'worker', org: w.org, workerId: w.id }),
    });
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).id).toBe(w.id);

    const requests = lines.filter((line) => line.message === 'request');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      level: 'INFO',
      service: SERVICE,
      method: 'GET',
      path: '/v1/me',
      route: '/v1/me',
      context: 'self-service',
      status: 200,
      requestId: 'apigw-request-1',
      // No x-correlation-id header: API Gateway's request id.
      correlationId: 'apigw-request-1',
      actor: { role: 'worker', org: w.org },
      // The Lambda context (Powertools' addContext).
      function_name: 'shegong-self-service',
      function_request_id: 'shegong-self-service-invocation',
      cold_start: true,
    });
    expect(typeof requests[0]!.ms).toBe('number');
    expect(typeof requests[0]!.timestamp).toBe('string');

    const metrics = emf(lines, 'Requests');
    expect(metrics).toHaveLength(1);
    const [line] = metrics;
    expect(line!._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [expect.arrayContaining(['service', 'context', 'route', 'status'])],
        Metrics: [{ Name: 'Requests', Unit: 'Count' }],
      },
    ]);
    expect(line!._aws.CloudWatchMetrics[0].Dimensions[0]).toHaveLength(4);
    expect(line).toMatchObject({
      service: SERVICE,
      context: 'self-service',
      route: '/v1/me',
      status: '200',
      Requests: 1,
    });
    expect(typeof line!._aws.Timestamp).toBe('number');
  });

  it('a business event (a transfer batch) is its own EMF line with the service dimension only; the caller’s correlation id is logged', async () => {
    const { result, lines } = await invoke(
      'functions/api/hiring/lambda.ts',
      'shegong-hiring',
      apiEvent(
        'POST',
        '/v1/transfers',
        { sub: 'u-2', role: 'hr', org: 'qth' },
        {
          headers: { 'x-correlation-id': 'corr-42' },
          body: {
            rows: [
              {
                nationalId: withCheckDigit('23090219900308001'),
                name: '张小社',
                org: 'qth/xinxing/hongqi/c1',
                currentMonthlyPayFen: 312_345,
                education: 'bachelor',
              },
            ],
          },
        },
      ),
    );
    expect(result.statusCode).toBe(201);
    const transfers = emf(lines, 'TransferBatches');
    expect(transfers).toHaveLength(1);
    expect(transfers[0]!._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [['service']],
        Metrics: [{ Name: 'TransferBatches', Unit: 'Count' }],
      },
    ]);
    expect(transfers[0]).toMatchObject({ service: SERVICE, TransferBatches: 1 });
    const request = lines.find((line) => line.message === 'request');
    expect(request).toMatchObject({
      route: '/v1/transfers',
      context: 'hiring',
      status: 201,
      requestId: 'apigw-request-1',
      correlationId: 'corr-42',
      actor: { role: 'hr', org: 'qth' },
    });
    expect(emf(lines, 'Requests')[0]).toMatchObject({
      context: 'hiring',
      route: '/v1/transfers',
      status: '201',
    });
  });

  it('a scheduled job that returns emits JobSucceeded{service, job} (what its alarm reads)', async () => {
    const { lines } = await invoke('functions/jobs/batch-recovery/lambda.ts', 'shegong-batch-recovery', {
      job: 'batch-recovery',
    });
    const succeeded = emf(lines, 'JobSucceeded');
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]!._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [expect.arrayContaining(['service', 'job'])],
        Metrics: [{ Name: 'JobSucceeded', Unit: 'Count' }],
      },
    ]);
    expect(succeeded[0]!._aws.CloudWatchMetrics[0].Dimensions[0]).toHaveLength(2);
    expect(succeeded[0]).toMatchObject({ service: SERVICE, job: 'batch-recovery', JobSucceeded: 1 });
    // And the success is recorded for the watchdog.
    expect(await h.store.get(jobSuccessKeys.key('batch-recovery'))).toMatchObject({ job: 'batch-recovery' });
  });

  it('the watchdog emits JobOverdue{service, job} for every other job (what the overdue alarms read)', async () => {
    const { result, lines } = await invoke('functions/jobs/job-watchdog/lambda.ts', 'shegong-job-watchdog', {
      job: 'job-watchdog',
    });
    expect(result).toMatchObject({ job: 'job-watchdog', status: 'done' });
    const verdicts = emf(lines, 'JobOverdue');
    const others = scheduledJobs.filter((job) => job.name !== 'job-watchdog').map((job) => job.name);
    expect(verdicts.map((line) => line.job).sort()).toEqual([...others].sort());
    // A system first watched now has missed nothing.
    for (const line of verdicts) expect(line).toMatchObject({ service: SERVICE, JobOverdue: 0 });
  });
});
