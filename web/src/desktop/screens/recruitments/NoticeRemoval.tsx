import { useMutation } from '@tanstack/react-query';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { chineseDate } from '../../../lib/dates.ts';
import { applyServerErrors, whenValid } from '../../components/formErrors.ts';
import { REMOVAL_LABELS } from './labels.ts';
import { type Candidate, nextToMoveUp, type Ranking, type RankingItem, type Recruitment } from './model.ts';

export type RemovalKind = 'withdrew' | 'disqualified';

/**
 * 本人放弃 / 取消资格 of a selected candidate during the notice, confirmed with the 递补 that follows
 * (who moves up and their own notice, or the place left empty); 取消资格 needs the reason.
 */
export function NoticeRemovalModal({
  recruitment,
  ranking,
  candidates,
  item,
  kind,
  onClose,
  onDone,
}: {
  recruitment: Recruitment;
  ranking: Ranking;
  candidates: Candidate[];
  item: RankingItem;
  kind: RemovalKind;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string | null>(null);
  const path = { id: recruitment.id, candidateId: item.candidateId };
  const remove = useMutation({
    mutationFn: (reason: string | undefined) =>
      kind === 'withdrew'
        ? data(
            api.POST('/v1/recruitments/{id}/candidates/{candidateId}/withdrawal', {
              params: { path },
              body: reason ? { reason } : {},
            }),
          )
        : data(
            api.POST('/v1/recruitments/{id}/candidates/{candidateId}/disqualification', {
              params: { path },
              body: { reason: reason ?? '' },
            }),
          ),
    onSuccess: onDone,
    onError: (e) => setProblem(applyServerErrors(form, e, ['reason'])?.title ?? null),
  });
  const what = REMOVAL_LABELS[kind];
  const next = nextToMoveUp(ranking, candidates, item.candidateId);
  const days = recruitment.policy.document.publicNoticeDays;
  return (
    <Modal
      open
      title={`${what}：${item.name}`}
      okText={`确认${what}`}
      okButtonProps={{ danger: true }}
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={remove.isPending}
      onOk={() => whenValid(form, (v) => remove.mutate(v.reason?.trim() || undefined))}
    >
      <Typography.Paragraph>
        {item.name} 将退出拟录用名单，此操作不能撤销。
        {next
          ? `随后由第 ${next.rank} 名 ${next.name}（各部门均已同意）递补为拟录用，自今日起另行公示 ${days} 天，期满后方可录用。`
          : '目前没有各部门均已同意的递补人选，该名额将空缺。'}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={kind === 'withdrew' ? '放弃原因（选填）' : '取消资格的理由'}
          rules={kind === 'disqualified' ? [{ required: true, message: '请填写取消资格的理由' }] : []}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
      {problem ? <Alert type="error" showIcon message={problem} /> : null}
    </Modal>
  );
}

/** The notice's changes in words: who left (and why), who moved up with their own notice, empty places. */
export function noticeChanges(recruitment: Recruitment, ranking: Ranking, candidates: Candidate[]): string[] {
  const rankOf = new Map(ranking.items.map((i) => [i.candidateId, i.rank]));
  const ordered = [...candidates].sort((a, b) => (rankOf.get(a.id) ?? 0) - (rankOf.get(b.id) ?? 0));
  const lines: string[] = [];
  for (const c of ordered) {
    if (c.removal)
      lines.push(
        `第 ${rankOf.get(c.id) ?? '—'} 名 ${c.name} ${REMOVAL_LABELS[c.removal.kind]}${c.removal.reason ? `（${c.removal.reason}）` : ''}，退出拟录用名单。`,
      );
  }
  for (const c of ordered) {
    if (c.notice)
      lines.push(
        `第 ${rankOf.get(c.id) ?? '—'} 名 ${c.name} 递补为拟录用，公示期 ${chineseDate(c.notice.startsOn)} 至 ${chineseDate(c.notice.endsOn)}。`,
      );
  }
  const empty = recruitment.places - (recruitment.selected ?? []).length;
  if (lines.length > 0 && empty > 0) lines.push(`没有可递补的人选，空缺 ${empty} 个名额。`);
  return lines;
}
