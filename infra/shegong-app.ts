import { type App, CrossStackReferences, ReferenceStrength, Tags, Validations } from 'aws-cdk-lib';
import { tableDefinition } from '../shared/db/table-definition.ts';
import { AwsSolutionsChecks } from './nag.ts';
import { readConfig } from './config.ts';
import { ApiStack } from './stacks/api-stack.ts';
import { DataStack } from './stacks/data-stack.ts';
import { JobsStack } from './stacks/jobs-stack.ts';
import { MonitoringStack } from './stacks/monitoring-stack.ts';
import { WebStack } from './stacks/web-stack.ts';

/**
 * Stack layout, split by concern and by lifecycle:
 *   Shegong-Data  the table (stateful, retained, deletion-protected; rarely changes)
 *   Shegong-Jobs  queues, consumers, scheduled functions and their schedules
 *   Shegong-Api   identity (Cognito pool or external OIDC), HTTP API, one function per context
 *   Shegong-Web   the web app: private S3 bucket + CloudFront (also routing /v1/* to the API)
 *   Shegong-Monitoring  alarms, their SNS topic (own KMS key) and the CloudWatch dashboard
 * Dependencies point one way, Data <- Jobs <- Api <- Monitoring. Monitoring reads the function,
 * queue and API names of the others through (strong) cross-stack references. The table is found by its physical name
 * (default `tableDefinition.defaultName`, context `tableName`), so it carries no exports; the
 * jobs queue URL/ARN (the API's evaluation context starts runs on demand) is a normal strong
 * cross-stack reference. Everything is env-agnostic (no lookups) and synths offline.
 *
 * Kept separate from app.ts so the tests can build the same app in-process.
 */
export function buildShegongApp(app: App) {
  const config = readConfig(app.node);
  // Explicit (and the CDK default): the only export is the jobs queue, which the API stack uses.
  CrossStackReferences.of(app).consume(ReferenceStrength.STRONG);
  const tableName = config.tableName ?? tableDefinition.defaultName;
  // No account/region: env-agnostic stacks, no context lookups, `cdk synth` works offline.
  const data = new DataStack(app, 'Shegong-Data', {
    description: 'shegong: DynamoDB table',
    tableName,
  });
  const jobs = new JobsStack(app, 'Shegong-Jobs', {
    description: 'shegong: queues, schedules and job functions',
    tableName,
  });
  const api = new ApiStack(app, 'Shegong-Api', {
    description: 'shegong: HTTP API, identity and API functions',
    config,
    tableName,
    queues: jobs.queues,
  });
  const webDir: unknown = app.node.tryGetContext('webDir');
  const web = new WebStack(app, 'Shegong-Web', {
    description: 'shegong: web app (S3 + CloudFront), /v1 routed to the HTTP API',
    config,
    api: api.api,
    identity: api.identity,
    ...(typeof webDir === 'string' ? { siteDir: webDir } : {}),
  });
  web.addStackDependency(api);
  const monitoring = new MonitoringStack(app, 'Shegong-Monitoring', {
    description: 'shegong: alarms, alarm topic and dashboard',
    tableName,
    api: api.api,
    apiFunctions: api.functions,
    // The account-sync job lives beside the user pool (API stack) but is watched like the other jobs.
    jobFunctions: new Map([
      ...jobs.functions,
      ...(api.accountSync ? [['AccountSync', api.accountSync] as const] : []),
    ]),
    queues: jobs.queues,
    deadLetterQueues: jobs.deadLetterQueues,
    ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
  });
  monitoring.addStackDependency(data);
  // The table is referenced by name, not by export: make the deployment order explicit.
  jobs.addStackDependency(data);
  api.addStackDependency(data);
  api.addStackDependency(jobs);

  Tags.of(app).add('project', 'shegong');

  // cdk-nag (v3: a policy-validation plugin; any unacknowledged finding fails synth).
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { config, data, jobs, api, web, monitoring };
}
