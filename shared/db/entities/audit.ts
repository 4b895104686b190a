import type { RequestContext } from '#shared/context.ts';

/** What changed: `entity` is `<type>:<id>`, e.g. `org-unit:qth/xinxing`, `worker:w_01H…`. */
export interface AuditEntry {
  entity: string;
  /** The org unit the entity belongs to: audit reads are authorised by subtree. */
  org: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord extends AuditEntry {
  /** Stored entries always carry both (null when absent). */
  before: unknown;
  after: unknown;
  at: string;
  actor: { sub: string; role: string; org: string };
  requestId: string;
}

export const auditKeys = {
  pk: (entity: string) => `AUDIT#${entity}`,
};

export function auditItem(ctx: RequestContext, entry: AuditEntry, index: number) {
  const at = ctx.now.toISOString();
  return {
    pk: auditKeys.pk(entry.entity),
    // Time first for ordering; request id + index keeps two entries of one request distinct.
    sk: `${at}#${ctx.requestId}#${index}`,
    type: 'audit',
    entity: entry.entity,
    org: entry.org,
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    at,
    actor: { sub: ctx.actor.sub, role: ctx.actor.role, org: ctx.actor.org },
    requestId: ctx.requestId,
  };
}

export function toAuditRecord(item: Record<string, unknown>): AuditRecord {
  return {
    entity: item.entity as string,
    org: item.org as string,
    action: item.action as string,
    before: item.before ?? null,
    after: item.after ?? null,
    at: item.at as string,
    actor: item.actor as AuditRecord['actor'],
    requestId: item.requestId as string,
  };
}
