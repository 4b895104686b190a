import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import {
  candidatePageByNamePrefix,
  candidatePageOfPerson,
  loadRecruitment,
} from '#shared/db/recruitments.ts';
import type { Store } from '#shared/db/store.ts';
import { workers } from '#shared/db/workers.ts';
import { hiringWorkerView } from '#shared/usecases/worker-records.ts';
import type { WorkerStatus } from '#shared/domain/workers.ts';

/**
 * Look-ups by what HR officers type: an exact 身份证号 or the beginning of a name. Each page is one
 * Query through an index, never a Scan:
 *
 * - 身份证号: ByRelation partition `PERSON#<id>` (every worker record and candidacy of that person,
 *   a handful at most). Workers sort by `WORKER#<org>/#<id>`, so the caller's subtree is the key
 *   condition itself (the range `WORKER#<subtree>/`…`WORKER#<subtree>/\uffff`): nothing outside it
 *   is even read.
 * - Name prefix (workers): ByLookup partition `WORKERNAME#<city>`, sorted by `<name>#<org>/#<id>`.
 *   A prefix and a subtree are two independent ranges, which one sort key cannot both express; the
 *   name prefix is the selective one (a few dozen workers of a city share a two-character prefix),
 *   so it is the key condition and the subtree is a filter on the worker's org over that bounded
 *   range. Filtered-out items never leave DynamoDB; a page may hold fewer than `limit` items and
 *   still carry a cursor.
 * - Candidates: the recruitment is authorised first, so its own partitions bound the read:
 *   ByCollection `CANDIDATES#<recruitment>` sorted by `<name>#<id>`, or the person's partition with
 *   `CANDIDATE#<recruitment>#` as the sort-key prefix.
 *
 * The status (active / exited) is a filter: it changes on exit, and look-up keys are written once
 * with the record (a worker record's org, name and national id never change). The queries are
 * named reads of `db/workers.ts` and `db/recruitments.ts`.
 */

/** A full 18-character 身份证号 (the last may be X); anything else is a name prefix. */
export function isNationalIdQuery(q: string): boolean {
  return /^\d{17}[\dXx]$/.test(q);
}

export async function lookupWorkers(
  store: Store,
  ctx: RequestContext,
  query: {
    org: string;
    q: string;
    status: WorkerStatus;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
) {
  authorize(ctx.actor, 'worker:list', { org: query.org });
  const q = query.q.trim();
  const limit = query.limit ?? 50;
  const page = isNationalIdQuery(q)
    ? await workers.pageOfPerson(
        store,
        { nationalId: q.toUpperCase(), org: query.org, status: query.status },
        query.cursor,
        limit,
      )
    : await workers.pageByNamePrefix(
        store,
        { prefix: q, org: query.org, status: query.status },
        query.cursor,
        limit,
      );
  return {
    items: page.items.map((worker) => hiringWorkerView(worker, ctx.actor)),
    cursor: page.cursor,
  };
}

export async function lookupCandidates(
  store: Store,
  ctx: RequestContext,
  recruitmentId: string,
  query: { q: string; cursor?: string | undefined; limit?: number | undefined },
) {
  const recruitment = await loadRecruitment(store, recruitmentId);
  authorize(
    ctx.actor,
    'recruitment:manage',
    { org: recruitment.org },
    { what: 'recruitment', id: recruitment.id },
  );
  const q = query.q.trim();
  const limit = query.limit ?? 50;
  return isNationalIdQuery(q)
    ? await candidatePageOfPerson(store, recruitment.id, q.toUpperCase(), query.cursor, limit)
    : await candidatePageByNamePrefix(store, recruitment.id, q, query.cursor, limit);
}
