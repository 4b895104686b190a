import { createRoute, z } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { bearerSecurity, commonErrors, idempotencyHeader, jsonContent } from '#functions/api/openapi.ts';
import { isoDate } from '#shared/schemas/common.ts';
import { orgId } from '#shared/schemas/org-unit.ts';
import { type PolicyKind, policyKinds } from '#shared/policies/registry.ts';
import { getPolicyAt, listPolicies, putPolicy } from '#shared/usecases/policies.ts';

const policyVersionFields = {
  version: z.string().openapi({ example: 'pay/2026-07-01/r1' }),
  effectiveFrom: isoDate,
  revision: z.number().int(),
};

const policyOf = <K extends PolicyKind>(kind: K) =>
  z.object({ kind: z.literal(kind), ...policyVersionFields, document: policyKinds[kind].schema });
/** Every kind (the `satisfies` fails to compile when a kind is added without its shape here). */
const policyByKind = {
  quota: policyOf('quota'),
  recruitment: policyOf('recruitment'),
  training: policyOf('training'),
  mentoring: policyOf('mentoring'),
  pay: policyOf('pay'),
  evaluation: policyOf('evaluation'),
  promotion: policyOf('promotion'),
  honours: policyOf('honours'),
} satisfies { [K in PolicyKind]: ReturnType<typeof policyOf<K>> };

/** One shape per kind: `document` is that kind's rules, so the document (and the client) know them. */
const policySchema = z
  .discriminatedUnion('kind', [
    policyByKind.quota,
    policyByKind.recruitment,
    policyByKind.training,
    policyByKind.mentoring,
    policyByKind.pay,
    policyByKind.evaluation,
    policyByKind.promotion,
    policyByKind.honours,
  ])
  .openapi('Policy');

const kindParam = z.object({
  kind: z
    .string()
    .max(40)
    .openapi({ param: { name: 'kind', in: 'path' }, example: 'pay' }),
});

const cityQuery = z.object({
  city: orgId.optional().openapi({
    description: "The city whose policies these are (default: the caller's city)",
    example: 'qth',
  }),
});

const put = createRoute({
  method: 'put',
  path: '/{kind}/{effectiveFrom}',
  tags: ['Policies'],
  summary:
    'Store a policy version effective from a date (future versions may be revised; past ones are history)',
  security: bearerSecurity,
  request: {
    params: kindParam.extend({
      effectiveFrom: isoDate.openapi({ param: { name: 'effectiveFrom', in: 'path' } }),
    }),
    query: cityQuery.extend({
      historical: z.enum(['true', 'false']).optional().openapi({
        description:
          'true: a historical version (effective before today), accepted only while the city has recorded no worker and no recruitment (409 POLICY_HISTORY_CLOSED after); audited as policy.historical-entered',
      }),
    }),
    headers: idempotencyHeader,
    body: { required: true, content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
  },
  responses: { 200: jsonContent(policySchema, 'Stored'), ...commonErrors },
});

const getAt = createRoute({
  method: 'get',
  path: '/{kind}',
  tags: ['Policies'],
  summary: 'The policy in effect on a date (default: today), or the defaults if none is stored',
  security: bearerSecurity,
  request: { params: kindParam, query: cityQuery.extend({ at: isoDate.optional() }) },
  responses: { 200: jsonContent(policySchema, 'The policy in effect'), ...commonErrors },
});

const history = createRoute({
  method: 'get',
  path: '/{kind}/versions',
  tags: ['Policies'],
  summary: 'Every stored version of a policy kind',
  security: bearerSecurity,
  request: { params: kindParam, query: cityQuery },
  responses: {
    200: jsonContent(z.object({ items: z.array(policySchema) }), 'Versions, oldest first'),
    ...commonErrors,
  },
});

export function policyRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(put, async (c) => {
      const { kind, effectiveFrom } = c.req.valid('param');
      const { city, historical } = c.req.valid('query');
      return c.json(
        await putPolicy(deps.store, requestContext(c), kind, effectiveFrom, c.req.valid('json'), city, {
          historical: historical === 'true',
        }),
        200,
      );
    })
    .openapi(history, async (c) =>
      c.json(
        {
          items: await listPolicies(
            deps.store,
            requestContext(c),
            c.req.valid('param').kind,
            c.req.valid('query').city,
          ),
        },
        200,
      ),
    )
    .openapi(getAt, async (c) => {
      const { at, city } = c.req.valid('query');
      return c.json(
        await getPolicyAt(deps.store, requestContext(c), c.req.valid('param').kind, at, city),
        200,
      );
    });
}
