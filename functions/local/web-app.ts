/**
 * Local mode's web app: `npm start` builds `web/dist` when it is missing or older than its sources
 * (so a fresh clone needs no extra command), then serves it at `/` with the SPA fallback.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { compress } from 'hono/compress';

export const WEB_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));
export const WEB_DIST = join(WEB_ROOT, 'dist');
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', '../package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

/** True when web/dist/index.html is missing or older than any source of the build. */
export function webBuildIsStale(): boolean {
  const built = join(WEB_DIST, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(WEB_ROOT, source)) > builtAt);
}

/**
 * Builds into a scratch directory and swaps it in, so a server starting meanwhile never serves a
 * half-written build.
 */
export async function ensureWebBuild(log: (line: string) => void = console.log): Promise<'built' | 'fresh'> {
  if (!webBuildIsStale()) return 'fresh';
  log('web: building web/dist (missing or older than web/src)…');
  const { build } = await import('vite');
  const scratch = join(WEB_ROOT, `.dist-${process.pid}`);
  await build({
    configFile: join(WEB_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: scratch, emptyOutDir: true },
  });
  rmSync(WEB_DIST, { recursive: true, force: true });
  renameSync(scratch, WEB_DIST);
  log('web: built');
  return 'built';
}

const API_PATHS = /^\/(v1|local)(\/|$)|^\/(health|openapi\.json)$|^\/docs(\/|$)/;

/**
 * Serves web/dist: hashed assets cached for a year, everything else (index.html, config.json)
 * revalidated; any other GET outside the API is a client route and gets index.html.
 */
// biome-ignore lint/suspicious/noExplicitAny: mounted on apps of any route schema
export function mountWebApp(app: Hono<any, any, any>, dist: string = WEB_DIST) {
  const root = dist;
  app.use('/assets/*', compress());
  app.get('*', async (c, next) => {
    if (API_PATHS.test(c.req.path)) return c.notFound();
    await next();
  });
  app.get(
    '*',
    serveStatic({
      root,
      onFound: (path, c) => {
        c.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    }),
  );
  app.get('*', compress(), async (c) => {
    const index = join(root, 'index.html');
    if (!existsSync(index)) return c.text('web/dist is missing: run npm run build:web', 503);
    c.header('cache-control', 'no-cache');
    const { readFile } = await import('node:fs/promises');
    return c.html(await readFile(index, 'utf8'));
  });
}
