import type { MenuProps } from 'antd';
import { lazy } from 'react';
import type { Role } from '../auth/session.ts';

/**
 * The HR console's screens: one entry per screen (its own lazy chunk) and the side menu. Add a
 * screen by adding an entry to `desktopScreens` and its path to a group of `menuGroups`.
 */
export interface DesktopScreen {
  path: string;
  title: string;
  roles: readonly Role[];
  element: React.ReactNode;
}

const OverviewScreen = lazy(() => import('./screens/OverviewScreen.tsx'));
const OrgUnitsScreen = lazy(() => import('./screens/org-units/OrgUnitsScreen.tsx'));
const WorkersScreen = lazy(() => import('./screens/workers/WorkersScreen.tsx'));
const PayScreen = lazy(() => import('./screens/pay/PayScreen.tsx'));
const StatsScreen = lazy(() => import('./screens/stats/StatsScreen.tsx'));
const PoliciesScreen = lazy(() => import('./screens/policies/PoliciesScreen.tsx'));
const AuditScreen = lazy(() => import('./screens/audit/AuditScreen.tsx'));
const RecruitmentsScreen = lazy(() => import('./screens/recruitments/RecruitmentsScreen.tsx'));
const EvaluationsScreen = lazy(() => import('./screens/evaluations/EvaluationsScreen.tsx'));
const TransfersScreen = lazy(() => import('./screens/transfers/TransfersScreen.tsx'));
const TrainingScreen = lazy(() => import('./screens/training/TrainingScreen.tsx'));
const MentoringScreen = lazy(() => import('./screens/mentoring/MentoringScreen.tsx'));
const CertificatesScreen = lazy(() => import('./screens/certificates/CertificatesScreen.tsx'));
const PromotionsScreen = lazy(() => import('./screens/promotions/PromotionsScreen.tsx'));
const HonoursScreen = lazy(() => import('./screens/honours/HonoursScreen.tsx'));
const OnboardingScreen = lazy(() => import('./screens/onboarding/OnboardingScreen.tsx'));
const ContractsScreen = lazy(() => import('./screens/contracts/ContractsScreen.tsx'));
const ProbationsScreen = lazy(() => import('./screens/probations/ProbationsScreen.tsx'));
const AccountsScreen = lazy(() => import('./screens/accounts/AccountsScreen.tsx'));
const JobsScreen = lazy(() => import('./screens/jobs/JobsScreen.tsx'));
const BatchesScreen = lazy(() => import('./screens/batches/BatchesScreen.tsx'));

export const desktopScreens: DesktopScreen[] = [
  { path: '/hr/overview', title: '概览', roles: ['hr'], element: <OverviewScreen /> },
  { path: '/hr/org-units', title: '组织与编制', roles: ['hr'], element: <OrgUnitsScreen /> },
  { path: '/hr/workers', title: '人员', roles: ['hr'], element: <WorkersScreen /> },
  { path: '/hr/pay', title: '薪酬', roles: ['hr'], element: <PayScreen /> },
  { path: '/hr/stats', title: '统计', roles: ['hr'], element: <StatsScreen /> },
  { path: '/hr/policies', title: '政策', roles: ['hr'], element: <PoliciesScreen /> },
  { path: '/hr/audit', title: '审计', roles: ['hr'], element: <AuditScreen /> },
  { path: '/hr/recruitments', title: '招聘', roles: ['hr'], element: <RecruitmentsScreen /> },
  { path: '/hr/transfers', title: '调入', roles: ['hr'], element: <TransfersScreen /> },
  { path: '/hr/evaluations', title: '考核', roles: ['hr'], element: <EvaluationsScreen /> },
  { path: '/hr/training', title: '培训', roles: ['hr'], element: <TrainingScreen /> },
  { path: '/hr/mentoring', title: '导师带教', roles: ['hr'], element: <MentoringScreen /> },
  { path: '/hr/certificates', title: '证书', roles: ['hr'], element: <CertificatesScreen /> },
  { path: '/hr/promotions', title: '晋升与后备', roles: ['hr'], element: <PromotionsScreen /> },
  { path: '/hr/honours', title: '评优', roles: ['hr'], element: <HonoursScreen /> },
  { path: '/hr/onboarding', title: '存量人员导入', roles: ['hr'], element: <OnboardingScreen /> },
  { path: '/hr/probations', title: '试用期', roles: ['hr'], element: <ProbationsScreen /> },
  { path: '/hr/contracts', title: '合同', roles: ['hr'], element: <ContractsScreen /> },
  { path: '/hr/accounts', title: '账号', roles: ['hr'], element: <AccountsScreen /> },
  { path: '/hr/jobs', title: '定时任务', roles: ['hr'], element: <JobsScreen /> },
  { path: '/hr/batches', title: '批处理', roles: ['hr'], element: <BatchesScreen /> },
];

/**
 * The side menu (HR), grouped as an organisation department's work divides: who is on the books,
 * how they grow, how they are assessed and paid, and the system itself. Paths without a screen for
 * the role are left out.
 */
const menuGroups: { title: string; paths: string[] }[] = [
  { title: '工作台', paths: ['/hr/overview'] },
  {
    title: '人员与编制',
    paths: [
      '/hr/org-units',
      '/hr/workers',
      '/hr/recruitments',
      '/hr/transfers',
      '/hr/onboarding',
      '/hr/probations',
      '/hr/contracts',
    ],
  },
  {
    title: '培养与发展',
    paths: ['/hr/training', '/hr/mentoring', '/hr/certificates', '/hr/promotions', '/hr/honours'],
  },
  { title: '考核与薪酬', paths: ['/hr/evaluations', '/hr/pay', '/hr/stats'] },
  { title: '系统管理', paths: ['/hr/policies', '/hr/jobs', '/hr/batches', '/hr/accounts', '/hr/audit'] },
];

export function menuItemsFor(role: Role): MenuProps['items'] {
  const built = new Map(desktopScreens.filter((s) => s.roles.includes(role)).map((s) => [s.path, s]));
  const grouped = new Set(menuGroups.flatMap((g) => g.paths));
  const item = (s: DesktopScreen) => ({ key: s.path, label: s.title });
  const groups = menuGroups
    .map((g) => ({
      type: 'group' as const,
      key: g.title,
      label: g.title,
      children: g.paths.flatMap((p) => (built.has(p) ? [item(built.get(p)!)] : [])),
    }))
    .filter((g) => g.children.length > 0);
  // A screen added without a place in a group still shows up, at the end.
  const rest = [...built.values()].filter((s) => !grouped.has(s.path)).map(item);
  return [...groups, ...rest];
}
