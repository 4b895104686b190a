import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { applyServerErrors } from '../../components/formErrors.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { DEPARTMENT_LABELS, PLACEMENT_LABELS } from './labels.ts';
import type { Ranking, RankingItem, Recruitment } from './model.ts';

/** 联审: each department's decision on the ranked candidates and the 递补 after a rejection. */
export function ReviewTab({
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
