import { Button } from 'antd-mobile';
import { useState } from 'react';

/** OIDC (e.g. AWS China): the provider's own page does the sign-in (code + PKCE). */
export default function OidcSignIn({ next }: { next: string }) {
  const [failed, setFailed] = useState(false);
  return (
    <section>
      <p className="signin-hint">请使用单位统一身份认证账号登录。</p>
      {failed ? (
        <div className="error-text" role="alert">
          无法连接统一身份认证服务，请稍后重试
        </div>
      ) : null}
      <div className="signin-actions">
        <Button
          block
          color="primary"
          size="large"
          onClick={() =>
            import('../../auth/oidc.ts')
              .then((oidc) => oidc.signInRedirect(next))
              .catch(() => setFailed(true))
          }
        >
          统一身份认证登录
        </Button>
      </div>
    </section>
  );
}
