import { useQuery } from '@tanstack/react-query';
import { NoticeBar } from 'antd-mobile';
import { lazy, Suspense, useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../auth/auth.tsx';
import { loadConfig } from '../auth/config.ts';
import { homeFor, mayOpen, type Session } from '../auth/session.ts';
import { authStore } from '../auth/store.ts';
import { Loading } from '../shell/Notice.tsx';

const LocalSignIn = lazy(() => import('./signin/LocalSignIn.tsx'));
const CognitoSignIn = lazy(() => import('./signin/CognitoSignIn.tsx'));
const OidcSignIn = lazy(() => import('./signin/OidcSignIn.tsx'));

/** 登录: the form for the identity mode config.json names (local, Cognito or OIDC). */
export default function SignInPage() {
  const config = useQuery({ queryKey: ['config'], queryFn: loadConfig, staleTime: Number.POSITIVE_INFINITY });
  const session = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = params.get('next');
  const notice = authStore.notice();

  useEffect(() => {
    // After someone else signed out, `next` may be their page: another role goes to its own home.
    if (session)
      navigate(next?.startsWith('/') && mayOpen(session.role, next) ? next : homeFor(session.role), {
        replace: true,
      });
  }, [session, next, navigate]);

  const onSignedIn = (s: Session) => authStore.signIn(s);
  const mode = config.data?.auth.mode;
  return (
    <main className="signin">
      <h1 className="signin-title">社区工作者管理系统</h1>
      {notice ? (
        <div role="alert">
          <NoticeBar content={notice} color="alert" wrap />
        </div>
      ) : null}
      <Suspense fallback={<Loading />}>
        {!config.data ? <Loading /> : null}
        {mode === 'local' ? <LocalSignIn onSignedIn={onSignedIn} /> : null}
        {mode === 'cognito' ? <CognitoSignIn onSignedIn={onSignedIn} /> : null}
        {mode === 'oidc' ? <OidcSignIn next={next ?? '/'} /> : null}
      </Suspense>
    </main>
  );
}
