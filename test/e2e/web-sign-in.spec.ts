import { expect, type Page, test } from '@playwright/test';
import { FakeCognito } from './fake-cognito.ts';
import { FakeOidcProvider } from './fake-oidc.ts';
import { call, localToken, PHONE, type Seed, screenshot, seedCity, signInAs } from './support.ts';

/**
 * The AWS sign-in modes in the real app and browser: Cognito (amazon-cognito-identity-js against a
 * fake user pool that runs SRP for real) and OIDC (oidc-client-ts against a fake provider checking
 * PKCE), each through sign-in, refresh, revocation and sign-out; and a network failure's retry.
 */
let seed: Seed;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  seed = await seedCity();
});

const workerToken = () => localToken({ role: 'worker', org: seed.worker.org, workerId: seed.worker.id });

/** Serves this config.json instead of the server's (which says local mode). */
async function serveAuthConfig(page: Page, auth: Record<string, unknown>) {
  await page.context().route('**/config.json', (route) => route.fulfill({ json: { auth } }));
}

/** Makes the app's session (and, given a prefix, the identity library's stored tokens) expired. */
async function expireTokens(page: Page, libraryKeyPrefix?: string) {
  await page.evaluate((prefix) => {
    const past = Math.floor(Date.now() / 1000) - 60;
    const session = JSON.parse(localStorage.getItem('shegong.session')!);
    localStorage.setItem('shegong.session', JSON.stringify({ ...session, expiresAt: past }));
    if (!prefix) return;
    const b64 = (o: object) =>
      btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
    const expired = `${b64({ alg: 'none' })}.${b64({ sub: 'x', exp: past, iat: past - 3600 })}.x`;
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(prefix) && /\.(idToken|accessToken)$/.test(key)) localStorage.setItem(key, expired);
    }
  }, libraryKeyPrefix);
}

test('local mode: an account HR opened signs in by e-mail or user name; an unknown one is refused in Chinese', async ({
  page,
}) => {
  const hr = await localToken({ role: 'hr', org: seed.city });
  const email = `${seed.city}.zhang@example.cn`;
  const account = await call(hr, 'POST', `/v1/workers/${seed.worker.id}/account`, { email });
  expect(account).toMatchObject({ username: seed.worker.id, role: 'worker', status: 'enabled' });
  const officer = await call(hr, 'POST', '/v1/accounts', {
    org: `${seed.city}/xinxing`,
    name: '新兴区 人事专干',
    email: `${seed.city}.hr@example.cn`,
  });

  // A phone: the worker's e-mail (in other letter case) signs in and lands on 我的.
  await page.setViewportSize(PHONE);
  await page.goto('/login');
  await page.getByRole('tab', { name: '账号登录' }).click();
  const login = page.getByRole('textbox', { name: '邮箱或用户名' });
  await login.fill('nobody@example.cn');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toContainText('没有使用该邮箱或用户名登录的账号');
  await expect(page).toHaveURL(/\/login/);
  await screenshot(page, 'phone-sign-in-account-refused');
  await login.fill(email.toUpperCase());
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByText(seed.worker.name)).toBeVisible();
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('shegong.session')!));
  expect(session).toMatchObject({ role: 'worker', workerId: seed.worker.id, org: seed.worker.org });
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);

  // A desktop: the HR officer's user name (hr_…) signs in to the console of 新兴区.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('tab', { name: '账号登录' }).click();
  await page.getByRole('textbox', { name: '邮箱或用户名' }).fill(officer.username);
  await screenshot(page, 'desktop-sign-in-account');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/hr/);
  await expect(page.getByTestId('session-unit')).toHaveText('人事干部 · 新兴区');
  await screenshot(page, 'desktop-sign-in-account-console');
});

