import { createRoute, z } from '@hono/zod-openapi';
import { requestContext, resourceApp } from '#functions/api/env.ts';
import { exportHeaders } from '#functions/api/exports.ts';
import { bearerSecurity, commonErrors } from '#functions/api/openapi.ts';
import type { Dependencies } from '#functions/dependencies.ts';
import { XLSX_CONTENT_TYPE } from '#shared/spreadsheets/media.ts';
import { uploadKinds, uploadSpecs } from '#shared/spreadsheets/upload-kinds.ts';
import { uploadTemplateOf } from '#shared/usecases/templates.ts';

const uploads = Object.values(uploadSpecs)
  .map((spec) => `${spec.kind} (${spec.title})`)
  .join(', ');

const template = createRoute({
  method: 'get',
  path: '/{kind}',
  tags: ['Templates'],
  summary: 'The blank upload template of a bulk upload (.xlsx, Chinese headers, an example row)',
  description: `Any HR officer. Kinds: ${uploads}. The first sheet has the Chinese headers (required ones end with "*"), a note on each header and an example row (row 2: replace or delete it); enumerated columns have a drop-down list; the sheet 填写说明 explains every column and 可选值 lists the accepted values; a kind with 所在单位 (transfers, onboarding) gets a sheet 单位 listing the officer's communities and grids (the name to write, the full name, the level, the id) for that column's drop-down. The file name is Chinese (\`filename*=UTF-8''…\`). Upload the filled sheet as it is (.xlsx or saved as CSV).`,
  security: bearerSecurity,
  request: {
    params: z.object({
      kind: z.enum(uploadKinds).openapi({ param: { name: 'kind', in: 'path' }, example: 'transfers' }),
    }),
  },
  responses: {
    200: {
      description: 'The template',
      headers: exportHeaders,
      content: {
        [XLSX_CONTENT_TYPE]: {
          schema: z
            .string()
            .openapi({ format: 'binary', description: '.xlsx workbook: data sheet, 填写说明, 可选值' }),
        },
      },
    },
    ...commonErrors,
  },
});

export function templateRoutes({ store }: Pick<Dependencies, 'store'>) {
  return resourceApp().openapi(template, async (c) => {
    const file = await uploadTemplateOf(store, requestContext(c), c.req.valid('param').kind);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.contentType,
      'content-disposition': file.contentDisposition,
    });
  });
}
