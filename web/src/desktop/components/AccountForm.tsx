import { Button, Form, type FormInstance, Input } from 'antd';
import type { ReactNode } from 'react';
import { applyServerErrors, renamePaths } from './formErrors.ts';

/** What every account form asks: the sign-in e-mail and, optionally, an 11-digit mainland mobile. */
export interface AccountContactValues {
  email: string;
  mobile?: string;
}

/** The contact part of an account request: the e-mail trimmed, the mobile as E.164 (+86…) when given. */
export function accountContact(values: AccountContactValues): { email: string; phone?: string } {
  const mobile = values.mobile?.trim();
  return { email: values.email.trim(), ...(mobile ? { phone: `+86${mobile}` } : {}) };
}

/**
 * Puts an account request's refusal beside the form's fields (the API's `phone` is the form's
 * `mobile`; a taken e-mail beside 登录邮箱); returns what concerns no field, for an alert.
 */
export function applyAccountErrors(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  fieldOfCode: Readonly<Record<string, string>> = {},
) {
  return applyServerErrors(form, renamePaths(error, { phone: 'mobile' }), [...fields, 'email', 'mobile'], {
    ACCOUNT_EMAIL_TAKEN: 'email',
    ...fieldOfCode,
  });
}

/**
 * The one form that opens a sign-in account (an HR officer's on 账号, a worker's or mentor's on the
 * worker's 登录账号): the fields of its kind around the shared 登录邮箱 and 手机号, and 开通账号.
 */
export function AccountForm<T extends AccountContactValues>({
  form,
  before,
  after,
  initialValues,
  submitting,
  onSubmit,
  style,
}: {
  form: FormInstance<T>;
  /** Fields asked before the e-mail (unit and name, or the account's role). */
  before?: ReactNode;
  /** Fields asked after the mobile (the joint-review department). */
  after?: ReactNode;
  initialValues?: Partial<T>;
  submitting: boolean;
  onSubmit: (values: T) => void;
  style?: React.CSSProperties;
}) {
  return (
    <Form<T> form={form} layout="vertical" initialValues={initialValues} onFinish={onSubmit} style={style}>
      {before}
      <Form.Item
        name="email"
        label="登录邮箱"
        rules={[
          { required: true, message: '请填写登录邮箱' },
          { type: 'email', message: '邮箱格式不正确' },
        ]}
      >
        <Input maxLength={254} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="mobile"
        label="手机号（选填）"
        rules={[{ pattern: /^1\d{10}$/, message: '请填写 11 位手机号' }]}
      >
        <Input addonBefore="+86" maxLength={11} />
      </Form.Item>
      {after}
      <Button type="primary" htmlType="submit" loading={submitting}>
        开通账号
      </Button>
    </Form>
  );
}
