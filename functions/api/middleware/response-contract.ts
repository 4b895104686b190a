import { isDeepStrictEqual } from 'node:util';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { z } from 'zod';
import { labelledFields, labelledListFields } from '#shared/domain/labels.ts';
import { errorSchema } from '#shared/schemas/common.ts';

/** A response that does not match what the OpenAPI document declares for its route and status. */
export interface ContractViolation {
  method: string;
  /** The request path as called. */
  path: string;
  /** The route as documented (`/v1/org-units/{id}`), or null when no documented route matched. */
  route: string | null;
  status: number;
  problems: string[];
  body: unknown;
}

type ResponseConfig = { content?: Record<string, { schema?: unknown }> };
type Responses = Record<string, ResponseConfig>;

/**
 * Test mode only (an option of `createApp`): checks every response against the schema the route
 * declares for that status, so the OpenAPI document (and the client generated from it) tells the
 * truth. Error responses from outside a documented route (401 before routing, unknown paths) must
 * still be the common error body. Violations go to `report`; the response itself is left as is.
 */
export function responseContract(
  app: Pick<OpenAPIHono, 'openAPIRegistry'>,
  report: (violation: ContractViolation) => void,
): MiddlewareHandler {
  let routes: Map<string, Responses> | undefined;
  const documented = () => {
    // Built on first use: the sub-apps are mounted after this middleware is registered.
    routes ??= new Map(
      app.openAPIRegistry.definitions.flatMap((definition) =>
        definition.type === 'route'
          ? [
              [
                `${definition.route.method.toUpperCase()} ${definition.route.path}`,
                definition.route.responses as Responses,
              ] as const,
            ]
          : [],
      ),
    );
    return routes;
  };

  return async (c, next) => {
    await next();
    const violation = await check(c, documented());
    if (violation) report(violation);
  };
}

async function check(c: Context, routes: Map<string, Responses>): Promise<ContractViolation | null> {
  const method = c.req.method;
  // The route that serves this request: the first matched handler for the method (middleware is ALL).
  const served = matchedRoutes(c).find((route) => route.method === method);
  const route = served ? toOpenApiPath(served.path) : null;
  const responses = route ? routes.get(`${method} ${route}`) : undefined;
  const status = c.res.status;
  const contentType = c.res.headers.get('content-type') ?? '';
  const isJson = /^application\/(.+\+)?json/.test(contentType);
  const problems: string[] = [];
  let body: unknown = null;
  if (isJson) {
    try {
      body = await c.res.clone().json();
    } catch {
      problems.push('the body is not valid JSON');
    }
  }

  if (!responses) {
    // Undocumented: only our own non-API routes (health, openapi.json, docs, local token) may be.
    if (c.req.path.startsWith('/v1/') && route !== null)
      problems.push(`route ${method} ${route} is not documented`);
    if (status >= 400 && isJson) problems.push(...schemaProblems(errorSchema, body));
  } else {
    const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!declared) {
      problems.push(`status ${status} is not declared (declared: ${Object.keys(responses).join(', ')})`);
    } else {
      const content = declared.content ?? {};
      const mediaTypes = Object.keys(content);
      const jsonEntry = Object.entries(content).find(([type]) => /^application\/(.+\+)?json/.test(type));
      if (isJson) {
        if (!jsonEntry)
          problems.push(`a JSON body, but ${status} declares ${mediaTypes.join(', ') || 'no body'}`);
        else if (jsonEntry[1].schema)
          problems.push(...schemaProblems(jsonEntry[1].schema as z.ZodType, body));
      } else if (mediaTypes.length === 0) {
        if (c.res.body !== null && status !== 204 && (await c.res.clone().text()) !== '') {
          problems.push(`a ${contentType || 'untyped'} body, but ${status} declares no body`);
        }
      } else if (!mediaTypes.some((type) => contentType.startsWith(type))) {
        problems.push(
          `content-type ${contentType || '(none)'}, but ${status} declares ${mediaTypes.join(', ')}`,
        );
      }
    }
  }
  return problems.length ? { method, path: c.req.path, route, status, problems, body } : null;
}

/**
 * Schema failures, and fields the schema does not declare (zod strips them silently). Array
 * indices are folded (`items[].date`) so a list reports each problem once.
 */
function schemaProblems(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  const problems = !result.success
    ? result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    : isDeepStrictEqual(result.data, body)
      ? []
      : undeclaredPaths(body, result.data, '').map((path) => `${path}: not declared in the schema`);
  const folded = problems.map((problem) =>
    problem.replaceAll(/\.(\d+)(?=[.:\s])/g, '[]').replaceAll(/\[\d+\]/g, '[]'),
  );
  return [...new Set(folded)];
}

/** Where the parsed value differs from the raw one: keys dropped (undeclared) or values rewritten. */
function undeclaredPaths(raw: unknown, parsed: unknown, at: string): string[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    return raw.flatMap((item, i) => undeclaredPaths(item, parsed[i], `${at}[${i}]`));
  }
  if (isPlainObject(raw) && isPlainObject(parsed)) {
    return Object.keys(raw).flatMap((key) =>
      key in parsed
        ? undeclaredPaths(raw[key], parsed[key], at ? `${at}.${key}` : key)
        : isLabelOfDeclaredField(key, parsed)
          ? []
          : [at ? `${at}.${key}` : key],
    );
  }
  return isDeepStrictEqual(raw, parsed) ? [] : [`${at || '(body)'} (rewritten by the schema)`];
}

/**
 * `<field>Label` beside a declared labelled field: added to every response by the labels
 * middleware and declared in the OpenAPI document by `declareLabels` (the route's zod schema
 * does not carry it).
 */
function isLabelOfDeclaredField(key: string, parsed: Record<string, unknown>): boolean {
  if (key.endsWith('Labels')) {
    const field = key.slice(0, -'Labels'.length);
    return Object.hasOwn(labelledListFields, field) && field in parsed;
  }
  const field = key.endsWith('Label') ? key.slice(0, -'Label'.length) : '';
  return field !== '' && Object.hasOwn(labelledFields, field) && field in parsed;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Hono's `/v1/org-units/:id/children` → OpenAPI's `/v1/org-units/{id}/children`. */
const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
