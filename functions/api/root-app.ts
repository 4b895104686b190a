import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { routePath } from 'hono/route';
import { getPath } from 'hono/utils/url';
import { DOCS_INIT_JS, docsAsset, docsPage } from '#functions/api/docs.ts';
import type { AppEnv } from '#functions/api/env.ts';
import { authenticate } from '#functions/api/middleware/authenticate.ts';
import { errorBody, localisedMessage, onError, validationHook } from '#functions/api/middleware/errors.ts';
import { idempotency } from '#functions/api/middleware/idempotency.ts';
import { labelResponses } from '#functions/api/middleware/labels.ts';
import { type ContractViolation, responseContract } from '#functions/api/middleware/response-contract.ts';
import type { ContextMounts } from '#functions/api/mount.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { AppError } from '#shared/errors.ts';
import { languageOf, runInLanguage } from '#shared/messages/language.ts';
import { type BusinessEvent, logger, recordBusinessEvent, recordRequest } from '#shared/observability.ts';

/** What hono/aws-lambda passes as `c.env` (only the part we read). */
interface LambdaBindings {
  event?: { requestContext?: { requestId?: string } };
}

/** Successful (not replayed) requests that count as a business event. */
const BUSINESS_EVENT_ROUTES: Record<string, BusinessEvent> = {
  'POST /v1/recruitments/:id/candidates/:candidateId/hire': 'hire',
  'POST /v1/workers/:id/exits': 'exit',
  'POST /v1/transfers': 'transfer',
  'POST /v1/evaluations/runs': 'evaluationRun',
};

export interface RootAppOptions {
  /** The bounded contexts this app serves, by manifest name. */
  contexts: Record<string, ContextMounts>;
  /**
   * The OpenAPI document of the whole API (every context, whichever function serves it); built
   * once, on the first GET /openapi.json. None (or it gives undefined): that route answers 404.
   */
  openApiDocument?: (app: OpenAPIHono<AppEnv>) => unknown | Promise<unknown>;
  /** Extra routes outside /v1 (local mode's token endpoint). */
  extend?: (app: OpenAPIHono<AppEnv>) => void;
  /**
   * Test mode: check every response against the schema its route declares for its status and
   * report each mismatch here (the integration harness fails the test file on any). Off in
   * production: nothing is installed without it.
   */
  onContractViolation?: (violation: ContractViolation) => void;
}

/** API Gateway's request limit in AWS; local mode enforces the same, before anything reads the body. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export const API_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'shegong API',
    version: '1.0.0',
    description: 'Workforce and evaluation system for urban community workers (社区工作者).',
  },
};

/**
 * The Hono app of the given contexts with the shared middleware. It imports no context itself, so
 * a Lambda that passes only its own context bundles only its own routes (`<context>/lambda.ts`).
 */
