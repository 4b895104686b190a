import { evaluationKeys } from '#shared/db/entities/evaluation.ts';
import type { Item, Store, WriteOp } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';

/**
 * Evaluation input items (one per worker and period, grouped by the unit scoring ranks together):
 * their reads, an upload's write and its undo. Part of `shared/db/evaluation.ts`.
 */

/** A unit's input items of a month (ByCollection, one item per worker). */
export function unitInputItems(store: Store, period: string, org: string): Promise<Item[]> {
  return store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': evaluationKeys.inputsOfUnit(period, org) },
  });
}

/** A worker's input items of a year (the annual item and the months): one Query. */
export function yearInputItems(store: Store, workerId: string, year: string): Promise<Item[]> {
  return store.queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :year)',
    ExpressionAttributeValues: { ':pk': evaluationKeys.inputsPk(workerId), ':year': year },
  });
}

/** A worker's input item of a period (one GetItem), if any. */
export function inputItem(store: Store, workerId: string, period: string): Promise<Item | undefined> {
  return store.get(evaluationKeys.input(workerId, period));
}

/** The input items that exist among (worker, period) pairs (BatchGetItem). */
export function inputItemsOf(
  store: Store,
  refs: readonly { workerId: string; period: string }[],
): Promise<Item[]> {
  return store.batchGet(refs.map((ref) => evaluationKeys.input(ref.workerId, ref.period)));
}

/** Who stamped an input item last: set with every upload, put back by its undo. */
const INPUT_STAMP = ['updatedAt', 'requestId'];

/**
 * Sets `values` on a worker's input item of a period (creating it), stamped, and placed in the
 * ByCollection group `unit` (the unit the scoring job ranks together); every other attribute (other
 * kinds, other departments) stays as it is.
 */
export function setInputAttributesOp(
  input: {
    workerId: string;
    period: string;
    org: string;
    unit: string;
    updatedAt: string;
    requestId: string;
  },
  values: Item,
): WriteOp {
  const { workerId, period, org, unit, updatedAt, requestId } = input;
  const pairs = Object.entries({
    type: 'evaluation-input',
    workerId,
    period,
    org,
    gsi1pk: evaluationKeys.inputsOfUnit(period, unit),
    gsi1sk: workerId,
    updatedAt,
    requestId,
    ...values,
  });
  return {
    Update: {
      Key: evaluationKeys.input(workerId, period),
      UpdateExpression: `SET ${pairs.map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(pairs.map(([name], i) => [`#a${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(pairs.map(([, value], i) => [`:v${i}`, value])),
    },
  };
}

/**
 * The undo of `setInputAttributesOp`: puts the attributes `valueNames` (and, on an item that existed,
 * its stamp) back as they were in `before`, removing those it lacked (all of them for an item that
 * did not exist), and leaves every other attribute alone: safe to apply after later uploads.
 */
export function restoreInputAttributesOp(
  workerId: string,
  period: string,
  before: Item | undefined,
  valueNames: readonly string[],
): WriteOp {
  const names = [...valueNames, ...(before ? INPUT_STAMP : [])];
  const kept = names.filter((name) => before?.[name] !== undefined);
  const removed = names.filter((name) => before?.[name] === undefined);
  const clauses = [
    kept.length > 0 ? `SET ${kept.map((_, i) => `#k${i} = :k${i}`).join(', ')}` : '',
    removed.length > 0 ? `REMOVE ${removed.map((_, i) => `#r${i}`).join(', ')}` : '',
  ];
  return {
    Update: {
      Key: evaluationKeys.input(workerId, period),
      UpdateExpression: clauses.filter(Boolean).join(' '),
      ExpressionAttributeNames: Object.fromEntries([
        ...kept.map((name, i) => [`#k${i}`, name]),
        ...removed.map((name, i) => [`#r${i}`, name]),
      ]),
      ...(kept.length > 0
        ? { ExpressionAttributeValues: Object.fromEntries(kept.map((name, i) => [`:k${i}`, before![name]])) }
        : {}),
    },
  };
}
