import { readFile } from 'node:fs/promises';
import { handle } from 'hono/aws-lambda';
import type { ContextMounts } from '#functions/api/mount.ts';
import { createRootApp } from '#functions/api/root-app.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { lambdaDependencies } from '#functions/lambda-dependencies.ts';
import { logger } from '#shared/observability.ts';

/**
 * The Lambda handler of one bounded context: the same Hono app and middleware as local mode, with
 * only this context's routes (so its bundle holds only them). Built once per container.
 */
export function lambdaApiHandler(context: string, mounts: ContextMounts, extra: Partial<Dependencies> = {}) {
  const app = handle(
    createRootApp(
      { ...lambdaDependencies(), ...extra },
      {
        contexts: { [context]: mounts },
        openApiDocument: bundledOpenApiDocument,
      },
    ),
  );
  // Log lines of this invocation carry the function's name, version, cold start and request id.
  return (event: Parameters<typeof app>[0], lambdaContext?: Parameters<typeof app>[1]) => {
    if (lambdaContext) logger.addContext(lambdaContext as never);
    return app(event, lambdaContext as never);
  };
}

/**
 * The whole API's OpenAPI document, written beside the bundle at bundling time
 * (`infra/bundle-lambda.ts --openapi`, for the function that serves GET /openapi.json); none: 404.
 */
async function bundledOpenApiDocument(): Promise<unknown> {
  try {
    return JSON.parse(await readFile(new URL('./openapi.json', import.meta.url), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
