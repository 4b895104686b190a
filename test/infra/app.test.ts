import { App } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { buildShegongApp } from '../../infra/shegong-app.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiContexts } from '../../functions/api/manifest.ts';
import { queueConsumers, queueUrlEnvName, scheduledJobs } from '../../functions/jobs/manifest.ts';
import { TABLE_ACTIONS } from '../../infra/constructs/shegong-function.ts';
import { ACCOUNT_ACTIONS, publicRoutes } from '../../infra/stacks/api-stack.ts';
import { tableDefinition } from '../../shared/db/table-definition.ts';
import {
  actionsOfRole,
  functionEnvironment,
  functionIdByDescription,
  roleOfFunction,
  synthApp,
} from './synth.ts';

const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
const CORS_ORIGIN = 'https://hr.example.cn';

describe('default app (Cognito)', () => {
  let built: ReturnType<typeof synthApp>;
  let data: Template;
  let jobs: Template;
  let api: Template;

  beforeAll(() => {
    built = synthApp({ corsOrigins: CORS_ORIGIN, throttleBurst: '300' });
    data = built.dataTemplate;
    jobs = built.jobsTemplate;
    api = built.apiTemplate;
  });

  describe('cdk-nag', () => {
    it('reports no unacknowledged AwsSolutions findings (synth would have thrown)', () => {
      const violations = built.validationReport.pluginReports.flatMap((report) => report.violations ?? []);
      expect(violations).toEqual([]);
      for (const stack of [built.data, built.jobs, built.api]) {
        expect(
          Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
        ).toEqual([]);
      }
    });

    it('gives every acknowledgement a reason', () => {
      const acknowledged = built.app.node
        .findAll()
        .flatMap((construct) => construct.node.metadata)
        .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules');
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const entry of acknowledged) {
        for (const [id, value] of Object.entries(entry.data as Record<string, unknown>)) {
          const reason = typeof value === 'string' ? value : (value as { reason?: string }).reason;
          expect(reason?.trim().length ?? 0, id).toBeGreaterThan(20);
        }
      }
    });
  });

  describe('table', () => {
    it('is built from the shared table definition', () => {
      const { partitionKey, sortKey, indexes, timeToLiveAttribute } = tableDefinition;
      data.resourceCountIs('AWS::DynamoDB::Table', 1);
      data.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          TableName: tableDefinition.defaultName,
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [
            { AttributeName: partitionKey, KeyType: 'HASH' },
            { AttributeName: sortKey, KeyType: 'RANGE' },
          ],
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
          SSESpecification: { SSEEnabled: true },
          TimeToLiveSpecification: { AttributeName: timeToLiveAttribute, Enabled: true },
          GlobalSecondaryIndexes: Object.values(indexes).map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          })),
        }),
      });
      data.hasOutput('TableName', {});
    });
  });

  describe('API functions', () => {
    it('has one function per API context, Node 22 on ARM64 with tracing and the shared env', () => {
      // + the account-sync job, which lives beside the user pool.
      api.resourceCountIs('AWS::Lambda::Function', apiContexts.length + 1);
      for (const context of apiContexts) {
        const id = functionIdByDescription(api, context.description);
        api.hasResourceProperties('AWS::Lambda::Function', {
          Description: context.description,
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
          LoggingConfig: { LogGroup: { Ref: Match.anyValue() } },
        });
        expect(functionEnvironment(api, id)).toMatchObject({
          TABLE_NAME: tableDefinition.defaultName,
          NODE_OPTIONS: '--enable-source-maps',
        });
        // Nothing reads an auth mode: claims of either issuer are normalised without one (issue 15).
        expect(functionEnvironment(api, id).AUTH_MODE).toBeUndefined();
      }
    });

    it('keeps function logs for a month', () => {
      const logGroups = Object.values(api.findResources('AWS::Logs::LogGroup'));
      expect(logGroups.length).toBe(apiContexts.length + 2); // + account-sync, + API access logs
      for (const logGroup of logGroups) expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
      api.resourcePropertiesCountIs('AWS::Logs::LogGroup', { RetentionInDays: 30 }, apiContexts.length + 1);
    });

    it('grants read-only contexts no write actions, read-write contexts write actions', () => {
      for (const context of apiContexts) {
        const actions = actionsOfRole(
          api,
          roleOfFunction(api, functionIdByDescription(api, context.description)),
        );
        expect(actions, context.name).toContain('dynamodb:Query');
        if (context.access.table === 'read') {
          for (const write of WRITE_ACTIONS) expect(actions, context.name).not.toContain(write);
        } else {
          for (const write of WRITE_ACTIONS) expect(actions, context.name).toContain(write);
        }
      }
      const selfService = apiContexts.find((context) => context.name === 'self-service')!;
      expect(selfService.access.table).toBe('read');
    });

    it('grants each context exactly the access its manifest entry states, and nobody Scan', () => {
      for (const context of apiContexts) {
        const actions = new Set(
          actionsOfRole(api, roleOfFunction(api, functionIdByDescription(api, context.description))),
        );
        const byService = (service: string) => [...actions].filter((a) => a.startsWith(`${service}:`)).sort();
        expect(byService('dynamodb'), context.name).toEqual([...TABLE_ACTIONS[context.access.table]].sort());
        expect(actions.has('dynamodb:Scan'), context.name).toBe(false);
        // Sending to a queue is sqs:SendMessage (+ the queue's metadata reads CDK adds), only if stated.
        expect(byService('sqs').length > 0, context.name).toBe(context.access.sendsTo.length > 0);
        // Cognito only where accounts are managed, and exactly the admin actions called.
        expect(byService('cognito-idp'), context.name).toEqual(
          context.access.accounts ? [...ACCOUNT_ACTIONS].sort() : [],
        );
        // Nothing else; X-Ray only for tracing.
        const services = new Set([...actions].map((a) => a.split(':')[0]));
        for (const service of services)
          expect(['dynamodb', 'sqs', 'xray', 'cognito-idp'], context.name).toContain(service);
      }
      expect(apiContexts.filter((c) => c.access.table === 'read').map((c) => c.name)).toEqual([
        'self-service',
      ]);
    });

    it('gives the job functions the read-write actions, and no Scan', () => {
      const functions = jobs.findResources('AWS::Lambda::Function');
      expect(Object.keys(functions).length).toBeGreaterThan(0);
      for (const id of Object.keys(functions)) {
        const actions = actionsOfRole(jobs, roleOfFunction(jobs, id)).filter((a) =>
          a.startsWith('dynamodb:'),
        );
        expect(actions.sort(), id).toEqual([...TABLE_ACTIONS.readwrite].sort());
      }
    });

    it('lets the evaluation API start runs: queue URL env and sqs:SendMessage', () => {
      const evaluation = apiContexts.find((context) => context.name === 'evaluation')!;
      const id = functionIdByDescription(api, evaluation.description);
      const envName = queueUrlEnvName('evaluation-org-units');
      expect(envName).toBe('QUEUE_URL_EVALUATION_ORG_UNITS');
      expect(functionEnvironment(api, id)[envName]).toEqual({ 'Fn::ImportValue': expect.any(String) });
      expect(actionsOfRole(api, roleOfFunction(api, id))).toContain('sqs:SendMessage');
      const hiring = functionIdByDescription(api, apiContexts.find((c) => c.name === 'hiring')!.description);
      expect(functionEnvironment(api, hiring)[envName]).toBeUndefined();
    });
  });

  describe('HTTP API', () => {
    const authorizerRef = () => {
      const ids = Object.keys(api.findResources('AWS::ApiGatewayV2::Authorizer'));
      expect(ids).toHaveLength(1);
      return { Ref: ids[0] };
    };

    it('has a JWT authorizer trusting the user pool and its client', () => {
      api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Issuer: { 'Fn::GetAtt': [Match.stringLikeRegexp('UserPool'), 'ProviderURL'] },
          Audience: [{ Ref: Match.stringLikeRegexp('WebClient') }],
        },
      });
    });

    it('routes ANY P and ANY P/{proxy+} of every context through the JWT authorizer', () => {
      const authorizer = authorizerRef();
      let expected = 0;
      for (const context of apiContexts) {
        for (const prefix of context.prefixes) {
          for (const routeKey of [`ANY ${prefix}`, `ANY ${prefix}/{proxy+}`]) {
            api.hasResourceProperties('AWS::ApiGatewayV2::Route', {
              RouteKey: routeKey,
              AuthorizationType: 'JWT',
              AuthorizerId: authorizer,
            });
            expected += 1;
          }
        }
      }
      expect(expected).toBeGreaterThan(0);
      api.resourceCountIs('AWS::ApiGatewayV2::Route', expected + publicRoutes.length);
      api.resourcePropertiesCountIs('AWS::ApiGatewayV2::Route', { AuthorizationType: 'JWT' }, expected);
    });

    it('leaves only GET /health, /openapi.json and /docs public, on the organisation function', () => {
      expect([...publicRoutes]).toEqual(['/health', '/openapi.json', '/docs']);
      const routes = api.findResources('AWS::ApiGatewayV2::Route', {
        Properties: { AuthorizationType: 'NONE' },
      });
      expect(
        Object.values(routes)
          .map((route) => route.Properties.RouteKey)
          .sort(),
      ).toEqual(publicRoutes.map((path) => `GET ${path}`).sort());
      for (const route of Object.values(routes)) expect(route.Properties.AuthorizerId).toBeUndefined();
      // Same integration as the organisation routes.
      const orgRoute = Object.values(
        api.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: 'ANY /v1/org-units' } }),
      )[0]!;
      for (const route of Object.values(routes))
        expect(route.Properties.Target).toEqual(orgRoute.Properties.Target);
    });

    it('throttles, logs access and allows the configured CORS origins on the default stage', () => {
      api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingBurstLimit: 300, ThrottlingRateLimit: 100 },
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] },
        },
      });
      api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: Match.objectLike({ AllowOrigins: [CORS_ORIGIN] }),
      });
      // Only headers the API reads or a client reads back (no If-Match/ETag: nothing uses them).
      const cors = Object.values(api.findResources('AWS::ApiGatewayV2::Api'))[0]!.Properties
        .CorsConfiguration;
      expect(cors.AllowHeaders).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'idempotency-key', 'x-correlation-id']),
      );
      expect(cors.ExposeHeaders).toEqual(
        expect.arrayContaining(['x-request-id', 'x-total-fen', 'retry-after', 'x-business-time']),
      );
      expect([...cors.AllowHeaders, ...cors.ExposeHeaders]).not.toContain('if-match');
      expect([...cors.AllowHeaders, ...cors.ExposeHeaders]).not.toContain('etag');
      api.hasOutput('ApiUrl', {});
    });
  });

  describe('Cognito', () => {
    it('has an admin-only pool with a strong password policy, optional MFA and the custom attributes', () => {
      api.resourceCountIs('AWS::Cognito::UserPool', 1);
      api.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
      api.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        MfaConfiguration: 'OPTIONAL',
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: Match.anyValue(),
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'org', AttributeDataType: 'String', Mutable: true }),
          Match.objectLike({ Name: 'workerId', AttributeDataType: 'String', Mutable: true }),
        ]),
      });
      const pool = Object.values(api.findResources('AWS::Cognito::UserPool'))[0]!;
      expect(pool.Properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
    });

    it('gives the account functions the pool id and its admin actions on this pool only; retries every 5 minutes', () => {
      const poolId = Object.keys(api.findResources('AWS::Cognito::UserPool'))[0]!;
      const hiring = apiContexts.find((context) => context.access.accounts)!;
      const sync = functionIdByDescription(
        api,
        'Scheduled job: account-sync (pending account changes into Cognito)',
      );
      for (const id of [functionIdByDescription(api, hiring.description), sync]) {
        expect(functionEnvironment(api, id).USER_POOL_ID).toEqual({ Ref: poolId });
        const statements = Object.values(api.findResources('AWS::IAM::Policy'))
          .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleOfFunction(api, id)))
          .flatMap((p) => p.Properties.PolicyDocument.Statement as any[])
          .filter((st) => [st.Action].flat().some((a: string) => a.startsWith('cognito-idp:')));
        expect(statements.length, id).toBe(1);
        expect([statements[0].Action].flat().sort()).toEqual([...ACCOUNT_ACTIONS].sort());
        expect(statements[0].Resource).toEqual({ 'Fn::GetAtt': [poolId, 'Arn'] });
      }
      api.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(0/5 * * * ? *)',
        ScheduleExpressionTimezone: 'Asia/Shanghai',
      });
      for (const id of Object.keys(api.findResources('AWS::Lambda::Function')))
        if (id !== sync && id !== functionIdByDescription(api, hiring.description))
          expect(functionEnvironment(api, id).USER_POOL_ID, id).toBeUndefined();
    });

    it('has the hr, mentor and worker groups', () => {
      api.resourceCountIs('AWS::Cognito::UserPoolGroup', 3);
      for (const group of ['hr', 'mentor', 'worker']) {
        api.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
      }
    });

    it('has a public client (no secret) that cannot write org or workerId', () => {
      api.hasResourceProperties('AWS::Cognito::UserPoolClient', { GenerateSecret: false });
      const client = Object.values(api.findResources('AWS::Cognito::UserPoolClient'))[0]!;
      expect(client.Properties.WriteAttributes).not.toContain('custom:org');
      expect(client.Properties.WriteAttributes).not.toContain('custom:workerId');
      expect(client.Properties.ReadAttributes).toEqual(
        expect.arrayContaining(['custom:org', 'custom:workerId']),
      );
      expect(Object.keys(api.toJSON().Outputs)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/UserPoolId/),
          expect.stringMatching(/UserPoolClientId/),
        ]),
      );
    });
  });

  describe('jobs', () => {
    it('has an encrypted, SSL-only queue with a DLQ per consumer, visible ≥ 6× the consumer timeout', () => {
      for (const consumer of queueConsumers) {
        const fnId = functionIdByDescription(jobs, consumer.description);
        const fn = jobs.toJSON().Resources[fnId];
        const timeout = fn.Properties.Timeout as number;
        const queues = jobs.findResources('AWS::SQS::Queue', {
          Properties: { RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: Match.anyValue() } },
        });
        expect(Object.keys(queues)).toHaveLength(1);
        const [queueId, queue] = Object.entries(queues)[0]!;
        expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
        expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeout);
        jobs.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: queueId }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
        jobs.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
          FunctionName: { Ref: fnId },
          EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
          BatchSize: consumer.batchSize,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
        });
      }
      // Every queue is encrypted and SSL-only (consumer queues, their DLQs, the schedule DLQ).
      const allQueues = jobs.findResources('AWS::SQS::Queue');
      for (const queue of Object.values(allQueues)) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      jobs.resourceCountIs('AWS::SQS::QueuePolicy', Object.keys(allQueues).length);
    });

    it('schedules every job in Asia/Shanghai with its input, retries and a dead-letter queue', () => {
      jobs.resourceCountIs('AWS::Scheduler::Schedule', scheduledJobs.length);
      for (const job of scheduledJobs) {
        jobs.hasResourceProperties('AWS::Scheduler::Schedule', {
          ScheduleExpression: job.schedule,
          ScheduleExpressionTimezone: 'Asia/Shanghai',
          State: 'ENABLED',
          Target: {
            Arn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
            Input: JSON.stringify({ ...job.input, job: job.name }),
            RetryPolicy: {
              MaximumRetryAttempts: Match.anyValue(),
              MaximumEventAgeInSeconds: Match.anyValue(),
            },
            DeadLetterConfig: {
              Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ScheduleDeadLetterQueue'), 'Arn'] },
            },
            RoleArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
          },
        });
      }
    });

    it('gives each schedule role invoke on its own function only', () => {
      for (const schedule of Object.values(jobs.findResources('AWS::Scheduler::Schedule'))) {
        const target = schedule.Properties.Target;
        const roleId = target.RoleArn['Fn::GetAtt'][0];
        const fnId = target.Arn['Fn::GetAtt'][0];
        const policies = Object.values(jobs.findResources('AWS::IAM::Policy')).filter((policy) =>
          policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId),
        );
        const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement);
        const invoke = statements.filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
        expect(invoke.length).toBeGreaterThan(0);
        for (const statement of invoke) {
          expect(JSON.stringify(statement.Resource)).toContain(fnId);
          expect(JSON.stringify(statement.Resource)).not.toMatch(/"\*"/);
        }
        for (const statement of statements) {
          expect(['lambda:InvokeFunction', 'sqs:SendMessage']).toEqual(
            expect.arrayContaining([statement.Action].flat()),
          );
        }
      }
    });

    it('gives producers the queue URL and send permission, and job functions read-write access', () => {
      for (const job of scheduledJobs) {
        const ids = Object.keys(
          jobs.findResources('AWS::Lambda::Function', {
            Properties: { Description: Match.stringLikeRegexp(job.name) },
          }),
        );
        expect(ids, job.name).toHaveLength(1);
        const id = ids[0]!;
        const env = functionEnvironment(jobs, id);
        expect(env).toMatchObject({ TABLE_NAME: tableDefinition.defaultName });
        expect(env.AUTH_MODE).toBeUndefined();
        const actions = actionsOfRole(jobs, roleOfFunction(jobs, id));
        for (const write of WRITE_ACTIONS) expect(actions).toContain(write);
        if (job.sendsTo) {
          expect(env[queueUrlEnvName(job.sendsTo)]).toEqual({ Ref: expect.stringMatching(/Queue/) });
          expect(actions).toContain('sqs:SendMessage');
        } else {
          expect(actions).not.toContain('sqs:SendMessage');
        }
      }
      jobs.allResourcesProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
      });
    });
  });
});

