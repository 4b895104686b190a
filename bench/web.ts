/**
 * Web benchmark: what a worker's phone downloads to show 工资条 on a first load, and how long it
 * takes, in Debian's Chromium (Playwright) against the built app served by a real local-mode server
 * (`npm start -- --memory` on a random port, a small city seeded through the API).
 *
 *   npm run bench -- web [--rounds 7]
 *
 * - Bytes: every script and stylesheet Chromium fetched on a cold first load of /me/pay (fresh
 *   browser context, a signed-in worker), as transferred (the server gzips assets) and gzipped
 *   here (level 9, the size a CDN would send). Budget: ≤ 200 KB gzip of JavaScript. The HR
 *   console's chunks (`bench/web-chunks.ts`) must not be among them.
 * - Time: from navigation start until 工资条's total is in the page and painted, against the same
 *   for a static page (web/public/static.html) from the same server; rounds alternate the two,
 *   each in a fresh context (cold cache); medians reported.
 * Exits non-zero when over budget or when a console chunk was loaded.
 */
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Response } from '@playwright/test';
import { ensureWebBuild } from '#functions/local/web-app.ts';
import { seedWorker, startServer } from './local-server.ts';
import { assetPath, desktopOnlyFiles } from './web-chunks.ts';

export const JS_BUDGET_BYTES = 200 * 1024;
const PHONE = { width: 390, height: 844 };

interface Options {
  rounds: number;
}

function parseArgs(args: string[]): Options {
  const options: Options = { rounds: 7 };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--rounds' && args[i + 1]) options.rounds = Number(args[++i]);
  }
  if (!Number.isInteger(options.rounds) || options.rounds < 1)
    throw new Error('--rounds: a positive integer');
  return options;
}

/**
 * Page script (a string: this file is type-checked without the DOM): records when `selector` is
 * first in the document and painted, in ms since navigation start, as `window.__renderedAt`.
 */
const markRender = (selector: string) => `(() => {
  const selector = ${JSON.stringify(selector)};
  const observer = new MutationObserver(() => {
    if (window.__renderedAt !== undefined || !document.querySelector(selector)) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__renderedAt ??= performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

const storeSession = (session: Record<string, unknown>) =>
  `localStorage.setItem('shegong.session', ${JSON.stringify(JSON.stringify(session))});`;

interface Load {
  ms: number;
  assets: { path: string; type: 'js' | 'css'; transferred: number; gzip: number; encoding: string }[];
}

async function firstLoad(
  browser: Browser,
  url: string,
  selector: string,
  session: Record<string, unknown> | null,
): Promise<Load> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    if (session) {
      await context.addInitScript({ content: storeSession(session) });
    }
    await context.addInitScript({ content: markRender(selector) });
    const page = await context.newPage();
    const responses: Response[] = [];
    page.on('response', (r) => {
      if (['script', 'stylesheet'].includes(r.request().resourceType())) responses.push(r);
    });
    await page.goto(url);
    await page.waitForFunction('window.__renderedAt !== undefined', null, { timeout: 60_000 });
    const ms = (await page.evaluate('window.__renderedAt')) as number;
    const assets: Load['assets'] = [];
    for (const r of responses) {
      const body = await r.body();
      assets.push({
        path: assetPath(r.url()),
        type: r.request().resourceType() === 'script' ? 'js' : 'css',
        transferred: (await r.request().sizes()).responseBodySize,
        gzip: gzipSync(body, { level: 9 }).length,
        encoding: (await r.headerValue('content-encoding')) ?? 'identity',
      });
    }
    return { ms, assets };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function main(args: string[]) {
  const options = parseArgs(args);
  await ensureWebBuild();
  const consoleOnly = desktopOnlyFiles();
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;
  console.log(`web bench: server on ${base} (--memory), ${options.rounds} rounds`);
  const server = await startServer(port);
  let browser: Browser | undefined;
  try {
    const { token } = await seedWorker(base);
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    const session = {
      token,
      role: 'worker',
      org: claims.org,
      workerId: claims.workerId,
      expiresAt: claims.exp,
      mode: 'local',
    };
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    // One unmeasured load of each warms the server (first requests compile routes, read files).
    await firstLoad(browser, `${base}/me/pay`, '[data-testid="statement-total"]', session);
    await firstLoad(browser, `${base}/static.html`, '#static-ready', null);
    const app: Load[] = [];
    const statik: Load[] = [];
    for (let round = 0; round < options.rounds; round++) {
      // Alternate which goes first, so neither always runs on a warmer machine.
      const pair = [
        async () =>
          app.push(await firstLoad(browser!, `${base}/me/pay`, '[data-testid="statement-total"]', session)),
        async () => statik.push(await firstLoad(browser!, `${base}/static.html`, '#static-ready', null)),
      ];
      if (round % 2) pair.reverse();
      for (const run of pair) await run();
    }

    const assets = app[0]!.assets;
    const sum = (type: 'js' | 'css', field: 'gzip' | 'transferred') =>
      assets.filter((a) => a.type === type).reduce((s, a) => s + a[field], 0);
    const jsGzip = sum('js', 'gzip');
    const loadedConsole = assets.filter((a) => consoleOnly.has(a.path)).map((a) => a.path);
    console.log('\nfirst load of 工资条 (/me/pay) on a 390×844 phone, signed in as a worker:');
    for (const a of [...assets].sort((x, y) => y.gzip - x.gzip)) {
      console.log(
        `  ${a.path.padEnd(44)} ${kb(a.gzip).padStart(9)} gzip  ${kb(a.transferred).padStart(9)} sent (${a.encoding})`,
      );
    }
    console.log(
      `  JavaScript: ${assets.filter((a) => a.type === 'js').length} files, ${kb(jsGzip)} gzip (${kb(sum('js', 'transferred'))} as sent); budget ${kb(JS_BUDGET_BYTES)}`,
    );
    console.log(
      `  CSS: ${assets.filter((a) => a.type === 'css').length} files, ${kb(sum('css', 'gzip'))} gzip (${kb(sum('css', 'transferred'))} as sent)`,
    );
    console.log(
      `  HR console chunks (${[...consoleOnly].join(', ')}): ${loadedConsole.length ? `LOADED: ${loadedConsole.join(', ')}` : 'none loaded'}`,
    );
    const appMs = median(app.map((l) => l.ms));
    const staticMs = median(statik.map((l) => l.ms));
    console.log(`\ntime to first render (median of ${options.rounds}, cold cache each):`);
    console.log(
      `  工资条 (/me/pay, statement total shown)  ${appMs.toFixed(0)} ms   [${app.map((l) => l.ms.toFixed(0)).join(', ')}]`,
    );
    console.log(
      `  static page (/static.html)              ${staticMs.toFixed(0)} ms   [${statik.map((l) => l.ms.toFixed(0)).join(', ')}]`,
    );
    console.log(`  ratio ${(appMs / staticMs).toFixed(1)}×`);

    const failures = [
      ...(jsGzip > JS_BUDGET_BYTES
        ? [`JavaScript ${kb(jsGzip)} gzip is over the ${kb(JS_BUDGET_BYTES)} budget`]
        : []),
      ...(loadedConsole.length ? [`the HR console's code was loaded: ${loadedConsole.join(', ')}`] : []),
    ];
    if (failures.length) throw new Error(failures.join('; '));
    console.log('\nwithin budget');
  } finally {
    await browser?.close();
    if (server.pid && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      process.kill(-server.pid, 'SIGTERM');
      await exited;
    }
  }
}
