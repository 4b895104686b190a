import { createRoute } from '@hono/zod-openapi';
import type { Dependencies } from '#functions/dependencies.ts';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import {
  bearerSecurity,
  commonErrors,
  idempotencyHeader,
  jsonBody,
  jsonContent,
} from '#functions/api/openapi.ts';
import {
  certificatesSchema,
  coachingSessionSchema,
  logSessionBody,
  recordCertificateBody,
  sessionsSchema,
  workerIdParam,
  workerTrainingSchema,
  yearQuery,
} from '#shared/schemas/development.ts';
import { recordCertificate, workerCertificates } from '#shared/usecases/certificates.ts';
import { listCoachingSessions, logCoachingSession } from '#shared/usecases/mentoring/sessions.ts';
import { workerTraining } from '#shared/usecases/training/hours.ts';

/** Development routes under /v1/workers/{id}/… (mounted next to hiring's /v1/workers app). */
const training = createRoute({
  method: 'get',
  path: '/{id}/training',
  tags: ['Training'],
  summary: "A worker's training year: hours, attendances, weekly half-day study, progress to the requirement",
  description: 'HR officers of the subtree, the worker, their current mentor.',
  security: bearerSecurity,
  request: { params: workerIdParam, query: yearQuery },
  responses: { 200: jsonContent(workerTrainingSchema, 'The training year'), ...commonErrors },
});

const addCertificate = createRoute({
  method: 'post',
  path: '/{id}/certificates',
  tags: ['Certificates'],
  summary: "Record a worker's social-work certificate (HR of the subtree)",
  description:
    'registeredOn before issuedOn → 400; registeredOn in the future → 422; a number already recorded anywhere in the city → 409 DUPLICATE_CERTIFICATE.',
  security: bearerSecurity,
  request: { params: workerIdParam, headers: idempotencyHeader, body: jsonBody(recordCertificateBody) },
  responses: { 201: jsonContent(certificatesSchema, 'Recorded; the worker’s certificates'), ...commonErrors },
});

const certificates = createRoute({
  method: 'get',
  path: '/{id}/certificates',
  tags: ['Certificates'],
  summary: "A worker's certificates, the highest level and the allowance it earns from which month",
  security: bearerSecurity,
  request: { params: workerIdParam },
  responses: { 200: jsonContent(certificatesSchema, 'The certificates'), ...commonErrors },
});

const logSession = createRoute({
  method: 'post',
  path: '/{id}/coaching-sessions',
  tags: ['Mentoring'],
  summary: 'A mentor logs a coaching session with their own current mentee {id}',
  description:
    'Only a mentor of this worker (anyone else → 403). The date must be inside the pairing period (422 OUTSIDE_PAIRING_PERIOD) and not in the future.',
  security: bearerSecurity,
  request: { params: workerIdParam, headers: idempotencyHeader, body: jsonBody(logSessionBody) },
  responses: { 201: jsonContent(coachingSessionSchema, 'Logged'), ...commonErrors },
});

const sessions = createRoute({
  method: 'get',
  path: '/{id}/coaching-sessions',
  tags: ['Mentoring'],
  summary: "A mentee's coaching sessions, newest first (HR of the subtree, the mentee, their mentor)",
  security: bearerSecurity,
  request: { params: workerIdParam, query: yearQuery },
  responses: { 200: jsonContent(sessionsSchema, 'The sessions'), ...commonErrors },
});

export function workerDevelopmentRoutes(deps: Dependencies) {
  return resourceApp()
    .openapi(training, async (c) =>
      c.json(
        await workerTraining(
          deps.store,
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('query').year,
        ),
        200,
      ),
    )
    .openapi(addCertificate, async (c) =>
      c.json(
        await recordCertificate(deps.store, requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(certificates, async (c) =>
      c.json(await workerCertificates(deps.store, requestContext(c), c.req.valid('param').id), 200),
    )
    .openapi(logSession, async (c) =>
      c.json(
        await logCoachingSession(deps.store, requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
    )
    .openapi(sessions, async (c) =>
      c.json(
        await listCoachingSessions(
          deps.store,
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('query').year,
        ),
        200,
      ),
    );
}
