import type { z } from 'zod';
import { defaultQuotaPolicy, quotaPolicySchema } from '#shared/domain/quota.ts';

/**
 * Every rule number lives in a versioned, effective-dated policy. Each kind has a zod schema and
 * the rule book's default (used until a city stores its own version). Feature modules register
 * their kind here.
 */
export const policyKinds = {
  quota: { schema: quotaPolicySchema, defaults: defaultQuotaPolicy },
} as const;

export type PolicyKind = keyof typeof policyKinds;
export type PolicyDocument<K extends PolicyKind> = z.infer<(typeof policyKinds)[K]['schema']>;

export function isPolicyKind(kind: string): kind is PolicyKind {
  return Object.hasOwn(policyKinds, kind);
}
