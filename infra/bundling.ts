/**
 * How every Lambda is bundled: local esbuild (no Docker, works offline), used by the CDK construct
 * (through `infra/bundle-lambda.ts`, run by `cdk synth`) and by `npm run bench -- cold-start`, so
 * the benchmark measures exactly what is deployed.
 *
 * ESM, minified, node22, the AWS SDK bundled too (nothing external) so the deployed code runs
 * against the SDK version we tested, plus a `require` shim because some CommonJS dependencies call
 * `require` inside an ES module; a source map beside the bundle (`--enable-source-maps`).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';

/** Repository root (this file lives in infra/). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export const lambdaBuildOptions = {
  bundle: true,
  format: 'esm',
  target: 'node22',
  platform: 'node',
  mainFields: ['module', 'main'],
  minify: true,
  legalComments: 'none',
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  tsconfig: join(repoRoot, 'tsconfig.json'),
  logLevel: 'warning',
} satisfies BuildOptions;

/**
 * zod's `z` namespace re-exports all of its ~50 locales (`z.locales`), and @hono/zod-openapi
 * extends `z` as a whole, so none of them is tree-shaken: 258 KB of a ~800 KB bundle. We ship the
 * two we use (shared/messages/language.ts imports them by file): `z.locales` holds only those.
 */
export const onlyShippedZodLocales: Plugin = {
  name: 'only-shipped-zod-locales',
  setup(pluginBuild) {
    const require = createRequire(join(repoRoot, 'package.json'));
    const localesDir = dirname(require.resolve('zod/v4/locales/en.js'));
    pluginBuild.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: 'zod-shipped-locales', namespace: 'shegong' }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /^zod-shipped-locales$/, namespace: 'shegong' }, () => ({
      contents: [
        `export { default as en } from ${JSON.stringify(join(localesDir, 'en.js'))};`,
        `export { default as zhCN } from ${JSON.stringify(join(localesDir, 'zh-CN.js'))};`,
      ].join('\n'),
      loader: 'js',
      resolveDir: localesDir,
    }));
  },
};

/**
 * Bundles `entry` (relative to the repository root) into `outdir/index.mjs`, with code splitting:
 * what is imported dynamically (exceljs and its dependencies, ~0.8 MB, only for spreadsheet
 * uploads and exports) goes to `outdir/chunks/`, beside the entry in the same asset, and is read
 * only when first used, so a cold start parses the entry alone.
 */
export async function bundleLambda(entry: string, outdir: string, options: { sourcemap?: boolean } = {}) {
  const result = await build({
    ...lambdaBuildOptions,
    entryPoints: { index: join(repoRoot, entry) },
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    sourcemap: options.sourcemap ?? true,
    plugins: [onlyShippedZodLocales],
    metafile: true,
  });
  return result.metafile;
}

/** The output files a cold start loads: the entry (`index.mjs`) and the chunks it imports statically. */
export function loadedOutputs(metafile: Metafile): string[] {
  const outputs = metafile.outputs;
  const files = Object.keys(outputs).filter((file) => file.endsWith('.mjs'));
  // Dynamically imported modules are entry points too; the Lambda's own is `index.mjs` at the top.
  const entryFile = files.find((file) => /(^|[\\/])index\.mjs$/.test(file) && !/[\\/]chunks[\\/]/.test(file));
  if (!entryFile) throw new Error('no entry bundle among the outputs');
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const imported of outputs[file]!.imports)
      if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
  };
  visit(entryFile);
  return [...loaded];
}

/** The source modules a cold start evaluates (those bundled into `loadedOutputs`). */
export function loadedInputs(metafile: Metafile): string[] {
  return [...new Set(loadedOutputs(metafile).flatMap((file) => Object.keys(metafile.outputs[file]!.inputs)))];
}

/** The bytes a cold start loads (the entry and the chunks it imports statically) and the total. */
export function bundleSizes(metafile: Metafile): { entry: number; total: number } {
  const outputs = metafile.outputs;
  const bytes = (list: Iterable<string>) => [...list].reduce((sum, file) => sum + outputs[file]!.bytes, 0);
  return {
    entry: bytes(loadedOutputs(metafile)),
    total: bytes(Object.keys(outputs).filter((file) => file.endsWith('.mjs'))),
  };
}
