/**
 * Request/response schemas for recruitments, transfers, workers and exits, one module per sub-flow in
 * `shared/schemas/hiring/`; this entry point keeps the one import path its users have.
 */
export {
  certificateLevel,
  educationLevel,
  examScore,
  flexibleBoolean,
  nationalIdInput,
  post,
} from './hiring/fields.ts';
export * from './hiring/recruitments.ts';
export * from './hiring/candidates.ts';
export * from './hiring/scores.ts';
export * from './hiring/review-and-hire.ts';
export * from './hiring/transfers.ts';
export * from './hiring/exits-and-probation.ts';
export * from './hiring/contracts.ts';
export * from './hiring/workers.ts';
