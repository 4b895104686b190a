import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '#shared/errors.ts';
import { mapInfrastructureError } from '#shared/db/store.ts';

export function errorBody(code: string, message: string, details: unknown = null) {
  return { error: { code, message, details } };
}

const HTTP_EXCEPTION_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** Renders every failure as `{ error: { code, message, details } }`; only our own faults are 500. */
export function onError(error: Error, c: Context) {
  const mapped = mapInfrastructureError(error);
  if (mapped instanceof AppError) {
    if (mapped.status === 503) c.header('Retry-After', '1');
    return c.json(errorBody(mapped.code, mapped.message, mapped.details), mapped.status);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code = HTTP_EXCEPTION_CODES[status] ?? 'HTTP_ERROR';
    const message = status === 415 ? 'Send the body as application/json' : error.message || 'Bad request';
    return c.json(errorBody(code, message), status);
  }
  if (error instanceof SyntaxError) {
    return c.json(errorBody('BAD_REQUEST', 'The request body is not valid JSON'), 400);
  }
  console.error(
    JSON.stringify({
      level: 'error',
      msg: 'unhandled error',
      requestId: c.get('requestId'),
      error: String(error?.stack ?? error),
    }),
  );
  return c.json(errorBody('INTERNAL', 'Something went wrong on our side; it has been logged'), 500);
}

/** zod-openapi validation hook: 400 with the offending fields. */
export function validationHook(
  result:
    | { success: true }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string; code: string }[] } },
  c: Context,
) {
  if (!result.success) {
    return c.json(
      errorBody(
        'VALIDATION_FAILED',
        'The request is invalid',
        result.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          message: issue.message,
          code: issue.code,
        })),
      ),
      400,
    );
  }
  return undefined;
}
