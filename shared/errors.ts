/**
 * Domain and application errors. Every caller mistake maps to a 4xx with a stable code; the HTTP
 * layer renders `{ error: { code, message, details } }`. Anything else is a 5xx.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 503;

export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
    /** Sent as `Retry-After` (seconds): the same request may succeed later. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details: unknown = null, code = 'BAD_REQUEST') =>
  new AppError(400, code, message, details);
export const unauthenticated = (message = 'A valid bearer token is required', details: unknown = null) =>
  new AppError(401, 'UNAUTHENTICATED', message, details);
export const forbidden = (
  message = 'You may not do this here',
  details: unknown = null,
  code = 'FORBIDDEN',
) => new AppError(403, code, message, details);
export const notFound = (what: string, id: string) =>
  new AppError(404, 'NOT_FOUND', `${what} ${id} does not exist`, { [what.replace(/\s+/g, '')]: id });
export const conflict = (code: string, message: string, details: unknown = null) =>
  new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string, details: unknown = null) =>
  new AppError(422, code, message, details);
export const unavailable = (message = 'The service is busy; retry shortly', details: unknown = null) =>
  new AppError(503, 'SERVICE_UNAVAILABLE', message, details);
