/**
 * `npm run check [-- --repair] [-- --city qth]`: the consistency checker (shared/usecases/consistency.ts)
 * against local mode's data (.data/, DynamoDB Local started here; stop `npm start` first), an
 * endpoint (`DYNAMODB_ENDPOINT=http://127.0.0.1:8000`) or AWS (`--aws`, with `TABLE_NAME` and the
 * usual AWS credentials). Prints each drift with the records involved (in Chinese, like everything
 * the city's staff read; `--json` for machines); exits 1 if any remains.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureTable, type RunningDynamo, startDynamoLocal } from '#functions/local/dynamodb-local.ts';
import { systemContext } from '#shared/context.ts';
import { createDocumentClient } from '#shared/db/client.ts';
import { Store } from '#shared/db/store.ts';
import { checkConsistency, type Drift, repairDrift } from '#shared/usecases/consistency.ts';

const { values } = parseArgs({
  options: {
    repair: { type: 'boolean', default: false },
    aws: { type: 'boolean', default: false },
    city: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
  },
});
const tableName = process.env.TABLE_NAME ?? 'shegong';
let dynamo: RunningDynamo | undefined;
let endpoint = process.env.DYNAMODB_ENDPOINT;
if (!endpoint && !values.aws) {
  const dataDir = process.env.DATA_DIR ?? join(process.cwd(), '.data');
  dynamo = await startDynamoLocal({ dataDir: join(dataDir, 'dynamodb') });
  endpoint = dynamo.endpoint;
  await ensureTable(endpoint, tableName);
}
const store = new Store(createDocumentClient(endpoint ? { endpoint } : {}), tableName);
let exitCode = 0;
try {
  const report = await checkConsistency(store, { cities: values.city });
  const line = (d: Drift) =>
    `  ${d.kind.padEnd(12)} ${d.key.pk} ${d.key.sk} ${d.field}：记录值 ${d.recorded}，重新统计 ${d.recounted}` +
    (d.records.length > 0
      ? `\n               涉及记录：${d.records.slice(0, 10).join('、')}${d.records.length > 10 ? '…' : ''}`
      : '');
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`已检查 ${report.cities.join('、') || '（无城市）'}：${JSON.stringify(report.checked)}`);
    console.log(report.drift.length === 0 ? '未发现偏差' : `发现 ${report.drift.length} 项计数偏差：`);
    for (const d of report.drift) console.log(line(d));
  }
  if (report.drift.length > 0) {
    if (values.repair) {
      const done = await repairDrift(store, systemContext('consistency-check-cli', new Date()), report.drift);
      console.log(`已修复 ${done.repaired.length} 项（审计记录 consistency.repaired）`);
      if (done.moved.length > 0) {
        console.log(`${done.moved.length} 项在检查后又有变动（未修复，请重新运行）：`);
        for (const d of done.moved) console.log(line(d));
        exitCode = 1;
      }
    } else exitCode = 1;
  }
} finally {
  await dynamo?.stop();
}
process.exit(exitCode);
