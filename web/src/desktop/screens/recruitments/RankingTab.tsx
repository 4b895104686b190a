import { Card, Empty, Table, Typography } from 'antd';
import { StatusTag } from '../../components/StatusTag.tsx';
import { PLACEMENT_LABELS } from './labels.ts';
import type { Ranking, RankingItem } from './model.ts';

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

/** Placements of candidates who left the selection during the notice (本人放弃 / 取消资格). */
const LEFT = new Set(['withdrawn', 'disqualified']);

/** Where the candidate stands: the placement's words; one who left as a grey tag (they hold no place). */
function placementCell(item: RankingItem) {
  if (!item.placement) return '进入面试';
  const label = PLACEMENT_LABELS[item.placement.status] ?? item.placement.status;
  return LEFT.has(item.placement.status) ? <StatusTag tone="default">{label}</StatusTag> : label;
}

/** 排名: written, interview, bonus, total, the tie-break and the placement. */
export function RankingTab({ ranking }: { ranking: Ranking | undefined }) {
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
                  render: (_: unknown, item: RankingItem) => placementCell(item),
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
