import { toWorker, workerKeys } from '#shared/db/entities/worker.ts';
import type { Store } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import type { CertificateLevel } from '#shared/domain/certificates.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { badRequest } from '#shared/errors.ts';

/** A ByCertification partition: a certificate level, or `none` for the active workers without one. */
export type HeldLevel = CertificateLevel | 'none';

/**
 * The active workers of a subtree by the certificate level they hold (ByCertification, sparse:
 * active workers only). Several levels (e.g. "certified" = the three levels) are one Query each,
 * merged in org-path order; the cursor is the last sort key returned, so every page of every level
 * is a key range inside the subtree and never crosses it.
 */
export const certificateHolders = {
  async page(
    store: Store,
    query: { org: string; levels: readonly HeldLevel[]; limit: number; cursor?: string | undefined },
  ): Promise<{ items: WorkerRecord[]; cursor?: string }> {
    const from = `${query.org}/`;
    const to = `${query.org}/\uffff`;
    const after = query.cursor === undefined ? undefined : decodeAfter(query.cursor, from, to);
    const pages = await Promise.all(
      query.levels.map(async (level) => {
        // From the cursor inclusive, one more than a page: the cursor's own item is dropped below.
        const page = await store.queryPage({
          IndexName: tableDefinition.indexes.byCertification.name,
          KeyConditionExpression: 'gsi4pk = :level AND gsi4sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':level': workerKeys.byCertification(query.org, level),
            ':from': after ?? from,
            ':to': to,
          },
          Limit: query.limit + 1,
        });
        const items = page.items.filter((item) => after === undefined || String(item.gsi4sk) > after);
        return { items, more: page.cursor !== undefined };
      }),
    );
    const merged = pages
      .flatMap((p) => p.items)
      .sort((a, b) => (String(a.gsi4sk) < String(b.gsi4sk) ? -1 : 1));
    const items = merged.slice(0, query.limit);
    const more = merged.length > query.limit || pages.some((p) => p.more);
    const last = items.at(-1);
    return {
      items: items.map(toWorker),
      ...(more && last ? { cursor: encodeAfter(String(last.gsi4sk)) } : {}),
    };
  },
};

const encodeAfter = (sortKey: string) =>
  Buffer.from(JSON.stringify({ after: sortKey })).toString('base64url');

/** The cursor's sort key; one this list did not give for this subtree is the caller's mistake (400). */
function decodeAfter(cursor: string, from: string, to: string): string {
  let after: unknown;
  try {
    after = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown }).after;
  } catch {
    after = undefined;
  }
  if (typeof after !== 'string' || after < from || after > to) {
    throw badRequest('The cursor does not belong to this list', { cursor }, 'INVALID_CURSOR');
  }
  return after;
}
