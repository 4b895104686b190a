import type { RequestContext } from '#shared/context.ts';
import { policyVersionOf } from '#shared/db/entities/policy.ts';
import { policies } from '#shared/db/policies.ts';
import { recruitmentPage } from '#shared/db/recruitments.ts';
import type { Store } from '#shared/db/store.ts';
import { workers } from '#shared/db/workers.ts';
import { authorize } from '#shared/auth/authorize.ts';
import { rootOf } from '#shared/domain/org-paths.ts';
import { conflict, notFound, unprocessable, badRequest } from '#shared/errors.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { invalidatePolicyCache } from '#shared/usecases/policy-cache.ts';
import {
  isPolicyKind,
  type PolicyDocument,
  type PolicyKind,
  policyKinds,
} from '#shared/policies/registry.ts';

export interface EffectivePolicy<K extends PolicyKind> {
  kind: K;
  /** `default` when the city has stored none yet. */
  version: string;
  effectiveFrom: string;
  revision: number;
  document: PolicyDocument<K>;
}

/** A policy of some kind, its document that kind's (what the API answers). */
export type AnyEffectivePolicy = { [K in PolicyKind]: EffectivePolicy<K> }[PolicyKind];

/** Pairs a kind with its document (checked against the kind's schema when it was stored). */
const effective = <K extends PolicyKind>(policy: EffectivePolicy<K>) => policy as AnyEffectivePolicy;

/**
 * The policy of `kind` in effect on `date` (YYYY-MM-DD) in the city of `org` (any unit of the city:
 * policies belong to cities): one Query, newest version first.
 */
export async function policyAt<K extends PolicyKind>(
  store: Store,
  org: string,
  kind: K,
  date: string,
): Promise<EffectivePolicy<K>> {
  const stored = await policies.inEffectOn(store, rootOf(org), kind, date);
  if (!stored) {
    return {
      kind,
      version: `${kind}/default`,
      effectiveFrom: '1970-01-01',
      revision: 0,
      document: policyKinds[kind].defaults as PolicyDocument<K>,
    };
  }
  // Each stored document was checked against its kind's schema when it was stored.
  return { kind, ...stored, document: stored.document as PolicyDocument<K> };
}

/** The city whose policies a request is about: the one named, else the caller's own. */
function cityOf(ctx: RequestContext, city: string | undefined): string {
  return city ?? rootOf(ctx.actor.org);
}

/** All stored versions of a kind in a city, oldest first (a city has a handful). */
export async function listPolicies(
  store: Store,
  ctx: RequestContext,
  kind: string,
  city?: string,
): Promise<AnyEffectivePolicy[]> {
  const policyKind = requireKind(kind);
  const policyCity = cityOf(ctx, city);
  authorize(ctx.actor, 'policy:read', { org: policyCity });
  const versions = await policies.versions(store, policyCity, policyKind);
  return versions.map((stored) =>
    effective({
      kind: policyKind,
      ...stored,
      document: stored.document as PolicyDocument<typeof policyKind>,
    }),
  );
}

/**
 * Whether a city may still enter historical policy versions: nothing has been recorded that a
 * policy computed — no worker (active or exited, through any channel, onboarding included) and no
 * recruitment. Three one-item Queries on the city's collections.
 */
export async function policyHistoryOpen(store: Store, city: string): Promise<boolean> {
  const found = await Promise.all([
    workers.anyInCity(store, city, 'active'),
    workers.anyInCity(store, city, 'exited'),
    recruitmentPage(store, city, undefined, 1).then((page) => page.items.length > 0),
  ]);
  return !found.includes(true);
}

/**
 * Stores a city's policy version effective from `effectiveFrom`. A version already in effect is
 * history: it can't be rewritten (409), only superseded by a later one; backdating is refused (422)
 * because it would silently change past statements and evaluations. Only that city's city-level HR
 * set its policies; other cities are untouched (their own versions, or the rule book's defaults).
 *
 * Historical versions (`historical: true`, effective before today): the policies a city ran under
 * before it adopted the system, entered once by its city-level HR while the city has recorded no
 * worker and no recruitment yet (`policyHistoryOpen`; 409 POLICY_HISTORY_CLOSED after). Each is
 * audited as `policy.historical-entered`; like any version in effect it can't be rewritten.
 */
