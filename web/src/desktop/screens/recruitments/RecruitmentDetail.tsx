import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, data } from '../../../api/client.ts';
import { ApiError, describeError } from '../../../api/errors.ts';
import type { components } from '../../../api/schema.ts';
import { label } from '../../../lib/labels.ts';
import { DateText } from '../../components/cells.tsx';
import { applyServerErrors } from '../../components/formErrors.ts';
import { OrgName } from '../../components/OrgName.tsx';
import { fetchOrgUnit } from '../../components/orgUnits.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { SpreadsheetUpload } from '../../upload/SpreadsheetUpload.tsx';
import { RegistrationSheet } from './RegistrationSheet.tsx';
import {
  CRITERION_LABELS,
  criterionFailure,
  DEPARTMENT_LABELS,
  EDUCATION_LABELS,
  NEXT_STAGE,
  PIPELINE,
  PLACEMENT_LABELS,
  STAGE_LABELS,
} from './labels.ts';

type Recruitment = components['schemas']['Recruitment'];
type Candidate = components['schemas']['Candidate'];

/** One row of `GET /v1/recruitments/{id}/ranking` (the route declares the items loosely). */
interface RankingItem {
  rank: number;
  candidateId: string;
  name: string;
  nationalId: string;
  written: number | null;
  interview?: number | null;
  weighted?: number;
  bonus?: number;
  total?: number;
  certificateLevel?: string | null;
  isGridWorker?: boolean;
  isPartyMember?: boolean;
  shortlisted?: boolean;
  reviews?: Record<string, { decision: string; note: string }>;
  placement?: { status: string; rejectedBy: string[]; pendingDepartments: string[] } | null;
  selected?: boolean;
  hiredWorkerId?: string | null;
}
interface Ranking {
  basis: 'written' | 'total';
  items: RankingItem[];
  jointReviewDepartments: string[];
  shortlistSize: number;
  noticeEndsOn: string | null;
  examWeights?: { written: number; interview: number };
}

const CERT_RANK: Record<string, number> = { senior: 3, intermediate: 2, assistant: 1 };

/** Why a candidate ranks above the next one on the same total (the rule book's tie order). */
function tieBreak(item: RankingItem, next: RankingItem | undefined): string | null {
  if (!next || item.total === undefined || item.total !== next.total) return null;
  const cert = (c: RankingItem) => CERT_RANK[c.certificateLevel ?? ''] ?? 0;
  if (cert(item) !== cert(next)) return '同分：证书等级较高';
  if (item.isGridWorker !== next.isGridWorker) return '同分：现任网格员优先';
  if (item.isPartyMember !== next.isPartyMember) return '同分：中共党员优先';
  return '同分：报名在先';
}

export default function RecruitmentDetail() {
  const { id = '' } = useParams();
  const client = useQueryClient();
  const recruitment = useQuery({
    queryKey: ['recruitment', id],
    queryFn: () => data(api.GET('/v1/recruitments/{id}', { params: { path: { id } } })),
  });
  const candidates = useQuery({
    queryKey: ['recruitment', id, 'candidates'],
    queryFn: () =>
      data(api.GET('/v1/recruitments/{id}/candidates', { params: { path: { id }, query: { limit: 200 } } })),
  });
  const ranking = useQuery({
    queryKey: ['recruitment', id, 'ranking'],
    queryFn: async () =>
      (await data(
        api.GET('/v1/recruitments/{id}/ranking', { params: { path: { id } } }),
      )) as unknown as Ranking,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: ['recruitment', id] });

  if (recruitment.isError)
    return <ErrorAlert error={recruitment.error} onRetry={() => void recruitment.refetch()} />;
  if (!recruitment.data) return <Card loading />;
  const r = recruitment.data;
  const all = (candidates.data?.items ?? []) as Candidate[];
  const rank = ranking.data;
  return (
    <>
      <PageHeader
        title={r.title}
        crumbs={[{ title: '招聘', to: '/hr/recruitments' }, { title: r.title }]}
        subtitle={
          <>
            <OrgName id={r.org} />
            {` · 名额 ${r.places} 人 · 岗位 ${label('post', r.post)} · 当前阶段：${STAGE_LABELS[r.stage] ?? r.stage}`}
          </>
        }
        extra={<StageButton recruitment={r} onDone={refresh} />}
      />
      <Board recruitment={r} candidates={all} ranking={rank} />
      <Card style={{ marginTop: 16 }}>
        <Tabs
          items={[
            {
              key: 'candidates',
              label: `考生（${all.length}）`,
              children: <CandidatesTab recruitment={r} candidates={all} onChanged={refresh} />,
            },
            {
              key: 'scores',
              label: '成绩导入',
              children: <ScoresTab recruitment={r} candidates={all} onDone={refresh} />,
            },
            { key: 'ranking', label: '排名', children: <RankingTab ranking={rank} /> },
            {
              key: 'review',
              label: '联审',
              children: <ReviewTab recruitment={r} ranking={rank} onChanged={refresh} />,
            },
            {
              key: 'notice',
              label: '公示与录用',
              children: <NoticeTab recruitment={r} ranking={rank} onChanged={refresh} />,
            },
          ]}
        />
      </Card>
    </>
  );
}

