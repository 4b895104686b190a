import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoConfig {
  /** Set for DynamoDB Local; unset in Lambda (the SDK uses the regional endpoint). */
  endpoint?: string;
  region?: string;
}

/** One document client per process; `removeUndefinedValues` lets mappers leave optional fields unset. */
export function createDocumentClient(config: DynamoConfig = {}): DynamoDBDocumentClient {
  const clientConfig: DynamoDBClientConfig = {
    region: config.region ?? process.env.AWS_REGION ?? 'cn-north-1',
    maxAttempts: 3,
  };
  if (config.endpoint) {
    clientConfig.endpoint = config.endpoint;
    // DynamoDB Local accepts any credentials; fixed ones keep local data in one shared file.
    clientConfig.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  return DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
