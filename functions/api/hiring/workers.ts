import { createRoute, z } from '@hono/zod-openapi';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { sendExport, spreadsheetExportContent } from '#functions/api/exports.ts';
import {
  bearerSecurity,
  commonErrors,
  idempotencyHeader,
  jsonBody,
  jsonContent,
} from '#functions/api/openapi.ts';
import { accountDirectoryOf, type Dependencies } from '#functions/dependencies.ts';
import { exportFormatQuery, pageOf } from '#shared/schemas/common.ts';
import {
  contractDecisionBody,
  contractReminderSchema,
  contractRemindersQuery,
  contractsEndingQuery,
  contractsEndingSchema,
  dismissReminderBody,
  exitBody,
  probationBody,
  probationListSchema,
  probationsQuery,
  workerHistorySchema,
  workerListQuery,
  workerSchema,
} from '#shared/schemas/hiring.ts';
import { decideWorkerProbation, listProbationsEnding } from '#shared/usecases/probation.ts';
import { settleAfterChange } from '#shared/usecases/accounts.ts';
import {
  decideContract,
  dismissContractReminder,
  listContractReminders,
  listContractsEnding,
} from '#shared/usecases/contracts.ts';
import { recordExit } from '#shared/usecases/exits.ts';
import { previewExit } from '#shared/usecases/exit-preview.ts';
import { workersExport } from '#shared/usecases/exports.ts';
import { lookupWorkers } from '#shared/usecases/lookups.ts';
import { getWorker, getWorkerHistory, listWorkers } from '#shared/usecases/worker-records.ts';

const tags = ['Workers'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'w_0123456789abcdef' }),
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary:
    'Workers in an org subtree by status (active / exited), one page at a time; `q` looks one up by 身份证号 or name',
  description:
    'HR officers of the subtree. Without `q`: a Query on the ByCollection index (city and status partition, org-path order). With `q`: a full 18-character 身份证号 matches exactly (ByRelation, the subtree in the key condition), anything else is a name prefix (ByLookup, name order). Never a worker outside the subtree. Pass the returned cursor for the next page; a look-up page may hold fewer than `limit` items and still carry a cursor. `format=xlsx|csv`: every worker of the status in the subtree (all pages; `q`, `cursor` and `limit` do not apply) as an office spreadsheet (人员名册: Chinese headers, the unit by its Chinese path, post, education, channel, certificate and exit situation in Chinese, dates YYYY-MM-DD).',
  security: bearerSecurity,
  request: { query: workerListQuery.extend(exportFormatQuery.shape) },
  responses: {
    200: {
      description: 'One page, or the spreadsheet with ?format=',
      content: { 'application/json': { schema: pageOf(workerSchema) }, ...spreadsheetExportContent },
    },
    ...commonErrors,
  },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'A worker record (also after exit)',
  description:
    "HR officers of the worker's subtree, the worker, and their current mentors. National ids are masked for everyone but HR.",
  security: bearerSecurity,
  request: { params: idParam },
  responses: { 200: jsonContent(workerSchema, 'The worker'), ...commonErrors },
});

const history = createRoute({
  method: 'get',
  path: '/{id}/history',
  tags,
  summary: "A worker's lifecycle history (hired / transferred in / exited …), oldest first",
  description: 'Same readers as the worker record.',
  security: bearerSecurity,
  request: { params: idParam },
  responses: {
    200: jsonContent(z.object({ workerId: z.string(), items: z.array(workerHistorySchema) }), 'History'),
    ...commonErrors,
  },
});

const exit = createRoute({
  method: 'post',
  path: '/{id}/exits',
  tags,
  summary: 'Record an exit: one of the six situations (1–6 or its code), an effective date and evidence',
  description:
    "HR officers of the worker's subtree. The worker becomes exited, seats are released on every quota-holding ancestor, the exit is counted; the record and its history stay readable. 409 ALREADY_EXITED on a second exit; 422 EXIT_BEFORE_HIRE / EXIT_DATE_IN_FUTURE for impossible dates. Situations: 1 failed-evaluation, 2 unable-after-training, 3 discipline, 4 law, 5 resignation-or-non-renewal, 6 retirement-or-health.",
  security: bearerSecurity,
  request: { params: idParam, headers: idempotencyHeader, body: jsonBody(exitBody) },
  responses: { 201: jsonContent(workerSchema, 'The exited worker'), ...commonErrors },
});

