import type { Node } from 'constructs';

/**
 * Deployment settings, all from CDK context (`-c key=value` or cdk.json). Values given on the
 * command line arrive as strings; values given in-process (tests) may be arrays/numbers/booleans.
 *
 * - `oidcIssuer` + `oidcAudience`: trust this external OIDC provider instead of creating a Cognito
 *   user pool (AWS China regions have no Cognito user pools). Both or neither.
 * - `corsOrigins`: allowed browser origins, comma-separated or a JSON array (default: none, no CORS).
 * - `throttleBurst` / `throttleRate`: HTTP API default-stage throttling (default 200 / 100).
 * - `cognitoThreatProtection`: `true` switches the user pool to the Plus feature plan with threat
 *   protection enforced (billed per MAU, so off by default).
 * - `tableName`: physical table name (default `tableDefinition.defaultName`, i.e. `shegong`).
 * - `alarmEmail`: subscribe this e-mail address to the alarm topic (it must confirm the subscription).
 */
export interface ShegongConfig {
  auth: { mode: 'cognito'; threatProtection: boolean } | { mode: 'oidc'; issuer: string; audience: string[] };
  corsOrigins: string[];
  throttle: { burstLimit: number; rateLimit: number };
  tableName?: string;
  alarmEmail?: string;
}

function str(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null) return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

function list(node: Node, key: string): string[] {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter(Boolean);
  const s = String(value).trim();
  if (s.startsWith('[')) return (JSON.parse(s) as unknown[]).map((v) => String(v).trim()).filter(Boolean);
  return s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function int(node: Node, key: string, fallback: number): number {
  const s = str(node, key);
  if (s === undefined) return fallback;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`context ${key} must be a non-negative integer, got ${s}`);
  return n;
}

function email(node: Node, key: string): string | undefined {
  const s = str(node, key);
  if (s !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s))
    throw new Error(`context ${key} must be an e-mail address, got ${s}`);
  return s;
}

export function readConfig(node: Node): ShegongConfig {
  const issuer = str(node, 'oidcIssuer');
  const audience = list(node, 'oidcAudience');
  if ((issuer === undefined) !== (audience.length === 0)) {
    throw new Error(
      'set both oidcIssuer and oidcAudience (external OIDC provider) or neither (Cognito user pool)',
    );
  }
  return {
    auth:
      issuer !== undefined
        ? { mode: 'oidc', issuer, audience }
        : { mode: 'cognito', threatProtection: str(node, 'cognitoThreatProtection') === 'true' },
    corsOrigins: list(node, 'corsOrigins'),
    throttle: { burstLimit: int(node, 'throttleBurst', 200), rateLimit: int(node, 'throttleRate', 100) },
    tableName: str(node, 'tableName'),
    alarmEmail: email(node, 'alarmEmail'),
  };
}

/** `evaluation-org-units` / `self-service` → `EvaluationOrgUnits` / `SelfService` (construct ids). */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
