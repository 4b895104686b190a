import { can } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { auditTrailPage } from '#shared/db/audit.ts';
import type { Store } from '#shared/db/store.ts';
import { forbidden, notFound } from '#shared/errors.ts';

/** An entity's audit trail, newest first. Entries outside the caller's subtree are never shown. */
export async function listAudit(
  store: Store,
  ctx: RequestContext,
  entity: string,
  cursor?: string,
  limit = 50,
) {
  if (!can(ctx.actor, 'audit:read', { org: ctx.actor.org }))
    throw forbidden('Only HR officers read the audit trail');
  const page = await auditTrailPage(store, entity, cursor, limit);
  const visible = page.items.filter((r) => can(ctx.actor, 'audit:read', { org: r.org }));
  // Missing and outside the caller's subtree answer alike: the list is no existence oracle.
  if (cursor === undefined && visible.length === 0) throw notFound('audited entity', entity);
  return { items: visible, cursor: page.cursor };
}
