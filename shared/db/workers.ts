import { workerActiveWrites } from '#shared/db/workers-active-writes.ts';
import { workerGradeAndCertificates } from '#shared/db/workers-grade.ts';
import { workerLifecycle } from '#shared/db/workers-lifecycle.ts';
import { workerQueries } from '#shared/db/workers-queries.ts';
import { workerRecord } from '#shared/db/workers-record.ts';

export { workerNotActive } from '#shared/db/workers-active.ts';
export { setAnnualGrade, workersForScoring } from '#shared/db/workers-scoring.ts';

/**
 * The worker aggregate's reads and writes (the record carries grade, post, certificates,
 * mentorIds and annualGrades, so hot reads are one GetItem). Use-cases compose these named
 * operations and write no expressions of their own.
 *
 * This entry point keeps the one import path and the one `workers` object its users have; the
 * operations live in parts by what they are about:
 * - `workers-record.ts`: the record's reads by id and national id, and its creation;
 * - `workers-queries.ts`: listing queries (look-ups, probations ending, a subtree's or city's workers, moves and career);
 * - `workers-lifecycle.ts`: the worker lifecycle (exits, moves, transfers, onboarding, worker records);
 * - `workers-active-writes.ts`: writes guarded by the worker staying active (mentors, probation, …);
 * - `workers-grade.ts`: grade, step and certificates;
 * - `workers-active.ts`: "the worker is still active", written once, and `workerNotActive`;
 * - `workers-scoring.ts`: evaluation's reads and writes of workers (`workersForScoring`, `setAnnualGrade`).
 */
export const workers = {
  ...workerRecord,
  ...workerQueries,
  ...workerLifecycle,
  ...workerActiveWrites,
  ...workerGradeAndCertificates,
};
