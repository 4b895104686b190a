import { tracer } from '#functions/lambda-dependencies.ts';
import { type AccountDirectory, externalAccountDirectory } from '#shared/domain/accounts.ts';

let cached: AccountDirectory | undefined;

/**
 * For the functions that manage accounts (the hiring API, the account-sync job): `USER_POOL_ID`,
 * set by the CDK app when it creates a Cognito user pool, sends accounts there; without it (an
 * external OIDC provider) they live in the provider. Only these bundles carry the Cognito client,
 * and they load it on the first account change: most requests of the hiring API never touch an
 * account, so a cold start does not parse the client (a quarter of that bundle).
 */
export function lambdaAccountDirectory(): AccountDirectory {
  const userPoolId = process.env.USER_POOL_ID;
  cached ??= userPoolId ? lazyCognitoDirectory(userPoolId) : externalAccountDirectory;
  return cached;
}

function lazyCognitoDirectory(userPoolId: string): AccountDirectory {
  let loading: Promise<AccountDirectory> | undefined;
  const load = async () => {
    const [{ CognitoIdentityProviderClient }, { cognitoAccountDirectory }] = await Promise.all([
      import('@aws-sdk/client-cognito-identity-provider'),
      import('#functions/identity/cognito-directory.ts'),
    ]);
    return cognitoAccountDirectory(
      tracer.captureAWSv3Client(new CognitoIdentityProviderClient({})),
      userPoolId,
    );
  };
  return {
    kind: 'cognito',
    async apply(account, changes) {
      // A failed load is not remembered: the next change tries again.
      loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      return (await loading).apply(account, changes);
    },
  };
}
