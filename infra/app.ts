#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { buildShegongApp } from './shegong-app.ts';

// Entry point for the CDK CLI (cdk.json: `npx tsx infra/app.ts`). Stacks: see shegong-app.ts.
const app = new App();
// `cdk synth -c skipBundling=true`: templates only, no esbuild (the CLI refuses `-c aws:...` keys).
if (String(app.node.tryGetContext('skipBundling')) === 'true') {
  app.node.setContext('aws:cdk:bundling-stacks', []);
}
buildShegongApp(app);
app.synth();
