/**
 * Runs one real Lambda entry in this (fresh) process, as Lambda would: `node --import tsx
 * test/support/invoke-lambda.ts <entry> <event.json>`, with the function's environment set by the
 * caller. Invokes `handler(event, context)` once and writes the result to RESULT_FILE; everything
 * the handler logs (Powertools' JSON lines and EMF metrics) goes to stdout untouched.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, eventFile] = process.argv.slice(2);
if (!entry || !eventFile || !process.env.RESULT_FILE) {
  throw new Error('usage: RESULT_FILE=… invoke-lambda.ts <entry> <event.json>');
}
const { handler } = (await import(pathToFileURL(resolve(entry)).href)) as {
  handler: (event: unknown, context: unknown) => Promise<unknown>;
};
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'test';
const context = {
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:cn-north-1:123456789012:function:${functionName}`,
  memoryLimitInMB: '512',
  awsRequestId: process.env.TEST_INVOCATION_ID ?? 'invocation-1',
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
};
const result = await handler(JSON.parse(readFileSync(eventFile, 'utf8')), context);
writeFileSync(process.env.RESULT_FILE, JSON.stringify(result ?? null));
