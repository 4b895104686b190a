/**
 * `npm run bench -- <name> [options]`: benchmarks against a DynamoDB Local started for the run.
 *
 *   npm run bench -- evaluation                      10k and 100k workers
 *   npm run bench -- evaluation --sizes 1000,10000   quicker
 *   npm run bench -- web                             a phone's first load of 工资条 (bytes, render time)
 *   npm run bench -- cold-start [--runs 9]           Lambda bundle sizes and cold imports
 *   npm run bench -- api [--rounds 5 --seconds 2]    hot reads' throughput against a bare GetItem
 *   npm run bench -- api-cpu [--rounds 9]            hot reads' CPU per request against a bare GetItem
 */
const benches: Record<string, () => Promise<{ main: (args: string[]) => Promise<void> }>> = {
  evaluation: () => import('./evaluation.ts'),
  web: () => import('./web.ts'),
  'cold-start': () => import('./cold-start.ts'),
  api: () => import('./api.ts'),
  'api-cpu': () => import('./api-cpu.ts'),
};

const [name, ...args] = process.argv.slice(2);
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]`);
  process.exit(2);
}
load()
  .then((bench) => bench.main(args))
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
