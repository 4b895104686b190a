import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { acknowledge } from '../nag.ts';
import { Construct } from 'constructs';
import type { ShegongConfig } from '../config.ts';

export const userGroups = [
  { groupName: 'hr', description: 'HR officers (组织/人社/民政): everything inside their org subtree' },
  { groupName: 'mentor', description: 'Mentors (导师): their own mentees' },
  { groupName: 'worker', description: 'Community workers (社区工作者): their own record' },
] as const;

/**
 * Who may call the API. Default: a Cognito user pool (admin-created users only) whose ID tokens
 * carry `cognito:groups`, `custom:org`, `custom:workerId` and (HR) `custom:department`. With context `oidcIssuer` and
 * `oidcAudience` (e.g. AWS China, where Cognito user pools don't exist) no pool is created and the
 * authorizer trusts that issuer instead. Either way API Gateway validates the JWT (signature,
 * issuer, audience, expiry) before any function runs.
 */
export class Identity extends Construct {
  readonly authorizer: HttpJwtAuthorizer;
  readonly userPool?: UserPool;
  readonly userPoolClient?: UserPoolClient;

  constructor(scope: Construct, id: string, auth: ShegongConfig['auth']) {
    super(scope, id);

    if (auth.mode === 'oidc') {
      this.authorizer = new HttpJwtAuthorizer('JwtAuthorizer', auth.issuer, { jwtAudience: auth.audience });
      new CfnOutput(this, 'Issuer', { value: auth.issuer, description: 'Trusted OIDC issuer' });
      return;
    }

    const userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: {
        // Set by administrators only: the app client below cannot write them.
        org: new StringAttribute({ mutable: true, minLen: 1, maxLen: 256 }),
        workerId: new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }),
        // HR officers: the joint-review department they hold (README "Joint review").
        department: new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }),
      },
      featurePlan: auth.threatProtection ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      ...(auth.threatProtection
        ? { standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION }
        : {}),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const group of userGroups) {
      new UserPoolGroup(this, `Group-${group.groupName}`, { userPool, ...group });
    }

    const userPoolClient = userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes('org', 'workerId', 'department'),
      // Users must never change their own org or workerId (that would widen what they may see).
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });

    // Cognito ID tokens carry aud = client id (access tokens carry client_id, which API Gateway also accepts).
    this.authorizer = new HttpJwtAuthorizer('JwtAuthorizer', userPool.userPoolProviderUrl, {
      jwtAudience: [userPoolClient.userPoolClientId],
    });
    this.userPool = userPool;
    this.userPoolClient = userPoolClient;

    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId, description: 'Cognito user pool id' });
    new CfnOutput(this, 'UserPoolClientId', {
      value: userPoolClient.userPoolClientId,
      description: 'Cognito app client id (JWT audience)',
    });

    if (!auth.threatProtection) {
      acknowledge(userPool, {
        id: 'AwsSolutions-COG8',
        reason:
          'Plus feature plan (threat protection) is billed per MAU; Essentials by default, opt in with context cognitoThreatProtection=true.',
      });
    }
    acknowledge(userPool, {
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional (TOTP) by requirement: street-level staff and workers often sign in from shared or basic devices.',
    });
  }
}
