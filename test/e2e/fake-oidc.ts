/**
 * A tiny OpenID Connect provider for the e2e tests, served on a random local port: discovery,
 * an authorize endpoint that signs the configured user in at once (redirecting back with a code),
 * a token endpoint that checks the PKCE verifier against the challenge (S256) and the redirect URI,
 * refresh tokens that can be revoked, and an end-session endpoint. The ID token it issues is a
 * local-mode token from the real server, so the API accepts it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OidcCall {
  path: string;
  params: Record<string, string>;
}

export class FakeOidcProvider {
  readonly clientId = 'e2e-oidc-client';
  readonly calls: OidcCall[] = [];
  private server?: Server;
  private readonly codes = new Map<string, { challenge: string; redirectUri: string }>();
  private readonly refreshTokens = new Set<string>();

  constructor(private readonly token: () => Promise<string>) {}

  get issuer() {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }
  get authConfig() {
    return { mode: 'oidc', authority: this.issuer, clientId: this.clientId, scope: 'openid offline_access' };
  }
  ops(path: string) {
    return this.calls.filter((c) => c.path === path);
  }
  revokeAll() {
    this.refreshTokens.clear();
  }

  async start() {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error) => this.json(res, 500, { error: String(error) }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }
  async stop() {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
      'access-control-allow-headers': '*',
      'cache-control': 'no-store',
    });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.issuer);
    if (req.method === 'OPTIONS') return this.json(res, 204, null);
    let params = Object.fromEntries(url.searchParams);
    if (req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      params = Object.fromEntries(new URLSearchParams(raw));
    }
    this.calls.push({ path: url.pathname, params });
    switch (url.pathname) {
      case '/.well-known/openid-configuration':
        return this.json(res, 200, {
          issuer: this.issuer,
          authorization_endpoint: `${this.issuer}/authorize`,
          token_endpoint: `${this.issuer}/token`,
          end_session_endpoint: `${this.issuer}/logout`,
          jwks_uri: `${this.issuer}/jwks`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
        });
      case '/authorize': {
        if (params.client_id !== this.clientId || params.response_type !== 'code')
          return this.json(res, 400, { error: 'invalid_request' });
        if (params.code_challenge_method !== 'S256' || !params.code_challenge)
          return this.json(res, 400, { error: 'invalid_request', error_description: 'PKCE required' });
        const code = randomBytes(16).toString('hex');
        this.codes.set(code, { challenge: params.code_challenge, redirectUri: params.redirect_uri! });
        const back = new URL(params.redirect_uri!);
        back.searchParams.set('code', code);
        back.searchParams.set('state', params.state ?? '');
        res.writeHead(302, { location: back.toString() });
        return res.end();
      }
      case '/token': {
        if (params.grant_type === 'authorization_code') {
          const issued = this.codes.get(params.code ?? '');
          this.codes.delete(params.code ?? '');
          const verifier = params.code_verifier ?? '';
          const challenge = createHash('sha256').update(verifier).digest('base64url');
          if (!issued || issued.challenge !== challenge || issued.redirectUri !== params.redirect_uri)
            return this.json(res, 400, { error: 'invalid_grant' });
          return this.json(res, 200, await this.tokens(true));
        }
        if (params.grant_type === 'refresh_token') {
          if (!this.refreshTokens.has(params.refresh_token ?? ''))
            return this.json(res, 400, {
              error: 'invalid_grant',
              error_description: 'refresh token revoked',
            });
          return this.json(res, 200, await this.tokens(false));
        }
        return this.json(res, 400, { error: 'unsupported_grant_type' });
      }
      case '/logout': {
        res.writeHead(302, { location: params.post_logout_redirect_uri ?? '/' });
        return res.end();
      }
      default:
        return this.json(res, 404, { error: 'not_found' });
    }
  }

  private async tokens(withRefresh: boolean) {
    const token = await this.token();
    const body: Record<string, unknown> = {
      id_token: token,
      access_token: token,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'openid offline_access',
    };
    if (withRefresh) {
      const refresh = randomBytes(24).toString('base64url');
      this.refreshTokens.add(refresh);
      body.refresh_token = refresh;
    }
    return body;
  }
}
