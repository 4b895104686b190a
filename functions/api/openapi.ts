import { z } from '@hono/zod-openapi';
import { errorSchema } from '#shared/schemas/common.ts';

const errorContent = { 'application/json': { schema: errorSchema } };

/** The error responses every authenticated route can give, for the OpenAPI document. */
export const commonErrors = {
  400: { description: 'Invalid request (the offending fields are in details)', content: errorContent },
  401: { description: 'Missing or invalid bearer token', content: errorContent },
  403: { description: 'Not allowed for your role or org unit', content: errorContent },
  404: { description: 'Not found', content: errorContent },
  409: {
    description: 'Conflict with the current state (quota, duplicates, concurrent change)',
    content: errorContent,
  },
  413: { description: 'The request body is larger than 10 MB', content: errorContent },
  415: {
    description: 'The body is in a media type the route does not take (JSON, or CSV where stated)',
    content: errorContent,
  },
  422: { description: 'Well-formed but breaks a business rule', content: errorContent },
  500: { description: 'A fault on our side (logged; never a caller mistake)', content: errorContent },
  503: { description: 'Temporarily unavailable; retry', content: errorContent },
} as const;

export const bearerSecurity = [{ bearerAuth: [] }];

export const jsonContent = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const idempotencyHeader = z.object({
  'idempotency-key': z.string().optional().openapi({
    description: 'Retries with the same key and body take effect once and return the first response',
  }),
});
