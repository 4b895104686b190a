import type { MiddlewareHandler } from 'hono';
import { labelledFields, labelledListFields, labelsReplacer, withLabels } from '#shared/domain/labels.ts';

/**
 * Every JSON success response gets `<field>Label` (the Chinese label) beside each enumerated code
 * it holds (shared/domain/labels.ts): one place, so no use-case can forget it and replayed
 * (idempotent) responses read the same.
 *
 * A body given to `c.json` with a success status is labelled as it is serialised (the value as JSON
 * has it, so exactly what reading the response back would give: `labelsReplacer`); any other JSON success
 * response (a replay, a status set apart from `c.json`) is read back, labelled and rebuilt.
 * Labelling twice changes nothing.
 */
export function labelResponses(): MiddlewareHandler {
  return async (c, next) => {
    const json = c.json;
    let labelled: Response | undefined;
    c.json = ((object: unknown, arg?: number | ResponseInit, headers?: Record<string, string>) => {
      const status = typeof arg === 'number' ? arg : arg?.status;
      if (status === undefined || status >= 400 || object === undefined)
        return json(object as never, arg as never, headers);
      // One serialisation that writes the labels as it goes (no JSON copy of the body to label).
      labelled = c.body(JSON.stringify(object, labelsReplacer), arg as never, {
        'Content-Type': 'application/json',
        ...headers,
      });
      return labelled;
    }) as typeof c.json;
    await next();
    const res = c.res;
    if (res === labelled) return;
    if (res.status >= 400 || !res.headers.get('content-type')?.includes('application/json')) return;
    const body = await res.clone().json();
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    c.res = new Response(JSON.stringify(withLabels(body)), { status: res.status, headers });
  };
}

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema> };

/** Whether a documented property holds an enumerated value (not, say, a pay grade number). */
function isEnumerated(key: string, schema: JsonSchema | undefined): boolean {
  if (!schema) return false;
  // Documented as plain strings or numbers but holding codes.
  if (['situation', 'department', 'status', 'event', 'job'].includes(key)) return true;
  if (Array.isArray(schema.enum)) return true;
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  return Array.isArray(variants) && variants.some((v) => Array.isArray(v.enum));
}

/**
 * The OpenAPI document declares the labels the middleware adds, so the generated web client types
 * them: `<field>Label` (optional string) beside each enumerated property with a labelled name.
 */
export function declareLabels<T>(document: T): T {
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const schema = node as JsonSchema;
    if (schema.properties && typeof schema.properties === 'object') {
      for (const [key, property] of Object.entries(schema.properties)) {
        const labelKey = `${key}Label`;
        if (labelledFields[key] && isEnumerated(key, property) && !schema.properties[labelKey])
          schema.properties[labelKey] = { type: 'string', description: `${key} 的中文名称` };
        const listKey = `${key}Labels`;
        if (labelledListFields[key] && property?.type === 'array' && !schema.properties[listKey])
          schema.properties[listKey] = {
            type: 'array',
            items: { type: 'string' },
            description: `${key} 的中文名称`,
          };
      }
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(document);
  return document;
}
