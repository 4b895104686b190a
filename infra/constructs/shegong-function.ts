import { execFileSync } from 'node:child_process';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import {
  Architecture,
  type CfnFunction,
  Code,
  Function as LambdaFunction,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { repoRoot } from '../bundling.ts';
import { acknowledge } from '../nag.ts';

export { repoRoot };

/**
 * Exactly the DynamoDB actions `shared/db` issues at each access level (TransactWriteItems is
 * authorised per item as Put/Update/Delete/ConditionCheckItem). No Scan, no streams, no
 * DescribeTable: nothing on a request path or in a job needs them.
 */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readwrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
    'dynamodb:BatchWriteItem',
  ],
} as const;

export interface ShegongFunctionProps {
  /** Lambda entry, relative to the repository root (exports `handler`). */
  entry: string;
  description: string;
  table: ITable;
  /** The table actions granted (on the table and its indexes): `TABLE_ACTIONS[access]`. */
  access: 'read' | 'readwrite';
  /** @default 512 */
  memorySize?: number;
  /** @default 10 seconds (HTTP API integrations time out at 30 s anyway) */
  timeout?: Duration;
  /** @default one month */
  logRetention?: RetentionDays;
  environment?: Record<string, string>;
  /** Ship the whole API's OpenAPI document beside the bundle (the function serving GET /openapi.json). */
  withOpenApiDocument?: boolean;
}

/**
 * Every Lambda of the project goes through here, so runtime, architecture, bundling, logging,
 * tracing and the table grant are decided in one place.
 *
 * Bundling is local esbuild only (no Docker, works offline), the same build the cold-start
 * benchmark measures: `infra/bundling.ts`, run through `infra/bundle-lambda.ts` at synth time.
 */
export class ShegongFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ShegongFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const bundleCommand = [
      'infra/bundle-lambda.ts',
      props.entry,
      '/asset-output',
      ...(props.withOpenApiDocument ? ['--openapi'] : []),
    ];
    this.function = new LambdaFunction(this, 'Function', {
      code: Code.fromAsset(repoRoot, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never used: the local bundling below always succeeds or throws. The command names the
          // build, so CDK's bundling cache tells one function's bundle from another's.
          image: DockerImage.fromRegistry('local-esbuild-only'),
          command: bundleCommand,
          local: {
            tryBundle(outputDir) {
              execFileSync(
                process.execPath,
                [
                  '--import',
                  'tsx',
                  ...bundleCommand.map((arg) => (arg === '/asset-output' ? outputDir : arg)),
                ],
                { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] },
              );
              return true;
            },
          },
        },
      }),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup: this.logGroup,
      environment: {
        TABLE_NAME: props.table.tableName,
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
    });

    props.table.grant(this.function, ...TABLE_ACTIONS[props.access]);

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
        reason: `The ${props.access} grant covers the table's GSIs (ByCollection, ByRelation) as table/index/*; the actions stay limited to TABLE_ACTIONS.${props.access}.`,
      },
    );
  }

  /** Construct id of this function's CloudFormation resource, as cdk-nag prints it (`<Id.Arn>`). */
  get logicalId(): string {
    return Stack.of(this).getLogicalId(this.function.node.defaultChild as CfnFunction);
  }
}
