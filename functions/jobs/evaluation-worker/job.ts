import { z } from 'zod';
import type { Dependencies } from '#functions/dependencies.ts';
import { type ScoringHooks, scoreRunUnit } from '#shared/usecases/evaluation-scoring.ts';

const unitMessage = z.object({ runId: z.string().min(1), org: z.string().min(1) });

/**
 * Fault injection for tests only (e.g. fail one unit part-way, after its results are written, to
 * prove a resumed run completes with correct counts). Empty in production.
 */
export const evaluationWorkerTestHooks: ScoringHooks = {};

/**
 * Queue consumer of 'evaluation-org-units': scores one org unit of one run. Throws on failure so
 * the queue retries (SQS redrive, then the dead-letter queue; the in-process queue locally);
 * a malformed message is logged and dropped (retrying can't fix it).
 */
export async function scoreOrgUnitMessage(deps: Dependencies, message: unknown): Promise<void> {
  const parsed = unitMessage.safeParse(message);
  if (!parsed.success) {
    console.error(JSON.stringify({ level: 'error', msg: 'malformed evaluation message', message }));
    return;
  }
  await scoreRunUnit(deps.store, parsed.data, deps.clock(), evaluationWorkerTestHooks);
}
