import { lambdaApiHandler } from '#functions/api/lambda-app.ts';
import { selfServiceMounts } from '#functions/api/self-service/routes.ts';

/** Lambda entry for the 'self-service' bounded context: the same Hono app as local mode, only its routes. */
export const handler = lambdaApiHandler('self-service', selfServiceMounts);
