import { Breadcrumb, Flex, Typography } from 'antd';
import { Link } from 'react-router';

export interface Crumb {
  title: string;
  to?: string;
}

/** A screen's header (ant-design-pro style): breadcrumbs, title, actions on the right. */
export function PageHeader({
  title,
  crumbs = [],
  extra,
  subtitle,
}: {
  title: React.ReactNode;
  crumbs?: Crumb[];
  extra?: React.ReactNode;
  subtitle?: React.ReactNode;
}) {
  return (
    <div className="page-header">
      <Breadcrumb
        items={[
          { title: <Link to="/hr">人事工作台</Link> },
          ...crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title })),
        ]}
      />
      <Flex justify="space-between" align="center" wrap gap={12}>
        <div>
          <Typography.Title level={3} style={{ margin: '8px 0 4px' }}>
            {title}
          </Typography.Title>
          {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
        </div>
        {extra ? <div>{extra}</div> : null}
      </Flex>
    </div>
  );
}
