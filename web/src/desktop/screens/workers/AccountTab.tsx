import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Radio, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { ApiError, type ErrorDescription } from '../../../api/errors.ts';
import type { components } from '../../../api/schema.ts';
import { AccountDetails } from '../../components/AccountDetails.tsx';
import {
  AccountForm,
  type AccountContactValues,
  accountContact,
  applyAccountErrors,
} from '../../components/AccountForm.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';

type Worker = components['schemas']['Worker'];

interface AccountValues extends AccountContactValues {
  role: 'worker' | 'mentor';
}

/** 登录账号: the worker's sign-in account and its state, or the form that opens one. */
export function AccountTab({ worker }: { worker: Worker }) {
  const account = useQuery({
    queryKey: ['worker-account', worker.id],
    queryFn: () => data(api.GET('/v1/workers/{id}/account', { params: { path: { id: worker.id } } })),
    retry: false,
  });
  if (account.isPending) return <Skeleton active />;
  if (account.isError) {
    const e = account.error;
    if (e instanceof ApiError && e.code === 'ACCOUNTS_IN_IDENTITY_PROVIDER')
      return <Alert type="info" showIcon message="登录账号由统一身份认证平台管理，请在该平台开通或停用" />;
    if (!(e instanceof ApiError && e.status === 404))
      return <ErrorAlert error={e} onRetry={() => void account.refetch()} />;
    return worker.status === 'active' ? (
      <CreateAccountForm worker={worker} />
    ) : (
      <Alert type="info" showIcon message="该人员没有登录账号（已离职，不能再开通）" />
    );
  }
  return <AccountDetails account={account.data} />;
}

function CreateAccountForm({ worker }: { worker: Worker }) {
  const [form] = Form.useForm<AccountValues>();
  const client = useQueryClient();
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const create = useMutation({
    mutationFn: (v: AccountValues) =>
      data(
        api.POST('/v1/workers/{id}/account', {
          params: { path: { id: worker.id }, header: { 'idempotency-key': key } },
          body: { role: v.role, ...accountContact(v) },
        }),
      ),
    onSuccess: (created) => client.setQueryData(['worker-account', worker.id], created),
    onError: (e) => setProblem(applyAccountErrors(form, e, ['role'], { NOT_A_MENTOR: 'role' })),
  });
  return (
    <Space direction="vertical" size={12} style={{ width: '100%', maxWidth: 520 }}>
      <Alert
        type="info"
        showIcon
        message="尚未开通登录账号"
        description="开通后以邮箱登录；离职时自动停用，调动时单位随之变更。"
      />
      {problem ? <ErrorAlert error={problem} /> : null}
      <AccountForm<AccountValues>
        form={form}
        initialValues={{ role: 'worker' }}
        submitting={create.isPending}
        onSubmit={(v) => {
          setProblem(null);
          create.mutate(v);
        }}
        before={
          <Form.Item name="role" label="账号角色">
            <Radio.Group
              options={[
                { value: 'worker', label: '社区工作者' },
                { value: 'mentor', label: '带教导师（须已认定为导师）' },
              ]}
            />
          </Form.Item>
        }
      />
    </Space>
  );
}
