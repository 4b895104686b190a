import type { Dependencies } from '#functions/dependencies.ts';
import { apiGatewayIdentity } from '#functions/identity/api-gateway.ts';
import { sqsQueue } from '#functions/queues/sqs.ts';
import { createDocumentClient } from '#shared/db/client.ts';
import { Store } from '#shared/db/store.ts';

let cached: Dependencies | undefined;

/** Built once per Lambda container and reused across invocations. */
export function lambdaDependencies(): Dependencies {
  cached ??= {
    store: new Store(createDocumentClient(), requiredEnv('TABLE_NAME')),
    identity: apiGatewayIdentity,
    queue: sqsQueue(),
    clock: () => new Date(),
  };
  return cached;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}
