/**
 * `/docs`: Swagger UI from the `swagger-ui-dist` package, no CDN, so it works offline. The assets are
 * read from node_modules where it exists (local mode, tests); in AWS the web stack puts the same
 * files in the site bucket under /docs/assets/ (infra/stacks/web-stack.ts).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Context } from 'hono';

/** The files of swagger-ui-dist the page needs (also what the web stack deploys). */
export const SWAGGER_UI_ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

export function swaggerUiDistDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  } catch {
    return null;
  }
}

export const docsPage = (specUrl: string) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>shegong API 文档</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js?spec=${encodeURIComponent(specUrl).replaceAll('%2F', '/')}"></script>
</body>
</html>`;

/** Starts Swagger UI; a file, not an inline script, so the CloudFront CSP can forbid inline scripts. */
export const DOCS_INIT_JS = `window.ui = SwaggerUIBundle({
  url: new URL(document.currentScript.src).searchParams.get('spec') || '/openapi.json',
  dom_id: '#swagger-ui',
});
`;

export async function docsAsset(c: Context) {
  const file = c.req.param('file') as keyof typeof SWAGGER_UI_ASSETS | undefined;
  const dir = swaggerUiDistDir();
  if (!file || !(file in SWAGGER_UI_ASSETS) || !dir) return c.notFound();
  const body = await readFile(join(dir, file));
  return c.body(body, 200, {
    'content-type': SWAGGER_UI_ASSETS[file],
    'cache-control': 'public, max-age=86400',
  });
}
