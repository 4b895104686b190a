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
import { type BuildOptions, build, type Plugin } from 'esbuild';

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

/** Bundles `entry` (relative to the repository root) into `outdir/index.mjs`. */
export async function bundleLambda(entry: string, outdir: string, options: { sourcemap?: boolean } = {}) {
  const result = await build({
    ...lambdaBuildOptions,
    entryPoints: [join(repoRoot, entry)],
    outfile: join(outdir, 'index.mjs'),
    sourcemap: options.sourcemap ?? true,
    plugins: [onlyShippedZodLocales],
    metafile: true,
  });
  return result.metafile;
}
