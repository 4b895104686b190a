/**
 * `npm run bench -- cold-start [--runs 9]`: bundles every Lambda exactly as `cdk synth` does
 * (infra/bundling.ts) next to a minimal Hono + DocumentClient handler (bench/minimal-handler.ts),
 * then prints each bundle's size (what a cold start loads: the entry and the chunks it imports
 * statically; and the whole asset, lazily loaded chunks such as exceljs included) and its median cold import time (a fresh `node` process importing
 * the bundle, the bundles alternating run by run) as ratios to the minimal one's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { apiContexts } from '../functions/api/manifest.ts';
import { queueConsumers, scheduledJobs } from '../functions/jobs/manifest.ts';
import { bundleLambda, bundleSizes } from '../infra/bundling.ts';

interface Bundle {
  name: string;
  kind: 'minimal' | 'api' | 'job';
  entry: string;
  file: string;
  /** What a cold start loads: the entry and its static imports. */
  bytes: number;
  /** The whole asset (lazily imported chunks too). */
  totalBytes: number;
  importMs: number[];
}

const SIZE_GOAL = 1.3;
const IMPORT_GOAL = 1.3;

export async function main(args: string[]) {
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 9;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a positive integer');
  const out = mkdtempSync(join(tmpdir(), 'shegong-cold-start-'));
  try {
    const entries: Omit<Bundle, 'file' | 'bytes' | 'totalBytes' | 'importMs'>[] = [
      { name: 'minimal (Hono + DocumentClient)', kind: 'minimal', entry: 'bench/minimal-handler.ts' },
      ...apiContexts.map((context) => ({
        name: `api ${context.name}`,
        kind: 'api' as const,
        entry: `functions/api/${context.name}/lambda.ts`,
      })),
      ...[...new Set([...scheduledJobs.map((j) => j.entry), ...queueConsumers.map((q) => q.entry)])].map(
        (entry) => ({ name: `job ${entry.split('/').at(-2)}`, kind: 'job' as const, entry }),
      ),
    ];
    const bundles: Bundle[] = [];
    for (const [i, spec] of entries.entries()) {
      const file = join(out, String(i), 'index.mjs');
      const sizes = bundleSizes(await bundleLambda(spec.entry, dirname(file), { sourcemap: false }));
      bundles.push({ ...spec, file, bytes: sizes.entry, totalBytes: sizes.total, importMs: [] });
    }
    // One warm-up pass fills the OS file cache, then the bundles take turns, run after run.
    for (const bundle of bundles) coldImport(bundle.file);
    for (let run = 0; run < runs; run++) {
      for (const bundle of bundles) bundle.importMs.push(coldImport(bundle.file));
    }
    const minimal = bundles[0]!;
    const minimalMs = median(minimal.importMs);
    console.log(
      `cold-start: ${runs} alternating runs per bundle; median cold import; ratios to the minimal bundle`,
    );
    console.log(
      [
        'bundle'.padEnd(34),
        'loaded'.padStart(10),
        'size×'.padStart(7),
        'asset'.padStart(10),
        'import'.padStart(9),
        'import×'.padStart(8),
      ].join(' '),
    );
    let missed = 0;
    for (const bundle of bundles) {
      const ms = median(bundle.importMs);
      const sizeRatio = bundle.bytes / minimal.bytes;
      const importRatio = ms / minimalMs;
      const miss = bundle.kind === 'api' && (sizeRatio > SIZE_GOAL || importRatio > IMPORT_GOAL);
      if (miss) missed++;
      console.log(
        [
          bundle.name.padEnd(34),
          `${(bundle.bytes / 1024).toFixed(0)} KB`.padStart(10),
          sizeRatio.toFixed(2).padStart(7),
          `${(bundle.totalBytes / 1024).toFixed(0)} KB`.padStart(10),
          `${ms.toFixed(0)} ms`.padStart(9),
          importRatio.toFixed(2).padStart(8),
          miss ? '  above the 1.3× goal' : '',
        ].join(' '),
      );
    }
    console.log(
      missed === 0
        ? `every API bundle is within ${SIZE_GOAL}× the minimal one in size and cold import`
        : `${missed} API bundle(s) above the ${SIZE_GOAL}× goal`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Milliseconds a fresh Node process takes to import (evaluate) the bundle. */
function coldImport(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      ...process.env,
      TABLE_NAME: 'shegong',
      AWS_REGION: 'cn-north-1',
      AWS_LAMBDA_FUNCTION_NAME: 'bench',
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return Number(output);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
