import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoAccountDirectory } from '#functions/identity/cognito-directory.ts';
import { tracer } from '#functions/lambda-dependencies.ts';
import { type AccountDirectory, externalAccountDirectory } from '#shared/domain/accounts.ts';

let cached: AccountDirectory | undefined;

/**
 * For the functions that manage accounts (the hiring API, the account-sync job): `USER_POOL_ID`,
 * set by the CDK app when it creates a Cognito user pool, sends accounts there; without it (an
 * external OIDC provider) they live in the provider. Only these bundles carry the Cognito client.
 */
export function lambdaAccountDirectory(): AccountDirectory {
  const userPoolId = process.env.USER_POOL_ID;
  cached ??= userPoolId
    ? cognitoAccountDirectory(tracer.captureAWSv3Client(new CognitoIdentityProviderClient({})), userPoolId)
    : externalAccountDirectory;
  return cached;
}
