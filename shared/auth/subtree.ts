/** Org ids are paths, so subtree and ancestry are string operations (rules in domain/quota.ts). */
export { ancestorsOf as selfAndAncestors, isWithinSubtree } from '#shared/domain/quota.ts';

export function rootOf(orgId: string): string {
  return orgId.split('/')[0]!;
}
