import { createRoute, z } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { readBulkRows, spreadsheetContent } from '#functions/api/bulk.ts';
import { previewBulk } from '#functions/api/bulk-preview.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import {
  bearerSecurity,
  commonErrors,
  idempotencyHeader,
  jsonBody,
  jsonContent,
} from '#functions/api/openapi.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { uploadSpecs } from '#shared/spreadsheets/upload-kinds.ts';
import { resolveWorkerReferences } from '#shared/usecases/workers.ts';
import { bulkPreviewSchema, dryRunQuery } from '#shared/schemas/bulk-preview.ts';
import { cursorQuery, pageOf } from '#shared/schemas/common.ts';
import {
  attendanceBodyDoc,
  attendanceRemovedSchema,
  attendeeParam,
  attendanceListSchema,
  attendanceResultSchema,
  attendanceRowSchema,
  createTrainingEventBody,
  idParam,
  listTrainingEventsQuery,
  trainingEventSchema,
  updateTrainingEventBody,
} from '#shared/schemas/development.ts';
import { listAttendance, recordAttendance, removeAttendance } from '#shared/usecases/training/attendance.ts';
import { updateTrainingEvent } from '#shared/usecases/training/correction.ts';
import {
  createTrainingEvent,
  getTrainingEvent,
  listTrainingEvents,
} from '#shared/usecases/training/events.ts';

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['Training'],
  summary: 'Create a training event (city / district / street / community micro-classroom)',
  description: 'HR officers, for their unit or one inside their subtree; the level is the organising unit’s.',
  security: bearerSecurity,
  request: { headers: idempotencyHeader, body: jsonBody(createTrainingEventBody) },
  responses: { 201: jsonContent(trainingEventSchema, 'Created'), ...commonErrors },
});

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['Training'],
  summary: "A year's training events organised inside an org unit's subtree",
  security: bearerSecurity,
  request: { query: listTrainingEventsQuery },
  responses: { 200: jsonContent(pageOf(trainingEventSchema), 'Events, one page'), ...commonErrors },
});

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['Training'],
  summary: 'A training event with its person-times',
  security: bearerSecurity,
  request: { params: idParam },
  responses: { 200: jsonContent(trainingEventSchema, 'The event'), ...commonErrors },
});

const attendance = createRoute({
  method: 'get',
  path: '/{id}/attendance',
  tags: ['Training'],
  summary: 'Who attended an event',
  security: bearerSecurity,
  request: {
    params: idParam,
    query: cursorQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
  },
  responses: { 200: jsonContent(attendanceListSchema, 'Attendance, one page'), ...commonErrors },
});

const record = createRoute({
  method: 'post',
  path: '/{id}/attendance',
  tags: ['Training'],
  summary: 'Record attendance in bulk (JSON or CSV), all or nothing',
  description:
    'Rows listed twice or invalid → 400 (by row); workers unknown to you, not yet hired or exited by the event date → 422 listing them; workers already recorded for the event → 409 listing them. Nothing is saved unless every row is accepted. With `?dryRun=true` nothing is saved: 200 with every row, the hours it would credit, and its errors.',
  security: bearerSecurity,
  request: {
    params: idParam,
    query: dryRunQuery,
    headers: idempotencyHeader,
    body: {
      required: false,
      content: {
        'application/json': { schema: attendanceBodyDoc },
        'text/csv': {
          schema: z.string().openapi({ example: '姓名,身份证号,学时\n张三,230902199506150010,4\n' }),
        },
        ...spreadsheetContent,
      },
    },
  },
  responses: {
    200: jsonContent(bulkPreviewSchema, 'Dry run: every row with the hours it would credit, or its errors'),
    201: jsonContent(attendanceResultSchema, 'Recorded'),
    ...commonErrors,
  },
});

const update = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['Training'],
  summary: 'Correct an event: title, level (with its organising unit), date, hours',
  description:
    'Attendees credited the whole event get the new hours; those credited less keep theirs, capped at the new length. Hours and stats follow in the same transaction; audited.',
  security: bearerSecurity,
  request: { params: idParam, headers: idempotencyHeader, body: jsonBody(updateTrainingEventBody) },
  responses: { 200: jsonContent(trainingEventSchema, 'Corrected'), ...commonErrors },
});

const removeAttendee = createRoute({
  method: 'delete',
  path: '/{id}/attendance/{workerId}',
  tags: ['Training'],
  summary: "Remove a worker's attendance recorded in error (hours and stats follow)",
  security: bearerSecurity,
  request: { params: attendeeParam, headers: idempotencyHeader },
  responses: { 200: jsonContent(attendanceRemovedSchema, 'Removed'), ...commonErrors },
});

export function trainingEventRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(update, async (c) =>
      c.json(
        await updateTrainingEvent(
          deps.store,
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
    )
    .openapi(removeAttendee, async (c) => {
      const { id, workerId } = c.req.valid('param');
      return c.json(await removeAttendance(deps.store, requestContext(c), id, workerId), 200);
    })
    .openapi(create, async (c) =>
      c.json(await createTrainingEvent(deps.store, requestContext(c), c.req.valid('json')), 201),
    )
    .openapi(list, async (c) => {
      const { org, year, level, cursor, limit } = c.req.valid('query');
      const ctx = requestContext(c);
      return c.json(
        await listTrainingEvents(deps.store, ctx, {
          org,
          year: year ?? Number(shanghaiDate(ctx.now).slice(0, 4)),
          level,
          ...(cursor ? { cursor } : {}),
          limit,
        }),
        200,
      );
    })
    .openapi(get, async (c) =>
      c.json(await getTrainingEvent(deps.store, requestContext(c), c.req.valid('param').id), 200),
    )
    .openapi(attendance, async (c) => {
      const { cursor, limit } = c.req.valid('query');
      return c.json(
        await listAttendance(deps.store, requestContext(c), c.req.valid('param').id, cursor, limit),
        200,
      );
    })
    .openapi(record, async (c) => {
      const ctx = requestContext(c);
      const id = c.req.valid('param').id;
      // Authorise and find the event before reading a possibly large body.
      await getTrainingEvent(deps.store, ctx, id);
      if (c.req.valid('query').dryRun === 'true') {
        const preview = await previewBulk(c, attendanceRowSchema, uploadSpecs.attendance, async (rows) => {
          const resolved = await resolveWorkerReferences(deps.store, rows);
          const result = await recordAttendance(deps.store, ctx, id, resolved, { dryRun: true });
          return new Map(result.items.map((item, i) => [i + 1, { hours: item.hours }]));
        });
        return c.json(preview, 200);
      }
      const rows = await resolveWorkerReferences(
        deps.store,
        await readBulkRows(c, attendanceRowSchema, uploadSpecs.attendance),
      );
      return c.json(await recordAttendance(deps.store, ctx, id, rows), 201);
    });
}
