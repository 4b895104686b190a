/**
 * Bounded contexts of the HTTP API: which paths each Lambda function serves and what it may touch.
 * Pure data, read by the CDK app (routes, and the IAM grants: exactly what `access` states, nothing
 * else) and by the local server.
 */

/**
 * What a context's function may do. `table: 'read'` gets only GetItem, BatchGetItem and Query;
 * `'readwrite'` adds the item writes (PutItem, UpdateItem, DeleteItem, ConditionCheckItem for
 * transactions, BatchWriteItem). Nobody gets Scan. `sendsTo`: queues (jobs manifest names) it sends
 * messages to. Identities arrive verified from API Gateway's JWT authorizer; only a context with
 * `accounts` calls Cognito, to manage accounts.
 */
export interface ContextAccess {
  table: 'read' | 'readwrite';
  sendsTo: string[];
  /**
   * Manages sign-in accounts: with a Cognito user pool the function gets `USER_POOL_ID` and the
   * admin actions it calls (create, add to group, update attributes, disable, global sign-out).
   */
  accounts?: boolean;
}

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
  access: ContextAccess;
}

export const apiContexts: ApiContext[] = [
  {
    name: 'organisation',
    description: 'Org units, quota, policies, the audit trail, batch recovery and upload templates',
    prefixes: ['/v1/org-units', '/v1/policies', '/v1/audit', '/v1/batches', '/v1/templates'],
    access: { table: 'readwrite', sendsTo: [] },
  },
  {
    name: 'hiring',
    description:
      'Recruitments, transfers, workers, probation, contracts, exits, onboarding and sign-in accounts',
    prefixes: [
      '/v1/recruitments',
      '/v1/transfers',
      '/v1/workers',
      '/v1/probations',
      '/v1/accounts',
      '/v1/onboarding',
      '/v1/contracts',
      '/v1/contract-reminders',
    ],
    access: { table: 'readwrite', sendsTo: [], accounts: true },
  },
  {
    name: 'development',
    description: 'Training, mentoring and certificates',
    prefixes: [
      '/v1/training-events',
      '/v1/training-hours',
      '/v1/mentorships',
      '/v1/mentors',
      '/v1/workers/{id}/training',
      '/v1/workers/{id}/certificates',
      '/v1/workers/{id}/coaching-sessions',
      '/v1/certificates',
    ],
    access: { table: 'readwrite', sendsTo: [] },
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
    access: { table: 'readwrite', sendsTo: [] },
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
    // On-demand evaluation runs fan out through the same queue as the scheduled runs.
    access: { table: 'readwrite', sendsTo: ['evaluation-org-units'] },
  },
  {
    name: 'self-service',
    description: "Workers' own records and city statistics (read-only)",
    prefixes: ['/v1/me', '/v1/stats'],
    access: { table: 'read', sendsTo: [] },
  },
];
