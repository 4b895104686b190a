import { tableDefinition } from '#shared/db/table-definition.ts';

/** The attributes the table adds to a record it stores: its keys, the item type and every index's keys. */
export const TABLE_ATTRIBUTES: ReadonlySet<string> = new Set([
  tableDefinition.partitionKey,
  tableDefinition.sortKey,
  'type',
  ...Object.values(tableDefinition.indexes).flatMap((index) => [index.partitionKey, index.sortKey]),
]);

/**
 * The record an item holds: the item's attributes minus the table's (`TABLE_ATTRIBUTES`). The one
 * place a stored item becomes a record type, so the cast is here once: items of a type are only
 * written by their entity's `<entity>Item(record)` from that record type. `defaults` fill the
 * fields that items written before the field existed lack.
 */
export function withoutKeys<T extends object>(item: Record<string, unknown>, defaults: Partial<T> = {}): T {
  // Copied key by key into a fresh literal: spreading `defaults` first and adding the item's
  // properties to that was ~40× slower in V8 (a hot path: every record read from the table).
  const record: Record<string, unknown> = {};
  for (const name in defaults) record[name] = defaults[name as keyof T];
  for (const name in item) if (!TABLE_ATTRIBUTES.has(name)) record[name] = item[name];
  return record as T;
}
