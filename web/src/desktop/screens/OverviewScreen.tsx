import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Row, Skeleton, Statistic, Typography } from 'antd';
import { api, data } from '../../api/client.ts';
import { useSession } from '../../auth/auth.tsx';
import { label, policyVersionLabel } from '../../lib/labels.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';

/** 概览: the HR officer's own org unit with its quota, seats used and available. */
export default function OverviewScreen() {
  const org = useSession()?.org ?? '';
  const unit = useQuery({
    queryKey: ['org-unit', org],
    queryFn: () => data(api.GET('/v1/org-units/{id}', { params: { path: { id: org } } })),
  });
  if (unit.isPending) return <Skeleton active />;
  if (unit.isError) return <ErrorAlert error={unit.error} onRetry={() => void unit.refetch()} />;
  const u = unit.data;
  return (
    <>
      <Typography.Title level={3}>{u.name}</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title="核定编制" value={u.quota ?? '不单独核定'} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title="在编人数" value={u.used} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title="空余编制" value={u.available ?? '—'} />
          </Card>
        </Col>
      </Row>
      <Descriptions style={{ marginTop: 24 }} bordered column={1}>
        <Descriptions.Item label="单位编码">{u.id}</Descriptions.Item>
        <Descriptions.Item label="层级">{label('orgLevel', u.level)}</Descriptions.Item>
        <Descriptions.Item label="编制政策版本">
          <span data-testid="quota-policy">
            {u.quotaPolicyVersion ? policyVersionLabel(u.quotaPolicyVersion) : '—'}
          </span>
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}
