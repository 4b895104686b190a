import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import { beijingToday } from '../../../lib/dates.ts';
import { label, LABELS } from '../../../lib/labels.ts';
import { DatePicker } from '../../components/DatePicker.ts';
import { DateText, Money } from '../../components/cells.tsx';
import { useFormSave } from '../../components/formErrors.ts';
import { OrgName } from '../../components/OrgName.tsx';
import { UnitFilter } from '../../components/UnitFilter.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { CursorPager, useCursorPages } from '../../components/CursorPager.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { CertificateSheet } from './CertificateSheet.tsx';

type Level = keyof typeof LABELS.certificateLevel;
const LEVELS = Object.keys(LABELS.certificateLevel) as Level[];
type Holder = components['schemas']['CertificateHolders']['items'][number];
type Holding = 'all' | 'certified' | 'uncertified';

interface CertificationStats {
  certification: {
    certifiedActive: number | null;
    active: number | null;
    certifiedOnDutyRate: number | null;
    changePoints: number | null;
  };
}

const PAGE = 20;

/** 证书: who holds a social-work certificate, the allowance it earns, recording one; the certified-on-duty rate. */
export default function CertificatesScreen() {
  const root = useSession()?.org ?? '';
  const [org, setOrg] = useState(root);
  const pages = useCursorPages();
  const [filter, setFilter] = useState<Holding>('all');
  const [level, setLevel] = useState<Level | undefined>(undefined);
  const [recording, setRecording] = useState<Holder | null>(null);
  const cursor = pages.cursor;
  const year = Number(beijingToday().slice(0, 4));
  const stats = useQuery({
    queryKey: ['stats', org, year],
    queryFn: async () =>
      (await data(
        api.GET('/v1/stats', { params: { query: { org, year } } }),
      )) as unknown as CertificationStats,
  });
  // Filtered and paged by the API (GET /v1/certificates), so each page is full of what was asked for.
  const holders = useQuery({
    queryKey: ['workers', 'certificate-holders', org, filter, level ?? '', cursor ?? ''],
    queryFn: () =>
      data(
        api.GET('/v1/certificates', {
          params: {
            query: {
              org,
              limit: PAGE,
              ...(filter === 'all' ? {} : { holding: filter }),
              ...(level ? { level } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
  });
  const rows = holders.data?.items ?? [];
  const c = stats.data?.certification;
  return (
    <>
      <PageHeader
        title="证书"
        crumbs={[{ title: '证书' }]}
        subtitle="社会工作者职业资格证书：登记证书，自登记当月起按最高等级发放职业资格津贴；持证上岗比例"
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          {stats.isError ? <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} /> : null}
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Statistic title="在岗人数" value={c?.active ?? '—'} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title="持证人数" value={c?.certifiedActive ?? '—'} />
            </Col>
            <Col xs={12} md={6}>
              <div data-testid="certified-rate">
                <Statistic
                  title="持证上岗比例"
                  value={c?.certifiedOnDutyRate ?? '—'}
                  precision={c?.certifiedOnDutyRate == null ? undefined : 2}
                  suffix={c?.certifiedOnDutyRate == null ? '' : '%'}
                />
              </div>
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title="较上年"
                value={c?.changePoints ?? '无上年数据'}
                precision={c?.changePoints == null ? undefined : 2}
                suffix={c?.changePoints == null ? '' : '个百分点'}
              />
            </Col>
          </Row>
        </Card>
        <CertificateSheet />
        <Card size="small" title="人员持证情况">
          <Space direction="vertical" size={12} style={{ width: '100%' }}>
            <Space wrap>
              <UnitFilter
                value={org}
                onChange={(unit) => {
                  setOrg(unit);
                  pages.reset();
                }}
              />
              <Radio.Group
                value={filter}
                onChange={(e) => {
                  setFilter(e.target.value);
                  if (e.target.value === 'uncertified') setLevel(undefined);
                  pages.reset();
                }}
                optionType="button"
                aria-label="持证筛选"
                options={[
                  { value: 'all', label: '全部' },
                  { value: 'certified', label: '已持证' },
                  { value: 'uncertified', label: '未持证' },
                ]}
              />
              <Select<Level>
                aria-label="证书等级"
                allowClear
                placeholder="全部等级"
                value={level}
                disabled={filter === 'uncertified'}
                onChange={(v) => {
                  setLevel(v);
                  pages.reset();
                }}
                options={LEVELS.map((l) => ({ value: l, label: label('certificateLevel', l) }))}
                style={{ width: 180 }}
              />
            </Space>
            {holders.isError ? (
              <ErrorAlert error={holders.error} onRetry={() => void holders.refetch()} />
            ) : null}
            <Table<Holder>
              scroll={{ x: 'max-content' }}
              size="small"
              rowKey="workerId"
              loading={holders.isPending}
              dataSource={rows}
              pagination={false}
              locale={{
                emptyText: level
                  ? `没有最高等级为${label('certificateLevel', level)}的在岗人员`
                  : filter === 'certified'
                    ? '没有持证的在岗人员'
                    : filter === 'uncertified'
                      ? '在岗人员均已持证'
                      : '暂无在岗人员',
              }}
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '所在单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
                {
                  title: '最高等级',
                  key: 'level',
                  render: (_, w) => {
                    const h = w.highest;
                    return h ? (
                      <StatusTag tone="success">{label('certificateLevel', h.level)}</StatusTag>
                    ) : (
                      <StatusTag>未持证</StatusTag>
                    );
                  },
                },
                { title: '证书编号', key: 'number', render: (_, w) => w.highest?.number ?? '—' },
                {
                  title: '登记日期',
                  key: 'registeredOn',
                  render: (_, w) => <DateText value={w.highest?.registeredOn} />,
                },
                {
                  title: '职业资格津贴（月）',
                  key: 'allowance',
                  align: 'right',
                  render: (_, w) => (w.highest ? <Money fen={w.monthlyAllowanceFen} /> : '—'),
                },
                {
                  title: '操作',
                  key: 'record',
                  render: (_, w) => (
                    <Button size="small" onClick={() => setRecording(w)}>
                      登记证书
                    </Button>
                  ),
                },
              ]}
            />
            <CursorPager pages={pages} nextCursor={holders.data?.cursor} />
          </Space>
        </Card>
      </Space>
      {recording ? <RecordDialog worker={recording} onClose={() => setRecording(null)} /> : null}
    </>
  );
}

interface CertificateValues {
  level: Level;
  number: string;
  issuedOn: Dayjs;
  registeredOn: Dayjs;
}

const CERTIFICATE_FIELDS = ['level', 'number', 'issuedOn', 'registeredOn'] as const;

function RecordDialog({
  worker,
  onClose,
}: {
  worker: { workerId: string; name: string };
  onClose: () => void;
}) {
  const [form] = Form.useForm<CertificateValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { submit, pending, problem } = useFormSave(form, {
    send: (v: CertificateValues, key) =>
      data(
        api.POST('/v1/workers/{id}/certificates', {
          params: { path: { id: worker.workerId }, header: { 'idempotency-key': key } },
          body: {
            level: v.level,
            number: v.number,
            issuedOn: v.issuedOn.format('YYYY-MM-DD'),
            registeredOn: v.registeredOn.format('YYYY-MM-DD'),
          },
        }),
      ),
    onDone: async () => {
      message.success(`已为 ${worker.name} 登记证书`);
      await client.invalidateQueries({ queryKey: ['workers'] });
      await client.invalidateQueries({ queryKey: ['stats'] });
      await client.invalidateQueries({ queryKey: ['worker', worker.workerId] });
      onClose();
    },
    fields: CERTIFICATE_FIELDS,
    fieldOfCode: {
      DUPLICATE_CERTIFICATE: 'number',
      REGISTRATION_IN_FUTURE: 'registeredOn',
    },
  });
  return (
    <Modal
      open
      title={`为 ${worker.name} 登记证书`}
      okText="登记"
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={submit}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<CertificateValues> form={form} layout="vertical">
        <Form.Item name="level" label="证书等级" rules={[{ required: true, message: '请选择证书等级' }]}>
          <Select options={LEVELS.map((l) => ({ value: l, label: label('certificateLevel', l) }))} />
        </Form.Item>
        <Form.Item name="number" label="证书编号" rules={[{ required: true, message: '请填写证书编号' }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="issuedOn" label="发证日期" rules={[{ required: true, message: '请选择发证日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="registeredOn"
          label="登记日期"
          extra="自登记当月起发放职业资格津贴"
          rules={[{ required: true, message: '请选择登记日期' }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
