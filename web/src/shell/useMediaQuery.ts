import { useCallback, useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now, re-rendering when it changes (e.g. a system setting). */
export function useMediaQuery(query: string): boolean {
  // One subscription per query, not one per render (useSyncExternalStore resubscribes on a new function).
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/** The system's "reduce motion" setting (accessibility): dialogs and menus then appear without animation. */
export const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
