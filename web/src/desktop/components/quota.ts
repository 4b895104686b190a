import { ApiError } from '../../api/errors.ts';

/** What QUOTA_EXCEEDED's details say of one full unit (shared/db/org-units.ts takeSeats). */
interface FullUnit {
  org?: unknown;
  name?: unknown;
  quota?: unknown;
  used?: unknown;
  available?: unknown;
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** 东风社区核定编制 0 人，已用 0 人，空余 0 人 (with its id in brackets when asked), or '' when nothing names it. */
function unitInWords(unit: FullUnit, withId: boolean): string {
  const org = text(unit.org);
  const name = text(unit.name);
  const who = name && org && withId ? `${name}（${org}）` : (name ?? org ?? '');
  if (!who) return '';
  const quota = count(unit.quota);
  const used = count(unit.used);
  const available = count(unit.available);
  // A refusal after a concurrent hire carries the quota alone (the figures read before it are stale).
  const figures = [
    ...(unit.quota === undefined ? [] : [`核定编制 ${quota ?? '—'} 人`]),
    ...(used === undefined ? [] : [`已用 ${used} 人`]),
    ...(available === undefined && used === undefined ? [] : [`空余 ${available ?? 0} 人`]),
  ];
  // An id is set apart from the figures by a space; a name runs on as Chinese does (东风社区核定编制).
  return figures.length === 0 ? who : `${who}${name ? '' : ' '}${figures.join('，')}`;
}

/**
 * The full unit of a QUOTA_EXCEEDED refusal and its figures, in words from the error's own details
 * (as the API read them when it refused, no second request): `东风社区核定编制 0 人，已用 0 人，空余
 * 0 人`, with `withId` `红旗社区（qth/…）核定编制 …`; the org id alone when the details carry no
 * name; '' when they name no unit; null for any other error. A batch's list of units is joined by ；.
 */
export function fullUnitInWords(
  error: unknown,
  { withId = false }: { withId?: boolean } = {},
): string | null {
  if (!(error instanceof ApiError) || error.code !== 'QUOTA_EXCEEDED') return null;
  const d = error.details;
  const units = (Array.isArray(d) ? d : [d]).filter((u): u is FullUnit => !!u && typeof u === 'object');
  return units
    .map((u) => unitInWords(u, withId))
    .filter(Boolean)
    .join('；');
}

/**
 * QUOTA_EXCEEDED in one line, for beside a field: `超出核定编制数：东风社区核定编制 0 人，已用 0 人，
 * 空余 0 人`, or `超出核定编制数` when the details name no unit; null for any other error.
 */
export function quotaRefusal(error: unknown): string | null {
  const unit = fullUnitInWords(error);
  if (unit === null) return null;
  return unit ? `超出核定编制数：${unit}` : '超出核定编制数';
}
