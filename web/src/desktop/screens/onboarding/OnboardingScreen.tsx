import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Descriptions, Space, Table } from 'antd';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import { gradeLabel, label, policyVersionName } from '../../../lib/labels.ts';
import { DateText } from '../../components/cells.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { useOrgUnit } from '../../components/orgUnits.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { OpenBatches } from '../../upload/OpenBatches.tsx';
import { SpreadsheetUpload } from '../../upload/SpreadsheetUpload.tsx';
import { EDUCATION_LABELS } from '../recruitments/labels.ts';

type Onboarding = components['schemas']['Onboarding'];

const STATUS: Record<string, { text: string; color: Tone }> = {
  'in-progress': { text: '写入中', color: 'processing' },
  completed: { text: '已完成', color: 'success' },
  'rolled-back': { text: '已回滚', color: 'default' },
};

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });
const dateCell = (v: unknown) => (typeof v === 'string' && v ? <DateText value={v} /> : '—');

/**
 * 存量人员导入: a city's serving workforce from a spreadsheet (city-level HR only), every row previewed
 * with its post, grade and dates before the one audited durable batch is written; the batch's
 * progress while it runs and every person it brought in.
 */
export default function OnboardingScreen() {
  const session = useSession()!;
  const unit = useOrgUnit(session.org);
  const client = useQueryClient();
  const cityLevel = unit.data?.level === 'city';
  return (
    <>
      <PageHeader
        title="存量人员导入"
        crumbs={[{ title: '存量人员导入' }]}
        subtitle="启用系统时一次性导入在岗社区工作者：逐行预览岗位、等级、试用期与合同，全部无误后整批写入（全部成功或全部不写入）"
      />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          message="请先录入历年政策版本，再导入人员"
          description="导入后本市将不能再补录历史政策版本；历年年度考核按“2024:称职;2025:优秀”填写。"
        />
        <SpreadsheetUpload<Onboarding>
          path="/v1/onboarding"
          template="onboarding"
          title="导入在岗人员"
          hint="表头：身份证号、姓名、所在单位（社区或网格的名称或单位编号）、学历、是否党员、入职日期、岗位、等级、定级日期、试用期满日期、合同起始日期、合同到期日期、证书等级、证书编号、发证日期、证书登记日期、历年年度考核"
          commitLabel="确认导入"
          disabledReason={
            unit.isPending ? '正在读取本单位…' : cityLevel ? null : '存量人员导入仅限市级人事干部操作'
          }
          cellRender={{
            education: (v) => EDUCATION_LABELS[String(v)] ?? String(v ?? '—'),
            post: (v) => (typeof v === 'string' ? label('post', v) : '—'),
            certificateLevel: (v) => (typeof v === 'string' && v ? label('certificateLevel', v) : '—'),
          }}
          resultColumns={[
            {
              title: '定岗定级',
              key: 'grade',
              onCell: nowrap,
              render: (_, r) =>
                r.result
                  ? `${label('post', String(r.result.post))} · ${gradeLabel(Number(r.result.grade))}`
                  : '—',
            },
            {
              title: '试用期满',
              key: 'probation',
              onCell: nowrap,
              render: (_, r) => dateCell(r.result?.probationEndsOn),
            },
            {
              title: '合同到期',
              key: 'contract',
              onCell: nowrap,
              render: (_, r) => dateCell(r.result?.contractEndsOn),
            },
          ]}
          onCommitted={() => {
            void client.invalidateQueries({ queryKey: ['workers'] });
            void client.invalidateQueries({ queryKey: ['org-unit'] });
            void client.invalidateQueries({ queryKey: ['stats'] });
          }}
          renderCommitted={(record) => <OnboardingResult record={record} />}
        />
        <OpenBatches org={session.org} kind="onboarding" />
      </Space>
    </>
  );
}

/** The import's record, re-read while its batch is still being written. */
function OnboardingResult({ record }: { record: Onboarding }) {
  const latest = useQuery({
    queryKey: ['onboarding', record.id],
    queryFn: () => data(api.GET('/v1/onboarding/{id}', { params: { path: { id: record.id } } })),
    initialData: record,
    refetchInterval: (q) => (q.state.data?.status === 'in-progress' ? 3000 : false),
  });
  const r = latest.data;
  return (
    <>
      {latest.isError ? <ErrorAlert error={latest.error} onRetry={() => void latest.refetch()} /> : null}
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="导入批次">{r.id}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <StatusTag tone={STATUS[r.status]?.color}>{STATUS[r.status]?.text ?? r.status}</StatusTag>
        </Descriptions.Item>
        <Descriptions.Item label="人数">
          <span data-testid="onboarded-count">{r.count}</span>
        </Descriptions.Item>
        <Descriptions.Item label="薪酬政策版本">{policyVersionName(r.payPolicyVersion)}</Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="workerId"
        scroll={{ x: 'max-content' }}
        dataSource={r.persons}
        pagination={r.persons.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        columns={[
          { title: '行号', dataIndex: 'row', width: 60 },
          { title: '姓名', dataIndex: 'name' },
          { title: '身份证号', dataIndex: 'nationalId' },
          { title: '所在单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
          { title: '岗位', dataIndex: 'post', render: (p: string) => label('post', p) },
          { title: '等级', dataIndex: 'grade', render: (g: number) => gradeLabel(g) },
          { title: '入职日期', dataIndex: 'hiredOn', render: (d: string) => <DateText value={d} /> },
        ]}
      />
    </>
  );
}
