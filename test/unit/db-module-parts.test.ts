import { describe, expect, it } from 'vitest';
import { workerKeys } from '#shared/db/entities/worker.ts';
import * as evaluation from '#shared/db/evaluation.ts';
import * as evaluationExitProposals from '#shared/db/evaluation-exit-proposals.ts';
import * as evaluationInputs from '#shared/db/evaluation-inputs.ts';
import * as evaluationResults from '#shared/db/evaluation-results.ts';
import * as evaluationRuns from '#shared/db/evaluation-runs.ts';
import { workers } from '#shared/db/workers.ts';
import { workerActiveWrites } from '#shared/db/workers-active-writes.ts';
import { workerGradeAndCertificates } from '#shared/db/workers-grade.ts';
import { workerLifecycle } from '#shared/db/workers-lifecycle.ts';
import { workerQueries } from '#shared/db/workers-queries.ts';
import { workerRecord } from '#shared/db/workers-record.ts';

// shared/db/workers.ts and shared/db/evaluation.ts are entry points over parts split by sub-flow
// (issue 15): their users keep one import path and the one `workers` object.

describe('workers, assembled from its parts', () => {
  const parts = {
    workerRecord,
    workerQueries,
    workerLifecycle,
    workerActiveWrites,
    workerGradeAndCertificates,
  };

  it('holds every operation of every part, each the part’s own, and no operation is in two parts', () => {
    const names = Object.values(parts).flatMap((part) => Object.keys(part));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(workers).sort()).toEqual([...names].sort());
    for (const part of Object.values(parts)) {
      for (const [name, operation] of Object.entries(part)) {
        expect(workers[name as keyof typeof workers]).toBe(operation);
      }
    }
  });

  it('keeps the operations its users call', () => {
    expect(Object.keys(workers).sort()).toEqual(
      [
        'activeIdFor',
        'activeIdsFor',
        'activeInCityPage',
        'allOfSubtree',
        'anyInCity',
        'appendCertificates',
        'changeGrade',
        'create',
        'get',
        'getMany',
        'history',
        'markExited',
        'movesAndCareer',
        'mustBeActive',
        'pageByNamePrefix',
        'pageOfPerson',
        'pageOfSubtree',
        'probationsEndingBy',
        'releaseNationalId',
        'replaceActive',
        'restoreCertificates',
        'setMentorIds',
        'setProbation',
        'touchWhileActive',
        'undoCreate',
      ].sort(),
    );
  });

  it('undoes a creation: the worker item deleted, the national-id guard released only while theirs', () => {
    const worker = { id: 'w-1', nationalId: '110101199003074512' };
    expect(workers.undoCreate(worker)).toEqual([
      { Delete: { Key: workerKeys.key('w-1') } },
      workers.releaseNationalId(worker),
    ]);
    expect(workers.releaseNationalId(worker)).toEqual({
      Delete: {
        Key: workerKeys.activeNationalId(worker.nationalId),
        ConditionExpression: 'attribute_not_exists(pk) OR workerId = :workerId',
        ExpressionAttributeValues: { ':workerId': 'w-1' },
      },
    });
  });
});

describe('evaluation, the entry point of its parts', () => {
  it('re-exports every operation of runs, results, inputs and exit proposals, and nothing else', () => {
    const parts = [evaluationRuns, evaluationResults, evaluationInputs, evaluationExitProposals];
    const names = parts.flatMap((part) => Object.keys(part));
    expect(new Set(names).size).toBe(names.length);
    const entry = new Map(Object.entries(evaluation));
    expect([...entry.keys()].sort()).toEqual([...names].sort());
    for (const part of parts) {
      for (const [name, operation] of Object.entries(part)) {
        expect(entry.get(name)).toBe(operation);
      }
    }
  });
});
