import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '#shared/errors.ts';
import { mapInfrastructureError } from '#shared/db/store.ts';
import { isMessageCode, renderMessage } from '#shared/messages/catalogue.ts';
import { type Language, languageOf } from '#shared/messages/language.ts';
import { logger } from '#shared/observability.ts';

/**
 * The message for a code in the caller's language: Chinese from the catalogue; English the code
 * path's own (more specific) sentence when it gave one, else the catalogue's.
 */
export function localisedMessage(language: Language, code: string, details: unknown, given?: string) {
  if (language === 'en') return given ?? (isMessageCode(code) ? renderMessage(code, 'en', details) : code);
  return isMessageCode(code) ? renderMessage(code, 'zh', details) : (given ?? code);
}

/** Entries of `details` that carry their own code get that code's message in the caller's language. */
export function localisedDetails(language: Language, details: unknown): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((entry) =>
    entry && typeof entry === 'object' && typeof entry.code === 'string' && isMessageCode(entry.code)
      ? { ...entry, message: localisedMessage(language, entry.code, entry, entry.message) }
      : entry,
  );
}

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
  const language = languageOf(c.req.header('accept-language'));
  const mapped = mapInfrastructureError(error);
  if (mapped instanceof AppError) {
    const retryAfter = mapped.retryAfterSeconds ?? (mapped.status === 503 ? 1 : undefined);
    if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter));
    return c.json(
      errorBody(
        mapped.code,
        localisedMessage(language, mapped.code, mapped.details, mapped.message),
        localisedDetails(language, mapped.details),
      ),
      mapped.status,
    );
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code = HTTP_EXCEPTION_CODES[status] ?? 'HTTP_ERROR';
    const message =
      status === 415
        ? language === 'en'
          ? 'Send the body as application/json'
          : '请以 application/json 发送请求体'
        : localisedMessage(language, code, null, error.message || undefined);
    return c.json(errorBody(code, message), status);
  }
  if (error instanceof SyntaxError) {
    return c.json(errorBody('BAD_REQUEST', localisedMessage(language, 'INVALID_JSON', null)), 400);
  }
  logger.error('unhandled error', { requestId: c.get('requestId'), path: c.req.path, error });
  return c.json(errorBody('INTERNAL', localisedMessage(language, 'INTERNAL', null)), 500);
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
        localisedMessage(
          languageOf(c.req.header('accept-language')),
          'VALIDATION_FAILED',
          null,
          'The request is invalid',
        ),
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
