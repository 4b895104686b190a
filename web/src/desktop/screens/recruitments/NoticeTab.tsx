import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Empty, Popconfirm, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { DateText } from '../../components/cells.tsx';
import { fullUnitInWords } from '../../components/quota.ts';
import { StatusTag } from '../../components/StatusTag.tsx';
import { REMOVAL_LABELS } from './labels.ts';
import { type Candidate, errorText, type Ranking, type RankingItem, type Recruitment } from './model.ts';
import { NoticeRemovalModal, noticeChanges, type RemovalKind } from './NoticeRemoval.tsx';

interface Refusal {
  candidateId: string;
  name: string;
  error: unknown;
  /** QUOTA_EXCEEDED: the full unit with its figures. */
  unit?: string;
}

/**
 * 公示与录用: the notice dates; each selected candidate's hire (QUOTA_EXCEEDED naming the full unit,
 * beside the row and above the table), 本人放弃 and 取消资格 with the 递补 that follows, and who
 * left and who moved up.
 */
export function NoticeTab({
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
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [removing, setRemoving] = useState<{ item: RankingItem; kind: RemovalKind } | null>(null);
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
    onError: (error, item) => {
      // The full unit and its figures as the API read them when it refused (the error's details).
      const unit = fullUnitInWords(error, { withId: true });
      setRefusal({ candidateId: item.candidateId, name: item.name, error, ...(unit ? { unit } : {}) });
    },
  });
  if (!recruitment.noticeStartsOn)
    return <Empty description="联审结束、开始公示后，可在公示期满后办理录用" />;
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const shown = (ranking?.items ?? []).filter((i) => i.selected || byId.get(i.candidateId)?.removal);
  const changes = ranking ? noticeChanges(recruitment, ranking, candidates) : [];
  const inNotice = recruitment.stage === 'notice';
  return (
    <>
      <Descriptions bordered size="small" column={{ xs: 1, sm: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="公示开始">
          <DateText value={recruitment.noticeStartsOn} />
        </Descriptions.Item>
        <Descriptions.Item label="公示结束">
          <DateText value={recruitment.noticeEndsOn} />
        </Descriptions.Item>
        <Descriptions.Item label="已录用">{recruitment.hiredCount} 人</Descriptions.Item>
      </Descriptions>
      {changes.length > 0 ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          message="公示期间的放弃、取消资格与递补"
          description={changes.map((line) => <div key={line}>{line}</div>)}
        />
      ) : null}
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
        dataSource={shown}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '没有拟录用人员' }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60 },
          {
            title: '姓名',
            dataIndex: 'name',
            render: (n: string) => <span style={{ whiteSpace: 'nowrap' }}>{n}</span>,
          },
          { title: '身份证号', dataIndex: 'nationalId' },
          { title: '总成绩', dataIndex: 'total' },
          {
            title: '公示期',
            key: 'notice',
            render: (_, item) => {
              const own = byId.get(item.candidateId)?.notice;
              return (
                <span style={{ whiteSpace: 'nowrap' }}>
                  <DateText value={own?.startsOn ?? recruitment.noticeStartsOn} /> 至{' '}
                  <DateText value={own?.endsOn ?? recruitment.noticeEndsOn} />
                  {own ? '（递补）' : ''}
                </span>
              );
            },
          },
          {
            title: '状态',
            key: 'status',
            render: (_, item) => {
              const removal = byId.get(item.candidateId)?.removal;
              if (removal)
                return (
                  <Space direction="vertical" size={0}>
                    <StatusTag tone="default">{REMOVAL_LABELS[removal.kind]}</StatusTag>
                    {removal.reason ? (
                      <Typography.Text type="secondary">{removal.reason}</Typography.Text>
                    ) : null}
                  </Space>
                );
              if (item.hiredWorkerId) return <StatusTag tone="success">已录用</StatusTag>;
              return (
                <StatusTag tone="processing">
                  {byId.get(item.candidateId)?.notice ? '递补拟录用' : '拟录用'}
                </StatusTag>
              );
            },
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, item) => {
              if (item.hiredWorkerId || byId.get(item.candidateId)?.removal || !inNotice) return '—';
              const refused = refusal?.candidateId === item.candidateId ? refusal : null;
              return (
                <Space direction="vertical" size={4}>
                  <Space size={4}>
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
                    <Button size="small" onClick={() => setRemoving({ item, kind: 'withdrew' })}>
                      本人放弃
                    </Button>
                    <Button size="small" danger onClick={() => setRemoving({ item, kind: 'disqualified' })}>
                      取消资格
                    </Button>
                  </Space>
                  {refused ? (
                    <Typography.Text type="danger" role="alert" style={{ display: 'block', maxWidth: 320 }}>
                      {refused.unit ? `编制已满：${refused.unit}` : errorText(refused.error)}
                    </Typography.Text>
                  ) : null}
                </Space>
              );
            },
          },
        ]}
      />
      {removing && ranking ? (
        <NoticeRemovalModal
          recruitment={recruitment}
          ranking={ranking}
          candidates={candidates}
          {...removing}
          onClose={() => setRemoving(null)}
          onDone={() => {
            setRemoving(null);
            setRefusal(null);
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}
