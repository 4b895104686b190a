import { lambdaApiHandler } from '#functions/api/lambda-app.ts';
import { evaluationMounts } from '#functions/api/evaluation/routes.ts';
import { lambdaWorkQueue } from '#functions/queues/lambda-sqs.ts';

/**
 * Lambda entry for the 'evaluation' bounded context: the same Hono app as local mode, only its
 * routes; the one API context that sends work (a run fans out to the evaluation queue).
 */
export const handler = lambdaApiHandler('evaluation', evaluationMounts, { queue: lambdaWorkQueue() });
