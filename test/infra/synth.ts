import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildShegongApp } from '../../infra/shegong-app.ts';

/**
 * Builds the real app in-process, without bundling (no esbuild: the tests check templates, not
 * code), and synthesizes it once. cdk-nag v3 runs as a policy-validation plugin during synth and
 * makes `app.synth()` throw on any unacknowledged finding, so a successful build is itself the nag
 * check; the validation report is returned too so a test can assert on it explicitly.
 */
export function synthApp(context: Record<string, unknown> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], webDir: webFixture(), ...context } });
  const stacks = buildShegongApp(app);
  const assembly = app.synth();
  const reportFile = path.join(assembly.directory, 'validation-report.json');
  const validationReport = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as {
    pluginReports: { pluginName?: string; summary?: unknown; violations?: unknown[] }[];
  };
  const template = (stack: Stack) => Template.fromStack(stack);
  return {
    app,
    ...stacks,
    validationReport,
    dataTemplate: template(stacks.data),
    jobsTemplate: template(stacks.jobs),
    apiTemplate: template(stacks.api),
    webTemplate: template(stacks.web),
    monitoringTemplate: template(stacks.monitoring),
  };
}

let fixture: string | undefined;
/** A stand-in for web/dist (the templates don't depend on the build's contents). */
function webFixture(): string {
  if (fixture) return fixture;
  fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'shegong-web-'));
  fs.mkdirSync(path.join(fixture, 'assets'));
  fs.writeFileSync(path.join(fixture, 'index.html'), '<!doctype html><html lang="zh-CN"></html>');
  fs.writeFileSync(path.join(fixture, 'assets', 'index-abc123.js'), 'console.log(1)');
  return fixture;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** Logical id of the Lambda function whose Description is `description`. */
export function functionIdByDescription(template: Template, description: string): string {
  const found = Object.keys(
    template.findResources('AWS::Lambda::Function', { Properties: { Description: description } }),
  );
  if (found.length !== 1)
    throw new Error(`expected one function described "${description}", got ${found.length}`);
  return found[0]!;
}

/** Every IAM action granted to a role (through the AWS::IAM::Policy resources attached to it). */
export function actionsOfRole(template: Template, roleLogicalId: string): string[] {
  const policies = template.findResources('AWS::IAM::Policy') as Resources;
  const actions: string[] = [];
  for (const policy of Object.values(policies)) {
    const roles = (policy.Properties?.Roles ?? []) as { Ref?: string }[];
    if (!roles.some((role) => role.Ref === roleLogicalId)) continue;
    const document = policy.Properties?.PolicyDocument as { Statement: { Action: string | string[] }[] };
    for (const statement of document.Statement) actions.push(...[statement.Action].flat());
  }
  return actions;
}

/** The execution role's logical id of a function. */
export function roleOfFunction(template: Template, functionLogicalId: string): string {
  const fn = (template.toJSON().Resources as Resources)[functionLogicalId]!;
  const role = fn.Properties?.Role as { 'Fn::GetAtt': [string, string] };
  return role['Fn::GetAtt'][0];
}

export function functionEnvironment(template: Template, functionLogicalId: string): Record<string, unknown> {
  const fn = (template.toJSON().Resources as Resources)[functionLogicalId]!;
  return ((fn.Properties?.Environment as { Variables?: Record<string, unknown> })?.Variables ?? {}) as Record<
    string,
    unknown
  >;
}
