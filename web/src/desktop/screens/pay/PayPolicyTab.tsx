import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, InputNumber, Modal, Row, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { beijingToday } from '../../../lib/dates.ts';
import { label, policyVersionName } from '../../../lib/labels.ts';
import { DatePicker } from '../../components/DatePicker.ts';
import { useFormSave } from '../../components/formErrors.ts';
import { Money } from '../../components/cells.tsx';
import { type Policy, policyVersionColumns } from '../policies/policyVersions.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';

const POSTS = ['principal', 'deputy', 'staff'] as const;
const CERT_LEVELS = ['assistant', 'intermediate', 'senior'] as const;
type Post = (typeof POSTS)[number];

/** The pay policy document (shared/domain pay policy), as far as this screen shows and edits it. */
interface PayDocument {
  baseMonthlyPayFen: number[];
  bands: Record<Post, { min: number; max: number }>;
  postAllowanceFen: Record<Post, number>;
  certificateAllowanceFen: Record<string, number>;
  evaluationBonusFen?: Record<string, number>;
  [key: string]: unknown;
}

/** 三岗十八级: each grade's base pay, and for each post whose band includes it, base + post allowance. */
export function PayTable({ doc }: { doc: PayDocument }) {
  const rows = doc.baseMonthlyPayFen.map((base, i) => ({ grade: i + 1, base }));
  return (
    <Table
      size="small"
      rowKey="grade"
      pagination={false}
      dataSource={rows}
      data-testid="pay-table"
      columns={[
        {
          title: '等级',
          dataIndex: 'grade',
          render: (g: number) => `${g} 级`,
          onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
        },
        {
          title: '岗位等级工资（元/月）',
          dataIndex: 'base',
          align: 'right',
          render: (v: number) => <Money fen={v} />,
        },
        ...POSTS.map((post) => ({
          title: `${label('post', post)}（${doc.bands[post].min}–${doc.bands[post].max} 级）含岗位津贴`,
          key: post,
          align: 'right' as const,
          render: (_: unknown, r: { grade: number; base: number }) =>
            r.grade >= doc.bands[post].min && r.grade <= doc.bands[post].max ? (
              <Money fen={r.base + doc.postAllowanceFen[post]} />
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            ),
        })),
      ]}
    />
  );
}

function Allowances({ doc }: { doc: PayDocument }) {
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Card size="small" title="岗位津贴（元/月）">
          {POSTS.map((p) => (
            <div key={p}>
              {label('post', p)}：<Money fen={doc.postAllowanceFen[p]} />
            </div>
          ))}
        </Card>
      </Col>
      <Col span={12}>
        <Card size="small" title="职业资格津贴（元/月）">
          {CERT_LEVELS.map((l) => (
            <div key={l}>
              {label('certificateLevel', l)}：<Money fen={doc.certificateAllowanceFen[l] ?? 0} />
            </div>
          ))}
        </Card>
      </Col>
    </Row>
  );
}

/** The pay policy in force, its versions, and a form to schedule a future version. */
export function PayPolicyTab() {
  const [viewing, setViewing] = useState<string | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const current = useQuery({
    queryKey: ['policy', 'pay', 'current'],
    queryFn: () =>
      data(api.GET('/v1/policies/{kind}', { params: { path: { kind: 'pay' } } })) as Promise<Policy>,
  });
  const versions = useQuery({
    queryKey: ['policy', 'pay', 'versions'],
    queryFn: () => data(api.GET('/v1/policies/{kind}/versions', { params: { path: { kind: 'pay' } } })),
  });
  const shown =
    (viewing
      ? (versions.data?.items as Policy[] | undefined)?.find((v) => v.version === viewing)
      : undefined) ?? current.data;
  if (!shown) return <Typography.Text type="secondary">加载中…</Typography.Text>;
  const doc = shown.document as PayDocument;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {shown.version === current.data?.version ? '现行薪酬标准' : '薪酬标准版本'}：
          {policyVersionName(shown.version)}
        </Typography.Title>
        <Button type="primary" onClick={() => setScheduling(true)}>
          制定新版本
        </Button>
      </Space>
      <PayTable doc={doc} />
      <Allowances doc={doc} />
      <Card size="small" title="版本">
        <Table<Policy>
          size="small"
          rowKey="version"
          pagination={false}
          locale={{ emptyText: '尚未保存过版本，执行规则手册的默认标准' }}
          dataSource={(versions.data?.items ?? []) as Policy[]}
          columns={policyVersionColumns(current.data?.version, setViewing)}
        />
      </Card>
      {scheduling && current.data ? (
        <ScheduleDialog base={current.data.document as PayDocument} onClose={() => setScheduling(false)} />
      ) : null}
    </Space>
  );
}

