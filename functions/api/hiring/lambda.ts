import { lambdaApiHandler } from '#functions/api/lambda-app.ts';
import { hiringMounts } from '#functions/api/hiring/routes.ts';
import { lambdaAccountDirectory } from '#functions/identity/lambda-accounts.ts';

/** Lambda entry for the 'hiring' bounded context: the same Hono app as local mode, only its routes. */
export const handler = lambdaApiHandler('hiring', hiringMounts, { accounts: lambdaAccountDirectory() });
