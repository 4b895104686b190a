import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contextMounts } from '../../functions/api/contexts.ts';
import { apiContexts } from '../../functions/api/manifest.ts';
import { bundleLambda, loadedInputs } from '../../infra/bundling.ts';

/**
 * One bundle per context: each API Lambda is bundled (exactly as `cdk synth` does) from its own
 * entry, which imports only its own context's sub-apps, so no other context's code is in it.
 */
const out = mkdtempSync(join(tmpdir(), 'shegong-bundles-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('API Lambda bundles', () => {
  it('has one entry and one route module per manifest context, and local mode mounts them all', () => {
    expect(Object.keys(contextMounts).sort()).toEqual(apiContexts.map((c) => c.name).sort());
  });

  for (const context of apiContexts) {
    it(`bundles only the ${context.name} context's routes`, async () => {
      const metafile = await bundleLambda(
        `functions/api/${context.name}/lambda.ts`,
        join(out, context.name),
        {
          sourcemap: false,
        },
      );
      const inputs = Object.keys(metafile.inputs);
      const routeModules = inputs.filter((f) => /^functions\/api\/[^/]+\/routes\.ts$/.test(f));
      expect(routeModules).toEqual([`functions/api/${context.name}/routes.ts`]);
      expect(inputs).not.toContain('functions/api/contexts.ts');
      // Sub-app modules of other contexts (functions/api/<other>/*.ts) are absent too.
      const others = apiContexts
        .filter((c) => c.name !== context.name)
        .map((c) => `functions/api/${c.name}/`);
      expect(inputs.filter((f) => others.some((prefix) => f.startsWith(prefix)))).toEqual([]);
      // Only the two zod locales we use (infra/bundling.ts).
      const locales = inputs.filter((f) => f.includes('node_modules/zod/v4/locales/'));
      expect(locales.map((f) => f.split('/').at(-1)).sort()).toEqual(['en.js', 'zh-CN.js']);
      // What a cold start parses: the SQS client only where work is sent (evaluation runs); the
      // Cognito client never (the hiring context loads it on its first account change); no
      // spreadsheet library (exceljs, csv-parse, csv-stringify load on the first upload or export).
      const loaded = loadedInputs(metafile);
      const carries = (pkg: string) => loaded.some((f) => f.includes(`node_modules/@aws-sdk/${pkg}/`));
      expect(carries('client-sqs')).toBe(context.name === 'evaluation');
      expect(carries('client-cognito-identity-provider')).toBe(false);
      for (const spreadsheetLibrary of ['exceljs', 'csv-parse', 'csv-stringify'])
        expect(loaded.filter((f) => f.includes(`node_modules/${spreadsheetLibrary}/`))).toEqual([]);
      if (['hiring', 'evaluation'].includes(context.name))
        expect(inputs.some((f) => f.includes('node_modules/csv-parse/'))).toBe(true);
      if (context.name === 'hiring')
        expect(
          inputs.some((f) => f.includes('node_modules/@aws-sdk/client-cognito-identity-provider/')),
        ).toBe(true);
    });
  }
});
