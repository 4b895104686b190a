/**
 * Bounded contexts of the HTTP API: which paths each Lambda function serves and what it may do
 * with the table. Pure data, read by the CDK app (routes, grants) and by the local server.
 * `access: 'read'` functions are granted read-only DynamoDB actions.
 */
export interface ApiContext {
  /** Short name; also the Lambda entry `functions/api/<name>/lambda.ts`. */
  name: string;
  description: string;
  /**
   * API Gateway path prefixes routed to this function; each yields `ANY <prefix>` and
   * `ANY <prefix>/{proxy+}`. `{id}` segments are allowed: API Gateway prefers the most specific
   * route, so `/v1/workers/{id}/certificates` beats `/v1/workers/{proxy+}`.
   */
  prefixes: string[];
  access: 'read' | 'readwrite';
}

export const apiContexts: ApiContext[] = [
  {
    name: 'organisation',
    description: 'Org units, quota, policies, the audit trail and batch recovery',
    prefixes: ['/v1/org-units', '/v1/policies', '/v1/audit', '/v1/batches'],
    access: 'readwrite',
  },
  {
    name: 'hiring',
    description: 'Recruitments, transfers, workers, probation and exits',
    prefixes: ['/v1/recruitments', '/v1/transfers', '/v1/workers', '/v1/probations'],
    access: 'readwrite',
  },
  {
    name: 'development',
    description: 'Training, mentoring and certificates',
    prefixes: [
      '/v1/training-events',
      '/v1/mentorships',
      '/v1/mentors',
      '/v1/workers/{id}/training',
      '/v1/workers/{id}/certificates',
      '/v1/workers/{id}/coaching-sessions',
    ],
    access: 'readwrite',
  },
  {
    name: 'careers',
    description: 'Pay scale, statements, promotions, honours',
    prefixes: [
      '/v1/honour-cycles',
      '/v1/reserve-pool',
      '/v1/payroll',
      '/v1/workers/{id}/statements',
      '/v1/workers/{id}/promotions',
      '/v1/workers/{id}/grade',
      '/v1/grade-steps',
    ],
    access: 'readwrite',
  },
  {
    name: 'evaluation',
    description: 'Evaluation inputs, runs and exit proposals; on-demand runs of scheduled jobs',
    prefixes: [
      '/v1/jobs',
      '/v1/evaluation-inputs',
      '/v1/evaluations',
      '/v1/exit-proposals',
      '/v1/workers/{id}/evaluations',
    ],
    access: 'readwrite',
  },
  {
    name: 'self-service',
    description: "Workers' own records and city statistics (read-only)",
    prefixes: ['/v1/me', '/v1/stats'],
    access: 'read',
  },
];
