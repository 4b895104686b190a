import { lambdaApiHandler } from '#functions/api/lambda-app.ts';
import { organisationMounts } from '#functions/api/organisation/routes.ts';

/** Lambda entry for the 'organisation' bounded context: the same Hono app as local mode, only its routes. */
export const handler = lambdaApiHandler('organisation', organisationMounts);
