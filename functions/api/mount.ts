import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '#functions/api/env.ts';
import type { Dependencies } from '#functions/dependencies.ts';

// biome-ignore lint/suspicious/noExplicitAny: sub-apps differ in their route schemas
type SubApp = OpenAPIHono<AppEnv, any, any>;
export type Mount = [prefix: string, app: SubApp];
/** A bounded context's sub-apps, built from the dependencies (`functions/api/<context>/routes.ts`). */
export type ContextMounts = (deps: Dependencies) => Mount[];
