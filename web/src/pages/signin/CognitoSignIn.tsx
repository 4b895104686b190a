import { Button, Form, Input } from 'antd-mobile';
import { useState } from 'react';
import type { Session } from '../../auth/session.ts';
import {
  cognitoMessage,
  confirmNewPassword,
  forgotPassword,
  type SignInResult,
  signIn,
} from '../../auth/cognito.ts';

type Step =
  | { kind: 'password' }
  | { kind: 'new-password'; complete: Extract<SignInResult, { kind: 'new-password-required' }>['complete'] }
  | { kind: 'forgot' }
  | { kind: 'reset'; email: string };

/** E-mail and password (SRP), the first-sign-in new password, and forgot password. */
export default function CognitoSignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
    } catch (error) {
      setMessage(cognitoMessage(error));
    } finally {
      setBusy(false);
    }
  };
  const submitButton = (text: string) => (
    <Button block type="submit" color="primary" size="large" loading={busy}>
      {text}
    </Button>
  );

  return (
    <section>
      {message ? (
        <div className="error-text" role="alert">
          {message}
        </div>
      ) : null}
      {step.kind === 'password' ? (
        <Form
          layout="vertical"
          footer={submitButton('登录')}
          onFinish={(v: { email: string; password: string }) =>
            run(async () => {
              const result = await signIn(v.email.trim(), v.password);
              if (result.kind === 'signed-in') onSignedIn(result.session);
              else setStep({ kind: 'new-password', complete: result.complete });
            })
          }
        >
          <Form.Item name="email" label="邮箱" rules={[{ required: true, message: '请输入邮箱' }]}>
            <Input type="email" autoComplete="username" placeholder="name@example.com" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input type="password" autoComplete="current-password" />
          </Form.Item>
          <Button fill="none" color="primary" onClick={() => setStep({ kind: 'forgot' })}>
            忘记密码
          </Button>
        </Form>
      ) : null}
      {step.kind === 'new-password' ? (
        <Form
          layout="vertical"
          footer={submitButton('设置新密码并登录')}
          onFinish={(v: { password: string }) => run(async () => onSignedIn(await step.complete(v.password)))}
        >
          <p className="signin-hint">首次登录，请设置新密码。</p>
          <Form.Item name="password" label="新密码" rules={[{ required: true, message: '请输入新密码' }]}>
            <Input type="password" autoComplete="new-password" />
          </Form.Item>
        </Form>
      ) : null}
      {step.kind === 'forgot' ? (
        <Form
          layout="vertical"
          footer={submitButton('发送验证码')}
          onFinish={(v: { email: string }) =>
            run(async () => {
              await forgotPassword(v.email.trim());
              setStep({ kind: 'reset', email: v.email.trim() });
            })
          }
        >
          <Form.Item name="email" label="邮箱" rules={[{ required: true, message: '请输入邮箱' }]}>
            <Input type="email" autoComplete="username" />
          </Form.Item>
          <Button fill="none" onClick={() => setStep({ kind: 'password' })}>
            返回登录
          </Button>
        </Form>
      ) : null}
      {step.kind === 'reset' ? (
        <Form
          layout="vertical"
          footer={submitButton('重设密码')}
          onFinish={(v: { code: string; password: string }) =>
            run(async () => {
              await confirmNewPassword(step.email, v.code.trim(), v.password);
              setStep({ kind: 'password' });
              setMessage('密码已重设，请用新密码登录');
            })
          }
        >
          <p className="signin-hint">验证码已发送至 {step.email}。</p>
          <Form.Item name="code" label="验证码" rules={[{ required: true, message: '请输入验证码' }]}>
            <Input inputMode="numeric" autoComplete="one-time-code" />
          </Form.Item>
          <Form.Item name="password" label="新密码" rules={[{ required: true, message: '请输入新密码' }]}>
            <Input type="password" autoComplete="new-password" />
          </Form.Item>
        </Form>
      ) : null}
    </section>
  );
}