const exitPreviewSchema = z
  .object({
    workerId: z.string(),
    name: z.string(),
    org: z.string(),
    situation: z.object({ situation: z.number().int(), code: z.string(), label: z.string() }),
    effectiveOn: z.string(),
    seatsReleased: z
      .array(
        z.object({
          org: z.string(),
          name: z.string(),
          quota: z.number().int().nullable(),
          used: z.number().int(),
          usedAfter: z.number().int(),
        }),
      )
      .openapi({ description: 'Every quota-holding unit whose seat the exit frees, lowest first' }),
    mentorsReleased: z
      .array(z.object({ workerId: z.string(), name: z.string() }))
      .openapi({ description: "The worker's current mentors, whose pairings with them end" }),
    menteesReleased: z.int().openapi({ description: 'Pairings that end because the worker mentors them' }),
    leavesReservePool: z.boolean(),
    nominationsWithdrawn: z.int().openapi({ description: 'Pending honour nominations withdrawn' }),
  })
  .openapi('ExitPreview');

const exitPreview = createRoute({
  method: 'post',
  path: '/{id}/exits/preview',
  tags,
  summary: 'Preview an exit: its effects, with the same checks as recording it, writing nothing',
  description:
    "HR officers of the worker's subtree. Same body and the same 4xx answers as POST /v1/workers/{id}/exits; 200 names the seats released, the pairings that end, the reserve pool and the honour nominations withdrawn.",
  security: bearerSecurity,
  request: { params: idParam, body: jsonBody(exitBody) },
  responses: { 200: jsonContent(exitPreviewSchema, 'What the exit would do'), ...commonErrors },
});

const probation = createRoute({
  method: 'post',
  path: '/{id}/probation',
  tags,
  summary: 'Decide a probation: confirm (转正), extend, or end it with an exit',
  description:
    "HR officers of the worker's subtree. 422 PROBATION_NOT_OVER (confirming before the last day), EXTENSION_TOO_LONG (beyond the policy's total), PROBATION_DECIDED, NO_PROBATION; a failure is an exit under the named situation (the exit's own rules and errors apply).",
  security: bearerSecurity,
  request: { params: idParam, headers: idempotencyHeader, body: jsonBody(probationBody) },
  responses: { 200: jsonContent(workerSchema, 'The worker with the decision'), ...commonErrors },
});

const probationsEnding = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Undecided probations ending within N days (overdue ones included), soonest first',
  security: bearerSecurity,
  request: { query: probationsQuery },
  responses: { 200: jsonContent(probationListSchema, 'Probations ending'), ...commonErrors },
});

const contractDecision = createRoute({
  method: 'post',
  path: '/{id}/contract-renewals',
  tags,
  summary: 'Renew a contract (续签) for a new term, or record that it is not renewed (exit situation 5)',
  description:
    "HR officers of the worker's subtree. renew: a new term from the day after the current one ends, for the recruitment policy's renewalContractYears, recorded from contractReminderDays before the last day on (422 RENEWAL_TOO_EARLY before). not-renew: an exit under situation 5 (辞职或合同期满不续签) effective on the term's last day, recorded on or after it (422 EXIT_DATE_IN_FUTURE before); seats, counters, pairings, nominations follow as for any exit. Either closes the term's open reminder. 422 WORKER_EXITED.",
  security: bearerSecurity,
  request: { params: idParam, headers: idempotencyHeader, body: jsonBody(contractDecisionBody) },
  responses: { 200: jsonContent(workerSchema, 'The worker with the decision'), ...commonErrors },
});

