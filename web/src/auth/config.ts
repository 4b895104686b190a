/** Sign-in settings, read from `/config.json` (written at deploy time in AWS; local mode serves its own). */
export type AuthConfig =
  | { mode: 'local' }
  | { mode: 'cognito'; region: string; userPoolId: string; clientId: string }
  | { mode: 'oidc'; authority: string; clientId: string; scope?: string };

export interface AppConfig {
  auth: AuthConfig;
}

let loaded: Promise<AppConfig> | undefined;

export function loadConfig(): Promise<AppConfig> {
  loaded ??= fetch('/config.json', { cache: 'no-store' })
    .then((res) => (res.ok ? (res.json() as Promise<AppConfig>) : { auth: { mode: 'local' as const } }))
    .catch(() => ({ auth: { mode: 'local' as const } }));
  return loaded;
}
