import { useQuery } from '@tanstack/react-query';
import { Empty, List, Tag } from 'antd-mobile';
import { api, data } from '../../api/client.ts';
import { chinesePeriod } from '../../lib/dates.ts';
import { label } from '../../lib/labels.ts';
import { QueryView } from '../QueryView.tsx';

const GRADE_COLOR: Record<string, string> = {
  excellent: 'success',
  competent: 'primary',
  basic: 'warning',
  failed: 'danger',
};

/** 考核: my results by period, with grade and rank in my unit. */
export default function EvaluationsPage() {
  const results = useQuery({
    queryKey: ['me', 'evaluations'],
    queryFn: () => data(api.GET('/v1/me/evaluations', {})),
  });
  return (
    <QueryView query={results}>
      {(page) =>
        page.items.length === 0 ? (
          <Empty description="暂无考核结果" />
        ) : (
          <List header="考核结果">
            {page.items.map((r) => (
              <List.Item
                key={`${r.kind}-${r.period}`}
                description={`总分 ${r.total.toFixed(1)} · 单位内第 ${r.rank} 名（共 ${r.unitSize} 人）`}
                extra={
                  <Tag color={GRADE_COLOR[r.grade] ?? 'default'}>{label('evaluationGrade', r.grade)}</Tag>
                }
              >
                {chinesePeriod(r.period)}（{label('evaluationKind', r.kind)}）
              </List.Item>
            ))}
          </List>
        )
      }
    </QueryView>
  );
}
