import type { Dependencies } from '#functions/dependencies.ts';

/**
 * The job code behind each manifest entry, for local mode and on-demand runs (the Lambda entries
 * call the same functions). Keys are `scheduledJobs[].name` and `queueConsumers[].queue`.
 */
export type JobRunner = (deps: Dependencies, input: Record<string, unknown>) => Promise<unknown>;
export type MessageConsumer = (deps: Dependencies, message: unknown) => Promise<void>;

export const jobRunners: Record<string, JobRunner> = {};

export const messageConsumers: Record<string, MessageConsumer> = {};