export async function putPolicy(
  store: Store,
  ctx: RequestContext,
  kind: string,
  effectiveFrom: string,
  body: unknown,
  city?: string,
  options: { historical?: boolean } = {},
): Promise<AnyEffectivePolicy> {
  const policyKind = requireKind(kind);
  const policyCity = cityOf(ctx, city);
  // Policies are city-wide: only HR officers whose subtree is the whole city may set them.
  authorize(ctx.actor, 'policy:write', { org: policyCity });
  const parsed = policyKinds[policyKind].schema.safeParse(body);
  if (!parsed.success) {
    throw badRequest(
      `The ${policyKind} policy is invalid`,
      parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
        // A rule's own issue names its catalogue code: the answer renders it in the caller's language.
        ...(i.code === 'custom' && typeof i.params?.code === 'string' ? { ...i.params } : {}),
      })),
      'VALIDATION_FAILED',
    );
  }
  const today = shanghaiDate(ctx.now);
  const existing = await policies.get(store, policyCity, policyKind, effectiveFrom);
  if (existing && effectiveFrom <= today) {
    throw conflict(
      'POLICY_IN_EFFECT',
      'This policy version is in effect; supersede it with a later effectiveFrom',
      { version: existing.version },
    );
  }
  const historical = options.historical === true;
  if (historical) {
    if (effectiveFrom >= today)
      throw unprocessable('POLICY_NOT_HISTORICAL', `A historical version starts before today (${today})`, {
        effectiveFrom,
        today,
      });
    if (!(await policyHistoryOpen(store, policyCity)))
      throw conflict(
        'POLICY_HISTORY_CLOSED',
        `${policyCity} has recorded workers or recruitments: historical versions can no longer be entered`,
        { city: policyCity, effectiveFrom, today },
      );
  } else if (effectiveFrom < today) {
    throw unprocessable(
      'POLICY_BACKDATED',
      `A policy can't start in the past (today is ${today} in Asia/Shanghai)`,
      { effectiveFrom, today },
    );
  }
  const revision = (existing?.revision ?? 0) + 1;
  const version = policyVersionOf(policyKind, effectiveFrom, revision);
  await store.transact(
    ctx,
    [
      policies.put(
        policyCity,
        policyKind,
        { version, effectiveFrom, revision, document: parsed.data, updatedAt: ctx.now.toISOString() },
        existing,
        () => conflict('CONCURRENT_UPDATE', 'Someone else changed this policy version; reload and retry'),
      ),
    ],
    [
      {
        entity: `policy:${policyCity}/${policyKind}/${effectiveFrom}`,
        org: policyCity,
        action: historical ? 'policy.historical-entered' : existing ? 'policy.revised' : 'policy.created',
        before: existing?.document ?? null,
        after: historical
          ? {
              ...parsed.data,
              historical: `entered on ${today} as history, before the city's first recorded change`,
            }
          : parsed.data,
      },
    ],
  );
  invalidatePolicyCache(policyKind);
  return effective({ kind: policyKind, version, effectiveFrom, revision, document: parsed.data });
}

export async function getPolicyAt(
  store: Store,
  ctx: RequestContext,
  kind: string,
  at: string | undefined,
  city?: string,
): Promise<AnyEffectivePolicy> {
  const policyKind = requireKind(kind);
  const policyCity = cityOf(ctx, city);
  authorize(ctx.actor, 'policy:read', { org: policyCity });
  return effective(await policyAt(store, policyCity, policyKind, at ?? shanghaiDate(ctx.now)));
}

function requireKind(kind: string): PolicyKind {
  if (!isPolicyKind(kind)) throw notFound('policy kind', kind);
  return kind;
}