const contractsEnding = createRoute({
  method: 'get',
  path: '/ending',
  tags,
  summary: 'Contracts ending within N days (expired ones included), soonest first',
  description:
    "HR officers of the subtree. N defaults to the recruitment policy's contractReminderDays (60). One Query on the subtree's active workers.",
  security: bearerSecurity,
  request: { query: contractsEndingQuery },
  responses: { 200: jsonContent(contractsEndingSchema, 'Contracts ending'), ...commonErrors },
});

const reminderIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'w_0123456789abcdef.2029-02-28' }),
});

const contractReminders = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Contract reminders (续签提醒) of a subtree, open or dismissed, one page at a time',
  description:
    'HR officers of the subtree. The daily contract-reminders job creates one per worker and term ending within contractReminderDays.',
  security: bearerSecurity,
  request: { query: contractRemindersQuery },
  responses: { 200: jsonContent(pageOf(contractReminderSchema), 'One page'), ...commonErrors },
});

const dismissReminder = createRoute({
  method: 'post',
  path: '/{id}/dismiss',
  tags,
  summary: 'Dismiss a contract reminder (audited)',
  description: "HR officers of the worker's subtree. 409 REMINDER_DISMISSED when already dismissed.",
  security: bearerSecurity,
  request: { params: reminderIdParam, headers: idempotencyHeader, body: jsonBody(dismissReminderBody) },
  responses: { 200: jsonContent(contractReminderSchema, 'The dismissed reminder'), ...commonErrors },
});

export function contractRoutes(deps: Dependencies) {
  return resourceApp().openapi(contractsEnding, async (c) =>
    c.json(await listContractsEnding(deps.store, requestContext(c), c.req.valid('query')), 200),
  );
}

export function contractReminderRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(contractReminders, async (c) =>
      c.json(await listContractReminders(deps.store, requestContext(c), c.req.valid('query')), 200),
    )
    .openapi(dismissReminder, async (c) =>
      c.json(
        await dismissContractReminder(
          deps.store,
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
    );
}

export function probationRoutes(deps: Dependencies) {
  return resourceApp().openapi(probationsEnding, async (c) =>
    c.json(await listProbationsEnding(deps.store, requestContext(c), c.req.valid('query')), 200),
  );
}

export function workerRoutes(deps: Dependencies) {
  const { store } = deps;
  return resourceApp()
    .openapi(list, async (c) => {
      const { q, format, ...query } = c.req.valid('query');
      if (format)
        return sendExport(c, await workersExport(store, requestContext(c), query.org, query.status), format);
      return c.json(
        q === undefined
          ? await listWorkers(store, requestContext(c), query)
          : await lookupWorkers(store, requestContext(c), { ...query, q }),
        200,
      );
    })
    .openapi(get, async (c) =>
      c.json(await getWorker(store, requestContext(c), c.req.valid('param').id), 200),
    )
    .openapi(history, async (c) =>
      c.json(await getWorkerHistory(store, requestContext(c), c.req.valid('param').id), 200),
    )
    .openapi(probation, async (c) => {
      const ctx = requestContext(c);
      const decided = await decideWorkerProbation(store, ctx, c.req.valid('param').id, c.req.valid('json'));
      if (decided.status === 'exited')
        await settleAfterChange(store, accountDirectoryOf(deps), decided.id, ctx.now);
      return c.json(decided, 200);
    })
    .openapi(contractDecision, async (c) => {
      const ctx = requestContext(c);
      const decided = await decideContract(store, ctx, c.req.valid('param').id, c.req.valid('json'));
      // Not renewed is an exit: the sign-in account is disabled like any exit's.
      if (decided.status === 'exited')
        await settleAfterChange(store, accountDirectoryOf(deps), decided.id, ctx.now);
      return c.json(decided, 200);
    })
    .openapi(exitPreview, async (c) =>
      c.json(await previewExit(store, requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
    )
    .openapi(exit, async (c) => {
      const ctx = requestContext(c);
      const exited = await recordExit(store, ctx, c.req.valid('param').id, c.req.valid('json'));
      // The account was disabled in the exit's transaction; now tell the identity provider.
      await settleAfterChange(store, accountDirectoryOf(deps), exited.id, ctx.now);
      return c.json(exited, 201);
    });
}
