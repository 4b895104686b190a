import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  type ITable,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tableDefinition } from '../../shared/db/table-definition.ts';

export interface DataStackProps extends StackProps {
  /** Physical table name (the other stacks find the table by it). */
  tableName: string;
}

/**
 * The other stacks import the table by its physical name (see `importTable`) rather than through
 * CloudFormation exports: the table outlives everything else, and a name keeps the consumers from
 * pinning exports on it (and keeps the IAM resources readable).
 */
export function importTable(scope: Construct, tableName: string): ITable {
  return Table.fromTableAttributes(scope, 'Table', {
    tableName,
    globalIndexes: Object.values(tableDefinition.indexes).map((index) => index.name),
  });
}

/**
 * The single DynamoDB table, built from `shared/db/table-definition.ts` (the same data local mode
 * and the tests use). Kept in its own stack: it is stateful and retained, and it changes rarely,
 * so the stateless stacks can be destroyed and redeployed freely around it.
 */
export class DataStack extends Stack {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { partitionKey, sortKey, timeToLiveAttribute, indexes } = tableDefinition;

    this.table = new Table(this, 'Table', {
      tableName: props.tableName,
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const index of Object.values(indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'DynamoDB table name' });
  }
}
