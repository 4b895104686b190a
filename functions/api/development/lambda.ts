import { lambdaApiHandler } from '#functions/api/lambda-app.ts';
import { developmentMounts } from '#functions/api/development/routes.ts';

/** Lambda entry for the 'development' bounded context: the same Hono app as local mode, only its routes. */
export const handler = lambdaApiHandler('development', developmentMounts);
