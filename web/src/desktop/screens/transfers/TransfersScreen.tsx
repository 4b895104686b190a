import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Descriptions, Drawer, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import { gradeLabel, label, policyVersionName } from '../../../lib/labels.ts';
import { DateText, DateTimeText, Money } from '../../components/cells.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { fenToYuan } from '../../../lib/money.ts';
import { EDUCATION_LABELS } from '../recruitments/labels.ts';
import { OpenBatches } from '../../upload/OpenBatches.tsx';
import { SpreadsheetUpload } from '../../upload/SpreadsheetUpload.tsx';

type TransferBatch = components['schemas']['TransferBatch'];

/** The status tag's colour; the words are the domain's (`batchStatusNames`). */
const BATCH_STATUS_TONE: Record<string, Tone> = {
  completed: 'success',
  'in-progress': 'processing',
  'rolled-back': 'default',
};

/** A pay cell as read (元 text): formatted when it is a number, else shown as typed. */
const yuanCell = (v: unknown) => {
  const n = Number(String(v ?? '').replace(/,/g, ''));
  return v === undefined
    ? '—'
    : Number.isFinite(n) && String(v).trim() !== ''
      ? `¥${fenToYuan(Math.round(n * 100))}`
      : String(v);
};

const fenOf = (v: unknown) => (typeof v === 'number' ? v : null);

/** 调入: bulk transfer of grid workers from a spreadsheet (preview, then commit), and past batches. */
export default function TransfersScreen() {
  const org = useSession()?.org ?? '';
  const client = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const batches = useQuery({
    queryKey: ['transfers', org],
    queryFn: () => data(api.GET('/v1/transfers', { params: { query: { org, limit: 50 } } })),
  });
  return (
    <>
      <PageHeader
        title="调入"
        crumbs={[{ title: '调入' }]}
        subtitle="集中转任：上传名单，逐行预览定级与工资（同工同酬，不低于现工资），确认后一次性全部调入"
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <SpreadsheetUpload<TransferBatch>
          path="/v1/transfers"
          template="transfers"
          title="批量调入"
          hint="表头：身份证号、姓名、所在单位（社区或网格的名称，如“红旗社区第一网格”，或单位编号）、现月工资（元）、岗位、学历、是否党员"
          commitLabel="确认调入"
          cellRender={{
            currentMonthlyPayYuan: (v) => yuanCell(v),
            education: (v) => EDUCATION_LABELS[String(v)] ?? String(v ?? '—'),
            post: (v) => (typeof v === 'string' ? label('post', v) : '—'),
          }}
          resultColumns={[
            {
              title: '岗位',
              key: 'post',
              render: (_, r) => (r.result ? label('post', String(r.result.post)) : '—'),
            },
            {
              title: '定级',
              key: 'grade',
              render: (_, r) => (r.result ? gradeLabel(Number(r.result.grade)) : '—'),
            },
            {
              title: '调入后月工资',
              key: 'pay',
              render: (_, r) => <Money fen={fenOf(r.result?.payFen)} />,
            },
            {
              title: '较现工资',
              key: 'delta',
              render: (_, r) => {
                const pay = fenOf(r.result?.payFen);
                const before = fenOf(r.result?.previousPayFen);
                return pay === null || before === null ? '—' : <Money fen={pay - before} />;
              },
            },
          ]}
          onCommitted={() => void client.invalidateQueries({ queryKey: ['transfers'] })}
          renderCommitted={(batch) => <BatchDetails batch={batch} />}
        />
        <OpenBatches org={org} kind="transfer" />
        <Card title="调入批次" size="small">
          {batches.isError ? (
            <ErrorAlert error={batches.error} onRetry={() => void batches.refetch()} />
          ) : (
            <Table
              size="small"
              rowKey="id"
              loading={batches.isPending}
              dataSource={(batches.data?.items ?? []) as (Partial<TransferBatch> & { id: string })[]}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: '暂无调入批次' }}
              onRow={(b) => ({ onClick: () => setOpen(b.id), style: { cursor: 'pointer' } })}
              columns={[
                {
                  title: '批次',
                  dataIndex: 'id',
                  render: (id: string) => <Typography.Link onClick={() => setOpen(id)}>{id}</Typography.Link>,
                },
                {
                  title: '调入日期',
                  dataIndex: 'effectiveOn',
                  render: (v: string) => <DateText value={v} />,
                },
                { title: '人数', dataIndex: 'count' },
                {
                  title: '状态',
                  dataIndex: 'status',
                  render: (s: string) => (
                    <StatusTag tone={BATCH_STATUS_TONE[s]}>{label('batchStatus', s)}</StatusTag>
                  ),
                },
                {
                  title: '提交时间',
                  dataIndex: 'createdAt',
                  render: (v: string) => <DateTimeText value={v} />,
                },
              ]}
            />
          )}
        </Card>
      </Space>
      <Drawer title="调入批次详情" width={900} open={open !== null} onClose={() => setOpen(null)}>
        {open ? <BatchById id={open} /> : null}
      </Drawer>
    </>
  );
}

function BatchById({ id }: { id: string }) {
  const batch = useQuery({
    queryKey: ['transfer', id],
    queryFn: () => data(api.GET('/v1/transfers/{id}', { params: { path: { id } } })),
  });
  if (batch.isError) return <ErrorAlert error={batch.error} onRetry={() => void batch.refetch()} />;
  if (!batch.data) return null;
  return <BatchDetails batch={batch.data} />;
}

/** A transfer batch's outcome: status, date, policy, and every person with grade and pay. */
export function BatchDetails({ batch }: { batch: TransferBatch }) {
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="批次">{batch.id}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <StatusTag tone={BATCH_STATUS_TONE[batch.status]}>{label('batchStatus', batch.status)}</StatusTag>
        </Descriptions.Item>
        <Descriptions.Item label="调入日期">
          <DateText value={batch.effectiveOn} />
        </Descriptions.Item>
        <Descriptions.Item label="人数">{batch.count}</Descriptions.Item>
        <Descriptions.Item label="薪酬政策版本" span={2}>
          {policyVersionName(batch.payPolicyVersion)}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="workerId"
        dataSource={batch.persons}
        pagination={batch.persons.length > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '行号', dataIndex: 'row', width: 60 },
          { title: '姓名', dataIndex: 'name' },
          { title: '身份证号', dataIndex: 'nationalId' },
          { title: '所在单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
          { title: '岗位', dataIndex: 'post', render: (p: string) => label('post', p) },
          { title: '定级', dataIndex: 'grade', render: (g: number) => gradeLabel(g) },
          { title: '原月工资', dataIndex: 'previousPayFen', render: (f: number) => <Money fen={f} /> },
          { title: '调入后月工资', dataIndex: 'payFen', render: (f: number) => <Money fen={f} /> },
        ]}
      />
    </>
  );
}
