import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { useSession } from '../../../auth/auth.tsx';
import { applyServerErrors, whenValid } from '../../components/formErrors.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { DEPARTMENT_LABELS, departmentName, PLACEMENT_LABELS, REMOVAL_LABELS } from './labels.ts';
import { type Candidate, nextToMoveUp, type Ranking, type RankingItem, type Recruitment } from './model.ts';

/** What the signed-in officer is about to do for their department. */
type Deciding =
  | { kind: 'decide'; item: RankingItem; decision: 'approve' | 'reject' }
  | { kind: 'withdraw'; item: RankingItem };

/**
 * 联审: each department's decision on the ranked candidates (reserves too: only a reserve every
 * department approved can move up during the notice) and the 递补 after a rejection. An officer
 * records and withdraws only the decisions of the department their identity holds.
 */
export function ReviewTab({
  recruitment,
  ranking,
  candidates,
  onChanged,
}: {
  recruitment: Recruitment;
  ranking: Ranking | undefined;
  candidates: Candidate[];
  onChanged: () => void;
}) {
  const held = useSession()?.department;
  const [deciding, setDeciding] = useState<Deciding | null>(null);
  if (!ranking) return <Card loading />;
  if (!['review', 'notice', 'closed'].includes(recruitment.stage))
    return <Empty description="面试结束、进入联审阶段后，由各部门逐一审查拟录用人员" />;
  const departments = ranking.jointReviewDepartments;
  const mine = held && departments.includes(held) ? held : null;
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const rejected = ranking.items.filter((i) => i.placement?.status === 'rejected');
  const movedUp = ranking.items.filter(
    (i) =>
      (i.placement?.status === 'selected' || i.placement?.status === 'pending-review') &&
      i.rank > recruitment.places,
  );
  // During the notice, departments decide on reserves only while a place stands empty (递补).
  const reviewOpen =
    recruitment.stage === 'review' ||
    (recruitment.stage === 'notice' && (recruitment.selected ?? []).length < recruitment.places);
  const open = (item: RankingItem) => !item.hiredWorkerId && !byId.get(item.candidateId)?.removal;
  return (
    <>
      <DepartmentHint held={held ?? null} mine={mine} departments={departments} />
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
        dataSource={ranking.items.filter((i) => i.placement)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60 },
          { title: '姓名', dataIndex: 'name' },
          { title: '总成绩', dataIndex: 'total' },
          ...departments.map((d) => ({
            title: DEPARTMENT_LABELS[d] ?? d,
            key: d,
            render: (_: unknown, item: RankingItem) => {
              const review = item.reviews?.[d];
              const ours = d === mine && open(item);
              if (review)
                return (
                  <Space direction="vertical" size={0}>
                    {review.decision === 'approved' ? (
                      <Typography.Text type="success">同意</Typography.Text>
                    ) : (
                      <Typography.Text type="danger" title={review.note}>
                        不同意：{review.note}
                      </Typography.Text>
                    )}
                    {ours && ['review', 'notice'].includes(recruitment.stage) ? (
                      <Button
                        size="small"
                        type="link"
                        style={{ padding: 0 }}
                        onClick={() => setDeciding({ kind: 'withdraw', item })}
                      >
                        撤回审查意见
                      </Button>
                    ) : null}
                  </Space>
                );
              if (!ours || !reviewOpen || item.placement?.status === 'rejected')
                return <Typography.Text type="secondary">待审查</Typography.Text>;
              return (
                <Space size={4}>
                  <Button
                    size="small"
                    onClick={() => setDeciding({ kind: 'decide', item, decision: 'approve' })}
                  >
                    同意
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => setDeciding({ kind: 'decide', item, decision: 'reject' })}
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
              const removal = byId.get(item.candidateId)?.removal;
              if (removal) return <StatusTag tone="default">{REMOVAL_LABELS[removal.kind]}</StatusTag>;
              if (item.hiredWorkerId) return <StatusTag tone="success">已录用</StatusTag>;
              const s = recruitment.stage === 'review' ? (item.placement?.status ?? '') : noticeStatus(item);
              return (
                <StatusTag tone={s === 'selected' ? 'success' : s === 'rejected' ? 'error' : 'processing'}>
                  {PLACEMENT_LABELS[s] ?? s}
                </StatusTag>
              );
            },
          },
        ]}
      />
      {deciding && mine ? (
        <DecisionModal
          recruitment={recruitment}
          ranking={ranking}
          candidates={candidates}
          department={mine}
          deciding={deciding}
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

/** From the notice on, the selection is the recruitment's (递补 changes it), not the review's. */
const noticeStatus = (item: RankingItem) =>
  item.selected ? 'selected' : item.placement?.status === 'rejected' ? 'rejected' : 'reserve';

/** Which department's voice the officer is, or why they record none. */
function DepartmentHint({
  held,
  mine,
  departments,
}: {
  held: string | null;
  mine: string | null;
  departments: string[];
}) {
  const names = departments.map(departmentName).join('、');
  if (mine)
    return (
      <Alert
        style={{ marginBottom: 12 }}
        type="info"
        showIcon
        message={`您以${departmentName(mine)}身份参加联审：只能录入或撤回${departmentName(mine)}的审查意见，其他部门的意见由其本部门人员录入。`}
      />
    );
  return (
    <Alert
      style={{ marginBottom: 12 }}
      type="warning"
      showIcon
      message={
        held
          ? `您持有的联审部门（${departmentName(held)}）不在本次招聘的联审部门（${names}）之列，只能查看审查意见。`
          : `您的账号未持有联审部门身份，只能查看审查意见。审查意见由持有${names}身份的人员录入，如需参加联审请联系管理员为账号设置联审部门。`
      }
    />
  );
}

/** 同意 / 不同意 with a note, or 撤回审查意见 with why (during the notice this may bring a 递补). */
function DecisionModal({
  recruitment,
  ranking,
  candidates,
  department,
  deciding,
  onClose,
  onDone,
}: {
  recruitment: Recruitment;
  ranking: Ranking;
  candidates: Candidate[];
  department: string;
  deciding: Deciding;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string | null>(null);
  const { item } = deciding;
  const path = { id: recruitment.id, candidateId: item.candidateId };
  const submit = useMutation({
    mutationFn: (note: string) =>
      deciding.kind === 'decide'
        ? data(
            api.POST('/v1/recruitments/{id}/candidates/{candidateId}/reviews', {
              params: { path },
              body: { department, decision: deciding.decision, note },
            }),
          )
        : data(
            api.POST('/v1/recruitments/{id}/candidates/{candidateId}/reviews/{department}/withdrawal', {
              params: { path: { ...path, department } },
              body: { note },
            }),
          ),
    onSuccess: onDone,
    onError: (e) => setProblem(applyServerErrors(form, e)?.title ?? null),
  });
  const who = departmentName(department);
  const leavesSelection = deciding.kind === 'withdraw' && recruitment.stage === 'notice' && item.selected;
  const next = leavesSelection ? nextToMoveUp(ranking, candidates, item.candidateId) : null;
  return (
    <Modal
      open
      title={
        deciding.kind === 'decide'
          ? `${who}联审意见：${item.name}（${deciding.decision === 'approve' ? '同意' : '不同意'}）`
          : `撤回${who}对 ${item.name} 的审查意见`
      }
      okText={deciding.kind === 'decide' ? '提交' : '撤回'}
      okButtonProps={deciding.kind === 'withdraw' ? { danger: true } : {}}
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={submit.isPending}
      onOk={() => whenValid(form, (v) => submit.mutate(v.note))}
    >
      {deciding.kind === 'decide' && recruitment.stage === 'notice' ? (
        <Typography.Paragraph>
          公示期间有名额空缺：各部门均同意的递补人选中排名最前者将递补为拟录用，自今日起另行公示。
        </Typography.Paragraph>
      ) : null}
      {deciding.kind === 'withdraw' ? (
        <Typography.Paragraph>
          撤回后{who}须重新审查该考生
          {leavesSelection
            ? next
              ? `；${item.name} 正在公示，将退出拟录用名单，由第 ${next.rank} 名 ${next.name}（各部门均已同意）递补并另行公示。`
              : `；${item.name} 正在公示，将退出拟录用名单，目前没有各部门均已同意的递补人选，该名额将空缺。`
            : '。'}
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical">
        <Form.Item
          name="note"
          label={deciding.kind === 'decide' ? '审查意见' : '撤回理由'}
          rules={[
            { required: true, message: deciding.kind === 'decide' ? '请填写审查意见' : '请填写撤回理由' },
          ]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
      {problem ? <Alert type="error" showIcon message={problem} /> : null}
    </Modal>
  );
}
