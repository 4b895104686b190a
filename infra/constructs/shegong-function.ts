import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag.ts';

/** Repository root (this file lives in infra/constructs/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export type AuthMode = 'cognito' | 'oidc';

export interface ShegongFunctionProps {
  /** Lambda entry, relative to the repository root (exports `handler`). */
  entry: string;
  description: string;
  table: ITable;
  /** 'read' grants only read actions on the table (and its indexes). */
  access: 'read' | 'readwrite';
  authMode: AuthMode;
  /** @default 512 */
  memorySize?: number;
  /** @default 10 seconds (HTTP API integrations time out at 30 s anyway) */
  timeout?: Duration;
  /** @default one month */
  logRetention?: RetentionDays;
  environment?: Record<string, string>;
}

/**
 * Every Lambda of the project goes through here, so runtime, architecture, bundling, logging,
 * tracing and the table grant are decided in one place.
 *
 * Bundling is local esbuild only (no Docker, works offline): ESM, minified, node22, the AWS SDK
 * bundled too (`externalModules: []`) so the deployed code runs against the SDK version we tested,
 * plus a `require` shim because some CommonJS dependencies call `require` inside an ES module.
 */
export class ShegongFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ShegongFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(repoRoot, props.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      environment: {
        TABLE_NAME: props.table.tableName,
        AUTH_MODE: props.authMode,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        platform: 'node',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        externalModules: [],
        forceDockerBundling: false,
        tsconfig: path.join(repoRoot, 'tsconfig.json'),
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      },
    });

    if (props.access === 'read') {
      props.table.grantReadData(this.function);
    } else {
      props.table.grantReadWriteData(this.function);
    }

    // cdk-nag findings this construct itself causes, each acknowledged exactly (not rule-wide).
    const tableName = props.table.tableName;
    if (Token.isUnresolved(tableName)) throw new Error('ShegongFunction needs a table imported by name');
    acknowledge(
      this,
      {
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 is the runtime this project targets and tests against (package engines, esbuild target).',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          'AWSLambdaBasicExecutionRole is the AWS-managed minimum for Lambda (CloudWatch Logs writes only); the log group is our own, with retention.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray tracing: xray:PutTraceSegments/PutTelemetryRecords do not support resource-level permissions, so CDK grants them on "*".',
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/${tableName}/index/*]`,
        reason: `${props.access === 'read' ? 'grantReadData' : 'grantReadWriteData'} covers the table's GSIs (ByCollection, ByRelation) as table/index/*; the actions stay limited to the grant.`,
      },
    );
  }

  /** Construct id of this function's CloudFormation resource, as cdk-nag prints it (`<Id.Arn>`). */
  get logicalId(): string {
    return Stack.of(this).getLogicalId(this.function.node.defaultChild as CfnFunction);
  }
}
