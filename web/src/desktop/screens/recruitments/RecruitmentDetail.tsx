import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Popconfirm, Space, Tabs, Typography } from 'antd';
import { useParams } from 'react-router';
import { api, data } from '../../../api/client.ts';
import { label } from '../../../lib/labels.ts';
import { OrgName } from '../../components/OrgName.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { Board } from './Board.tsx';
import { CandidatesTab } from './CandidatesTab.tsx';
import { NEXT_STAGE, STAGE_LABELS } from './labels.ts';
import { type Candidate, errorText, type Ranking, type Recruitment } from './model.ts';
import { NoticeTab } from './NoticeTab.tsx';
import { RankingTab } from './RankingTab.tsx';
import { ReviewTab } from './ReviewTab.tsx';
import { ScoresTab } from './ScoresTab.tsx';

/**
 * One recruitment: the board by stage above, and a tab per sub-flow (考生, 成绩导入, 排名, 联审,
 * 公示与录用), each in its own file.
 */
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
              children: <ReviewTab recruitment={r} ranking={rank} candidates={all} onChanged={refresh} />,
            },
            {
              key: 'notice',
              label: '公示与录用',
              children: <NoticeTab recruitment={r} ranking={rank} candidates={all} onChanged={refresh} />,
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
