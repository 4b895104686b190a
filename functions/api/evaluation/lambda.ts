import { lambdaApiHandler } from '#functions/api/lambda-app.ts';
import { evaluationMounts } from '#functions/api/evaluation/routes.ts';

/** Lambda entry for the 'evaluation' bounded context: the same Hono app as local mode, only its routes. */
export const handler = lambdaApiHandler('evaluation', evaluationMounts);
