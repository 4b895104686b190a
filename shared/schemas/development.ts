/**
 * Request/response schemas of development (training, mentoring, coaching, certificates), one module
 * per sub-flow in `shared/schemas/development/`; this entry point keeps the one import path its users have.
 */
export { idParam, workerIdParam, yearQuery } from './development/params.ts';
export {
  attendanceBodyDoc,
  attendanceListSchema,
  attendanceRemovedSchema,
  attendanceResultSchema,
  attendanceRowSchema,
  attendeeParam,
  createTrainingEventBody,
  listTrainingEventsQuery,
  trainingEventSchema,
  updateTrainingEventBody,
} from './development/training-events.ts';
export * from './development/training-hours.ts';
export * from './development/mentoring.ts';
export * from './development/certificates.ts';
