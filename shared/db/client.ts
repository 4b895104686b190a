import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoConfig {
  /** Set for DynamoDB Local; unset in Lambda (the SDK uses the regional endpoint). */
  endpoint?: string;
  region?: string;
}

function clientConfig(config: DynamoConfig): DynamoDBClientConfig {
  const clientConfig: DynamoDBClientConfig = {
    region: config.region ?? process.env.AWS_REGION ?? 'cn-north-1',
    maxAttempts: 3,
  };
  if (config.endpoint) {
    clientConfig.endpoint = config.endpoint;
    // DynamoDB Local accepts any credentials; fixed ones keep local data in one shared file.
    clientConfig.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  return clientConfig;
}

/** One document client per process; `removeUndefinedValues` lets mappers leave optional fields unset. */
export function createDocumentClient(config: DynamoConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(clientConfig(config)), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}

/**
 * The store's read client (`shared/db/reads.ts`) for the same table: the SDK's middleware stack is
 * resolved once per command class (`cacheMiddleware`), which the DocumentClient refuses.
 */
export function createReadClient(config: DynamoConfig = {}): DynamoDBClient {
  return new DynamoDBClient({ ...clientConfig(config), cacheMiddleware: true });
}
