import { ApiError, NetworkError } from '../../api/errors.ts';
import type { components } from '../../api/schema.ts';
import { SESSION_EXPIRED, authStore, validToken } from '../../auth/store.ts';

export type BulkPreview = components['schemas']['BulkPreview'];
export type PreviewRow = BulkPreview['rows'][number];

/**
 * Sends a spreadsheet (.xlsx or .csv, Chinese headers; the API maps and parses them) to a bulk
 * endpoint as a multipart form: `dryRun` asks for the preview (nothing saved), otherwise it is
 * committed under `idempotencyKey` so a retried click takes effect once. Errors become ApiError
 * like every other call (openapi-fetch has no multipart typing for these routes).
 */
export async function sendSpreadsheet<T>(
  path: string,
  file: File,
  options: { dryRun: boolean; query?: Record<string, string>; idempotencyKey?: string },
): Promise<T> {
  const query = new URLSearchParams({ ...options.query, ...(options.dryRun ? { dryRun: 'true' } : {}) });
  const form = new FormData();
  form.append('file', file, file.name);
  const headers = new Headers();
  const token = await validToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);
  let response: Response;
  try {
    response = await fetch(`${path}${query.size ? `?${query}` : ''}`, {
      method: 'POST',
      headers,
      body: form,
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  const body = (await response.json().catch(() => null)) as
    | (T & { error?: { code?: string; message?: string; details?: unknown } })
    | null;
  if (response.ok && body) return body;
  if (response.status === 401) authStore.clear(SESSION_EXPIRED);
  throw new ApiError(
    response.status,
    body?.error?.code ?? (response.status >= 500 ? 'INTERNAL' : `HTTP_${response.status}`),
    body?.error?.message ?? response.statusText,
    body?.error?.details ?? null,
    response.headers.get('x-request-id'),
  );
}

interface ColumnProblems {
  unknown?: string[];
  missing?: { field: string; label: string }[];
  missingOneOf?: { field: string; label: string }[][];
  duplicate?: string[];
  accepted?: { field: string; label: string }[];
}

/** INVALID_COLUMNS details in Chinese: which headers are unknown, missing or repeated. */
export function columnProblems(details: unknown): string[] {
  const d = (details ?? {}) as ColumnProblems;
  const lines: string[] = [];
  if (d.unknown?.length) lines.push(`无法识别的列：${d.unknown.join('、')}`);
  if (d.missing?.length) lines.push(`缺少必填列：${d.missing.map((c) => c.label).join('、')}`);
  for (const group of d.missingOneOf ?? [])
    lines.push(`以下列至少需要一列：${group.map((c) => c.label).join(' 或 ')}`);
  if (d.duplicate?.length) lines.push(`重复的列：${d.duplicate.join('、')}`);
  if (d.accepted?.length) lines.push(`可用的列：${d.accepted.map((c) => c.label).join('、')}`);
  return lines;
}
