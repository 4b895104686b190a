/**
 * A fake of the few Cognito user-pool operations amazon-cognito-identity-js calls (InitiateAuth
 * with USER_SRP_AUTH and REFRESH_TOKEN_AUTH, RespondToAuthChallenge for PASSWORD_VERIFIER and
 * NEW_PASSWORD_REQUIRED, ForgotPassword, ConfirmForgotPassword, RevokeToken), answering the
 * browser's requests to cognito-idp through Playwright's routing. It runs the server side of SRP
 * for real (verifier, B, S, the HKDF key, the password-claim signature), so a wrong password fails
 * as it would at AWS. The ID token it issues is a local-mode token from the real server, so the API
 * accepts it.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { BrowserContext, Route } from '@playwright/test';

const N = BigInt(
  '0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF',
);
const g = 2n;

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}
/** As the library's padHex: even-length hex, a leading 00 when the top bit is set. */
function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}
const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hexHash = (hex: string) => sha256Hex(Buffer.from(hex, 'hex'));
const big = (hex: string) => BigInt(`0x${hex}`);
const k = big(hexHash(padHex(N) + padHex(g)));

interface User {
  email: string;
  /** USER_ID_FOR_SRP. */
  userId: string;
  password: string;
  mustChangePassword: boolean;
  /** The API token the pool hands out as the ID token (a local-mode token for this user). */
  token: () => Promise<string>;
}

export interface CognitoCall {
  target: string;
  body: Record<string, any>;
}

export class FakeCognito {
  readonly region = 'ap-east-1';
  readonly userPoolId = 'ap-east-1_E2ePool';
  readonly clientId = 'e2e-web-client';
  readonly calls: CognitoCall[] = [];
  readonly resetCode = '246810';
  private readonly users = new Map<string, User>();
  private readonly refreshTokens = new Map<string, string>(); // token → email
  private readonly srp = new Map<
    string,
    { email: string; salt: string; A: bigint; b: bigint; B: bigint; secretBlock: string }
  >();
  private readonly newPassword = new Map<string, string>(); // session → email
  private readonly poolName = this.userPoolId.split('_')[1]!;

  addUser(user: User) {
    this.users.set(user.email, user);
  }
  get authConfig() {
    return { mode: 'cognito', region: this.region, userPoolId: this.userPoolId, clientId: this.clientId };
  }
  /** Revokes every refresh token handed out so far (as an admin's global sign-out would). */
  revokeAll() {
    this.refreshTokens.clear();
  }
  ops(target: string) {
    return this.calls.filter((c) => c.target === target);
  }

  async install(context: BrowserContext) {
    await context.route(`https://cognito-idp.${this.region}.amazonaws.com/**`, (route) => this.handle(route));
  }

  private async handle(route: Route) {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': '*',
      'access-control-allow-methods': 'POST, OPTIONS',
    };
    const request = route.request();
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
    const target = (request.headers()['x-amz-target'] ?? '').split('.').pop() ?? '';
    const body = JSON.parse(request.postData() ?? '{}');
    this.calls.push({ target, body });
    try {
      const result = await this.operation(target, body);
      return route.fulfill({
        status: 200,
        headers: { ...cors, 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify(result),
      });
    } catch (error) {
      const { type, message } = error as { type: string; message: string };
      return route.fulfill({
        status: 400,
        headers: { ...cors, 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type },
        body: JSON.stringify({ __type: type, message }),
      });
    }
  }

  private fail(type: string, message: string): never {
    throw Object.assign(new Error(message), { type });
  }

  private async tokens(user: User, withRefresh: boolean) {
    const token = await user.token();
    // The access token is not sent to the API (the ID token is); like Cognito's with revocation
    // enabled, it carries origin_jti, without which the library does not revoke on sign-out.
    const now = Math.floor(Date.now() / 1000);
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const access = `${part({ alg: 'none' })}.${part({
      sub: user.userId,
      token_use: 'access',
      client_id: this.clientId,
      origin_jti: randomBytes(8).toString('hex'),
      iat: now,
      exp: now + 3600,
    })}.x`;
    const result: Record<string, unknown> = {
      IdToken: token,
      AccessToken: access,
      ExpiresIn: 3600,
      TokenType: 'Bearer',
    };
    if (withRefresh) {
      const refresh = randomBytes(24).toString('base64url');
      this.refreshTokens.set(refresh, user.email);
      result.RefreshToken = refresh;
    }
    return { AuthenticationResult: result, ChallengeParameters: {} };
  }

  private verifier(user: User, saltHex: string) {
    const x = big(
      hexHash(padHex(big(saltHex)) + sha256Hex(`${this.poolName}${user.userId}:${user.password}`)),
    );
    return modPow(g, x, N);
  }

