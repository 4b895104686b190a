import { z } from 'zod';
import type { Dependencies } from '#functions/dependencies.ts';
import { type ScoringHooks, scoreRunUnit } from '#shared/usecases/evaluation-scoring.ts';
import { logger } from '#shared/observability.ts';

const unitMessage = z.object({ runId: z.string().min(1), org: z.string().min(1) });

/**
 * Fault injection for tests only (e.g. fail one unit part-way, after its results are written, to
 * prove a resumed run completes with correct counts). Empty in production.
 */
export const evaluationWorkerTestHooks: ScoringHooks = {};

export type UnitMessage = z.infer<typeof unitMessage>;

/**
 * A queue message body as a unit message, or why it can't be one (not JSON, or not the shape):
 * such a message is poison, retrying can't fix it.
 */
export function parseUnitMessage(
  body: string,
): { ok: true; message: UnitMessage } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = unitMessage.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      reason: `not an org-unit message: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'} ${i.message}`).join('; ')}`,
    };
  return { ok: true, message: parsed.data };
}

/**
 * Queue consumer of 'evaluation-org-units': scores one org unit of one run. Throws on failure so
 * the queue retries (SQS redrive, then the dead-letter queue; the in-process queue locally);
 * a malformed message is logged and dropped (retrying can't fix it).
 */
export async function scoreOrgUnitMessage(deps: Dependencies, message: unknown): Promise<void> {
  const parsed = unitMessage.safeParse(message);
  if (!parsed.success) {
    logger.error('malformed evaluation message', { message });
    return;
  }
  await scoreRunUnit(deps.store, parsed.data, deps.clock(), evaluationWorkerTestHooks);
}
