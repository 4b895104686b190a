import { useSyncExternalStore } from 'react';
import { Navigate, useLocation } from 'react-router';
import { authStore } from './store.ts';
import type { Role, Session } from './session.ts';

export function useSession(): Session | null {
  return useSyncExternalStore(authStore.subscribe, authStore.get);
}

/**
 * Route guard: no session → sign-in (coming back here afterwards); the wrong role → 无权访问.
 * The guarded element (often a lazy chunk) is not even loaded when the role does not match.
 */
export function RequireRole({
  roles,
  children,
  forbidden,
}: {
  roles: readonly Role[];
  children: React.ReactNode;
  forbidden: React.ReactNode;
}) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (!roles.includes(session.role)) return <>{forbidden}</>;
  return <>{children}</>;
}
