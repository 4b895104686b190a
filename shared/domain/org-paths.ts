import { z } from 'zod';
import { badRequest } from '../errors.ts';

/**
 * Org unit ids are lower-case paths (`qth/xinxing/hongqi`): ancestry, subtree membership and the
 * city a unit belongs to are pure string operations, all of them here.
 */
export const orgLevels = ['city', 'district', 'street', 'community', 'grid'] as const;
export type OrgLevel = (typeof orgLevels)[number];

export const ORG_ID_PATTERN = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;
export const ORG_ID_MESSAGE = 'org unit ids are paths of lower-case segments, e.g. qth/xinxing';
export const orgIdSchema = z.string().max(200).regex(ORG_ID_PATTERN, ORG_ID_MESSAGE);

/** Path depth of a grid: city/district/street/community/grid. */
export const GRID_DEPTH = orgLevels.indexOf('grid') + 1;

/** Self and every ancestor, root first: `qth/xinxing/hongqi` → [`qth`, `qth/xinxing`, `qth/xinxing/hongqi`]. */
export function ancestorsOf(orgId: string): string[] {
  const segments = segmentsOf(orgId);
  return segments.map((_, i) => segments.slice(0, i + 1).join('/'));
}

/** `undefined` for a root (city). */
export function parentOf(orgId: string): string | undefined {
  const segments = segmentsOf(orgId);
  return segments.length > 1 ? segments.slice(0, -1).join('/') : undefined;
}

/** The city (root unit) a unit belongs to: city-wide partitions and policies are keyed by it. */
export function rootOf(orgId: string): string {
  return orgId.split('/')[0]!;
}

/** Whole-segment prefix test: `qth/x` is inside `qth` and itself, but never inside `qth/xi`. */
export function isWithinSubtree(orgId: string, rootId: string): boolean {
  return orgId === rootId || orgId.startsWith(`${rootId}/`);
}

/** 1 for the city, 2 for a district, … */
export function depthOf(orgId: string): number {
  return segmentsOf(orgId).length;
}

/** The lowest org unit containing all of `orgIds` (whole path segments). */
export function commonAncestor(orgIds: readonly string[]): string {
  const paths = orgIds.map((id) => id.split('/'));
  const first = paths[0]!;
  let n = first.length;
  for (const path of paths) {
    let i = 0;
    while (i < n && i < path.length && path[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, Math.max(n, 1)).join('/');
}

function segmentsOf(orgId: string): string[] {
  const segments = orgId.split('/');
  if (segments.some((segment) => segment === ''))
    throw badRequest(`not an org path: '${orgId}'`, { orgId }, 'INVALID_ORG_ID');
  return segments;
}