function StageButton({ recruitment, onDone }: { recruitment: Recruitment; onDone: () => void }) {
  const next = NEXT_STAGE[recruitment.stage];
  const move = useMutation({
    mutationFn: () =>
      data(
        api.POST('/v1/recruitments/{id}/stage', {
          params: { path: { id: recruitment.id } },
          body: { to: next!.to },
        }),
      ),
    onSuccess: onDone,
  });
  if (!next) return null;
  return (
    <Space direction="vertical" align="end">
      <Popconfirm
        title={`确定${next.label}？`}
        okText="确定"
        cancelText="取消"
        onConfirm={() => move.mutate()}
      >
        <Button type="primary" loading={move.isPending}>
          {next.label}
        </Button>
      </Popconfirm>
      {move.isError ? <Typography.Text type="danger">{errorText(move.error)}</Typography.Text> : null}
    </Space>
  );
}

const errorText = (error: unknown) => {
  const d = describeError(error);
  return error instanceof ApiError && d.detail === null ? error.message || d.title : (d.detail ?? d.title);
};

/** The pipeline as a board: every candidate in the furthest column they reached. */
function Board({
  recruitment,
  candidates,
  ranking,
}: {
  recruitment: Recruitment;
  candidates: Candidate[];
  ranking: Ranking | undefined;
}) {
  const order = ['open', 'written-exam', 'interview', 'review', 'notice', 'closed'];
  const at = order.indexOf(recruitment.stage);
  const shortlist = new Set(recruitment.shortlist ?? []);
  const selected = new Set(recruitment.selected ?? []);
  const placement = new Map((ranking?.items ?? []).map((i) => [i.candidateId, i.placement?.status]));
  const columns: Record<(typeof PIPELINE)[number], { id: string; name: string; note?: string }[]> = {
    报名: [],
    资格审查: [],
    笔试: [],
    面试: [],
    联审: [],
    公示: [],
    录用: [],
  };
  for (const c of candidates) {
    if (c.hiredWorkerId) columns.录用.push({ id: c.id, name: c.name });
    else if (at >= 4 && selected.has(c.id)) columns.公示.push({ id: c.id, name: c.name });
    else if (at >= 3 && placement.get(c.id) && placement.get(c.id) !== 'reserve')
      columns.联审.push({ id: c.id, name: c.name, note: PLACEMENT_LABELS[placement.get(c.id)!] });
    else if (shortlist.has(c.id))
      columns.面试.push({
        id: c.id,
        name: c.name,
        ...(c.scores.interview !== null ? { note: `面试 ${c.scores.interview}` } : {}),
      });
    else if (!c.eligibility.eligible) columns.资格审查.push({ id: c.id, name: c.name, note: '未通过' });
    else if (at >= 1)
      columns.笔试.push({
        id: c.id,
        name: c.name,
        ...(c.scores.written !== null ? { note: `笔试 ${c.scores.written}` } : {}),
      });
    else columns.报名.push({ id: c.id, name: c.name, note: '资格审查通过' });
  }
  return (
    <Row gutter={8} wrap={false} style={{ overflowX: 'auto' }} aria-label="招聘流程看板">
      {PIPELINE.map((column, i) => (
        <Col key={column} flex="1 1 0" style={{ minWidth: 150 }}>
          <Card
            size="small"
            title={`${column}（${columns[column].length}）`}
            className={i === Math.min(at + (at >= 1 ? 1 : 0), 6) ? 'pipeline-current' : undefined}
          >
            {columns[column].length === 0 ? (
              <Typography.Text type="secondary">—</Typography.Text>
            ) : (
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                {columns[column].map((c) => (
                  <div key={c.id} className="pipeline-card">
                    <Typography.Text>{c.name}</Typography.Text>
                    {c.note ? (
                      <Typography.Text
                        type={c.note === '未通过' || c.note === '联审未通过' ? 'danger' : 'secondary'}
                      >
                        {' '}
                        {c.note}
                      </Typography.Text>
                    ) : null}
                  </div>
                ))}
              </Space>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function CandidatesTab({
  recruitment,
  candidates,
  onChanged,
}: {
  recruitment: Recruitment;
  candidates: Candidate[];
  onChanged: () => void;
}) {
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<Candidate | null>(null);
  const register = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      data(
        api.POST('/v1/recruitments/{id}/candidates', {
          params: { path: { id: recruitment.id } },
          body: body as never,
        }),
      ),
    onSuccess: (c) => {
      setVerdict(c as Candidate);
      setProblem(null);
      form.resetFields();
      onChanged();
    },
    onError: (e) => setProblem(applyServerErrors(form, e)?.title ?? null),
  });
  return (
    <>
      {recruitment.stage === 'open' ? (
        <Card size="small" title="登记报名" style={{ marginBottom: 16 }}>
          <Form
            form={form}
            layout="inline"
            initialValues={{
              politicalRecordClear: true,
              meetsHealthRequirement: true,
              hasLocalResidence: true,
            }}
            onFinish={(v) => {
              setVerdict(null);
              register.mutate({ ...v, certificateLevel: v.certificateLevel ?? null });
            }}
            style={{ rowGap: 12 }}
          >
            <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input style={{ width: 120 }} />
            </Form.Item>
            <Form.Item
              name="nationalId"
              label="身份证号"
              rules={[{ required: true, message: '请填写身份证号' }]}
            >
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="education" label="学历" rules={[{ required: true, message: '请选择学历' }]}>
              <Select
                style={{ width: 140 }}
                aria-label="学历"
                options={Object.entries(EDUCATION_LABELS).map(([value, text]) => ({ value, label: text }))}
              />
            </Form.Item>
            <Form.Item name="certificateLevel" label="职业资格">
              <Select
                style={{ width: 160 }}
                allowClear
                aria-label="职业资格"
                placeholder="无"
                options={['assistant', 'intermediate', 'senior'].map((v) => ({
                  value: v,
                  label: label('certificateLevel', v),
                }))}
              />
            </Form.Item>
            <Form.Item name="isGridWorker" valuePropName="checked">
              <Checkbox>现任网格员</Checkbox>
            </Form.Item>
            <Form.Item name="isPartyMember" valuePropName="checked">
              <Checkbox>中共党员</Checkbox>
            </Form.Item>
            <Form.Item name="politicalRecordClear" valuePropName="checked">
              <Checkbox>政治表现审查通过</Checkbox>
            </Form.Item>
            <Form.Item name="meetsHealthRequirement" valuePropName="checked">
              <Checkbox>符合身体条件</Checkbox>
            </Form.Item>
            <Form.Item name="hasLocalResidence" valuePropName="checked">
              <Checkbox>本地户籍或居住证</Checkbox>
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={register.isPending}>
                登记
              </Button>
            </Form.Item>
          </Form>
          {problem ? <Alert style={{ marginTop: 12 }} type="error" showIcon message={problem} /> : null}
          {verdict ? (
            verdict.eligibility.eligible ? (
              <Alert
                style={{ marginTop: 12 }}
                type="success"
                showIcon
                message={`${verdict.name} 已登记，资格审查通过`}
              />
            ) : (
              <Alert
                style={{ marginTop: 12 }}
                type="warning"
                showIcon
                message={`${verdict.name} 已登记，资格审查未通过`}
                description={verdict.eligibility.failed
                  .map((f) => criterionFailure(f, verdict.eligibility.reasons[f]))
                  .join('；')}
              />
            )
          ) : null}
        </Card>
      ) : null}
      {recruitment.stage === 'open' ? (
        <div style={{ marginBottom: 16 }}>
          <RegistrationSheet recruitment={recruitment} onDone={onChanged} />
        </div>
      ) : null}
      <Table<Candidate>
        size="small"
        rowKey="id"
        dataSource={candidates}
        pagination={false}
        locale={{ emptyText: '尚无考生报名' }}
        columns={[
          { title: '序号', dataIndex: 'registrationNo', width: 60 },
          { title: '姓名', dataIndex: 'name' },
          { title: '身份证号', dataIndex: 'nationalId' },
          { title: '学历', dataIndex: 'education', render: (e: string) => EDUCATION_LABELS[e] ?? e },
          {
            title: '资格审查',
            key: 'eligibility',
            render: (_, c) =>
              c.eligibility.eligible ? (
                <Typography.Text type="success">通过</Typography.Text>
              ) : (
                <Space direction="vertical" size={0}>
                  <Typography.Text type="danger">
                    未通过（{c.eligibility.failed.map((f) => CRITERION_LABELS[f] ?? f).join('、')}）
                  </Typography.Text>
                  {c.eligibility.failed.map((f) => (
                    <Typography.Text key={f} type="secondary">
                      {criterionFailure(f, c.eligibility.reasons[f])}
                    </Typography.Text>
                  ))}
                </Space>
              ),
          },
          { title: '笔试', key: 'written', render: (_, c) => c.scores.written ?? '—' },
          { title: '面试', key: 'interview', render: (_, c) => c.scores.interview ?? '—' },
          { title: '录用', key: 'hired', render: (_, c) => (c.hiredWorkerId ? '已录用' : '—') },
        ]}
      />
    </>
  );
}

function ScoresTab({
  recruitment,
  candidates,
  onDone,
}: {
  recruitment: Recruitment;
  candidates: Candidate[];
  onDone: () => void;
}) {
  const names = new Map(candidates.map((c) => [c.id, c.name]));
  const scoring = recruitment.stage === 'written-exam' || recruitment.stage === 'interview';
  return (
    <SpreadsheetUpload<{ recorded: number }>
      key={recruitment.stage}
      path={`/v1/recruitments/${recruitment.id}/scores`}
      template="scores"
      title={recruitment.stage === 'interview' ? '导入面试成绩' : '导入笔试成绩'}
      hint={`表头：姓名、身份证号（或候选人编号）、${recruitment.stage === 'interview' ? '面试成绩' : '笔试成绩'}；成绩 0–100，最多两位小数`}
      disabledReason={scoring ? null : '只有在笔试或面试阶段才能导入成绩'}
      commitLabel="确认导入成绩"
      resultColumns={[
        {
          title: '对应考生',
          key: 'candidate',
          render: (_, row) =>
            row.result ? (names.get(String(row.result.candidateId)) ?? String(row.result.candidateId)) : '—',
        },
        {
          title: '将录入',
          key: 'score',
          render: (_, row) =>
            row.result
              ? row.result.written !== undefined
                ? `笔试 ${String(row.result.written)}`
                : `面试 ${String(row.result.interview)}`
              : '—',
        },
      ]}
      onCommitted={onDone}
      renderCommitted={(body) => (
        <Alert type="success" showIcon message={`已录入 ${body.recorded} 名考生的成绩`} />
      )}
    />
  );
}

function RankingTab({ ranking }: { ranking: Ranking | undefined }) {
  if (!ranking) return <Card loading />;
  if (ranking.items.length === 0) return <Empty description="尚无成绩，暂无排名" />;
  const byTotal = ranking.basis === 'total';
  return (
    <>
      <Typography.Paragraph type="secondary">
        {byTotal
          ? `总成绩 = 笔试 × ${ranking.examWeights?.written ?? ''}% + 面试 × ${ranking.examWeights?.interview ?? ''}% + 证书加分；同分依次比较证书等级、现任网格员、中共党员、报名先后。`
          : `按笔试成绩排序；按名额确定面试名单（共 ${ranking.shortlistSize} 人）。`}
      </Typography.Paragraph>
      <Table<RankingItem>
        size="small"
        rowKey="candidateId"
        dataSource={ranking.items}
        pagination={false}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60 },
          { title: '姓名', dataIndex: 'name' },
          { title: '笔试', dataIndex: 'written', render: (v) => v ?? '—' },
          ...(byTotal
            ? [
                { title: '面试', dataIndex: 'interview', render: (v: number | null) => v ?? '—' },
                { title: '加分', dataIndex: 'bonus' },
                { title: '总成绩', dataIndex: 'total' },
                {
                  title: '同分排序依据',
                  key: 'tie',
                  render: (_: unknown, item: RankingItem, i: number) =>
                    tieBreak(item, ranking.items[i + 1]) ?? '—',
                },
                {
                  title: '结果',
                  key: 'placement',
                  render: (_: unknown, item: RankingItem) =>
                    item.placement
                      ? (PLACEMENT_LABELS[item.placement.status] ?? item.placement.status)
                      : '进入面试',
                },
              ]
            : [
                {
                  title: '进入面试',
                  dataIndex: 'shortlisted',
                  render: (s: boolean) => (s ? <Typography.Text type="success">是</Typography.Text> : '否'),
                },
              ]),
        ]}
      />
    </>
  );
}

function ReviewTab({
  recruitment,
  ranking,
  onChanged,
}: {
  recruitment: Recruitment;
  ranking: Ranking | undefined;
  onChanged: () => void;
}) {
  const [deciding, setDeciding] = useState<{
    item: RankingItem;
    department: string;
    decision: 'approve' | 'reject';
  } | null>(null);
  if (!ranking) return <Card loading />;
  if (!['review', 'notice', 'closed'].includes(recruitment.stage))
    return <Empty description="面试结束、进入联审阶段后，由各部门逐一审查拟录用人员" />;
  const departments = ranking.jointReviewDepartments;
  const rejected = ranking.items.filter((i) => i.placement?.status === 'rejected');
  const movedUp = ranking.items.filter(
    (i) =>
      i.placement &&
      i.placement.status !== 'reserve' &&
      i.placement.status !== 'rejected' &&
      i.rank > recruitment.places,
  );
  return (
    <>
      {rejected.length > 0 ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          message="联审未通过与递补"
          description={
            <>
              {rejected.map((i) => (
                <div key={i.candidateId}>
                  第 {i.rank} 名 {i.name}：
                  {i.placement!.rejectedBy.map((d) => DEPARTMENT_LABELS[d] ?? d).join('、')}
                  不同意，取消拟录用资格。
                </div>
              ))}
              {movedUp.map((i) => (
                <div key={i.candidateId}>
                  第 {i.rank} 名 {i.name} 依次递补，{PLACEMENT_LABELS[i.placement!.status]}。
                </div>
              ))}
            </>
          }
        />
      ) : null}
      <Table<RankingItem>
        size="small"
        rowKey="candidateId"
        dataSource={ranking.items.filter((i) => i.placement && i.placement.status !== 'reserve')}
        pagination={false}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60 },
          { title: '姓名', dataIndex: 'name' },
          { title: '总成绩', dataIndex: 'total' },
          ...departments.map((d) => ({
            title: DEPARTMENT_LABELS[d] ?? d,
            key: d,
            render: (_: unknown, item: RankingItem) => {
              const review = item.reviews?.[d];
              if (review)
                return review.decision === 'approved' ? (
                  <Typography.Text type="success">同意</Typography.Text>
                ) : (
                  <Typography.Text type="danger" title={review.note}>
                    不同意：{review.note}
                  </Typography.Text>
                );
              if (recruitment.stage !== 'review' || item.placement?.status === 'rejected') return '—';
              return (
                <Space size={4}>
                  <Button
                    size="small"
                    onClick={() => setDeciding({ item, department: d, decision: 'approve' })}
                  >
                    同意
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => setDeciding({ item, department: d, decision: 'reject' })}
                  >
                    不同意
                  </Button>
                </Space>
              );
            },
          })),
          {
            title: '结果',
            key: 'placement',
            render: (_: unknown, item: RankingItem) => {
              const s = item.placement?.status ?? '';
              return (
                <StatusTag tone={s === 'selected' ? 'success' : s === 'rejected' ? 'error' : 'processing'}>
                  {PLACEMENT_LABELS[s] ?? s}
                </StatusTag>
              );
            },
          },
        ]}
      />
      {deciding ? (
        <ReviewModal
          recruitmentId={recruitment.id}
          {...deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}

function ReviewModal({
  recruitmentId,
  item,
  department,
  decision,
  onClose,
  onDone,
}: {
  recruitmentId: string;
  item: RankingItem;
  department: string;
  decision: 'approve' | 'reject';
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string | null>(null);
  const record = useMutation({
    mutationFn: (note: string) =>
      data(
        api.POST('/v1/recruitments/{id}/candidates/{candidateId}/reviews', {
          params: { path: { id: recruitmentId, candidateId: item.candidateId } },
          body: { department, decision, note },
        }),
      ),
    onSuccess: onDone,
    onError: (e) => setProblem(applyServerErrors(form, e)?.title ?? null),
  });
  const who = DEPARTMENT_LABELS[department] ?? department;
  return (
    <Modal
      open
      title={`${who}联审意见：${item.name}（${decision === 'approve' ? '同意' : '不同意'}）`}
      okText="提交"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={record.isPending}
      onOk={() => void form.validateFields().then((v) => record.mutate(v.note))}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="note" label="审查意见" rules={[{ required: true, message: '请填写审查意见' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
      {problem ? <Alert type="error" showIcon message={problem} /> : null}
    </Modal>
  );
}

function NoticeTab({
  recruitment,
  ranking,
  onChanged,
}: {
  recruitment: Recruitment;
  ranking: Ranking | undefined;
  onChanged: () => void;
}) {
  const [refusal, setRefusal] = useState<{ name: string; error: unknown; unit?: string } | null>(null);
  const hire = useMutation({
    mutationFn: (item: RankingItem) =>
      data(
        api.POST('/v1/recruitments/{id}/candidates/{candidateId}/hire', {
          params: { path: { id: recruitment.id, candidateId: item.candidateId } },
          body: {},
        }),
      ),
    onSuccess: () => {
      setRefusal(null);
      onChanged();
    },
    onError: async (error, item) => {
      let unit: string | undefined;
      if (error instanceof ApiError && error.code === 'QUOTA_EXCEEDED') {
        const org = (error.details as { org?: string } | null)?.org;
        if (org)
          unit = await fetchOrgUnit(org).then(
            (u) =>
              `${u.name}（${u.id}）核定编制 ${u.quota ?? '—'} 人，已用 ${u.used} 人，空余 ${u.available ?? 0} 人`,
            () => org,
          );
      }
      setRefusal({ name: item.name, error, ...(unit ? { unit } : {}) });
    },
  });
  if (!recruitment.noticeStartsOn)
    return <Empty description="联审结束、开始公示后，可在公示期满后办理录用" />;
  const selected = (ranking?.items ?? []).filter((i) => i.selected);
  return (
    <>
      <Descriptions bordered size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="公示开始">
          <DateText value={recruitment.noticeStartsOn} />
        </Descriptions.Item>
        <Descriptions.Item label="公示结束">
          <DateText value={recruitment.noticeEndsOn} />
        </Descriptions.Item>
        <Descriptions.Item label="已录用">{recruitment.hiredCount} 人</Descriptions.Item>
      </Descriptions>
      {refusal ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="error"
          showIcon
          message={`${refusal.name} 未能录用：${errorText(refusal.error)}`}
          description={
            refusal.unit
              ? `编制已满的单位：${refusal.unit}。录用需在该单位及其上级每一级都有空余编制，请先调整编制或办理减员。`
              : undefined
          }
        />
      ) : null}
      <Table<RankingItem>
        size="small"
        rowKey="candidateId"
        dataSource={selected}
        pagination={false}
        locale={{ emptyText: '没有拟录用人员' }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60 },
          { title: '姓名', dataIndex: 'name' },
          { title: '身份证号', dataIndex: 'nationalId' },
          { title: '总成绩', dataIndex: 'total' },
          {
            title: '录用',
            key: 'hire',
            render: (_, item) =>
              item.hiredWorkerId ? (
                <Typography.Text type="success">已录用</Typography.Text>
              ) : (
                <Popconfirm
                  title={`确定录用 ${item.name}？`}
                  description="录用后即建立人员档案、占用编制并开始试用期"
                  okText="录用"
                  cancelText="取消"
                  onConfirm={() => hire.mutate(item)}
                >
                  <Button
                    type="primary"
                    size="small"
                    loading={hire.isPending && hire.variables?.candidateId === item.candidateId}
                  >
                    录用
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
}
