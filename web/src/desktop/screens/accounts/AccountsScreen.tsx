import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { ApiError, type ErrorDescription } from '../../../api/errors.ts';
import { useSession } from '../../../auth/auth.tsx';
import { type Account, AccountDetails } from '../../components/AccountDetails.tsx';
import {
  AccountForm,
  type AccountContactValues,
  accountContact,
  applyAccountErrors,
} from '../../components/AccountForm.tsx';
import { useOrgUnit } from '../../components/orgUnits.ts';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { DEPARTMENT_LABELS } from '../recruitments/labels.ts';
import { HrAccountList } from './HrAccountList.tsx';

interface HrAccountValues extends AccountContactValues {
  org: string;
  name: string;
  department?: string;
}

/**
 * 账号: the HR officers' sign-in accounts of the caller's subtree (city-level HR disables, enables
 * and moves them), opening one (city-level HR, for a unit of the city, with the joint-review
 * department it decides for) and any account's state by user name. Workers' and
 * mentors' accounts are opened on the worker's page (登录账号).
 */
export default function AccountsScreen() {
  const session = useSession()!;
  const unit = useOrgUnit(session.org);
  return (
    <>
      <PageHeader
        title="账号"
        crumbs={[{ title: '账号' }]}
        subtitle="人事干部登录账号的开通、停用、启用和调整单位；社区工作者和导师的账号在人员详情的“登录账号”中开通"
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <HrAccountList manages={unit.data?.level === 'city'} />
        {unit.data && unit.data.level !== 'city' ? (
          <Alert type="info" showIcon message="开通人事干部账号仅限市级人事干部操作" />
        ) : (
          <CreateHrAccount />
        )}
        <LookUpAccount />
      </Space>
    </>
  );
}

function CreateHrAccount() {
  const [form] = Form.useForm<HrAccountValues>();
  const client = useQueryClient();
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  const [created, setCreated] = useState<Account | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const policy = useQuery({
    queryKey: ['policy', 'recruitment', 'current'],
    queryFn: () => data(api.GET('/v1/policies/{kind}', { params: { path: { kind: 'recruitment' } } })),
  });
  const departments =
    (policy.data?.document as { jointReviewDepartments?: string[] } | undefined)?.jointReviewDepartments ??
    Object.keys(DEPARTMENT_LABELS);
  const create = useMutation({
    mutationFn: (v: HrAccountValues) =>
      data(
        api.POST('/v1/accounts', {
          params: { header: { 'idempotency-key': key } },
          body: {
            org: v.org,
            name: v.name.trim(),
            ...accountContact(v),
            ...(v.department ? { department: v.department } : {}),
          },
        }),
      ),
    onSuccess: (account) => {
      setCreated(account);
      setProblem(null);
      form.resetFields();
      setKey(crypto.randomUUID());
      void client.invalidateQueries({ queryKey: ['accounts'] });
    },
    onError: (e) =>
      setProblem(applyAccountErrors(form, e, ['org', 'name', 'department'], { UNKNOWN_ORG_UNIT: 'org' })),
  });
  return (
    <Card size="small" title="开通人事干部账号">
      <AccountForm<HrAccountValues>
        form={form}
        style={{ maxWidth: 560 }}
        submitting={create.isPending}
        onSubmit={(v) => {
          setCreated(null);
          setProblem(null);
          create.mutate(v);
        }}
        before={
          <>
            <Form.Item name="org" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
              <OrgUnitTreeSelect aria-label="所属单位" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item
              name="name"
              label="姓名"
              rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </>
        }
        after={
          <Form.Item name="department" label="联审部门（选填）" extra="该干部在招聘联审中代表的部门">
            <Select
              allowClear
              aria-label="联审部门"
              placeholder="不代表任何部门"
              options={departments.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] ?? d }))}
            />
          </Form.Item>
        }
      />
      {problem ? <ErrorAlert error={problem} style={{ marginTop: 16 }} /> : null}
      {created ? (
        <div style={{ marginTop: 16 }}>
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            message={`已为 ${created.name} 开通账号，用户名 ${created.username}`}
          />
          <AccountDetails account={created} />
        </div>
      ) : null}
    </Card>
  );
}

function LookUpAccount() {
  const [username, setUsername] = useState('');
  const account = useQuery({
    queryKey: ['account', username],
    enabled: username !== '',
    retry: false,
    queryFn: () => data(api.GET('/v1/accounts/{username}', { params: { path: { username } } })),
  });
  return (
    <Card size="small" title="查询账号">
      <Input.Search
        aria-label="用户名"
        placeholder="用户名（人事干部 hr_…，社区工作者为人员编号）"
        enterButton="查询"
        style={{ maxWidth: 480 }}
        onSearch={(v) => setUsername(v.trim())}
      />
      <div style={{ marginTop: 16 }}>
        {account.isError ? (
          account.error instanceof ApiError && account.error.status === 404 ? (
            <Alert type="info" showIcon message={`没有用户名为 ${username} 的账号（或不在您的管辖范围内）`} />
          ) : (
            <ErrorAlert error={account.error} onRetry={() => void account.refetch()} />
          )
        ) : account.data ? (
          <AccountDetails account={account.data} />
        ) : null}
      </div>
    </Card>
  );
}
