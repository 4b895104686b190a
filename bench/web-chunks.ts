/**
 * The web build's chunk graph from Vite's manifest (web/dist/.vite/manifest.json): which files a
 * module pulls in, and the files only the HR console (src/desktop/…) needs — a phone must never
 * request those. Used by `npm run bench -- web` and the e2e tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_DIST } from '#functions/local/web-app.ts';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export function readManifest(dist = WEB_DIST): Manifest {
  return JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** Files (JS and CSS) loaded with `key` and its static imports. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

/**
 * Files that only the HR console (the lazy chunks of `src/desktop/…`) loads: its own code, antd and
 * whatever else no other part of the app (the entry, sign-in, the phone pages) reaches.
 */
export function desktopOnlyFiles(manifest = readManifest()): Set<string> {
  const isConsole = (chunk: ManifestChunk) => chunk.src?.startsWith('src/desktop/') ?? false;
  const desktop = new Set<string>();
  const elsewhere = new Set<string>();
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isEntry && !chunk.isDynamicEntry) continue;
    staticClosure(manifest, key, isConsole(chunk) ? desktop : elsewhere);
  }
  return new Set([...desktop].filter((file) => !elsewhere.has(file)));
}

/** `/assets/x.js` from a URL, to compare with manifest files (`assets/x.js`). */
export const assetPath = (url: string) => new URL(url).pathname.replace(/^\//, '');
