import type { OpenAPIHono } from '@hono/zod-openapi';
import { contextMounts } from '#functions/api/contexts.ts';
import type { AppEnv } from '#functions/api/env.ts';
import { declareLabels } from '#functions/api/middleware/labels.ts';
import type { ContractViolation } from '#functions/api/middleware/response-contract.ts';
import { API_INFO, createRootApp } from '#functions/api/root-app.ts';
import type { Dependencies } from '#functions/dependencies.ts';

export { MAX_REQUEST_BYTES } from '#functions/api/root-app.ts';

export interface AppOptions {
  /** Bounded contexts to mount, by manifest name (default: all, as in local mode). */
  contexts?: string[];
  /** Extra routes outside /v1 (local mode's token endpoint). */
  extend?: (app: OpenAPIHono<AppEnv>) => void;
  /** Test mode: see `RootAppOptions.onContractViolation`. */
  onContractViolation?: (violation: ContractViolation) => void;
}

/**
 * The app of every context (local mode, tests, `npm run gen:api`) or of some of them by name. It
 * imports every context; a Lambda uses `createRootApp` with its own context only (lambda.ts).
 */
export function createApp(deps: Dependencies, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const names = options.contexts ?? Object.keys(contextMounts);
  const contexts = Object.fromEntries(
    names.map((name) => {
      const mounts = contextMounts[name];
      if (!mounts) throw new Error(`unknown API context ${name}`);
      return [name, mounts];
    }),
  );
  const all = names.length === Object.keys(contextMounts).length;
  return createRootApp(deps, {
    contexts,
    // The document always describes every context, whichever function serves it.
    openApiDocument: (app): unknown =>
      declareLabels((all ? app : createApp(deps)).getOpenAPI31Document(API_INFO)),
    ...(options.extend ? { extend: options.extend } : {}),
    ...(options.onContractViolation ? { onContractViolation: options.onContractViolation } : {}),
  });
}
