/**
 * `npm run token -- --role hr --org qth [--worker w_123] [--department civil-affairs]`: prints a local-mode bearer token signed
 * with the key in .data/ (the same key `npm start` uses).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadOrCreateLocalSecret, signLocalToken } from '#functions/identity/local-jwt.ts';
import { actorClaimsSchema } from '#shared/auth/actor.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    org: { type: 'string' },
    worker: { type: 'string' },
    department: { type: 'string' },
    hours: { type: 'string', default: '12' },
  },
});
const parsed = actorClaimsSchema.safeParse({
  sub: 'cli',
  role: values.role,
  org: values.org,
  workerId: values.worker,
  department: values.department,
});
if (!parsed.success) {
  console.error(
    'usage: npm run token -- --role hr|mentor|worker --org qth[/...] [--worker <workerId>] [--department <code>]',
  );
  for (const issue of parsed.error.issues) console.error(`  ${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}
const secret = loadOrCreateLocalSecret(
  join(process.env.DATA_DIR ?? join(process.cwd(), '.data'), 'local-jwt-secret'),
);
const { role, org, workerId, department } = parsed.data;
console.log(
  await signLocalToken(
    secret,
    { role, org, ...(workerId ? { workerId } : {}), ...(department ? { department } : {}) },
    new Date(),
    Number(values.hours) * 3600,
  ),
);
