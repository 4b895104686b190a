import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { uploadTemplate } from '#shared/spreadsheets/template.ts';
import { type UploadKind, uploadSpecs } from '#shared/spreadsheets/upload-kinds.ts';

/**
 * GET /v1/templates/{kind}: the blank .xlsx template of an upload (any HR officer: it holds no
 * data, only the columns of `uploadSpecs`).
 */
export async function uploadTemplateOf(ctx: RequestContext, kind: UploadKind) {
  authorize(ctx.actor, 'template:read', { org: ctx.actor.org });
  return uploadTemplate(uploadSpecs[kind]);
}
