import { lambdaApiHandler } from '#functions/api/lambda-app.ts';
import { careersMounts } from '#functions/api/careers/routes.ts';

/** Lambda entry for the 'careers' bounded context: the same Hono app as local mode, only its routes. */
export const handler = lambdaApiHandler('careers', careersMounts);
