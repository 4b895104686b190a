import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountRecord } from '#shared/domain/accounts.ts';

// The Lambda's account directory loads the Cognito client on the first account change (a cold
// start of the hiring API does not parse it); it must still reach the user pool given by the CDK app.
const account: AccountRecord = {
  username: 'w_0001',
  role: 'worker',
  org: 'qth/xs/g1',
  workerId: 'w_0001',
  name: '周磊',
  email: 'zhoulei@example.cn',
  status: 'enabled',
  directory: 'cognito',
  disabledReason: null,
  pending: null,
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
  version: 1,
};

describe('lambdaAccountDirectory', () => {
  const cognito = mockClient(CognitoIdentityProviderClient);
  beforeEach(() => {
    vi.resetModules();
    cognito.reset();
    vi.stubEnv('AWS_REGION', 'cn-north-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'test');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('with USER_POOL_ID, sends account changes to that pool through a client loaded on first use', async () => {
    vi.stubEnv('USER_POOL_ID', 'cn-north-1_pool');
    cognito.on(AdminCreateUserCommand).resolves({});
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    const { lambdaAccountDirectory } = await import('#functions/identity/lambda-accounts.ts');
    const directory = lambdaAccountDirectory();
    expect(directory.kind).toBe('cognito');
    expect(lambdaAccountDirectory()).toBe(directory);
    expect(cognito.calls()).toHaveLength(0);

    await directory.apply(account, ['create']);
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toMatchObject({
      UserPoolId: 'cn-north-1_pool',
      Username: 'w_0001',
    });
    expect(cognito.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toMatchObject({
      UserPoolId: 'cn-north-1_pool',
      Username: 'w_0001',
      GroupName: 'worker',
    });
  });

  it("passes the user pool's refusal on to the caller", async () => {
    vi.stubEnv('USER_POOL_ID', 'cn-north-1_pool');
    cognito.on(AdminCreateUserCommand).rejects(new Error('pool unavailable'));
    const { lambdaAccountDirectory } = await import('#functions/identity/lambda-accounts.ts');
    await expect(lambdaAccountDirectory().apply(account, ['create'])).rejects.toThrow('pool unavailable');
  });

  it('without USER_POOL_ID, the accounts live in the external OIDC provider', async () => {
    vi.stubEnv('USER_POOL_ID', '');
    const { lambdaAccountDirectory } = await import('#functions/identity/lambda-accounts.ts');
    const directory = lambdaAccountDirectory();
    expect(directory.kind).toBe('external');
    await expect(directory.apply(account, ['create'])).rejects.toThrow('external identity provider');
  });
});
