import { Card, Col, Row, Space, Typography } from 'antd';
import { PIPELINE, PLACEMENT_LABELS, REMOVAL_LABELS } from './labels.ts';
import type { Candidate, Ranking, Recruitment } from './model.ts';

/** Notes that mean the candidate is out. */
const DANGER_NOTES = new Set(['未通过', '联审未通过', ...Object.values(REMOVAL_LABELS)]);

/** The pipeline as a board: every candidate in the furthest column they reached. */
export function Board({
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
    else if (c.removal) columns.公示.push({ id: c.id, name: c.name, note: REMOVAL_LABELS[c.removal.kind] });
    else if (at >= 4 && selected.has(c.id))
      columns.公示.push({ id: c.id, name: c.name, ...(c.notice ? { note: '递补' } : {}) });
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
                      <Typography.Text type={DANGER_NOTES.has(c.note) ? 'danger' : 'secondary'}>
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
