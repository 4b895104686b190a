import { type AuditRecord, auditKeys, toAuditRecord } from '#shared/db/entities/audit.ts';
import type { Page, Store } from '#shared/db/store.ts';

/**
 * The audit trail's reads. Entries are written only by `store.transact`, in the same transaction as
 * the change they record; this module reads them back.
 */

/** One page of an entity's audit entries, newest first (one partition `AUDIT#<entity>`). */
export async function auditTrailPage(
  store: Store,
  entity: string,
  cursor: string | undefined,
  limit: number,
): Promise<Page<AuditRecord>> {
  const page = await store.queryPage(
    {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': auditKeys.pk(entity) },
      ScanIndexForward: false,
      Limit: limit,
    },
    cursor,
  );
  return { items: page.items.map(toAuditRecord), cursor: page.cursor };
}
