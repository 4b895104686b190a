import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import type { ErrorDescription } from '../../../api/errors.ts';
import type { Account } from '../../components/AccountDetails.tsx';
import { applyServerErrors, whenValid } from '../../components/formErrors.ts';
import { OrgName } from '../../components/OrgName.tsx';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';

export type AccountAction = 'disable' | 'enable' | 'move';

interface ActionValues {
  org?: string;
  reason: string;
}

const TEXT: Record<AccountAction, { title: string; ok: string; done: string; reason: string; note: string }> =
  {
    disable: {
      title: '停用账号',
      ok: '确认停用',
      done: '的账号已停用',
      reason: '停用原因',
      note: '停用后该干部立即不能登录，已登录的会话随即失效。',
    },
    enable: {
      title: '启用账号',
      ok: '确认启用',
      done: '的账号已启用',
      reason: '启用原因',
      note: '启用后该干部可再次以登录邮箱登录，管辖范围仍为所在单位。',
    },
    move: {
      title: '调整单位',
      ok: '确认调整',
      done: '的账号已调整单位',
      reason: '调整原因',
      note: '调整后该干部的管辖范围立即变为新单位及其下级，联审部门不变。',
    },
  };

/**
 * 停用 / 启用 / 调整单位 of an HR officer's account, confirmed in a dialog with the reason the audit
 * trail keeps. The server's refusals go beside the field they concern (the same unit beside 新单位,
 * a reason it refused beside the reason), the rest above the form.
 */
export function AccountActionDialog({
  account,
  action,
  onClose,
  onDone,
}: {
  account: Account;
  action: AccountAction;
  onClose: () => void;
  onDone: (account: Account, text: string) => void;
}) {
  const [form] = Form.useForm<ActionValues>();
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const text = TEXT[action];
  const run = useMutation({
    mutationFn: (v: ActionValues) => {
      const params = { path: { username: account.username }, header: { 'idempotency-key': key } };
      const reason = v.reason.trim();
      if (action === 'move')
        return data(api.POST('/v1/accounts/{username}/moves', { params, body: { org: v.org!, reason } }));
      if (action === 'enable')
        return data(api.POST('/v1/accounts/{username}/enable', { params, body: { reason } }));
      return data(api.POST('/v1/accounts/{username}/disable', { params, body: { reason } }));
    },
    onSuccess: (done) => onDone(done, text.done),
    onError: (e) =>
      setProblem(
        applyServerErrors(form, e, action === 'move' ? ['org', 'reason'] : ['reason'], {
          ALREADY_IN_UNIT: 'org',
          UNKNOWN_ORG_UNIT: 'org',
        }),
      ),
  });
  return (
    <Modal
      open
      title={`${text.title}：${account.name}`}
      okText={text.ok}
      cancelText="取消"
      okButtonProps={action === 'disable' ? { danger: true } : {}}
      confirmLoading={run.isPending}
      onCancel={onClose}
      onOk={() => {
        setProblem(null);
        whenValid(form, (v) => run.mutate(v));
      }}
    >
      <Alert type={action === 'disable' ? 'warning' : 'info'} showIcon message={text.note} />
      <p style={{ margin: '12px 0' }}>
        用户名 {account.username}，现所在单位 <OrgName id={account.org} />
      </p>
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<ActionValues> form={form} layout="vertical">
        {action === 'move' ? (
          <Form.Item name="org" label="新单位" rules={[{ required: true, message: '请选择新单位' }]}>
            <OrgUnitTreeSelect aria-label="新单位" style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={text.reason}
          rules={[{ required: true, whitespace: true, message: `请填写${text.reason}` }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
