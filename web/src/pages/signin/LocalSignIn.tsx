import { useQueries, useQuery } from '@tanstack/react-query';
import { Button, Form, Input, List, Radio, SearchBar, Selector, Tabs, Tag } from 'antd-mobile';
import createClient from 'openapi-fetch';
import { useMemo, useState } from 'react';
import type { paths } from '../../api/schema.ts';
import type { Role, Session } from '../../auth/session.ts';
import { sessionFromToken } from '../../auth/session.ts';
import { label } from '../../lib/labels.ts';
import { ErrorText } from '../../phone/ErrorView.tsx';
import { ApiError } from '../../api/errors.ts';
import { ActionRow } from '../../phone/ActionRow.tsx';

/**
 * 本地体验登录 (local mode only: /local/token exists only there). To list org units and workers it
 * mints a city-level HR token for browsing, then asks for the chosen role's token.
 */
async function localToken(body: { role: Role; org: string; workerId?: string }): Promise<string> {
  const res = await fetch('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { token?: string; error?: { code: string; message: string } };
  if (!res.ok || !json.token) {
    throw new ApiError(
      res.status,
      json.error?.code ?? 'BAD_REQUEST',
      json.error?.message ?? '',
      null,
      res.headers.get('x-request-id'),
    );
  }
  return json.token;
}

/** Signs in with a recorded account (POST /local/sign-in): an e-mail, else its user name. */
async function accountToken(login: string): Promise<string> {
  const res = await fetch('/local/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(login.includes('@') ? { email: login } : { username: login }),
  });
  const json = (await res.json().catch(() => ({}))) as {
    token?: string;
    error?: { code: string; message: string };
  };
  if (!res.ok || !json.token) {
    throw new ApiError(
      res.status,
      json.error?.code ?? 'BAD_REQUEST',
      json.error?.message ?? '',
      null,
      res.headers.get('x-request-id'),
    );
  }
  return json.token;
}

/** 账号登录: the accounts HR opened (local mode keeps no passwords: the e-mail or user name is enough). */
function AccountSignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [login, setLogin] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(sessionFromToken(await accountToken(login.trim()), 'local'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form
      layout="vertical"
      onFinish={submit}
      footer={
        <>
          {error ? <ErrorText error={error} /> : null}
          <Button block type="submit" color="primary" size="large" loading={busy} disabled={!login.trim()}>
            登录
          </Button>
        </>
      }
    >
      <Form.Item label="邮箱或用户名" help="人事部门开通账号时登记的邮箱，或账号的用户名（人员编号）">
        <Input
          aria-label="邮箱或用户名"
          placeholder="例如 limei@example.cn"
          autoComplete="username"
          value={login}
          onChange={setLogin}
        />
      </Form.Item>
    </Form>
  );
}

