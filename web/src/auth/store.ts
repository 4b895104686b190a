import { isExpired, type Session, storedSession, storeSession } from './session.ts';

/**
 * The one place the session lives, outside React so the API client can read it. Components use
 * `useAuth()` (auth.tsx), which subscribes here.
 */
type Listener = () => void;
let current: Session | null = storedSession();
/** Why the user was sent back to sign-in (shown there), e.g. an expired session. */
let notice: string | null = null;
const listeners = new Set<Listener>();

const emit = () => {
  for (const listener of listeners) listener();
};

export const authStore = {
  get: () => current,
  notice: () => notice,
  subscribe(listener: Listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  signIn(session: Session) {
    current = session;
    notice = null;
    storeSession(session);
    emit();
  },
  /** Clears the session; `message` is shown on the sign-in page. */
  clear(message: string | null = null) {
    current = null;
    notice = message;
    storeSession(null);
    emit();
  },
};

export const SESSION_EXPIRED = '登录已过期或已失效，请重新登录';

/** A token that is still valid: refreshed through Cognito or OIDC when it has expired. */
export async function validToken(): Promise<string | null> {
  const session = current;
  if (!session) return null;
  if (!isExpired(session, Date.now() + 30_000)) return session.token;
  try {
    const refreshed =
      session.mode === 'cognito'
        ? await (await import('./cognito.ts')).refreshSession()
        : session.mode === 'oidc'
          ? await (await import('./oidc.ts')).refreshSession()
          : null;
    if (refreshed) {
      authStore.signIn(refreshed);
      return refreshed.token;
    }
  } catch {
    // fall through: the refresh token is gone or revoked
  }
  authStore.clear(SESSION_EXPIRED);
  return null;
}

/** Signs out of the identity provider as well as the app. */
export async function signOut() {
  const session = current;
  authStore.clear();
  if (session?.mode === 'cognito') await (await import('./cognito.ts')).signOut();
  if (session?.mode === 'oidc') await (await import('./oidc.ts')).signOut();
}
