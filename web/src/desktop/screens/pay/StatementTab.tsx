import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Form, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { beijingMonth, chineseDate, chineseMonth } from '../../../lib/dates.ts';
import { gradeLabel, label, policyVersionName } from '../../../lib/labels.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { DatePicker } from '../../components/DatePicker.ts';
import { Money } from '../../components/cells.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { WorkerPicker } from '../../components/WorkerPicker.tsx';

/** Any worker's 工资条 for any month (GET /v1/workers/{id}/statements/{month}). */
export function StatementTab() {
  const [workerId, setWorkerId] = useState<string>();
  const [month, setMonth] = useState(beijingMonth());
  const statement = useQuery({
    queryKey: ['statement', workerId, month],
    queryFn: () =>
      data(api.GET('/v1/workers/{id}/statements/{month}', { params: { path: { id: workerId!, month } } })),
    enabled: !!workerId,
  });
  const s = statement.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Form layout="inline">
        <Form.Item label="人员" htmlFor="statement-worker">
          <WorkerPicker id="statement-worker" aria-label="人员" value={workerId} onChange={setWorkerId} />
        </Form.Item>
        <Form.Item label="月份" htmlFor="statement-month">
          <DatePicker
            id="statement-month"
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          />
        </Form.Item>
      </Form>
      {!workerId ? <Typography.Text type="secondary">请选择人员和月份查看工资条</Typography.Text> : null}
      {statement.isError ? (
        <ErrorAlert error={statement.error} onRetry={() => void statement.refetch()} />
      ) : null}
      {s ? (
        <Card title={`${s.name} · ${chineseMonth(s.month)}工资条`} data-testid="statement">
          <Descriptions column={{ xs: 1, md: 3 }} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label="所在单位">
              <OrgName id={s.org} />
            </Descriptions.Item>
            <Descriptions.Item label="岗位等级">
              {label('post', s.post)} {gradeLabel(s.grade)}
            </Descriptions.Item>
            <Descriptions.Item label="薪酬政策">{policyVersionName(s.policy.version)}</Descriptions.Item>
            {s.service.partial ? (
              <Descriptions.Item label="在岗天数" span="filled">
                {chineseDate(s.service.from)}至{chineseDate(s.service.to)}，{s.service.daysServed} /{' '}
                {s.service.daysInMonth} 天（按天计发）
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Table
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={s.lines}
            columns={[
              {
                title: '项目',
                dataIndex: 'code',
                render: (c: string) => label('statementLine', c),
                // The item's name on one line; on a phone the basis beside it wraps instead.
                onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
              },
              { title: '计发依据', dataIndex: 'basis' },
              {
                title: '金额（元）',
                dataIndex: 'amountFen',
                align: 'right',
                render: (v: number, l) => <Money fen={v} testId={`line-${l.code}`} />,
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <strong>应发合计</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <strong>
                    <Money fen={s.totalFen} testId="statement-total" />
                  </strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
          {s.notes.length > 0 ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              {s.notes.join('；')}
            </Typography.Paragraph>
          ) : null}
        </Card>
      ) : null}
    </Space>
  );
}
