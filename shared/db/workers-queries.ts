import { workerKeys, toWorker } from '#shared/db/entities/worker.ts';
import { gradeKeys } from '#shared/db/entities/grade.ts';
import { promotionKeys } from '#shared/db/entities/promotion.ts';
import { workerHistoryKeys } from '#shared/db/entities/worker-history.ts';
import { type Item, type Page, type Store, subtreeQuery } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import type { WorkerRecord, WorkerStatus } from '#shared/domain/workers.ts';

/**
 * Listing queries over workers: look-ups by person and by name, probations ending, a subtree's or a
 * city's workers, a worker's moves and career. Part of `workers` (`shared/db/workers.ts`).
 */
export const workerQueries = {
  /**
   * The records of one person (身份证号) in a subtree with a status, a page at a time: ByRelation
   * `PERSON#<id>`, whose sort key `WORKER#<org>/#<id>` makes the subtree the key condition itself
   * (nothing outside it is read); the status (it changes on exit) is a filter.
   */
  async pageOfPerson(
    store: Store,
    query: { nationalId: string; org: string; status: WorkerStatus },
    cursor?: string,
    limit = 50,
  ): Promise<Page<WorkerRecord>> {
    const page = await store.queryPage(
      {
        IndexName: tableDefinition.indexes.byRelation.name,
        KeyConditionExpression: 'gsi2pk = :person AND gsi2sk BETWEEN :from AND :to',
        FilterExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':person': workerKeys.person(query.nationalId),
          ':from': workerKeys.personWorkersIn(query.org),
          ':to': `${workerKeys.personWorkersIn(query.org)}\uffff`,
          ':status': query.status,
        },
        Limit: limit,
      },
      cursor,
    );
    return { items: page.items.map(toWorker), cursor: page.cursor };
  },

  /**
   * Workers of a subtree with a status whose name starts with `prefix`, a page at a time: ByLookup
   * `WORKERNAME#<city>` sorted by `<name>#<org>/#<id>`. A prefix and a subtree are two ranges one
   * sort key can't both express; the name prefix is the selective one, so it is the key condition
   * and the subtree a filter over that bounded range (a page may hold fewer than `limit` items and
   * still carry a cursor).
   */
  async pageByNamePrefix(
    store: Store,
    query: { prefix: string; org: string; status: WorkerStatus },
    cursor?: string,
    limit = 50,
  ): Promise<Page<WorkerRecord>> {
    const page = await store.queryPage(
      {
        IndexName: tableDefinition.indexes.byLookup.name,
        KeyConditionExpression: 'gsi3pk = :city AND begins_with(gsi3sk, :prefix)',
        FilterExpression: '(#org = :org OR begins_with(#org, :below)) AND #status = :status',
        ExpressionAttributeNames: { '#org': 'org', '#status': 'status' },
        ExpressionAttributeValues: {
          ':city': workerKeys.byName(query.org),
          ':prefix': query.prefix,
          ':org': query.org,
          ':below': `${query.org}/`,
          ':status': query.status,
        },
        Limit: limit,
      },
      cursor,
    );
    return { items: page.items.map(toWorker), cursor: page.cursor };
  },

  /**
   * Active workers of a subtree whose probation is not decided yet (`probationStatus` absent on
   * records from before decisions were kept) and ends on or before `until`: the subtree's active
   * workers in one paged Query, filtered on the probation fields.
   */
  async probationsEndingBy(store: Store, org: string, until: string): Promise<WorkerRecord[]> {
    const items = await store.queryAll(
      subtreeQuery(workerKeys.byStatus(org, 'active'), org, {
        FilterExpression:
          'probationEndsOn <= :until AND (attribute_not_exists(probationStatus) OR probationStatus = :serving)',
        ExpressionAttributeValues: { ':until': until, ':serving': 'serving' },
      }),
    );
    return items.map(toWorker);
  },

  /** Every worker of a subtree with a status (ByCollection, the subtree's key range; the consistency checker reads a city). */
  async allOfSubtree(store: Store, org: string, status: WorkerStatus): Promise<WorkerRecord[]> {
    return (await store.queryAll(subtreeQuery(workerKeys.byStatus(org, status), org))).map(toWorker);
  },

  /**
   * A worker's moves (history entries `moved`) and, with `career`, their grade changes and
   * promotions, as stored: one Query of the worker's partition, from `GRADE#` to `PROMOTION#` with
   * career (grade changes, history, promotions sort there), else over the history alone.
   */
  async movesAndCareer(store: Store, workerId: string, { career }: { career: boolean }): Promise<Item[]> {
    const pk = workerKeys.key(workerId).pk;
    const moved = { ':history': 'worker-history', ':moved': 'moved' };
    return career
      ? store.queryAll({
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          FilterExpression: '#type IN (:grade, :promotion) OR (#type = :history AND #event = :moved)',
          ExpressionAttributeNames: { '#type': 'type', '#event': 'event' },
          ExpressionAttributeValues: {
            ':pk': pk,
            ':from': gradeKeys.prefix,
            ':to': `${promotionKeys.prefix}\uffff`,
            ':grade': 'grade-change',
            ':promotion': 'promotion',
            ...moved,
          },
        })
      : store.queryAll({
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          FilterExpression: '#type = :history AND #event = :moved',
          ExpressionAttributeNames: { '#type': 'type', '#event': 'event' },
          ExpressionAttributeValues: { ':pk': pk, ':prefix': workerHistoryKeys.prefix, ...moved },
        });
  },

  /** A page of a city's active workers (one ByCollection Query of the city's partition). */
  async activeInCityPage(
    store: Store,
    city: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<WorkerRecord>> {
    const page = await store.queryPage(
      {
        IndexName: tableDefinition.indexes.byCollection.name,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': workerKeys.byStatus(city, 'active') },
        Limit: limit,
      },
      cursor,
    );
    return { items: page.items.map(toWorker), cursor: page.cursor };
  },

  /** Whether a city has any worker of `status` (a one-item ByCollection Query). */
  async anyInCity(store: Store, city: string, status: WorkerStatus): Promise<boolean> {
    const page = await store.queryPage({
      IndexName: tableDefinition.indexes.byCollection.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': workerKeys.byStatus(city, status) },
      Limit: 1,
    });
    return page.items.length > 0;
  },
};
