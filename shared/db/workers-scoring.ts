import { workerKeys, toWorker } from '#shared/db/entities/worker.ts';
import type { Store } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import type { EvaluationGrade } from '#shared/domain/evaluation.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

/** Evaluation's reads and writes of workers (scoring). Re-exported by `shared/db/workers.ts`. */

/** The scoring fields of worker items: the rest (certificates, pay, …) is not read. */
const SCORING_PROJECTION = {
  ProjectionExpression:
    'id, #name, org, #status, hiredOn, contractEndsOn, contractTerms, #exit, annualGrades',
  ExpressionAttributeNames: { '#name': 'name', '#status': 'status', '#exit': 'exit' },
};

/**
 * Workers of one status placed in `unit` (sort keys `<unit>/#…`) or, `withGrids`, in the unit and its
 * grids (`<unit>/<grid>/#…`), with only the fields scoring reads.
 */
export async function workersForScoring(
  store: Store,
  unit: string,
  status: 'active' | 'exited',
  withGrids: boolean,
): Promise<WorkerRecord[]> {
  const items = await store.queryAll({
    IndexName: tableDefinition.indexes.byCollection.name,
    // BETWEEN rather than begins_with: the same rows, but DynamoDB Local scans the whole city
    // partition for begins_with (time grows with the city), while a range stays constant.
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': workerKeys.byStatus(unit, status),
      ':from': withGrids ? `${unit}/` : `${unit}/#`,
      ':to': withGrids ? `${unit}/\uffff` : `${unit}/#\uffff`,
    },
    ...SCORING_PROJECTION,
  });
  return items.map(toWorker);
}

/**
 * Sets a worker's annual grade on its item (grade step, honours and bonus read it there). Items
 * written without the `annualGrades` map get it created (only if still missing).
 */
export async function setAnnualGrade(
  store: Store,
  workerId: string,
  year: string,
  grade: EvaluationGrade,
  at: string,
): Promise<void> {
  const key = workerKeys.key(workerId);
  try {
    await store.updateItem({
      Key: key,
      UpdateExpression: 'SET annualGrades.#year = :grade, updatedAt = :now, version = version + :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#year': year },
      ExpressionAttributeValues: { ':grade': grade, ':now': at, ':one': 1 },
    });
  } catch (error) {
    if ((error as { name?: string }).name !== 'ValidationException') throw error;
    const created = await store.updateItem({
      Key: key,
      UpdateExpression: 'SET annualGrades = :grades, updatedAt = :now, version = version + :one',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(annualGrades)',
      ExpressionAttributeValues: { ':grades': { [year]: grade }, ':now': at, ':one': 1 },
    });
    if (!created) throw error; // the map exists: the first error was something else
  }
}
