import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { acknowledge } from '../nag.ts';
import type { Construct } from 'constructs';
import { apiContexts } from '../../functions/api/manifest.ts';
import { queueUrlEnvName } from '../../functions/jobs/manifest.ts';
import { pascal, type ShegongConfig } from '../config.ts';
import { Identity } from '../constructs/identity.ts';
import { ShegongFunction } from '../constructs/shegong-function.ts';
import { importTable } from './data-stack.ts';

export interface ApiStackProps extends StackProps {
  config: ShegongConfig;
  /** Physical name of the table in the data stack. */
  tableName: string;
  /** Queues by manifest name (from the jobs stack). */
  queues: ReadonlyMap<string, IQueue>;
}

/** Unauthenticated routes, served by the organisation function (it also serves the OpenAPI doc). */
export const publicRoutes = ['/health', '/openapi.json', '/docs'] as const;
const PUBLIC_ROUTES_CONTEXT = 'organisation';

/**
 * The HTTP API: one Lambda per bounded context of `functions/api/manifest.ts`, a JWT authorizer
 * on every route except the public ones, throttling, access logs and optional CORS.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly identity: Identity;
  readonly functions = new Map<string, ShegongFunction>();
  /** The account-sync job (Cognito only). */
  accountSync?: ShegongFunction;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, queues } = props;
    const table = importTable(this, props.tableName);

    this.identity = new Identity(this, 'Identity', config.auth);

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'shegong (社工) community-worker API',
      createDefaultStage: false,
      defaultAuthorizer: this.identity.authorizer,
      ...(config.corsOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: config.corsOrigins,
              allowMethods: [CorsHttpMethod.ANY],
              // What the API reads from a request and what a client reads from a response.
              allowHeaders: [
                'authorization',
                'content-type',
                'idempotency-key',
                'x-correlation-id',
                'x-request-id',
              ],
              exposeHeaders: [
                'location',
                'x-request-id',
                'x-total-fen',
                'retry-after',
                'idempotent-replayed',
                'x-business-time',
              ],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: config.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    for (const context of apiContexts) {
      const environment: Record<string, string> = {};
      const { sendsTo } = context.access;
      for (const queueName of sendsTo) {
        const queue = queues.get(queueName);
        if (!queue) throw new Error(`API context ${context.name} sends to unknown queue ${queueName}`);
        environment[queueUrlEnvName(queueName)] = queue.queueUrl;
      }
      const fn = new ShegongFunction(this, `${pascal(context.name)}Api`, {
        entry: `functions/api/${context.name}/lambda.ts`,
        description: context.description,
        table,
        access: context.access.table,
        environment,
        withOpenApiDocument: context.name === PUBLIC_ROUTES_CONTEXT,
      });
      for (const queueName of sendsTo) queues.get(queueName)!.grantSendMessages(fn.function);
      if (context.access.accounts && this.identity.userPool) this.grantAccounts(fn);
      this.functions.set(context.name, fn);

      const integration = new HttpLambdaIntegration(`${pascal(context.name)}Integration`, fn.function);
      for (const prefix of context.prefixes) {
        this.api.addRoutes({ path: prefix, methods: [HttpMethod.ANY], integration });
        this.api.addRoutes({ path: `${prefix}/{proxy+}`, methods: [HttpMethod.ANY], integration });
      }
      if (context.name === PUBLIC_ROUTES_CONTEXT) {
        for (const path of publicRoutes) {
          const [route] = this.api.addRoutes({
            path,
            methods: [HttpMethod.GET],
            integration,
            authorizer: new HttpNoneAuthorizer(),
          });
          acknowledge(route!, {
            id: 'AwsSolutions-APIG4',
            reason: `GET ${path} is public by design (health check / API description) and returns no tenant data.`,
          });
        }
      }
    }
    if (!this.functions.has(PUBLIC_ROUTES_CONTEXT))
      throw new Error(`no API context ${PUBLIC_ROUTES_CONTEXT}`);

    if (this.identity.userPool) this.accountSyncJob(table);

    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'HTTP API base URL' });
  }

  /** The user pool's id and exactly the admin actions `cognitoAccountDirectory` calls, on this pool only. */
  private grantAccounts(fn: ShegongFunction) {
    const userPool = this.identity.userPool!;
    fn.function.addEnvironment('USER_POOL_ID', userPool.userPoolId);
    userPool.grant(fn.function, ...ACCOUNT_ACTIONS);
  }

  /**
   * Retries account changes Cognito has not taken (every 5 minutes). It lives here, beside the
   * user pool, because the jobs stack deploys before the API stack and can't reference the pool.
   */
  private accountSyncJob(table: ReturnType<typeof importTable>) {
    const fn = new ShegongFunction(this, 'AccountSync', {
      entry: 'functions/jobs/account-sync/lambda.ts',
      description: 'Scheduled job: account-sync (pending account changes into Cognito)',
      table,
      access: 'readwrite',
      timeout: Duration.minutes(5),
    });
    this.grantAccounts(fn);
    this.accountSync = fn;
    const role = new Role(this, 'AccountSyncScheduleRole', {
      description: 'EventBridge Scheduler role: invoke AccountSync only',
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    acknowledge(role, {
      id: `AwsSolutions-IAM5[Resource::<${fn.logicalId}.Arn>:*]`,
      reason: 'lambda grantInvoke covers this one function and its versions/aliases (<arn>:*), nothing else.',
    });
    new Schedule(this, 'AccountSyncSchedule', {
      description: 'Retries account changes the Cognito user pool has not taken yet',
      schedule: ScheduleExpression.expression('cron(0/5 * * * ? *)', TimeZone.of('Asia/Shanghai')),
      target: new LambdaInvoke(fn.function, {
        input: ScheduleTargetInput.fromObject({ job: 'account-sync' }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
        role,
      }),
    });
  }
}

/** What `functions/identity/cognito-directory.ts` calls, nothing more. */
export const ACCOUNT_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminUserGlobalSignOut',
] as const;
