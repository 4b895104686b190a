import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireRole, useSession } from './auth/auth.tsx';
import { homeFor } from './auth/session.ts';
import { Loading, Notice } from './shell/Notice.tsx';

/**
 * Top-level routes. Phone (antd-mobile: workers, mentors) and desktop (antd: HR) are separate lazy
 * chunks, and the guard decides before a chunk loads, so the HR console's code never reaches a phone.
 */
const SignInPage = lazy(() => import('./pages/SignInPage.tsx'));
const OidcCallbackPage = lazy(() => import('./pages/OidcCallbackPage.tsx'));
const PhoneApp = lazy(() => import('./phone/PhoneApp.tsx'));
const DesktopApp = lazy(() => import('./desktop/DesktopApp.tsx'));

export const Forbidden = () => (
  <Notice title="无权访问" message="您的账号没有访问此页面的权限。" action={{ to: '/', label: '返回首页' }} />
);

function Home() {
  const session = useSession();
  return <Navigate to={session ? homeFor(session.role) : '/login'} replace />;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/login" element={<SignInPage />} />
        <Route path="/auth/callback" element={<OidcCallbackPage />} />
        <Route
          path="/me/*"
          element={
            <RequireRole roles={['worker', 'mentor']} forbidden={<Forbidden />}>
              <PhoneApp section="me" />
            </RequireRole>
          }
        />
        <Route
          path="/mentor/*"
          element={
            <RequireRole roles={['mentor']} forbidden={<Forbidden />}>
              <PhoneApp section="mentor" />
            </RequireRole>
          }
        />
        <Route
          path="/hr/*"
          element={
            <RequireRole roles={['hr']} forbidden={<Forbidden />}>
              <DesktopApp />
            </RequireRole>
          }
        />
        <Route
          path="*"
          element={
            <Notice
              title="页面不存在"
              message="您访问的地址不存在。"
              action={{ to: '/', label: '返回首页' }}
            />
          }
        />
      </Routes>
    </Suspense>
  );
}
