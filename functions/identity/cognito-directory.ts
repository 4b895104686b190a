import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AccountChange, AccountDirectory, AccountRecord } from '#shared/domain/accounts.ts';

/**
 * Sign-in accounts in a Cognito user pool (the pool of `infra/constructs/identity.ts`: e-mail sign-in,
 * groups hr / mentor / worker, custom attributes org, workerId, department). Every call is safe to
 * repeat: a retry after a crash re-creates nothing (UsernameExists is success) and disabling or
 * setting an attribute twice is harmless.
 */
export function cognitoAccountDirectory(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
): AccountDirectory {
  const UserPoolId = userPoolId;
  return {
    kind: 'cognito',
    async apply(account: AccountRecord, changes: readonly AccountChange[]) {
      const Username = account.username;
      if (changes.includes('create')) {
        try {
          await client.send(
            new AdminCreateUserCommand({
              UserPoolId,
              Username,
              UserAttributes: [
                { Name: 'email', Value: account.email },
                { Name: 'email_verified', Value: 'true' },
                { Name: 'name', Value: account.name },
                ...(account.phone ? [{ Name: 'phone_number', Value: account.phone }] : []),
                ...orgAttributes(account),
                ...(account.workerId ? [{ Name: 'custom:workerId', Value: account.workerId }] : []),
              ],
              // The invitation (a temporary password; the first sign-in sets a new one).
              DesiredDeliveryMediums: ['EMAIL'],
            }),
          );
        } catch (error) {
          if (!(error instanceof UsernameExistsException)) throw error;
        }
        await client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username, GroupName: account.role }));
      }
      if (changes.includes('move') && !changes.includes('create')) {
        await client.send(
          new AdminUpdateUserAttributesCommand({
            UserPoolId,
            Username,
            UserAttributes: orgAttributes(account),
          }),
        );
      }
      if (changes.includes('disable')) {
        await client.send(new AdminDisableUserCommand({ UserPoolId, Username }));
        // Refresh tokens are revoked too; ID tokens already issued lapse within their hour.
        await client.send(new AdminUserGlobalSignOutCommand({ UserPoolId, Username }));
      }
      if (changes.includes('enable')) await client.send(new AdminEnableUserCommand({ UserPoolId, Username }));
    },
  };
}

function orgAttributes(account: AccountRecord) {
  return [
    { Name: 'custom:org', Value: account.org },
    ...(account.department ? [{ Name: 'custom:department', Value: account.department }] : []),
  ];
}
