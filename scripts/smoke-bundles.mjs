/**
 * After `cdk synth`: loads every bundled Lambda (the real esbuild output in cdk.out) and checks it
 * starts. API functions answer GET /health on an API Gateway v2 event; job functions must at least
 * load. Catches bundling problems (ESM/CJS interop, missing modules) that in-process tests can't.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.TABLE_NAME ??= 'shegong';
process.env.AWS_REGION ??= 'cn-north-1';
process.env.LOG_REQUESTS = '0';

const out = 'cdk.out';
const functions = [];
for (const file of readdirSync(out).filter((f) => f.endsWith('.template.json'))) {
  const template = JSON.parse(readFileSync(join(out, file), 'utf8'));
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    // CDK's own providers (the web stack's BucketDeployment runs Python) are not our bundles.
    if (!String(resource.Properties?.Runtime ?? '').startsWith('nodejs')) continue;
    const key = resource.Properties?.Code?.S3Key;
    if (typeof key !== 'string') continue;
    functions.push({
      id,
      dir: join(out, `asset.${key.replace(/\.zip$/, '')}`),
      env: resource.Properties.Environment?.Variables ?? {},
    });
  }
}
if (functions.length === 0)
  throw new Error('no bundled Lambda functions found in cdk.out (run cdk synth first)');

const healthEvent = {
  version: '2.0',
  routeKey: 'GET /health',
  rawPath: '/health',
  rawQueryString: '',
  headers: { host: 'api.example' },
  requestContext: {
    http: { method: 'GET', path: '/health', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'smoke' },
    requestId: 'smoke',
    routeKey: 'GET /health',
    stage: '$default',
  },
  isBase64Encoded: false,
};

let failures = 0;
for (const fn of functions) {
  const entry = readdirSync(fn.dir).find((f) => /^index\.(mjs|js)$/.test(f));
  try {
    if (!entry) throw new Error(`no index.mjs in ${fn.dir}`);
    const module = await import(pathToFileURL(join(fn.dir, entry)).href);
    if (typeof module.handler !== 'function') throw new Error('no exported handler');
    if (fn.id.includes('ApiFunction')) {
      const res = await module.handler(healthEvent, {});
      if (res.statusCode !== 200) throw new Error(`GET /health answered ${res.statusCode}: ${res.body}`);
    }
    // The function serving the public routes ships the whole API's document beside its bundle.
    if (fn.id.startsWith('OrganisationApiFunction')) {
      const path = '/openapi.json';
      const res = await module.handler(
        {
          ...healthEvent,
          rawPath: path,
          requestContext: {
            ...healthEvent.requestContext,
            http: { ...healthEvent.requestContext.http, path },
          },
        },
        {},
      );
      const paths = Object.keys(JSON.parse(res.body).paths ?? {});
      if (res.statusCode !== 200 || !paths.includes('/v1/me') || !paths.includes('/v1/transfers'))
        throw new Error(`GET /openapi.json answered ${res.statusCode} without every context's paths`);
      // A spreadsheet: exceljs sits in a lazily imported chunk beside the entry; it must load too.
      // (A kind without 所在单位: the transfers template lists the officer's units from DynamoDB.)
      const templatePath = '/v1/templates/scores';
      const template = await module.handler(
        {
          ...healthEvent,
          rawPath: templatePath,
          requestContext: {
            ...healthEvent.requestContext,
            http: { ...healthEvent.requestContext.http, path: templatePath },
            authorizer: { jwt: { claims: { sub: 'smoke', 'cognito:groups': '[hr]', 'custom:org': 'qth' } } },
          },
        },
        {},
      );
      const xlsx = Buffer.from(template.body ?? '', template.isBase64Encoded ? 'base64' : 'utf8');
      if (template.statusCode !== 200 || xlsx.subarray(0, 2).toString() !== 'PK')
        throw new Error(
          `GET ${templatePath} answered ${template.statusCode} without an xlsx: ${template.body}`,
        );
    }
    console.log(`ok   ${fn.id}`);
  } catch (error) {
    failures++;
    console.error(`FAIL ${fn.id}: ${error?.stack ?? error}`);
  }
}
console.log(
  `${functions.length - failures} of ${functions.length} bundled functions load${failures ? '' : ' and answer'}`,
);
process.exit(failures ? 1 : 0);
