import { Tracer } from '@aws-lambda-powertools/tracer';
import { type Dependencies, noWorkQueue } from '#functions/dependencies.ts';
import { apiGatewayIdentity } from '#functions/identity/api-gateway.ts';
import { createDocumentClient, createReadClient } from '#shared/db/client.ts';
import { externalAccountDirectory } from '#shared/domain/accounts.ts';
import { Store } from '#shared/db/store.ts';
import { SERVICE } from '#shared/observability.ts';

/** X-Ray (the functions have active tracing): every DynamoDB and SQS call is a traced subsegment. */
export const tracer = new Tracer({ serviceName: SERVICE });

let cached: Dependencies | undefined;

/** Built once per Lambda container and reused across invocations. */
export function lambdaDependencies(): Dependencies {
  cached ??= {
    // Writes through the DocumentClient, reads through a client with a cached middleware stack
    // (shared/db/reads.ts); both traced.
    store: new Store(tracer.captureAWSv3Client(createDocumentClient()), requiredEnv('TABLE_NAME'), {
      reads: tracer.captureAWSv3Client(createReadClient()),
    }),
    identity: apiGatewayIdentity,
    // Only the functions that send work replace this (functions/queues/lambda-sqs.ts).
    queue: noWorkQueue,
    clock: () => new Date(),
    // Only the functions that manage accounts replace this (functions/identity/lambda-accounts.ts).
    accounts: externalAccountDirectory,
  };
  return cached;
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}
