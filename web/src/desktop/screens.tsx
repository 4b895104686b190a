import type { MenuProps } from 'antd';
import { lazy } from 'react';
import type { Role } from '../auth/session.ts';

/**
 * The HR console's screens: one entry per screen (its own lazy chunk) and the side menu. Add a
 * screen by adding an entry here; `planned` menu entries are the skeleton of screens not built yet
 * (shown disabled, no route).
 */
export interface DesktopScreen {
  path: string;
  title: string;
  roles: readonly Role[];
  element: React.ReactNode;
}

const OverviewScreen = lazy(() => import('./screens/OverviewScreen.tsx'));

export const desktopScreens: DesktopScreen[] = [
  { path: '/hr/overview', title: '概览', roles: ['hr'], element: <OverviewScreen /> },
];

/** Screens of the HR console still to come (issue 10): menu skeleton only. */
const planned: { key: string; title: string }[] = [
  { key: '/hr/org-units', title: '组织与编制' },
  { key: '/hr/recruitments', title: '招聘' },
  { key: '/hr/workers', title: '人员' },
  { key: '/hr/transfers', title: '调动' },
  { key: '/hr/training', title: '培训' },
  { key: '/hr/mentoring', title: '带教' },
  { key: '/hr/pay', title: '薪酬' },
  { key: '/hr/promotions', title: '晋升' },
  { key: '/hr/honours', title: '表彰' },
  { key: '/hr/evaluations', title: '考核' },
  { key: '/hr/stats', title: '统计' },
  { key: '/hr/policies', title: '政策' },
  { key: '/hr/audit', title: '审计' },
];

export function menuItemsFor(role: Role): MenuProps['items'] {
  const built = new Set(desktopScreens.map((s) => s.path));
  return [
    ...desktopScreens.filter((s) => s.roles.includes(role)).map((s) => ({ key: s.path, label: s.title })),
    ...(role === 'hr'
      ? planned
          .filter((p) => !built.has(p.key))
          .map((p) => ({ key: p.key, label: `${p.title}（建设中）`, disabled: true }))
      : []),
  ];
}
