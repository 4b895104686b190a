import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dependencies } from '#functions/dependencies.ts';
import { cognitoAccountDirectory } from '#functions/identity/cognito-directory.ts';
import { runAccountSyncJob } from '#functions/jobs/account-sync/job.ts';
import { createLocalApp } from '#functions/local/local-app.ts';
import { mentorKeys } from '#shared/db/entities/mentoring.ts';
import { externalAccountDirectory } from '#shared/domain/accounts.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, orgPath, seedOrgTree, startHarness } from '../support/harness.ts';

let h: Harness;
let cityHr: Awaited<ReturnType<Harness['client']>>;
const C1 = 'qth/xinxing/hongqi/c1';
const G1 = 'qth/xinxing/hongqi/c1/g1';
const C2 = 'qth/taoshan/taoxi/c2';

beforeAll(async () => {
  h = await startHarness();
  ({ hr: cityHr } = await seedOrgTree(h));
}, 180_000);
afterAll(async () => h?.stop());

const signIn = (email: string) => h.anonymous.post('/local/sign-in', { email });
const used = async (org: string) => (await cityHr.get(`/v1/org-units/${orgPath(org)}`)).body.used as number;

describe('sign-in accounts in local mode (the table is the directory)', () => {
  let worker: WorkerRecord;
  let workerToken: string;

  it('HR of the subtree creates a worker account; it signs in and sees its own record', async () => {
    worker = await seedWorker(h, { name: '李梅', org: G1 });
    const hr = await h.client('hr', C1);
    const created = await hr.post(`/v1/workers/${worker.id}/account`, { email: 'limei@example.cn' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({
      username: worker.id,
      role: 'worker',
      org: G1,
      workerId: worker.id,
      name: '李梅',
      email: 'limei@example.cn',
      status: 'enabled',
      directory: 'local',
      pending: null,
    });

    const session = await signIn('LiMei@example.cn');
    expect(session.status, session.text).toBe(200);
    workerToken = session.body.token;
    const me = await h.as(workerToken).get('/v1/me');
    expect(me.status, me.text).toBe(200);
    expect(me.body).toMatchObject({ id: worker.id, org: G1 });
    // Its own account, yes; another worker's, as if it did not exist.
    expect((await h.as(workerToken).get(`/v1/workers/${worker.id}/account`)).body.status).toBe('enabled');
    const other = await seedWorker(h, { name: '王强', org: G1 });
    expect((await h.as(workerToken).get(`/v1/workers/${other.id}/account`)).status).toBe(404);
    // An HR officer of another district does not see it either.
    const outsider = await h.client('hr', 'qth/taoshan');
    expect((await outsider.get(`/v1/accounts/${worker.id}`)).status).toBe(404);
    expect((await outsider.post(`/v1/workers/${worker.id}/account`, { email: 'x@example.cn' })).status).toBe(
      404,
    );

    const audit = await cityHr.get(`/v1/audit?entity=${encodeURIComponent(`account:${worker.id}`)}`);
    expect(audit.body.items.map((i: any) => i.action)).toContain('account.created');
  });

  it('refuses a second account, a taken e-mail, a mentor account for a non-mentor, an unknown e-mail', async () => {
    const hr = await h.client('hr', C1);
    const again = await hr.post(`/v1/workers/${worker.id}/account`, { email: 'other@example.cn' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ACCOUNT_EXISTS', message: '该人员已有登录账号' });

    const second = await seedWorker(h, { name: '赵敏', org: G1 });
    const taken = await hr.post(`/v1/workers/${second.id}/account`, { email: 'limei@example.cn' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('ACCOUNT_EMAIL_TAKEN');
    expect(taken.body.error.message).toContain('limei@example.cn');

    const notMentor = await hr.post(`/v1/workers/${second.id}/account`, {
      role: 'mentor',
      email: 'zhaomin@example.cn',
    });
    expect(notMentor.status).toBe(422);
    expect(notMentor.body.error).toMatchObject({ code: 'NOT_A_MENTOR' });
    expect((await hr.post(`/v1/workers/${second.id}/account`, { email: 'not-an-email' })).status).toBe(400);

    const unknown = await signIn('nobody@example.cn');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('SIGN_IN_FAILED');
  });

  it('a designated mentor gets a mentor account', async () => {
    const mentor = await seedWorker(h, { name: '孙老师', org: C1, post: 'principal', grade: 9 });
    const designated = await cityHr.post('/v1/mentors', { workerId: mentor.id });
    expect(designated.status, designated.text).toBe(201);
    expect(await h.store.get(mentorKeys.key(mentor.id))).toBeDefined();
    const created = await cityHr.post(`/v1/workers/${mentor.id}/account`, {
      role: 'mentor',
      email: 'sun@example.cn',
      phone: '+8613800000001',
    });
    expect(created.status, created.text).toBe(201);
    const session = await signIn('sun@example.cn');
    expect(session.body.account).toMatchObject({ role: 'mentor', workerId: mentor.id });
    const mentees = await h.as(session.body.token).get(`/v1/mentors/${mentor.id}/mentees`);
    expect(mentees.status, mentees.text).toBe(200);
  });

  it('a move (调动) moves the account: seats follow, and the same session acts in the new unit', async () => {
    const [c1Before, c2Before, cityBefore] = [await used(C1), await used(C2), await used('qth')];
    const district = await h.client('hr', 'qth/xinxing');
    // The district HR does not hold the target.
    expect(
      (await district.post(`/v1/workers/${worker.id}/moves`, { org: C2, reason: '工作需要' })).status,
    ).toBe(403);
    const moved = await cityHr.post(`/v1/workers/${worker.id}/moves`, { org: C2, reason: '工作需要' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.org).toBe(C2);
    expect([await used(C1), await used(C2), await used('qth')]).toEqual([
      c1Before - 1,
      c2Before + 1,
      cityBefore,
    ]);

    const account = await cityHr.get(`/v1/accounts/${worker.id}`);
    expect(account.body).toMatchObject({ org: C2, status: 'enabled', pending: null });
    const me = await h.as(workerToken).get('/v1/me');
    expect(me.body.org).toBe(C2);
    // The old unit's HR no longer reaches the worker; the new one does.
    expect((await (await h.client('hr', C1)).get(`/v1/workers/${worker.id}`)).status).toBe(404);
    expect((await (await h.client('hr', C2)).get(`/v1/workers/${worker.id}`)).status).toBe(200);
    const history = await cityHr.get(`/v1/workers/${worker.id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ event: 'moved', eventLabel: '调动', org: C2 });
    const same = await cityHr.post(`/v1/workers/${worker.id}/moves`, { org: C2, reason: '重复' });
    expect(same.body.error.code).toBe('ALREADY_IN_UNIT');
    const toStreet = await cityHr.post(`/v1/workers/${worker.id}/moves`, { org: 'qth/taoshan', reason: 'x' });
    expect(toStreet.body.error.code).toBe('MOVE_TARGET_LEVEL');
  });

  it('an exit disables the account: its session and a new sign-in are refused', async () => {
    const exited = await cityHr.post(`/v1/workers/${worker.id}/exits`, {
      situation: 5,
      effectiveOn: '2026-03-01',
      evidence: '本人辞职',
    });
    expect(exited.status, exited.text).toBe(201);
    const refused = await h.as(workerToken).get('/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'ACCOUNT_DISABLED', message: '该登录账号已停用' });
    expect((await signIn('limei@example.cn')).body.error.code).toBe('ACCOUNT_DISABLED');
    const account = await cityHr.get(`/v1/accounts/${worker.id}`);
    expect(account.body).toMatchObject({ status: 'disabled', disabledReason: 'exit situation 5' });
    const audit = await cityHr.get(`/v1/audit?entity=${encodeURIComponent(`account:${worker.id}`)}`);
    expect(audit.body.items.map((i: any) => i.action)).toEqual(
      expect.arrayContaining(['account.created', 'account.moved', 'account.disabled']),
    );
    // No new account for an exited worker.
    const again = await cityHr.post(`/v1/workers/${worker.id}/account`, { email: 'back@example.cn' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_EXITED');
  });

  it('city HR creates HR accounts inside the city (with a department); a district HR may not', async () => {
    const created = await cityHr.post('/v1/accounts', {
      org: 'qth/xinxing',
      name: '民政局 王科长',
      email: 'wang@example.cn',
      department: 'civil-affairs',
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ role: 'hr', org: 'qth/xinxing', department: 'civil-affairs' });
    expect(created.body.username).toMatch(/^hr_/);
    const district = await h.client('hr', 'qth/xinxing');
    const refused = await district.post('/v1/accounts', {
      org: 'qth/xinxing/hongqi',
      name: '街道 专干',
      email: 'jd@example.cn',
    });
    expect(refused.status).toBe(403);
    const otherCity = await h.client('hr', 'sh');
    expect(
      (await otherCity.post('/v1/accounts', { org: 'qth', name: 'x', email: 'x@example.cn' })).status,
    ).toBe(403);
    expect(
      (await cityHr.post('/v1/accounts', { org: 'qth/nowhere', name: 'x', email: 'y@example.cn' })).status,
    ).toBe(404);

    const session = await signIn('wang@example.cn');
    const officer = h.as(session.body.token);
    expect((await officer.get(`/v1/org-units/${orgPath('qth/xinxing')}`)).status).toBe(200);
    expect((await officer.get(`/v1/org-units/${orgPath('qth/taoshan')}`)).status).toBe(403);
    expect((await district.get(`/v1/accounts/${created.body.username}`)).body.name).toBe('民政局 王科长');
  });
});

describe("HR officers' accounts: disabled when they leave the post, moved when they change unit", () => {
  let officer: { username: string };
  let officerToken: string;

  beforeAll(async () => {
    const created = await cityHr.post('/v1/accounts', {
      org: C1,
      name: '红旗社区 人事专干',
      email: 'hongqi.hr@example.cn',
      department: 'organisation',
    });
    expect(created.status, created.text).toBe(201);
    officer = created.body;
    officerToken = (await signIn('hongqi.hr@example.cn')).body.token;
    expect((await h.as(officerToken).get(`/v1/org-units/${orgPath(C1)}`)).status).toBe(200);
  });

  it('only city HR moves it, inside the city; the same session then acts for the new unit', async () => {
    const street = await h.client('hr', 'qth/xinxing/hongqi');
    const refused = await street.post(`/v1/accounts/${officer.username}/moves`, { org: C2, reason: '调任' });
    expect(refused.status).toBe(403);
    // An HR officer who cannot even read the account learns nothing of it.
    const outsider = await h.client('hr', 'qth/taoshan');
    const hidden = await outsider.post(`/v1/accounts/${officer.username}/moves`, { org: C2, reason: '调任' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('NOT_FOUND');
    expect(
      (await cityHr.post(`/v1/accounts/${officer.username}/moves`, { org: 'hrb/x', reason: '调任' })).status,
    ).toBe(403);
    expect(
      (await cityHr.post(`/v1/accounts/${officer.username}/moves`, { org: 'qth/nowhere', reason: '调任' }))
        .status,
    ).toBe(404);
    const same = await cityHr.post(`/v1/accounts/${officer.username}/moves`, { org: C1, reason: '调任' });
    expect(same.status).toBe(422);
    expect(same.body.error.code).toBe('ALREADY_IN_UNIT');
    expect((await cityHr.post(`/v1/accounts/${officer.username}/moves`, { org: C2 })).status).toBe(400);

    const moved = await cityHr.post(`/v1/accounts/${officer.username}/moves`, {
      org: C2,
      reason: '调任桃山',
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toMatchObject({
      org: C2,
      status: 'enabled',
      department: 'organisation',
      pending: null,
    });
    const session = h.as(officerToken);
    expect((await session.get(`/v1/org-units/${orgPath(C2)}`)).status).toBe(200);
    expect((await session.get(`/v1/org-units/${orgPath(C1)}`)).status).toBe(403);
    const audit = await cityHr.get(`/v1/audit?entity=${encodeURIComponent(`account:${officer.username}`)}`);
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'account.moved',
          before: expect.objectContaining({ org: C1 }),
          after: expect.objectContaining({ org: C2, reason: '调任桃山' }),
        }),
      ]),
    );
  });

  it("a worker's account is not disabled or moved here: it follows the worker", async () => {
    const w = await seedWorker(h, { name: '钱多', org: G1 });
    expect((await cityHr.post(`/v1/workers/${w.id}/account`, { email: 'qianduo@example.cn' })).status).toBe(
      201,
    );
    const refused = await cityHr.post(`/v1/accounts/${w.id}/disable`, { reason: '离岗' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'ACCOUNT_FOLLOWS_WORKER' });
    expect(refused.body.error.message).toContain('请办理人员离职或调动');
    const notMoved = await cityHr.post(`/v1/accounts/${w.id}/moves`, { org: C2, reason: 'x' });
    expect(notMoved.body.error.code).toBe('ACCOUNT_FOLLOWS_WORKER');
    expect((await cityHr.get(`/v1/accounts/${w.id}`)).body).toMatchObject({ status: 'enabled', org: G1 });
  });

  it('disabling ends its sessions and sign-ins at once, once (a retry with the same key is answered the same)', async () => {
    const district = await h.client('hr', 'qth/taoshan');
    expect(
      (await district.post(`/v1/accounts/${officer.username}/disable`, { reason: '离开人事岗位' })).status,
    ).toBe(403);
    expect((await cityHr.post(`/v1/accounts/${officer.username}/disable`, {})).status).toBe(400);
    const key = `disable-${officer.username}`;
    const disabled = await cityHr.post(
      `/v1/accounts/${officer.username}/disable`,
      { reason: '离开人事岗位' },
      { headers: { 'idempotency-key': key } },
    );
    expect(disabled.status, disabled.text).toBe(200);
    expect(disabled.body).toMatchObject({ status: 'disabled', disabledReason: '离开人事岗位', org: C2 });
    const retried = await cityHr.post(
      `/v1/accounts/${officer.username}/disable`,
      { reason: '离开人事岗位' },
      { headers: { 'idempotency-key': key } },
    );
    expect(retried.status).toBe(200);
    expect(retried.body.updatedAt).toBe(disabled.body.updatedAt);
    const again = await cityHr.post(`/v1/accounts/${officer.username}/disable`, { reason: '再次' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ACCOUNT_ALREADY_DISABLED');

    const refused = await h.as(officerToken).get(`/v1/org-units/${orgPath(C2)}`);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('ACCOUNT_DISABLED');
    expect((await signIn('hongqi.hr@example.cn')).body.error.code).toBe('ACCOUNT_DISABLED');
    const audit = await cityHr.get(`/v1/audit?entity=${encodeURIComponent(`account:${officer.username}`)}`);
    const disables = audit.body.items.filter((i: any) => i.action === 'account.disabled');
    expect(disables).toHaveLength(1);
    expect(disables[0].after).toMatchObject({ status: 'disabled', reason: '离开人事岗位' });
  });
});

describe('sign-in accounts in Cognito (aws-sdk-client-mock) and with an external OIDC provider', () => {
  const cognito = new CognitoIdentityProviderClient({
    region: 'cn-north-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const mock = mockClient(cognito);
  afterAll(() => mock.restore());

  function appWith(accounts: Dependencies['accounts']) {
    const deps: Dependencies = { ...h.deps, ...(accounts ? { accounts } : {}) };
    const app = createLocalApp(deps, 'integration-test-secret-0123456789', {
      onContractViolation: h.onContractViolation,
    });
    return { deps, app };
  }
  const call = async (
    app: ReturnType<typeof appWith>['app'],
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ) => {
    const res = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('creates the user with its group, custom:org, custom:workerId and an e-mail invitation', async () => {
    mock.reset();
    mock.on(AdminCreateUserCommand).resolves({});
    mock.on(AdminAddUserToGroupCommand).resolves({});
    const { app } = appWith(cognitoAccountDirectory(cognito, 'cn-north-1_pool'));
    const token = await h.token('hr', 'qth');
    const w = await seedWorker(h, { name: '周磊', org: G1 });
    const created = await call(app, 'POST', `/v1/workers/${w.id}/account`, token, {
      email: 'zhoulei@example.cn',
      phone: '+8613800000002',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ directory: 'cognito', pending: null, status: 'enabled' });
    const [create] = mock.commandCalls(AdminCreateUserCommand);
    expect(create!.args[0].input).toEqual({
      UserPoolId: 'cn-north-1_pool',
      Username: w.id,
      UserAttributes: [
        { Name: 'email', Value: 'zhoulei@example.cn' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: '周磊' },
        { Name: 'phone_number', Value: '+8613800000002' },
        { Name: 'custom:org', Value: G1 },
        { Name: 'custom:workerId', Value: w.id },
      ],
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(mock.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'cn-north-1_pool',
      Username: w.id,
      GroupName: 'worker',
    });
  });

  it('a failed AdminCreateUser stays pending and the retry job finishes it (UsernameExists is success)', async () => {
    mock.reset();
    mock.on(AdminCreateUserCommand).rejects(new Error('Rate exceeded'));
    const { app, deps } = appWith(cognitoAccountDirectory(cognito, 'cn-north-1_pool'));
    const token = await h.token('hr', 'qth');
    const created = await call(app, 'POST', '/v1/accounts', token, {
      org: 'qth/taoshan',
      name: '公安局 刘警官',
      email: 'liu@example.cn',
      department: 'public-security',
    });
    expect(created.status).toBe(201);
    expect(created.body.pending).toMatchObject({ changes: ['create'], attempts: 1 });

    mock.reset();
    mock
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    mock.on(AdminAddUserToGroupCommand).resolves({});
    const result = await runAccountSyncJob(deps);
    expect(result).toMatchObject({ settled: 1, failed: 0 });
    expect(mock.commandCalls(AdminCreateUserCommand)[0]!.args[0].input.UserAttributes).toContainEqual({
      Name: 'custom:department',
      Value: 'public-security',
    });
    expect(mock.commandCalls(AdminAddUserToGroupCommand)[0]!.args[0].input.GroupName).toBe('hr');
    const after = await call(app, 'GET', `/v1/accounts/${created.body.username}`, token);
    expect(after.body.pending).toBeNull();
  });

  it('a move updates custom:org; an exit whose disable fails is retried until Cognito has it', async () => {
    mock.reset();
    mock.on(AdminCreateUserCommand).resolves({});
    mock.on(AdminAddUserToGroupCommand).resolves({});
    mock.on(AdminUpdateUserAttributesCommand).resolves({});
    mock.on(AdminDisableUserCommand).rejects(new Error('Service unavailable'));
    const { app, deps } = appWith(cognitoAccountDirectory(cognito, 'cn-north-1_pool'));
    const token = await h.token('hr', 'qth');
    const w = await seedWorker(h, { name: '吴静', org: G1 });
    expect(
      (await call(app, 'POST', `/v1/workers/${w.id}/account`, token, { email: 'wujing@example.cn' })).status,
    ).toBe(201);
    const moved = await call(app, 'POST', `/v1/workers/${w.id}/moves`, token, { org: C2, reason: '轮岗' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(mock.commandCalls(AdminUpdateUserAttributesCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'cn-north-1_pool',
      Username: w.id,
      UserAttributes: [{ Name: 'custom:org', Value: C2 }],
    });

    const exited = await call(app, 'POST', `/v1/workers/${w.id}/exits`, token, {
      situation: 6,
      effectiveOn: '2026-03-01',
      evidence: '退休',
    });
    expect(exited.status).toBe(201);
    const pending = await call(app, 'GET', `/v1/workers/${w.id}/account`, token);
    expect(pending.body).toMatchObject({ status: 'disabled', pending: { changes: ['disable'] } });
    expect(pending.body.pending.attempts).toBeGreaterThanOrEqual(1);

    mock.on(AdminDisableUserCommand).resolves({});
    mock.on(AdminUserGlobalSignOutCommand).resolves({});
    expect(await runAccountSyncJob(deps)).toMatchObject({ settled: 1, failed: 0 });
    expect(mock.commandCalls(AdminUserGlobalSignOutCommand)[0]!.args[0].input).toEqual({
      UserPoolId: 'cn-north-1_pool',
      Username: w.id,
    });
    const settled = await call(app, 'GET', `/v1/workers/${w.id}/account`, token);
    expect(settled.body).toMatchObject({ status: 'disabled', pending: null });
    // Nothing left to retry.
    expect(await runAccountSyncJob(deps)).toMatchObject({ pending: 0 });
  });

  it("an HR account's move updates custom:org (and department); disabling calls AdminDisableUser and signs it out", async () => {
    mock.reset();
    mock.on(AdminCreateUserCommand).resolves({});
    mock.on(AdminAddUserToGroupCommand).resolves({});
    mock.on(AdminUpdateUserAttributesCommand).resolves({});
    mock.on(AdminDisableUserCommand).resolves({});
    mock.on(AdminUserGlobalSignOutCommand).resolves({});
    const { app } = appWith(cognitoAccountDirectory(cognito, 'cn-north-1_pool'));
    const token = await h.token('hr', 'qth');
    const created = await call(app, 'POST', '/v1/accounts', token, {
      org: C1,
      name: '民政局 陈干事',
      email: 'chen@example.cn',
      department: 'civil-affairs',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const username = created.body.username as string;
    const moved = await call(app, 'POST', `/v1/accounts/${username}/moves`, token, {
      org: C2,
      reason: '调任',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ directory: 'cognito', org: C2, pending: null });
    expect(mock.commandCalls(AdminUpdateUserAttributesCommand).map((c) => c.args[0].input)).toEqual([
      {
        UserPoolId: 'cn-north-1_pool',
        Username: username,
        UserAttributes: [
          { Name: 'custom:org', Value: C2 },
          { Name: 'custom:department', Value: 'civil-affairs' },
        ],
      },
    ]);
    const disabled = await call(app, 'POST', `/v1/accounts/${username}/disable`, token, { reason: '退休' });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);
    expect(disabled.body).toMatchObject({ status: 'disabled', pending: null });
    expect(mock.commandCalls(AdminDisableUserCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: 'cn-north-1_pool', Username: username },
    ]);
    expect(mock.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(1);

    // Back in the post: AdminEnableUser, once.
    const enabled = await call(app, 'POST', `/v1/accounts/${username}/enable`, token, { reason: '复职' });
    expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
    expect(enabled.body).toMatchObject({ status: 'enabled', disabledReason: null, pending: null });
    expect(mock.commandCalls(AdminEnableUserCommand).map((c) => c.args[0].input)).toEqual([
      { UserPoolId: 'cn-north-1_pool', Username: username },
    ]);
  });

  it('a disable Cognito has not taken yet is dropped by an enable: only AdminEnableUser is sent', async () => {
    mock.reset();
    mock.on(AdminCreateUserCommand).resolves({});
    mock.on(AdminAddUserToGroupCommand).resolves({});
    mock.on(AdminDisableUserCommand).rejects(new Error('Service unavailable'));
    mock.on(AdminEnableUserCommand).resolves({});
    const { app, deps } = appWith(cognitoAccountDirectory(cognito, 'cn-north-1_pool'));
    const token = await h.token('hr', 'qth');
    const created = await call(app, 'POST', '/v1/accounts', token, {
      org: C2,
      name: '桃西社区 何专干',
      email: 'he@example.cn',
    });
    const username = created.body.username as string;
    const disabled = await call(app, 'POST', `/v1/accounts/${username}/disable`, token, { reason: '借调' });
    expect(disabled.body).toMatchObject({ status: 'disabled', pending: { changes: ['disable'] } });
    const enabled = await call(app, 'POST', `/v1/accounts/${username}/enable`, token, { reason: '借调取消' });
    expect(enabled.status, JSON.stringify(enabled.body)).toBe(200);
    expect(enabled.body).toMatchObject({ status: 'enabled', pending: null });
    expect(mock.commandCalls(AdminEnableUserCommand)).toHaveLength(1);
    expect(mock.commandCalls(AdminDisableUserCommand)).toHaveLength(1);
    expect(await runAccountSyncJob(deps)).toMatchObject({ pending: 0 });
  });

  it('OIDC mode: every account route says accounts live in the identity provider', async () => {
    const { app } = appWith(externalAccountDirectory);
    const token = await h.token('hr', 'qth');
    const w = await seedWorker(h, { name: '郑红', org: G1 });
    for (const [method, path, body] of [
      ['POST', `/v1/workers/${w.id}/account`, { email: 'zh@example.cn' }],
      ['GET', `/v1/workers/${w.id}/account`, undefined],
      ['POST', '/v1/accounts', { org: 'qth', name: 'x', email: 'zz@example.cn' }],
      ['POST', '/v1/accounts/hr_x/disable', { reason: '离岗' }],
      ['POST', '/v1/accounts/hr_x/enable', { reason: '复职' }],
      ['GET', '/v1/accounts', undefined],
    ] as const) {
      const res = await call(app, method, path, token, body);
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'ACCOUNTS_IN_IDENTITY_PROVIDER',
        message: '登录账号由统一身份认证平台管理，请在该平台开通或停用',
      });
    }
  });
});
