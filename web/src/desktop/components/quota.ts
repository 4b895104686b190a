import { ApiError } from '../../api/errors.ts';
import { fetchOrgUnit } from './orgUnits.ts';

/**
 * QUOTA_EXCEEDED in words: which unit is full and its figures (the error's `details.org`), or null
 * for any other error.
 */
export async function quotaRefusal(error: unknown): Promise<string | null> {
  if (!(error instanceof ApiError) || error.code !== 'QUOTA_EXCEEDED') return null;
  const org = (error.details as { org?: string } | null)?.org;
  if (!org) return '超出核定编制数';
  return fetchOrgUnit(org).then(
    (u) =>
      `超出核定编制数：${u.name}核定编制 ${u.quota ?? '—'} 人，已用 ${u.used} 人，空余 ${u.available ?? 0} 人`,
    () => `超出核定编制数：${org}`,
  );
}
