import { App as AntApp, Button, ConfigProvider, Layout, Menu, Space, Tag, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense, useMemo, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useSession } from '../auth/auth.tsx';
import { signOut } from '../auth/store.ts';
import { label } from '../lib/labels.ts';
import { Loading } from '../shell/Notice.tsx';
import { REDUCED_MOTION, useMediaQuery } from '../shell/useMediaQuery.ts';
import { Forbidden } from '../routes.tsx';
import { useOrgUnit } from './components/orgUnits.ts';
import { desktopScreens, menuItemsFor } from './screens.tsx';

dayjs.locale('zh-cn');

/** antd's `lg` breakpoint, below which the side menu folds away. */
const NARROW = '(max-width: 991.98px)';

/**
 * antd's defaults darkened just enough for WCAG AA contrast (axe-core: no serious findings): the
 * primary blue, secondary/description text, success and error text.
 */
const consoleTheme = {
  token: {
    colorPrimary: '#0958d9',
    colorPrimaryHover: '#003eb3',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.62)',
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorError: '#cf1322',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorPrimaryActive: '#002c8c',
    colorWarning: '#ad4e00',
    colorWarningBg: '#fff7e6',
    colorInfo: '#0958d9',
    colorInfoBg: '#e6f4ff',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
  // Twenty entries in five groups: a little tighter than antd's 40px rows, to fit a laptop screen.
  components: { Menu: { itemHeight: 36, itemMarginBlock: 2 } },
};

/**
 * The HR console's shell (antd, desktop): side menu by role, one route per screen in screens.tsx.
 * Loaded only for HR sessions; phones never download it.
 */
export default function DesktopApp() {
  const session = useSession()!;
  const location = useLocation();
  const navigate = useNavigate();
  const unit = useOrgUnit(session.org);
  const screens = desktopScreens.filter((s) => s.roles.includes(session.role));
  const selected = screens
    .map((s) => s.path)
    .filter((p) => location.pathname === p || location.pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
  // Below antd's lg breakpoint the menu is a drawer over the page (not a column squeezing it),
  // closed by picking an entry or tapping beside it.
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  const [collapsed, setCollapsed] = useState(narrow);
  // Someone who asked their system for less motion gets dialogs, drawers and menus without it.
  const reducedMotion = useMediaQuery(REDUCED_MOTION);
  const theme = useMemo(
    () => ({ ...consoleTheme, token: { ...consoleTheme.token, motion: !reducedMotion } }),
    [reducedMotion],
  );
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Sider
            breakpoint="lg"
            collapsedWidth={0}
            width={208}
            theme="light"
            collapsed={collapsed}
            onCollapse={setCollapsed}
            onBreakpoint={(below) => {
              setNarrow(below);
              setCollapsed(below);
            }}
            className={narrow ? 'sider-overlay' : undefined}
          >
            <div className="desktop-brand">社区工作者管理</div>
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected] : []}
              items={menuItemsFor(session.role)}
              onClick={({ key }) => {
                navigate(key);
                if (narrow) setCollapsed(true);
              }}
            />
          </Layout.Sider>
          {narrow && !collapsed ? (
            <div className="sider-backdrop" aria-hidden="true" onClick={() => setCollapsed(true)} />
          ) : null}
          <Layout>
            <Layout.Header className="desktop-header">
              <Space>
                <Typography.Text data-testid="session-unit">
                  <span className="header-wide-only">{label('role', session.role)} · </span>
                  {unit.data?.name ?? session.org}
                </Typography.Text>
                {session.department ? (
                  <Tag
                    color="blue"
                    data-testid="session-department"
                    title={`联审部门：${label('department', session.department)}`}
                    style={{ marginInlineEnd: 0 }}
                  >
                    <span className="header-wide-only">联审部门：</span>
                    {label('department', session.department)}
                  </Tag>
                ) : null}
                <Button onClick={() => void signOut()}>退出登录</Button>
              </Space>
            </Layout.Header>
            <Layout.Content className="desktop-content">
              <Suspense fallback={<Loading />}>
                <Routes>
                  {screens.map((s) => (
                    <Route key={s.path} path={`${s.path.replace(/^\/hr/, '')}/*`} element={s.element} />
                  ))}
                  <Route index element={<Navigate to={screens[0]?.path ?? '/'} replace />} />
                  <Route path="*" element={<Forbidden />} />
                </Routes>
              </Suspense>
            </Layout.Content>
          </Layout>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}
