/**
 * The one DynamoDB table, as plain data: CDK (infra/), local mode and the tests all build the
 * table from this, so the three can never drift apart. No AWS imports here on purpose.
 *
 * Single-table design. Every item has `pk`/`sk`; sparse GSIs serve the list access patterns.
 * See README "Data model" for the full list of item types and the query that serves each pattern.
 */
export const tableDefinition = {
  defaultName: 'shegong',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB TTL removes expired idempotency records. */
  timeToLiveAttribute: 'expiresAt',
  indexes: {
    /**
     * ByCollection: "the members of a collection, in order": children of an org unit, the workers
     * of a city by status ordered by org path (a subtree is a key range, `subtreeQuery`), a recruitment's candidates,
     * a period's evaluation results by org unit.
     */
    byCollection: { name: 'ByCollection', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /**
     * ByRelation: "the items related to an owner": a mentor's mentees, a worker's records
     * kept elsewhere, an org unit's audit trail by time.
     */
    byRelation: { name: 'ByRelation', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /**
     * ByLookup: "find by what people type": a city's workers by name (prefix search). Sparse: only
     * items that can be looked up carry gsi3pk/gsi3sk. See shared/usecases/lookups.ts.
     */
    byLookup: { name: 'ByLookup', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /**
     * ByCertification: "the active workers holding a certificate level (or none)", ordered by org
     * path, so a subtree's holders of a level are one key range. Sparse: only active workers carry
     * gsi4pk/gsi4sk (an exit removes them). See shared/db/certificate-holders.ts.
     */
    byCertification: { name: 'ByCertification', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
  },
} as const;

export type IndexName = (typeof tableDefinition.indexes)[keyof typeof tableDefinition.indexes]['name'];

/** Shape accepted by DynamoDB's CreateTable (used by local mode and the integration tests). */
export function createTableInput(tableName: string) {
  const { partitionKey, sortKey, indexes } = tableDefinition;
  const keyAttrs = new Set<string>([partitionKey, sortKey]);
  for (const idx of Object.values(indexes)) {
    keyAttrs.add(idx.partitionKey);
    keyAttrs.add(idx.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...keyAttrs].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' as const },
      { AttributeName: sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: Object.values(indexes).map((idx) => ({
      IndexName: idx.name,
      KeySchema: [
        { AttributeName: idx.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: idx.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
