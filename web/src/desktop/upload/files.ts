import { ApiError } from '../../api/errors.ts';
import { validToken } from '../../auth/store.ts';

/** The file name a download should get: RFC 5987 `filename*` (Chinese) first, else `filename`. */
export function filenameOf(disposition: string, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A malformed encoding: fall back to the ASCII name.
    }
  }
  return /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallback;
}

/**
 * GET of a route that answers a file (a spreadsheet export or template), with the bearer token;
 * fetch rather than the JSON client because the body is a file. Errors become ApiError.
 */
export async function fetchFile(path: string, accept: string): Promise<Response> {
  const token = await validToken();
  const res = await fetch(path, {
    headers: token ? { authorization: `Bearer ${token}`, accept } : { accept },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string; details?: unknown };
    } | null;
    throw new ApiError(
      res.status,
      body?.error?.code ?? `HTTP_${res.status}`,
      body?.error?.message ?? res.statusText,
      body?.error?.details ?? null,
      res.headers.get('x-request-id'),
    );
  }
  return res;
}

/** Hands a fetched file to the browser as a download under its (Chinese) name. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An upload kind's template (`GET /v1/templates/{kind}`): Chinese headers, notes, drop-downs, an example row. */
export async function downloadTemplate(kind: string) {
  const res = await fetchFile(`/v1/templates/${encodeURIComponent(kind)}`, XLSX);
  saveBlob(await res.blob(), filenameOf(res.headers.get('content-disposition') ?? '', `${kind}.xlsx`));
}