describe('external OIDC provider (no Cognito)', () => {
  const issuer = 'https://idp.example.cn/realms/shegong';
  let built: ReturnType<typeof synthApp>;

  beforeAll(() => {
    built = synthApp({ oidcIssuer: issuer, oidcAudience: 'shegong-api' });
  });

  it('creates no user pool and trusts the given issuer and audience', () => {
    const api = built.apiTemplate;
    api.resourceCountIs('AWS::Cognito::UserPool', 0);
    api.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
    // Accounts live in the provider: no pool id, no Cognito actions, no account-sync job.
    api.resourceCountIs('AWS::Lambda::Function', apiContexts.length);
    api.resourceCountIs('AWS::Scheduler::Schedule', 0);
    for (const id of Object.keys(api.findResources('AWS::Lambda::Function')))
      expect(functionEnvironment(api, id).USER_POOL_ID, id).toBeUndefined();
    api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: issuer, Audience: ['shegong-api'] },
    });
    expect(Object.keys(api.toJSON().Outputs).some((key) => /UserPool/.test(key))).toBe(false);
    expect(built.validationReport.pluginReports.flatMap((report) => report.violations ?? [])).toEqual([]);
  });

  it('needs no auth mode in any function (claims of either issuer are read alike), and has no CORS by default', () => {
    for (const template of [built.apiTemplate, built.jobsTemplate]) {
      const functions = Object.keys(template.findResources('AWS::Lambda::Function'));
      expect(functions.length).toBeGreaterThan(0);
      for (const id of functions) expect(functionEnvironment(template, id).AUTH_MODE, id).toBeUndefined();
    }
    const httpApi = Object.values(built.apiTemplate.findResources('AWS::ApiGatewayV2::Api'))[0]!;
    expect(httpApi.Properties.CorsConfiguration).toBeUndefined();
    built.apiTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 },
    });
  });
});

describe('cdk-nag wiring', () => {
  it('fails synth on an unacknowledged finding', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const { jobs } = buildShegongApp(app);
    new Queue(jobs, 'UnsafeQueue'); // no DLQ, no enforceSSL
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS(3|4)/);
  });
});
