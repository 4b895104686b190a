import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { homeFor } from '../auth/session.ts';
import { authStore } from '../auth/store.ts';
import { Loading, Notice } from '../shell/Notice.tsx';

/** /auth/callback: the OIDC provider sends the user back here with the authorization code. */
export default function OidcCallbackPage() {
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('../auth/oidc.ts')
      .then((oidc) => oidc.completeSignIn())
      .then(({ session, next }) => {
        authStore.signIn(session);
        navigate(next.startsWith('/') && next !== '/' ? next : homeFor(session.role), { replace: true });
      })
      .catch(() => setFailed(true));
  }, [navigate]);
  return failed ? (
    <Notice
      title="登录未完成"
      message="统一身份认证未能完成登录，请重试。"
      action={{ to: '/login', label: '重新登录' }}
    />
  ) : (
    <Loading />
  );
}
