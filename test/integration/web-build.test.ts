import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { build } from 'vite';

// vitest runs with NODE_ENV=test, as a shell may set anything: the web build must still be the
// production app (local mode started by a test rebuilds a stale web/dist with this environment).
const out = mkdtempSync(join(tmpdir(), 'shegong-web-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('builds the production web app whatever NODE_ENV says', async () => {
  expect(process.env.NODE_ENV).toBe('test');
  await build({
    configFile: join(import.meta.dirname, '../../web/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true },
  });
  const scripts = readdirSync(join(out, 'assets')).filter((file) => file.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(10);
  const code = scripts.map((file) => readFileSync(join(out, 'assets', file), 'utf8')).join('\n');
  // antd's development-only class and React's development build are absent.
  expect(code).not.toContain('css-dev-only-do-not-override');
  expect(code).not.toContain('react-dom.development');
  expect(code).not.toMatch(/Warning: Each child in a list should have a unique "key" prop/);
});
