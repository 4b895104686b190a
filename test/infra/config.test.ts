import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { queueUrlEnvName } from '../../functions/jobs/manifest.ts';
import { pascal, readConfig } from '../../infra/config.ts';
import { buildShegongApp } from '../../infra/shegong-app.ts';

// Context parsing only: no synth.
const configOf = (context: Record<string, unknown>) => readConfig(new App({ context }).node);

describe('infra config (CDK context)', () => {
  it('defaults to Cognito, no CORS, throttling 200/100', () => {
    expect(configOf({})).toEqual({
      auth: { mode: 'cognito', threatProtection: false },
      corsOrigins: [],
      throttle: { burstLimit: 200, rateLimit: 100 },
      tableName: undefined,
    });
  });

  it('switches to an external OIDC issuer only when issuer and audience are both set', () => {
    expect(configOf({ oidcIssuer: 'https://idp.example.cn', oidcAudience: 'a,b' }).auth).toEqual({
      mode: 'oidc',
      issuer: 'https://idp.example.cn',
      audience: ['a', 'b'],
    });
    expect(() => configOf({ oidcIssuer: 'https://idp.example.cn' })).toThrow(/oidcAudience/);
    expect(() => buildShegongApp(new App({ context: { oidcAudience: 'a' } }))).toThrow(/oidcIssuer/);
  });

  it('reads CORS origins as a comma list or JSON array, and numeric throttles from strings', () => {
    expect(configOf({ corsOrigins: 'https://a.cn, https://b.cn' }).corsOrigins).toEqual([
      'https://a.cn',
      'https://b.cn',
    ]);
    expect(configOf({ corsOrigins: '["https://a.cn"]' }).corsOrigins).toEqual(['https://a.cn']);
    expect(configOf({ corsOrigins: ['https://c.cn'] }).corsOrigins).toEqual(['https://c.cn']);
    expect(configOf({ throttleBurst: '50', throttleRate: 20 }).throttle).toEqual({
      burstLimit: 50,
      rateLimit: 20,
    });
    expect(() => configOf({ throttleRate: 'fast' })).toThrow(/throttleRate/);
  });

  it('names queue env vars and construct ids', () => {
    expect(queueUrlEnvName('evaluation-org-units')).toBe('QUEUE_URL_EVALUATION_ORG_UNITS');
    expect(pascal('evaluation-org-units')).toBe('EvaluationOrgUnits');
    expect(pascal('self-service')).toBe('SelfService');
  });
});