export function createRootApp(deps: Dependencies, options: RootAppOptions) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook, getPath: routingPath });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });

  // Route pattern → context, filled as the contexts are mounted below (for metrics and logs).
  const routeContexts = new Map<string, string>();
  const logRequests = process.env.LOG_REQUESTS !== '0';
  app.use('*', async (c, next) => {
    const started = performance.now();
    // API Gateway's request id (Lambda), else the caller's, else a new one.
    const apiRequestId = (c.env as LambdaBindings | undefined)?.event?.requestContext?.requestId;
    const requestId = c.req.header('x-request-id') ?? apiRequestId ?? randomUUID();
    c.set('requestId', requestId);
    const now = deps.clock();
    c.set('now', now);
    const language = languageOf(c.req.header('accept-language'));
    // Before the response exists, so c.json builds it with them: a header set on a finished
    // response makes Hono copy the response (and @hono/node-server give up its fast path).
    c.header('x-request-id', requestId);
    c.header('content-language', language === 'en' ? 'en' : 'zh-CN');
    // The business time the answer was made at: the web app dates its forms by it, not by a device
    // clock that may be wrong (or by the real time when local mode's clock was moved).
    c.header('x-business-time', now.toISOString());
    // Chinese is what `currentLanguage()` answers outside any language scope: only another
    // language needs the async context (which, once used, makes every promise of the process dearer).
    await (language === 'zh' ? next() : runInLanguage(language, () => next()));
    // A handler that returned a Response of its own made it without them.
    if (!c.res.headers.has('x-request-id')) {
      c.header('x-request-id', requestId);
      c.header('content-language', language === 'en' ? 'en' : 'zh-CN');
      c.header('x-business-time', now.toISOString());
    }

    const route = routePath(c, -1);
    const context = routeContexts.get(`${c.req.method} ${route}`) ?? 'none';
    const status = c.res.status;
    recordRequest(context, routeContexts.has(`${c.req.method} ${route}`) ? route : 'unmatched', status);
    const event = BUSINESS_EVENT_ROUTES[`${c.req.method} ${route}`];
    if (event && status < 300 && !c.res.headers.has('idempotent-replayed')) recordBusinessEvent(event);
    if (c.error instanceof AppError && c.error.code === 'QUOTA_EXCEEDED') recordBusinessEvent('quotaRefusal');
    if (logRequests) {
      const actor = c.get('actor');
      logger.info('request', {
        method: c.req.method,
        path: c.req.path,
        route,
        context,
        status,
        ms: Math.round(performance.now() - started),
        requestId,
        correlationId: c.req.header('x-correlation-id') ?? apiRequestId ?? requestId,
        ...(actor ? { actor: { role: actor.role, org: actor.org } } : {}),
      });
    }
  });
  if (options.onContractViolation) app.use('*', responseContract(app, options.onContractViolation));
  const limitBody = bodyLimit({
    maxSize: MAX_REQUEST_BYTES,
    onError: (c) =>
      c.json(
        errorBody(
          'PAYLOAD_TOO_LARGE',
          localisedMessage(languageOf(c.req.header('accept-language')), 'PAYLOAD_TOO_LARGE', null),
          { maxBytes: MAX_REQUEST_BYTES },
        ),
        413,
      ),
  });
  // GET and HEAD bodies are never read; asking for one makes @hono/node-server build a whole
  // WHATWG Request (with a body stream) for every read request.
  app.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next),
  );
  app.onError(onError);
  app.notFound(notFound);

  app.get('/health', (c) => c.json({ status: 'ok', service: 'shegong', time: deps.clock().toISOString() }));
  let document: Promise<unknown> | undefined;
  app.get('/openapi.json', async (c) => {
    document ??= Promise.resolve(options.openApiDocument?.(app));
    const body = await document;
    return body === undefined ? notFound(c) : c.json(body as object);
  });
  app.get('/docs', (c) => c.html(docsPage('/openapi.json')));
  app.get('/docs/init.js', (c) =>
    c.body(DOCS_INIT_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  );
  app.get('/docs/assets/:file', docsAsset);
  options.extend?.(app);

  app.use('/v1/*', labelResponses());
  app.use('/v1/*', authenticate(deps));
  app.use('/v1/*', idempotency(deps));
  for (const [context, mounts] of Object.entries(options.contexts)) {
    const before = app.routes.length;
    for (const [prefix, subApp] of mounts(deps)) app.route(prefix, subApp);
    for (const route of app.routes.slice(before)) {
      if (route.method !== 'ALL') routeContexts.set(`${route.method} ${route.path}`, context);
    }
  }
  return app;
}

// biome-ignore lint/suspicious/noExplicitAny: any context's not-found
function notFound(c: any) {
  return c.json(
    errorBody(
      'NOT_FOUND',
      languageOf(c.req.header('accept-language')) === 'en'
        ? `No route for ${c.req.method} ${c.req.path}`
        : `没有此接口：${c.req.method} ${c.req.path}`,
    ),
    404,
  );
}

const ORG_UNIT_PATH = /^\/v1\/org-units\/(.+?)(\/children)?\/?$/;
const ORG_UNIT_PREFIX = '/v1/org-units/';

/**
 * The path the router matches (Hono's `getPath` option, so Lambda and local mode route alike): org
 * unit ids are paths, accepted with raw slashes too, so `/v1/org-units/qth/xinxing[/children]` is
 * routed as `/v1/org-units/qth%2Fxinxing[/children]` (the `{id}` param decodes to `qth/xinxing`).
 */
export function routingPath(request: Request): string {
  const path = getPath(request);
  if (!path.startsWith(ORG_UNIT_PREFIX)) return path;
  const match = ORG_UNIT_PATH.exec(path);
  if (!match || !match[1]!.includes('/')) return path;
  return `${ORG_UNIT_PREFIX}${match[1]!.replaceAll('/', '%2F')}${match[2] ?? ''}`;
}
