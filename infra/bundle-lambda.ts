/**
 * `tsx infra/bundle-lambda.ts <entry> <outdir> [--openapi]`: what `cdk synth` runs (locally,
 * synchronously) to bundle one Lambda (infra/bundling.ts). `--openapi` also writes the whole API's
 * OpenAPI document to `<outdir>/openapi.json`, which the function serving GET /openapi.json reads:
 * its bundle holds only its own context's routes, so it can't build the document itself.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleLambda } from './bundling.ts';

const [entry, outdir, ...flags] = process.argv.slice(2);
if (!entry || !outdir) {
  console.error('usage: tsx infra/bundle-lambda.ts <entry> <outdir> [--openapi]');
  process.exit(2);
}
mkdirSync(outdir, { recursive: true });
await bundleLambda(entry, outdir);
if (flags.includes('--openapi')) {
  const { openApiDocument } = await import('../scripts/gen-api.ts');
  writeFileSync(join(outdir, 'openapi.json'), JSON.stringify(await openApiDocument()));
}
