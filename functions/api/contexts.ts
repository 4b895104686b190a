import type { ContextMounts } from '#functions/api/mount.ts';
import { careersMounts } from '#functions/api/careers/routes.ts';
import { developmentMounts } from '#functions/api/development/routes.ts';
import { evaluationMounts } from '#functions/api/evaluation/routes.ts';
import { hiringMounts } from '#functions/api/hiring/routes.ts';
import { organisationMounts } from '#functions/api/organisation/routes.ts';
import { selfServiceMounts } from '#functions/api/self-service/routes.ts';

export type { ContextMounts, Mount } from '#functions/api/mount.ts';

/**
 * Every bounded context's sub-apps, by manifest name (see manifest.ts for the matching API Gateway
 * routes). Local mode, the tests and the OpenAPI document use this; each Lambda imports only its
 * own `functions/api/<context>/routes.ts`, so its bundle holds only its routes.
 */
export const contextMounts: Record<string, ContextMounts> = {
  organisation: organisationMounts,
  hiring: hiringMounts,
  development: developmentMounts,
  careers: careersMounts,
  evaluation: evaluationMounts,
  'self-service': selfServiceMounts,
};
