/**
 * OIDC sign-in (e.g. AWS China, where there is no Cognito user pool): authorization code + PKCE
 * with oidc-client-ts, refresh with the refresh token, sign-out at the provider. Loaded only when
 * config.json says `oidc`.
 */
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { loadConfig } from './config.ts';
import { type Session, sessionFromToken } from './session.ts';

let manager: UserManager | undefined;

async function userManager(): Promise<UserManager> {
  if (manager) return manager;
  const { auth } = await loadConfig();
  if (auth.mode !== 'oidc') throw new Error('not configured for OIDC');
  manager = new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    redirect_uri: `${location.origin}/auth/callback`,
    post_logout_redirect_uri: `${location.origin}/login`,
    response_type: 'code',
    scope: auth.scope ?? 'openid profile offline_access',
    userStore: new WebStorageStateStore({ store: localStorage }),
    automaticSilentRenew: false,
  });
  return manager;
}

/** Goes to the provider's sign-in page; `next` is where to return afterwards. */
export async function signInRedirect(next: string) {
  await (await userManager()).signinRedirect({ state: next });
}

let signInCompletion: Promise<{ session: Session; next: string }> | undefined;

/**
 * On /auth/callback: exchanges the code (with the PKCE verifier) for tokens, once per page load. The
 * callback page's effect may run again before the first exchange has answered (a re-render, React's
 * strict mode); a second exchange would present a code already spent, which a provider may answer by
 * revoking the tokens it just issued.
 */
export function completeSignIn(): Promise<{ session: Session; next: string }> {
  signInCompletion ??= exchangeCode();
  return signInCompletion;
}

async function exchangeCode(): Promise<{ session: Session; next: string }> {
  const user = await (await userManager()).signinRedirectCallback();
  const token = user.id_token ?? user.access_token;
  return { session: sessionFromToken(token, 'oidc'), next: typeof user.state === 'string' ? user.state : '' };
}

export async function refreshSession(): Promise<Session | null> {
  const user = await (await userManager()).signinSilent();
  return user ? sessionFromToken(user.id_token ?? user.access_token, 'oidc') : null;
}

export async function signOut() {
  const m = await userManager();
  await m.removeUser();
  await m.signoutRedirect().catch(() => undefined);
}
