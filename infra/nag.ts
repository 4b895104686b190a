import { type Acknowledgment, Validations } from 'aws-cdk-lib';
import cdkNag from 'cdk-nag';
import type { IConstruct } from 'constructs';

// cdk-nag is CommonJS whose named exports Node's ESM loader can't detect statically, so import the
// module object once here. cdk-nag v3 is a CDK policy-validation plugin: registered with
// `Validations.of(app).addPlugins(...)`, it fails `app.synth()` on any unacknowledged finding, and
// findings are acknowledged (with a reason) through `Validations.of(construct).acknowledge(...)`,
// which covers the construct and everything below it. IDs are exact: a rule with several findings
// (IAM5) is acknowledged per finding, `AwsSolutions-IAM5[Resource::...]`.
export const { AwsSolutionsChecks } = cdkNag;

/** Acknowledge cdk-nag findings on `scope` and its descendants; each needs a reason. */
export function acknowledge(scope: IConstruct, ...rules: Acknowledgment[]): void {
  for (const rule of rules) {
    if (rule.reason.trim() === '') throw new Error(`acknowledgement of ${rule.id} needs a reason`);
  }
  Validations.of(scope).acknowledge(...rules);
}