test('Cognito: SRP sign-in, first-sign-in new password, refresh, sign-out, forgot password, revoked session', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  const cognito = new FakeCognito();
  const email = 'zhang@example.cn';
  cognito.addUser({
    email,
    userId: 'u-zhang',
    password: 'Temp#2026x',
    mustChangePassword: true,
    token: workerToken,
  });
  await cognito.install(page.context());
  await serveAuthConfig(page, cognito.authConfig);
  const libraryKeys = `CognitoIdentityServiceProvider.${cognito.clientId}.`;

  await page.goto('/login');
  const signIn = async (password: string) => {
    await page.getByRole('textbox', { name: '邮箱' }).fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  };
  // A wrong password: the signature over the SRP exchange does not verify.
  await signIn('Wrong#2026x');
  await expect(page.getByRole('alert')).toHaveText('邮箱或密码不正确');
  expect(cognito.ops('RespondToAuthChallenge')).toHaveLength(1);

  // The temporary password: Cognito asks for a new one.
  await signIn('Temp#2026x');
  await expect(page.getByText('首次登录，请设置新密码。')).toBeVisible();
  await screenshot(page, 'phone-sign-in-cognito-new-password');
  await page.getByLabel('新密码').fill('Fresh#2026x');
  await page.getByRole('button', { name: '设置新密码并登录' }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByText(seed.worker.name)).toBeVisible();
  expect(cognito.ops('RespondToAuthChallenge').at(-1)!.body).toMatchObject({
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    ChallengeResponses: { NEW_PASSWORD: 'Fresh#2026x' },
  });

  // Expired tokens are refreshed with the refresh token; the page loads as if nothing happened.
  await expireTokens(page, libraryKeys);
  await page.goto('/me/pay');
  await expect(page.getByTestId('statement-total')).toBeVisible();
  expect(cognito.ops('InitiateAuth').map((c) => c.body.AuthFlow)).toContain('REFRESH_TOKEN_AUTH');

  // Sign out: the refresh token is revoked at Cognito and the stored tokens are gone.
  await page.goto('/me');
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect.poll(() => cognito.ops('RevokeToken').length).toBe(1);
  expect(
    await page.evaluate(
      (prefix) =>
        Object.keys(localStorage).filter((k) => k.startsWith(prefix) && !k.endsWith('LastAuthUser')),
      libraryKeys,
    ),
  ).toEqual([]);

  // Forgot password: a code by e-mail, a wrong code refused in Chinese, then the new password works.
  await page.getByRole('button', { name: '忘记密码' }).click();
  await page.getByRole('textbox', { name: '邮箱' }).fill(email);
  await page.getByRole('button', { name: '发送验证码' }).click();
  await expect(page.getByText(`验证码已发送至 ${email}。`)).toBeVisible();
  await page.getByLabel('验证码').fill('000000');
  await page.getByLabel('新密码').fill('Reset#2026x');
  await page.getByRole('button', { name: '重设密码' }).click();
  await expect(page.getByRole('alert')).toHaveText('验证码不正确');
  await page.getByLabel('验证码').fill(cognito.resetCode);
  await page.getByRole('button', { name: '重设密码' }).click();
  await expect(page.getByRole('alert')).toHaveText('密码已重设，请用新密码登录');
  await signIn('Reset#2026x');
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByText(seed.worker.name)).toBeVisible();

  // Revoked (e.g. the account was signed out everywhere): back to sign-in with a message.
  cognito.revokeAll();
  await expireTokens(page, libraryKeys);
  await page.goto('/me/pay');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('alert').filter({ hasText: '登录已过期' })).toBeVisible();
  await screenshot(page, 'phone-sign-in-cognito-expired');
});

test('OIDC: code + PKCE sign-in, refresh, revoked refresh token, sign-out at the provider', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  const provider = new FakeOidcProvider(workerToken);
  await provider.start();
  try {
    await serveAuthConfig(page, provider.authConfig);
    await page.goto('/me/pay');
    await expect(page).toHaveURL(/\/login\?next=/);
    await screenshot(page, 'phone-sign-in-oidc');
    await page.getByRole('button', { name: '统一身份认证登录' }).click();
    // Back from the provider at the page first asked for.
    await expect(page).toHaveURL(/\/me\/pay$/);
    await expect(page.getByTestId('statement-total')).toBeVisible();
    const [authorize] = provider.ops('/authorize');
    expect(authorize!.params).toMatchObject({ code_challenge_method: 'S256', response_type: 'code' });
    expect(provider.ops('/token').map((c) => c.params.grant_type)).toEqual(['authorization_code']);
    expect(provider.ops('/token')[0]!.params.code_verifier).toMatch(/^[\w-]{43,}$/);

    // Expired: refreshed with the refresh token.
    await expireTokens(page);
    await page.goto('/me');
    await expect(page.getByText(seed.worker.name)).toBeVisible();
    expect(provider.ops('/token').map((c) => c.params.grant_type)).toEqual([
      'authorization_code',
      'refresh_token',
    ]);

    // Revoked at the provider: back to sign-in with a message.
    provider.revokeAll();
    await expireTokens(page);
    await page.goto('/me/pay');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('alert').filter({ hasText: '登录已过期' })).toBeVisible();

    // Sign in again, then sign out: the provider's end-session endpoint, then our sign-in page.
    await page.getByRole('button', { name: '统一身份认证登录' }).click();
    await expect(page).toHaveURL(/\/me\/pay$/);
    await page.goto('/me');
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect.poll(() => provider.ops('/logout').length).toBe(1);
    await expect(page).toHaveURL(/\/login/);
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('oidc.user'))),
    ).toEqual([]);
  } finally {
    await provider.stop();
  }
});

test('a network failure shows a Chinese message with 重试, and the retry loads the page', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await signInAs(page, { role: 'worker', org: seed.worker.org, workerId: seed.worker.id });
  let offline = true;
  await page
    .context()
    .route('**/v1/me/statements/**', (route) =>
      offline ? route.abort('internetdisconnected') : route.continue(),
    );
  await page.goto('/me/pay');
  await expect(page.getByText('网络连接失败，请检查网络后重试')).toBeVisible();
  await screenshot(page, 'phone-network-failure');
  offline = false;
  await page.getByRole('button', { name: '重试' }).click();
  await expect(page.getByTestId('statement-total')).toBeVisible();
});
