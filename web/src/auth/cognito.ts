/**
 * Cognito sign-in (the AWS default): SRP with amazon-cognito-identity-js, the first-sign-in
 * new-password challenge, forgot password, refresh and sign-out. Loaded only when config.json says
 * `cognito`. The API's JWT authorizer takes the ID token (audience = the app client id).
 */
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { loadConfig } from './config.ts';
import { type Session, sessionFromToken } from './session.ts';

async function pool(): Promise<CognitoUserPool> {
  const { auth } = await loadConfig();
  if (auth.mode !== 'cognito') throw new Error('not configured for Cognito');
  return new CognitoUserPool({ UserPoolId: auth.userPoolId, ClientId: auth.clientId });
}

const toSession = (s: CognitoUserSession): Session =>
  sessionFromToken(s.getIdToken().getJwtToken(), 'cognito');

export type SignInResult =
  | { kind: 'signed-in'; session: Session }
  | { kind: 'new-password-required'; complete: (newPassword: string) => Promise<Session> };

const COGNITO_MESSAGES: Record<string, string> = {
  NotAuthorizedException: '邮箱或密码不正确',
  UserNotFoundException: '邮箱或密码不正确',
  UserNotConfirmedException: '账号尚未激活，请联系人事部门',
  PasswordResetRequiredException: '需要重设密码，请点击“忘记密码”',
  InvalidPasswordException: '新密码不符合要求（至少 8 位，含大小写字母和数字）',
  CodeMismatchException: '验证码不正确',
  ExpiredCodeException: '验证码已过期，请重新获取',
  LimitExceededException: '尝试次数过多，请稍后再试',
  TooManyRequestsException: '尝试次数过多，请稍后再试',
  InvalidParameterException: '输入有误，请检查后重试',
};

/** Cognito's English errors, in Chinese. */
export function cognitoMessage(error: unknown): string {
  const code = (error as { code?: string; name?: string })?.code ?? (error as Error)?.name ?? '';
  return COGNITO_MESSAGES[code] ?? '登录服务暂时不可用，请稍后重试';
}

export async function signIn(email: string, password: string): Promise<SignInResult> {
  const user = new CognitoUser({ Username: email, Pool: await pool() });
  return new Promise((resolve, reject) => {
    user.authenticateUser(new AuthenticationDetails({ Username: email, Password: password }), {
      onSuccess: (s) => resolve({ kind: 'signed-in', session: toSession(s) }),
      onFailure: reject,
      newPasswordRequired: () =>
        resolve({
          kind: 'new-password-required',
          complete: (newPassword) =>
            new Promise((done, fail) =>
              user.completeNewPasswordChallenge(
                newPassword,
                {},
                { onSuccess: (s) => done(toSession(s)), onFailure: fail },
              ),
            ),
        }),
    });
  });
}

export async function forgotPassword(email: string): Promise<void> {
  const user = new CognitoUser({ Username: email, Pool: await pool() });
  return new Promise((resolve, reject) =>
    user.forgotPassword({
      onSuccess: () => resolve(),
      onFailure: reject,
      inputVerificationCode: () => resolve(),
    }),
  );
}

export async function confirmNewPassword(email: string, code: string, newPassword: string): Promise<void> {
  const user = new CognitoUser({ Username: email, Pool: await pool() });
  return new Promise((resolve, reject) =>
    user.confirmPassword(code, newPassword, { onSuccess: () => resolve(), onFailure: reject }),
  );
}

/** A fresh ID token from the stored refresh token (getSession refreshes when needed). */
export async function refreshSession(): Promise<Session | null> {
  const user = (await pool()).getCurrentUser();
  if (!user) return null;
  return new Promise((resolve, reject) =>
    user.getSession((error: Error | null, s: CognitoUserSession | null) => {
      if (error || !s?.isValid()) reject(error ?? new Error('session invalid'));
      else resolve(toSession(s));
    }),
  );
}

/** Revokes the refresh token at Cognito and forgets the tokens (forgets them even if revoking fails). */
export async function signOut(): Promise<void> {
  const user = (await pool()).getCurrentUser();
  if (!user) return;
  await new Promise<void>((resolve) =>
    user.signOut((error?: Error) => {
      if (error) user.signOut();
      resolve();
    }),
  );
}
