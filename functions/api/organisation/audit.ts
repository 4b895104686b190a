import { createRoute, z } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, jsonContent } from '#functions/api/openapi.ts';
import { localiseOutcomes, t } from '#shared/messages/catalogue.ts';
import { cursorQuery, pageOf } from '#shared/schemas/common.ts';
import { listAudit } from '#shared/usecases/audit.ts';

const auditEntrySchema = z
  .object({
    entity: z.string().openapi({ example: 'org-unit:qth/xinxing' }),
    org: z.string(),
    action: z.string().openapi({ example: 'org-unit.created' }),
    actionLabel: z.string().optional().openapi({ description: 'The action in Chinese, e.g. 新建组织单位' }),
    before: z.unknown().openapi({ description: 'What it was (any JSON value; null when nothing was)' }),
    after: z.unknown().openapi({ description: 'What it became (any JSON value; null when nothing is)' }),
    at: z.string(),
    actor: z.object({ sub: z.string(), role: z.string(), org: z.string() }),
    requestId: z.string(),
  })
  .openapi('AuditEntry');

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['Audit'],
  summary: "An entity's audit trail, newest first (HR officers, own subtree)",
  security: bearerSecurity,
  request: {
    query: cursorQuery.extend({
      entity: z
        .string()
        .min(3)
        .regex(/^[a-z-]+:.+$/, { error: () => t('INVALID_AUDIT_ENTITY') }),
    }),
  },
  responses: { 200: jsonContent(pageOf(auditEntrySchema), 'Audit entries'), ...commonErrors },
});

export function auditRoutes(deps: Dependencies) {
  return resourceApp().openapi(list, async (c) => {
    const { entity, cursor, limit } = c.req.valid('query');
    const page = await listAudit(deps.store, requestContext(c), entity, cursor, limit);
    // Failures kept in entries as code + params (a failed job, a rolled-back batch) read in the
    // caller's language.
    const items = page.items.map((entry) => ({
      ...entry,
      before: localiseOutcomes(entry.before),
      after: localiseOutcomes(entry.after),
    }));
    return c.json({ ...page, items }, 200);
  });
}