interface ScheduleValues {
  effectiveFrom: Dayjs;
  base: number[];
  postAllowance: Record<Post, number>;
  certificateAllowance: Record<string, number>;
}

const toYuan = (fen: number) => fen / 100;
const toFen = (yuan: number) => Math.round(yuan * 100);

function ScheduleDialog({ base, onClose }: { base: PayDocument; onClose: () => void }) {
  const [form] = Form.useForm<ScheduleValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { submit, pending, problem } = useFormSave(form, {
    send: (v: ScheduleValues, key) =>
      data(
        api.PUT('/v1/policies/{kind}/{effectiveFrom}', {
          params: {
            path: { kind: 'pay', effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD') },
            header: { 'idempotency-key': key },
          },
          body: {
            ...base,
            baseMonthlyPayFen: v.base.map(toFen),
            postAllowanceFen: Object.fromEntries(POSTS.map((p) => [p, toFen(v.postAllowance[p])])),
            certificateAllowanceFen: Object.fromEntries(
              CERT_LEVELS.map((l) => [l, toFen(v.certificateAllowance[l] ?? 0)]),
            ),
          },
        }),
      ),
    onDone: async () => {
      message.success('新版本已保存');
      await client.invalidateQueries({ queryKey: ['policy', 'pay'] });
      onClose();
    },
    fields: ['effectiveFrom'],
  });
  const yuan = { min: 0, precision: 2, step: 10, style: { width: '100%' } };
  return (
    <Modal
      open
      width={860}
      title="制定薪酬标准新版本"
      okText="保存版本"
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={submit}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<ScheduleValues>
        form={form}
        layout="vertical"
        initialValues={{
          base: base.baseMonthlyPayFen.map(toYuan),
          postAllowance: Object.fromEntries(POSTS.map((p) => [p, toYuan(base.postAllowanceFen[p])])),
          certificateAllowance: Object.fromEntries(
            CERT_LEVELS.map((l) => [l, toYuan(base.certificateAllowanceFen[l] ?? 0)]),
          ),
        }}
      >
        <Form.Item
          name="effectiveFrom"
          label="生效日期（须晚于今天）"
          rules={[{ required: true, message: '请选择生效日期' }]}
        >
          <DatePicker disabledDate={(d) => d.format('YYYY-MM-DD') <= beijingToday()} />
        </Form.Item>
        <Typography.Text strong>岗位等级工资（元/月）</Typography.Text>
        <Row gutter={12} style={{ marginTop: 8 }}>
          {base.baseMonthlyPayFen.map((_, i) => (
            <Col span={4} key={String(i)}>
              <Form.Item
                name={['base', i]}
                label={`${i + 1} 级`}
                rules={[{ required: true, message: '必填' }]}
              >
                <InputNumber {...yuan} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={12}>
          {POSTS.map((p) => (
            <Col span={8} key={p}>
              <Form.Item
                name={['postAllowance', p]}
                label={`${label('post', p)}岗位津贴（元/月）`}
                rules={[{ required: true }]}
              >
                <InputNumber {...yuan} />
              </Form.Item>
            </Col>
          ))}
          {CERT_LEVELS.map((l) => (
            <Col span={8} key={l}>
              <Form.Item
                name={['certificateAllowance', l]}
                label={`${label('certificateLevel', l)}津贴（元/月）`}
                rules={[{ required: true }]}
              >
                <InputNumber {...yuan} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary">岗位等级范围、考核奖励和晋档规则沿用现行标准。</Typography.Text>
      </Form>
    </Modal>
  );
}
