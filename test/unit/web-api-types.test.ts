import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_TYPES_PATH, generatedTypes } from '../../scripts/gen-api.ts';

describe('the web app’s generated API types', () => {
  it('match the OpenAPI document the app builds now (run `npm run gen:api` when this fails)', async () => {
    const committed = readFileSync(GENERATED_TYPES_PATH, 'utf8');
    const fresh = await generatedTypes();
    expect(fresh).toContain('"/v1/me/statements/{month}"');
    expect(committed === fresh, 'web/src/api/schema.ts is stale: run `npm run gen:api`').toBe(true);
  }, 60_000);
});
