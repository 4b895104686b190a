/**
 * The evaluation aggregate's data operations (runs and their unit tasks, results, summaries, input
 * items, exit proposals): the reads and `WriteOp`s the evaluation use-cases compose. Keys and item
 * shapes are in `entities/evaluation.ts`; the expressions live in this module's parts and nowhere
 * above. This entry point keeps the one import path its users have; the parts, one per sub-flow:
 * - `evaluation-runs.ts`: runs and their unit tasks;
 * - `evaluation-results.ts`: summaries and results;
 * - `evaluation-inputs.ts`: input items;
 * - `evaluation-exit-proposals.ts`: exit proposals.
 */
export {
  completeRunOps,
  completeUnitOps,
  lockedRunId,
  putUnitTasks,
  recordUnitFailure,
  runAndUnitTask,
  runById,
  runsOfCity,
  runWithTasks,
  startRunOps,
  unfinishedRunsOfCity,
  unitTasks,
} from '#shared/db/evaluation-runs.ts';
export {
  deleteResults,
  deleteSubtreeSummaries,
  putResults,
  putSubtreeSummaries,
  resultKeysOf,
  summariesOf,
  unitResults,
  unitsWithSummary,
  workerTimeline,
} from '#shared/db/evaluation-results.ts';
export {
  inputItem,
  inputItemsOf,
  restoreInputAttributesOp,
  setInputAttributesOp,
  unitInputItems,
  yearInputItems,
} from '#shared/db/evaluation-inputs.ts';
export {
  decideExitProposalOp,
  exitProposalById,
  exitProposalIdFor,
  exitProposalsOfSubtree,
  upsertExitProposal,
  withdrawExitProposal,
} from '#shared/db/evaluation-exit-proposals.ts';
