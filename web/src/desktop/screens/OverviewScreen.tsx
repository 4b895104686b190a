import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Grid, Row, Skeleton, Statistic, Typography } from 'antd';
import { api, data } from '../../api/client.ts';
import { useSession } from '../../auth/auth.tsx';
import { label, policyVersionName } from '../../lib/labels.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { TodoCard } from './overview/TodoCard.tsx';

/**
 * 概览, the HR officer's 工作台: the officer's own org unit with its quota, seats used and available,
 * and the pending work of its subtree (待办事项), each kind linking to the screen that handles it.
 */
export default function OverviewScreen() {
  const org = useSession()?.org ?? '';
  const unit = useQuery({
    queryKey: ['org-unit', org],
    queryFn: () => data(api.GET('/v1/org-units/{id}', { params: { path: { id: org } } })),
  });
  const phone = !Grid.useBreakpoint().sm;
  const u = unit.data;
  return (
    <>
      {u ? (
        <div style={{ marginBottom: 16 }}>
          <Typography.Title level={3} style={{ margin: '4px 0' }}>
            {u.name}
          </Typography.Title>
          <Typography.Text type="secondary">人事工作台 · {label('orgLevel', u.level)}</Typography.Text>
        </div>
      ) : unit.isPending ? (
        <Skeleton active title paragraph={{ rows: 0 }} />
      ) : (
        <Typography.Title level={3}>概览</Typography.Title>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          {unit.isError ? (
            <ErrorAlert error={unit.error} onRetry={() => void unit.refetch()} />
          ) : (
            <Card title="编制情况" loading={unit.isPending} size={phone ? 'small' : 'default'}>
              {u ? (
                <Row gutter={[16, 16]}>
                  {[
                    { title: '核定编制', value: u.quota ?? '不单独核定' },
                    { title: '在编人数', value: u.used },
                    { title: '空余编制', value: u.available ?? '—' },
                  ].map((s) => (
                    <Col key={s.title} xs={8}>
                      <Statistic
                        title={s.title}
                        value={s.value}
                        styles={{
                          content: { fontSize: phone ? (typeof s.value === 'number' ? 22 : 16) : 28 },
                        }}
                      />
                    </Col>
                  ))}
                </Row>
              ) : null}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={16}>
          <TodoCard org={org} compact={phone} />
        </Col>
        <Col xs={24} lg={8}>
          <Card title="单位信息" loading={unit.isPending} size={phone ? 'small' : 'default'}>
            {u ? (
              <Descriptions column={1} size="small">
                <Descriptions.Item label="层级">{label('orgLevel', u.level)}</Descriptions.Item>
                <Descriptions.Item label="编制政策版本">
                  <span data-testid="quota-policy">
                    {u.quotaPolicyVersion ? policyVersionName(u.quotaPolicyVersion) : '—'}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label="单位编码">
                  <Typography.Text type="secondary" copyable>
                    {u.id}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            ) : unit.isError ? (
              <Typography.Text type="secondary">单位信息暂不可用</Typography.Text>
            ) : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}
