import createClient, { type Middleware } from 'openapi-fetch';
import { SESSION_EXPIRED, authStore, validToken } from '../auth/store.ts';
import { followServerClock } from '../lib/dates.ts';
import { ApiError, NetworkError } from './errors.ts';
import type { paths } from './schema.ts';

/**
 * The one API client: typed from the OpenAPI document (schema.ts, `npm run gen:api`), bearer token
 * attached, every non-2xx turned into an ApiError (Chinese text via describeError), a 401 sends the
 * user back to sign-in.
 */
const middleware: Middleware = {
  async onRequest({ request }) {
    const token = await validToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ response }) {
    followServerClock(response.headers.get('x-business-time'));
    if (response.ok) return response;
    const requestId = response.headers.get('x-request-id');
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null;
    const error = new ApiError(
      response.status,
      body?.error?.code ?? (response.status >= 500 ? 'INTERNAL' : `HTTP_${response.status}`),
      body?.error?.message ?? response.statusText,
      body?.error?.details ?? null,
      requestId,
    );
    if (response.status === 401) authStore.clear(SESSION_EXPIRED);
    throw error;
  },
  onError({ error }) {
    if (error instanceof ApiError) return error;
    return new NetworkError(error);
  },
};

// JSON only: routes that also answer with a spreadsheet (?format=xlsx|csv) are fetched as files elsewhere.
export const api = createClient<paths, 'application/json'>({ baseUrl: location.origin });
api.use(middleware);

/** openapi-fetch's result without the error branch (errors are thrown by the middleware). */
export async function data<T>(result: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const { data: body, error } = await result;
  if (error !== undefined || body === undefined) throw error ?? new Error('empty response');
  return body;
}