function browsingClient(city: string) {
  const client = createClient<paths, 'application/json'>({ baseUrl: location.origin });
  client.use({
    async onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${await localToken({ role: 'hr', org: city })}`);
      return request;
    },
    async onResponse({ response }) {
      if (!response.ok) {
        const body = (await response
          .clone()
          .json()
          .catch(() => null)) as { error?: { code: string; message: string } } | null;
        throw new ApiError(
          response.status,
          body?.error?.code ?? 'INTERNAL',
          body?.error?.message ?? '',
          null,
          response.headers.get('x-request-id'),
        );
      }
      return response;
    },
  });
  return client;
}

const roleOptions = (['worker', 'mentor', 'hr'] as const).map((value) => ({
  value,
  label: label('role', value),
}));

function DemoSignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [role, setRole] = useState<Role>('worker');
  const [city, setCity] = useState('qth');
  const [path, setPath] = useState<string[]>([]);
  const [workerId, setWorkerId] = useState<string>();
  const [search, setSearch] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const client = useMemo(() => browsingClient(city), [city]);
  const org = path.at(-1) ?? city;

  const unit = useQuery({
    queryKey: ['local-signin', 'unit', org],
    queryFn: async () => (await client.GET('/v1/org-units/{id}', { params: { path: { id: org } } })).data!,
    retry: false,
  });
  const children = useQuery({
    queryKey: ['local-signin', 'children', org],
    queryFn: async () =>
      (await client.GET('/v1/org-units/{id}/children', { params: { path: { id: org }, query: {} } })).data!,
    retry: false,
    enabled: unit.isSuccess,
  });
  const workers = useQuery({
    queryKey: ['local-signin', 'workers', org],
    queryFn: async () =>
      (await client.GET('/v1/workers', { params: { query: { org, status: 'active', limit: 200 } } })).data!,
    retry: false,
    enabled: role !== 'hr' && unit.isSuccess,
  });
  // Each worker's unit by name (the chosen unit and its children are loaded; deeper ones are asked).
  const known = new Map([
    ...(unit.data ? [[unit.data.id, unit.data.name] as const] : []),
    ...(children.data?.items ?? []).map((c) => [c.id, c.name] as const),
  ]);
  const deeper = [...new Set((workers.data?.items ?? []).map((w) => w.org))].filter((id) => !known.has(id));
  const deeperUnits = useQueries({
    queries: deeper.map((id) => ({
      queryKey: ['local-signin', 'unit', id],
      queryFn: async () => (await client.GET('/v1/org-units/{id}', { params: { path: { id } } })).data!,
      retry: false,
    })),
  });
  for (const u of deeperUnits) if (u.data) known.set(u.data.id, u.data.name);
  const matching = (workers.data?.items ?? []).filter(
    (w) => !search || w.name.includes(search) || w.id.includes(search),
  );

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const chosen = workers.data?.items.find((w) => w.id === workerId);
      const token = await localToken(
        role === 'hr' ? { role, org } : { role, org: chosen?.org ?? org, workerId: workerId ?? '' },
      );
      onSignedIn(sessionFromToken(token, 'local'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Form layout="vertical">
        <Form.Item label="角色">
          <Selector
            options={roleOptions}
            value={[role]}
            onChange={(v) => {
              if (v[0]) setRole(v[0]);
              setWorkerId(undefined);
            }}
          />
        </Form.Item>
        <Form.Item label="城市编码" help="组织单位从该城市开始选择">
          <Input
            aria-label="城市编码"
            value={city}
            onChange={(v) => {
              setCity(v.trim());
              setPath([]);
            }}
          />
        </Form.Item>
      </Form>
      <List header="组织单位">
        {unit.isError ? (
          <List.Item>
            <ErrorText error={unit.error} />
          </List.Item>
        ) : null}
        {unit.data ? (
          path.length ? (
            // The chosen unit: a tap goes back up to its parent.
            <ActionRow
              description={label('orgLevel', unit.data.level)}
              extra={<Tag color="primary">已选</Tag>}
              onClick={() => setPath(path.slice(0, -1))}
            >
              <span aria-hidden>← </span>
              {unit.data.name}
            </ActionRow>
          ) : (
            <List.Item
              description={label('orgLevel', unit.data.level)}
              extra={<Tag color="primary">已选</Tag>}
            >
              {unit.data.name}
            </List.Item>
          )
        ) : null}
        {(children.data?.items ?? []).map((child) => (
          <ActionRow
            key={child.id}
            description={label('orgLevel', child.level)}
            onClick={() => {
              setPath([...path, child.id]);
              setWorkerId(undefined);
            }}
          >
            {child.name}
          </ActionRow>
        ))}
      </List>
      {role !== 'hr' ? (
        <List header="人员">
          <List.Item>
            <SearchBar placeholder="按姓名搜索" value={search} onChange={setSearch} aria-label="搜索人员" />
          </List.Item>
          <Radio.Group value={workerId ?? null} onChange={(v) => setWorkerId(String(v))}>
            {matching.slice(0, 50).map((w) => (
              <List.Item key={w.id} description={`${known.get(w.org) ?? w.org} · ${label('post', w.post)}`}>
                <Radio value={w.id}>{w.name}</Radio>
              </List.Item>
            ))}
          </Radio.Group>
          {workers.isSuccess && matching.length === 0 ? <List.Item>该单位下没有在岗人员</List.Item> : null}
        </List>
      ) : null}
      {error ? <ErrorText error={error} /> : null}
      <div className="signin-actions">
        <Button
          block
          color="primary"
          size="large"
          loading={busy}
          disabled={!unit.isSuccess || (role !== 'hr' && !workerId)}
          onClick={submit}
        >
          登录
        </Button>
      </div>
    </>
  );
}

/** 本地体验登录: a demo identity picked from the org tree, or an account HR opened. */
export default function LocalSignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  return (
    <section aria-labelledby="local-signin-title">
      <h2 id="local-signin-title" className="signin-subtitle">
        本地体验登录 <Tag color="warning">仅限本地模式</Tag>
      </h2>
      <Tabs defaultActiveKey="demo">
        <Tabs.Tab title="演示身份" key="demo">
          <DemoSignIn onSignedIn={onSignedIn} />
        </Tabs.Tab>
        <Tabs.Tab title="账号登录" key="account">
          <AccountSignIn onSignedIn={onSignedIn} />
        </Tabs.Tab>
      </Tabs>
    </section>
  );
}