  private async operation(target: string, body: Record<string, any>): Promise<unknown> {
    if (body.ClientId !== this.clientId)
      this.fail('ResourceNotFoundException', 'User pool client does not exist.');
    switch (target) {
      case 'InitiateAuth': {
        if (body.AuthFlow === 'REFRESH_TOKEN_AUTH') {
          const email = this.refreshTokens.get(body.AuthParameters?.REFRESH_TOKEN);
          if (!email) this.fail('NotAuthorizedException', 'Refresh Token has been revoked');
          return this.tokens(this.users.get(email)!, false);
        }
        if (body.AuthFlow !== 'USER_SRP_AUTH') this.fail('InvalidParameterException', 'Unsupported flow');
        const user = this.users.get(body.AuthParameters?.USERNAME);
        if (!user) this.fail('UserNotFoundException', 'User does not exist.');
        const salt = randomBytes(16).toString('hex');
        const v = this.verifier(user, salt);
        const b = big(randomBytes(32).toString('hex'));
        const B = (k * v + modPow(g, b, N)) % N;
        const secretBlock = randomBytes(64).toString('base64');
        const session = randomBytes(16).toString('hex');
        const A = big(body.AuthParameters.SRP_A);
        if (A % N === 0n) this.fail('InvalidParameterException', 'SRP_A cannot be 0');
        this.srp.set(session, { email: user.email, salt, A, b, B, secretBlock });
        return {
          ChallengeName: 'PASSWORD_VERIFIER',
          Session: session,
          ChallengeParameters: {
            SALT: salt,
            SRP_B: B.toString(16),
            SECRET_BLOCK: secretBlock,
            USER_ID_FOR_SRP: user.userId,
            USERNAME: user.userId,
          },
        };
      }
      case 'RespondToAuthChallenge': {
        if (body.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
          const email = this.newPassword.get(body.Session);
          if (!email) this.fail('NotAuthorizedException', 'Invalid session for the user.');
          const password = body.ChallengeResponses?.NEW_PASSWORD ?? '';
          if (password.length < 8)
            this.fail('InvalidPasswordException', 'Password does not conform to policy');
          const user = this.users.get(email)!;
          user.password = password;
          user.mustChangePassword = false;
          this.newPassword.delete(body.Session);
          return this.tokens(user, true);
        }
        const state = this.srp.get(body.Session);
        if (!state) this.fail('NotAuthorizedException', 'Invalid session for the user.');
        this.srp.delete(body.Session);
        const user = this.users.get(state.email)!;
        const A = state.A;
        const v = this.verifier(user, state.salt);
        const u = big(hexHash(padHex(A) + padHex(state.B)));
        const S = modPow(A * modPow(v, u, N), state.b, N);
        const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
          .update(Buffer.from(padHex(S), 'hex'))
          .digest();
        const key = createHmac('sha256', prk)
          .update(Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]))
          .digest()
          .subarray(0, 16);
        const responses = body.ChallengeResponses ?? {};
        const expected = createHmac('sha256', key)
          .update(
            Buffer.concat([
              Buffer.from(this.poolName, 'utf8'),
              Buffer.from(user.userId, 'utf8'),
              Buffer.from(state.secretBlock, 'base64'),
              Buffer.from(responses.TIMESTAMP ?? '', 'utf8'),
            ]),
          )
          .digest('base64');
        if (responses.PASSWORD_CLAIM_SIGNATURE !== expected)
          this.fail('NotAuthorizedException', 'Incorrect username or password.');
        if (user.mustChangePassword) {
          const session = randomBytes(16).toString('hex');
          this.newPassword.set(session, user.email);
          return {
            ChallengeName: 'NEW_PASSWORD_REQUIRED',
            Session: session,
            ChallengeParameters: {
              userAttributes: JSON.stringify({ email: user.email }),
              requiredAttributes: '[]',
            },
          };
        }
        return this.tokens(user, true);
      }
      case 'ForgotPassword': {
        if (!this.users.has(body.Username)) this.fail('UserNotFoundException', 'User does not exist.');
        return {
          CodeDeliveryDetails: { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'w***@e***' },
        };
      }
      case 'ConfirmForgotPassword': {
        const user = this.users.get(body.Username);
        if (!user) this.fail('UserNotFoundException', 'User does not exist.');
        if (body.ConfirmationCode !== this.resetCode)
          this.fail('CodeMismatchException', 'Invalid verification code provided.');
        user.password = body.Password;
        user.mustChangePassword = false;
        return {};
      }
      case 'RevokeToken': {
        this.refreshTokens.delete(body.Token);
        return {};
      }
      default:
        this.fail('InvalidAction', `${target} is not faked`);
    }
  }
}
