import { reduceMotion, restoreMotion, TabBar } from 'antd-mobile';
import { lazy, Suspense, useEffect } from 'react';
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { RequireRole, useSession } from '../auth/auth.tsx';
import { Forbidden } from '../routes.tsx';
import { Loading } from '../shell/Notice.tsx';
import { REDUCED_MOTION, useMediaQuery } from '../shell/useMediaQuery.ts';
import './phone.css';

/** Phone pages (antd-mobile) for workers and mentors; every page is its own chunk. */
const MePage = lazy(() => import('./worker/MePage.tsx'));
const PayslipPage = lazy(() => import('./worker/PayslipPage.tsx'));
const CertificatesPage = lazy(() => import('./worker/CertificatesPage.tsx'));
const TrainingPage = lazy(() => import('./worker/TrainingPage.tsx'));
const EvaluationsPage = lazy(() => import('./worker/EvaluationsPage.tsx'));
const CoachingReceivedPage = lazy(() => import('./worker/CoachingReceivedPage.tsx'));
const MenteesPage = lazy(() => import('./mentor/MenteesPage.tsx'));
const LogSessionPage = lazy(() => import('./mentor/LogSessionPage.tsx'));
const SessionsGivenPage = lazy(() => import('./mentor/SessionsGivenPage.tsx'));

interface Tab {
  key: string;
  title: string;
}
const WORKER_TABS: Tab[] = [
  { key: '/me', title: '我的' },
  { key: '/me/pay', title: '工资条' },
  { key: '/me/training', title: '学时' },
  { key: '/me/evaluations', title: '考核' },
];
const MENTOR_TABS: Tab[] = [
  { key: '/mentor', title: '我的学员' },
  { key: '/mentor/log', title: '记录带教' },
  { key: '/mentor/sessions', title: '带教记录' },
  { key: '/me', title: '我的' },
];

const TITLES: Record<string, string> = {
  '/me': '我的',
  '/me/pay': '工资条',
  '/me/certificates': '证书',
  '/me/training': '学时',
  '/me/evaluations': '考核',
  '/me/coaching': '带教记录',
  '/mentor': '我的学员',
  '/mentor/log': '记录带教',
  '/mentor/sessions': '我记录的带教',
};

export default function PhoneApp({ section }: { section: 'me' | 'mentor' }) {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const path = location.pathname.replace(/\/$/, '') || '/';
  const tabs = session?.role === 'mentor' ? MENTOR_TABS : WORKER_TABS;
  const isTab = tabs.some((t) => t.key === path);
  // As in the console: someone who asked their system for less motion gets pickers and popups without it
  // (antd-mobile animates with react-spring, which CSS's prefers-reduced-motion does not reach).
  const reducedMotion = useMediaQuery(REDUCED_MOTION);
  useEffect(() => {
    if (reducedMotion) reduceMotion();
    else restoreMotion();
  }, [reducedMotion]);
  return (
    <div className="phone">
      <header className="phone-header">
        {isTab ? null : (
          <button type="button" className="phone-back" onClick={() => navigate(-1)}>
            ‹ 返回
          </button>
        )}
        <h1 className="phone-title">{TITLES[path] ?? '社工'}</h1>
      </header>
      <main className="phone-main">
        <Suspense fallback={<Loading />}>
          {section === 'me' ? (
            <Routes>
              <Route index element={<MePage />} />
              <Route path="pay" element={<PayslipPage />} />
              <Route path="certificates" element={<CertificatesPage />} />
              <Route path="training" element={<TrainingPage />} />
              <Route path="evaluations" element={<EvaluationsPage />} />
              <Route path="coaching" element={<CoachingReceivedPage />} />
              <Route path="*" element={<Navigate to="/me" replace />} />
            </Routes>
          ) : (
            <RequireRole roles={['mentor']} forbidden={<Forbidden />}>
              <Routes>
                <Route index element={<MenteesPage />} />
                <Route path="log" element={<LogSessionPage />} />
                <Route path="sessions" element={<SessionsGivenPage />} />
                <Route path="*" element={<Navigate to="/mentor" replace />} />
              </Routes>
            </RequireRole>
          )}
        </Suspense>
      </main>
      <nav className="phone-tabs" aria-label="主菜单">
        {/* Each tab is a real link stretched over its tab (antd-mobile's tabs are divs a keyboard cannot
            reach), so the TabBar only draws them. */}
        <TabBar activeKey={isTab ? path : null} safeArea>
          {tabs.map((t) => (
            <TabBar.Item
              key={t.key}
              title={
                <Link
                  to={t.key}
                  className="stretched-control"
                  aria-current={t.key === path ? 'page' : undefined}
                >
                  {t.title}
                </Link>
              }
              icon={<span aria-hidden className="tab-dot" />}
            />
          ))}
        </TabBar>
      </nav>
    </div>
  );
}
