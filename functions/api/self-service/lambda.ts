import { handle } from 'hono/aws-lambda';
import { createApp } from '#functions/api/app.ts';
import { lambdaDependencies } from '#functions/lambda-dependencies.ts';

/** Lambda entry for the 'self-service' bounded context: the same Hono app as local mode, only its routes. */
export const handler = handle(createApp(lambdaDependencies(), { contexts: ['self-service'] }));
